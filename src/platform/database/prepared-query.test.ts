import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import { openDatabase, type DatabaseHandle } from './connect.js';
import { preparedQuery } from './prepared-query.js';

/**
 * A prepared query answers exactly what the same query built afresh answers, for every parameter
 * value, array length and shape; a builder that hides SQL in its parameters is caught under test.
 */

let handle: DatabaseHandle;
const stamp = '2026-11-30T00:00:00.000Z';
const authored = { createdAt: stamp, updatedAt: stamp, createdBy: null, updatedBy: null };
const staff = (id: string, name: string, role: 'frontline' | 'manager') => ({ ...authored, id, email: `${id}@example.test`, name, role, passwordHash: 'none', active: true });

beforeAll(async () => {
  handle = await testDatabase();
  await handle.db.insertInto('staff').values([staff('s1', 'Ana', 'frontline'), staff('s2', 'Ben', 'manager'), staff('s3', 'Cleo', 'frontline')]).execute();
  await handle.db
    .insertInto('locations')
    .values(['l1', 'l2', 'l3'].map((id) => ({ ...authored, id, name: `Shop ${id}`, address: null, timezone: null, openingHours: null })))
    .execute();
  await handle.db
    .insertInto('staffLocations')
    .values([
      { staffId: 's1', locationId: 'l1' },
      { staffId: 's2', locationId: 'l1' },
      { staffId: 's2', locationId: 'l2' },
    ])
    .execute();
});
afterAll(() => handle.close());

const namesAt = preparedQuery((db, p: { locationIds: readonly string[]; role: 'frontline' | 'manager' }, shape) =>
  db
    .selectFrom('staff as s')
    .innerJoin('staffLocations as sl', 'sl.staffId', 's.id')
    .select(['s.name', 'sl.locationId'])
    .where('sl.locationId', 'in', p.locationIds)
    .$if(shape === 'same role', (q) => q.where('s.role', '=', p.role))
    .orderBy('s.name')
    .orderBy('sl.locationId'),
);

describe('prepared queries', () => {
  it('answer what the built query answers, for each value, array length and shape', async () => {
    const staffOf = preparedQuery((db, p: { staffId: string }) => db.selectFrom('staffLocations').select('locationId').where('staffId', '=', p.staffId).orderBy('locationId'));
    expect(await staffOf.execute(handle.db, { staffId: 's2' })).toEqual([{ locationId: 'l1' }, { locationId: 'l2' }]);
    expect(await staffOf.execute(handle.db, { staffId: 's1' })).toEqual([{ locationId: 'l1' }]);
    expect(await staffOf.execute(handle.db, { staffId: 's3' })).toEqual([]);
    expect(await staffOf.executeTakeFirst(handle.db, { staffId: 's1' })).toEqual({ locationId: 'l1' });

    expect(await namesAt.execute(handle.db, { locationIds: ['l1'], role: 'frontline' })).toEqual([
      { name: 'Ana', locationId: 'l1' },
      { name: 'Ben', locationId: 'l1' },
    ]);
    expect(await namesAt.execute(handle.db, { locationIds: ['l2', 'l1'], role: 'frontline' })).toEqual([
      { name: 'Ana', locationId: 'l1' },
      { name: 'Ben', locationId: 'l1' },
      { name: 'Ben', locationId: 'l2' },
    ]);
    expect(await namesAt.execute(handle.db, { locationIds: ['l2', 'l1'], role: 'manager' }, 'same role')).toEqual([
      { name: 'Ben', locationId: 'l1' },
      { name: 'Ben', locationId: 'l2' },
    ]);
    expect(await namesAt.execute(handle.db, { locationIds: ['l3'], role: 'frontline' })).toEqual([]);
  });

  it('run inside a transaction, on its connection', async () => {
    const names = preparedQuery((db, p: { id: string }) => db.selectFrom('staff').select('name').where('id', '=', p.id));
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await trx.updateTable('staff').set({ name: 'Ana María' }).where('id', '=', 's1').execute();
        expect(await names.executeTakeFirst(trx, { id: 's1' })).toEqual({ name: 'Ana María' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await names.executeTakeFirst(handle.db, { id: 's1' })).toEqual({ name: 'Ana' });
  });

  it('refuse, under test, a builder whose SQL depends on a parameter', async () => {
    const branching = preparedQuery((db, p: { id: string }) => db.selectFrom('staff').select('name').$if(p.id.startsWith('s'), (q) => q.where('id', '=', p.id)));
    await expect(branching.execute(handle.db, { id: 's1' })).rejects.toThrow(/depends on more than its shape and parameters/);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('keep answering on PostgreSQL when a table changes under a statement a connection holds parsed', async () => {
    // One connection, so that the statement parsed before the change is the one asked again after it.
    const one = openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, pgSchema: handle.schema!, poolSize: 1 });
    try {
      const whole = preparedQuery((db, p: { id: string }) => db.selectFrom('staff').selectAll().where('id', '=', p.id));
      expect(await whole.executeTakeFirst(one.db, { id: 's2' })).toMatchObject({ name: 'Ben' });
      await sql`alter table staff add column nickname text`.execute(one.db);
      await sql`update staff set nickname = 'Benny' where id = 's2'`.execute(one.db);
      // PostgreSQL refuses the plan it held ("cached plan must not change result type"): sent as text, it answers.
      expect(await whole.executeTakeFirst(one.db, { id: 's2' })).toMatchObject({ name: 'Ben', nickname: 'Benny' });
      expect(await whole.executeTakeFirst(one.db, { id: 's3' })).toMatchObject({ name: 'Cleo', nickname: null });
    } finally {
      await one.close();
    }
  });
});

