import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../customers/customer-commands.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../platform/database/connect.js';
import type { WriteContext } from '../platform/write-context.js';
import { cliDatabase, runCli, tempDir } from '../test/cli.js';

/**
 * `rapport backup` while another process keeps writing, and `rapport restore` after things went
 * wrong, on the engine the tests run on: what comes back is checked row by row.
 */

let database: Awaited<ReturnType<typeof cliDatabase>>;
let handle: DatabaseHandle;
let dir: string;
const ctx: WriteContext = { actor: null, phoneRegion: 'US' };
const open = () => openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR!, poolSize: 2 });
const customers = (h: DatabaseHandle) => h.db.selectFrom('customers').selectAll().orderBy('id').execute();

beforeAll(async () => {
  database = await cliDatabase();
  dir = tempDir('rapport-backup-');
  handle = open();
  await migrateToLatest(handle);
  for (let i = 0; i < 25; i++) await handle.db.transaction().execute((trx) => createCustomer(trx, ctx, { displayName: `Backed Up ${i}`, emails: [{ address: `backed${i}@example.com` }] }));
});
afterAll(async () => {
  await handle.close();
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('rapport backup and restore', () => {
  it('backs up while another process writes, and a restore brings back exactly what the backup held', async () => {
    const before = await customers(handle);
    expect(before).toHaveLength(25);

    // Another process (a second connection) keeps adding customers while the backup runs.
    let writing = true;
    let added = 0;
    const writer = (async () => {
      while (writing) {
        await handle.db.transaction().execute((trx) => createCustomer(trx, ctx, { displayName: `Written During ${added}` }));
        added += 1;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const file = path.join(dir, 'first.backup');
    const made = await runCli(['backup', file], database.env);
    writing = false;
    await writer;
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/^Backed up /);
    expect(fs.existsSync(file)).toBe(true);
    expect(added).toBeGreaterThan(0);
    const atBackup = await customers(handle);

    // Things go wrong: a customer renamed, one deleted outright, one added.
    const [renamed, deleted] = before;
    await handle.db.updateTable('customers').set({ displayName: 'Wrongly Renamed' }).where('id', '=', renamed!.id).execute();
    await handle.db.deleteFrom('emails').where('customerId', '=', deleted!.id).execute();
    await handle.db.deleteFrom('customers').where('id', '=', deleted!.id).execute();
    await handle.db.transaction().execute((trx) => createCustomer(trx, ctx, { displayName: 'Came After The Backup' }));

    // Restore refuses without --yes, and refuses a file that is not a backup, changing nothing.
    const unconfirmed = await runCli(['restore', file], database.env);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toMatch(/--yes/);
    const notBackup = path.join(dir, 'notes.txt');
    fs.writeFileSync(notBackup, 'shopping list: milk, eggs\n');
    const wrongFile = await runCli(['restore', notBackup, '--yes'], database.env);
    expect(wrongFile.code).toBe(1);
    expect(wrongFile.stderr).toMatch(/^rapport: /);
    expect((await customers(handle)).find((c) => c.id === renamed!.id)?.displayName).toBe('Wrongly Renamed');
    const again = await runCli(['backup', file], database.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    // The server is stopped for a restore: this process lets go of the database too.
    await handle.close();
    const restored = await runCli(['restore', file, '--yes'], database.env);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^Restored /);
    handle = open();
    const after = await customers(handle);
    // Exactly the backup's rows: the 25 from before, untouched, and those written before the copy was taken.
    const atBackupIds = new Set(atBackup.map((c) => c.id));
    expect(after.filter((c) => !atBackupIds.has(c.id))).toEqual([]);
    expect(after).toEqual(atBackup.filter((c) => after.some((a) => a.id === c.id)));
    for (const row of before) expect(after.find((c) => c.id === row.id)).toEqual(row);
    expect(after.map((c) => c.displayName)).not.toContain('Came After The Backup');
    expect(after.map((c) => c.displayName)).not.toContain('Wrongly Renamed');
    const emails = await handle.db.selectFrom('emails').select(['customerId', 'address']).where('customerId', '=', deleted!.id).execute();
    expect(emails).toEqual([{ customerId: deleted!.id, address: 'backed1@example.com' }]);
  });
});
