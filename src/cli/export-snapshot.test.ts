import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../customers/customer-commands.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import type { WriteContext } from '../platform/write-context.js';
import { sharedTestDatabase, type SharedTestDatabase } from '../test/shared-database.js';
import { exportAll } from './export-command.js';

/**
 * The export reads one snapshot: a server process writing while it runs (a second connection here,
 * as another process would be) changes nothing in the file, so the file never holds, say, a contact
 * whose customer it does not hold.
 */

let shared: SharedTestDatabase;
let reader: DatabaseHandle;
let writer: DatabaseHandle;
const ctx: WriteContext = { actor: null, phoneRegion: 'US' };

beforeAll(async () => {
  shared = await sharedTestDatabase();
  reader = await shared.open();
  writer = await shared.open();
  for (let i = 0; i < 12; i++) {
    await writer.db.transaction().execute(async (trx) => {
      const id = await createCustomer(trx, ctx, { displayName: `Snapshot Person ${i}` });
      await createInteraction(trx, ctx, { customerId: id, channel: 'call', direction: 'inbound', summary: `Call ${i}` });
    });
  }
});
afterAll(async () => {
  await reader.close();
  await writer.close();
  await shared.drop();
});

function sink(into: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      into.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
}

describe('rapport export while the server writes', () => {
  it('writes the database as it was when the export began, and nothing that came after', async () => {
    const lines: string[] = [];
    let written = 0;
    const counts = await exportAll(reader.db, sink(lines), {
      pageSize: 5,
      // After the customers are out, another process adds a customer and their first call.
      afterPage: async (type) => {
        if (type !== 'customer' && type !== 'email') return;
        if (written > 0) return;
        written += 1;
        await writer.db.transaction().execute(async (trx) => {
          const id = await createCustomer(trx, ctx, { displayName: 'Came Later' });
          await createInteraction(trx, ctx, { customerId: id, channel: 'call', direction: 'inbound', summary: 'Call from someone who came later' });
        });
      },
    });
    expect(written).toBe(1);
    const records = lines.map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    const customers = new Set(records.filter((r) => r.type === 'customer').map((r) => r.data.id));
    const interactions = records.filter((r) => r.type === 'interaction');
    expect(customers.size).toBe(12);
    expect(interactions).toHaveLength(12);
    // Consistent: every contact's customer is in the file; and the later write is in it not at all.
    for (const i of interactions) expect(customers.has(i.data.customerId)).toBe(true);
    expect(lines.join('\n')).not.toContain('Came Later');
    expect(lines.join('\n')).not.toContain('came later');
    expect(counts).toMatchObject({ customer: 12, interaction: 12 });
    // The write itself happened: the next export has it.
    const again: string[] = [];
    await exportAll(reader.db, sink(again));
    expect(again.join('\n')).toContain('Came Later');
  });
});
