import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database/connect.js';
import { newId } from '../ids.js';
import { nowIso } from '../time.js';
import { testDatabase } from '../../test/database.js';
import type { Actor } from './actor.js';
import { actorSeesFact, visibleFactSql } from './private-facts-sql.js';

/** The SQL filter and canSeeFact must agree on every combination, on both engines. */

let handle: DatabaseHandle;
const me = newId();
const other = newId();
const [north, south] = [newId(), newId()];
const facts: { id: string; sensitivity: 'normal' | 'private'; createdBy: string | null; locationId: string | null }[] = [];

beforeAll(async () => {
  handle = await testDatabase();
  const db = handle.db;
  const now = nowIso();
  const stamp = { createdAt: now, updatedAt: now, createdBy: null, updatedBy: null };
  for (const id of [me, other]) {
    await db.insertInto('staff').values({ id, email: `${id}@x.test`, name: id, role: 'frontline', passwordHash: 'x', active: true, ...stamp }).execute();
  }
  for (const id of [north, south]) await db.insertInto('locations').values({ id, name: id, address: null, timezone: null, ...stamp }).execute();
  for (const locationId of [null, north, south]) {
    const customerId = newId();
    await db.insertInto('customers').values({
      id: customerId, kind: 'person', displayName: 'x', givenName: null, familyName: null, preferredName: null, pronunciation: null, pronouns: null,
      birthYear: null, birthMonth: null, birthDay: null, language: null, gender: null, locationId, ...stamp,
    }).execute();
    for (const sensitivity of ['normal', 'private'] as const) {
      for (const createdBy of [me, other, null]) {
        const id = newId();
        await db.insertInto('notes').values({ id, customerId, body: 'x', pinned: false, sensitivity, ...stamp, createdBy }).execute();
        facts.push({ id, sensitivity, createdBy, locationId });
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

describe('visibleFactSql', () => {
  it.each(actors.map((a) => [a ? `${a.role} at [${a.locationIds.length}] locations` : 'Rapport itself', a] as const))('agrees with canSeeFact for %s', async (_label, actor) => {
    const rows = await handle.db
      .selectFrom('notes as n')
      .innerJoin('customers as c', 'c.id', 'n.customerId')
      .select('n.id')
      .where(visibleFactSql(actor, { sensitivity: 'n.sensitivity', createdBy: 'n.createdBy', customerLocationId: 'c.locationId' }))
      .execute();
    const expected = facts.filter((f) => actorSeesFact(actor, f, { locationId: f.locationId })).map((f) => f.id);
    expect(rows.map((r) => r.id).sort()).toEqual(expected.sort());
    // The nine normal facts are always visible.
    expect(expected.length).toBeGreaterThanOrEqual(9);
  });
});
