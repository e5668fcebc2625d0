import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database/connect.js';
import { newId } from '../ids.js';
import { nowIso } from '../time.js';
import { testDatabase } from '../../test/database.js';
import type { Actor } from './actor.js';
import { actorSeesFact, visibleRows } from './private-facts-sql.js';
import type { FactPrivacy } from './private-facts.js';

/** The SQL filter and the rule must agree on every combination of actor and fact, on both engines. */

let handle: DatabaseHandle;
const me = newId();
const other = newId();
const [north, south] = [newId(), newId()];
const facts: (FactPrivacy & { id: string })[] = [];

beforeAll(async () => {
  handle = await testDatabase();
  const db = handle.db;
  const now = nowIso();
  const stamp = { createdAt: now, updatedAt: now, createdBy: null, updatedBy: null };
  for (const id of [me, other]) {
    await db.insertInto('staff').values({ id, email: `${id}@x.test`, name: id, role: 'frontline', passwordHash: 'x', active: true, ...stamp }).execute();
  }
  for (const id of [north, south]) await db.insertInto('locations').values({ id, name: id, address: null, timezone: null, ...stamp }).execute();
  // The customer's own location plays no part: every customer here lives at the north branch.
  const customerId = newId();
  await db.insertInto('customers').values({
    id: customerId, kind: 'person', displayName: 'x', givenName: null, familyName: null, preferredName: null, pronunciation: null, pronouns: null,
    birthYear: null, birthMonth: null, birthDay: null, language: null, gender: null, locationId: north, ...stamp,
  }).execute();
  for (const audienceLocationId of [null, north, south]) {
    for (const sensitivity of ['normal', 'private'] as const) {
      for (const createdBy of [me, other, null]) {
        const id = newId();
        await db.insertInto('notes').values({ id, customerId, body: 'x', pinned: false, sensitivity, audienceLocationId, ...stamp, createdBy }).execute();
        facts.push({ id, sensitivity, createdBy, audienceLocationId });
      }
    }
  }
});
afterAll(() => handle.close());

const actors: (Actor | null)[] = [null];
for (const role of ['frontline', 'manager', 'admin'] as const) {
  for (const locationIds of [[], [north], [south], [north, south]]) {
    actors.push({ staffId: me, name: 'me', role, locationIds, via: 'session', tokenId: null, canWrite: true });
  }
}

describe('visibleRows', () => {
  it.each(actors.map((a) => [a ? `${a.role} at [${a.locationIds.length}] locations` : 'Rapport itself', a] as const))('agrees with the rule for %s', async (_label, actor) => {
    const rows = await handle.db.selectFrom('notes as n').select('n.id').where(visibleRows(actor, 'notes', 'n')).execute();
    const expected = facts.filter((f) => actorSeesFact(actor, f)).map((f) => f.id);
    expect(rows.map((r) => r.id).sort()).toEqual(expected.sort());
    // The nine normal facts are always visible.
    expect(expected.length).toBeGreaterThanOrEqual(9);
  });
});
