import { sql } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import type { NewRow, RowUpdate } from '../platform/database/schema.js';
import { openStatuses } from './case-clock-rules.js';

/** The only place case types, the fields of cases and the figures of time to help are read and written (issue 11). */

export const allCaseTypes = (db: Db) => db.selectFrom('caseTypes').selectAll().orderBy('label').orderBy('key').execute();

/** A type by its key, as typed on a case ('Roadside' finds roadside). */
export const findCaseType = (db: Db, key: string) => db.selectFrom('caseTypes').selectAll().where('key', '=', key.trim().toLowerCase()).executeTakeFirst();

export const insertCaseType = (db: Db, row: NewRow<'caseTypes'>) => db.insertInto('caseTypes').values(row).execute();

export const updateCaseType = (db: Db, key: string, values: RowUpdate<'caseTypes'>) => db.updateTable('caseTypes').set(values).where('key', '=', key).execute();

export const fieldsOfCase = (db: Db, caseId: string) => db.selectFrom('caseFields').selectAll().where('caseId', '=', caseId).orderBy('position').execute();

/** The fields of some cases, with who filled each in. */
export const fieldsOfCases = (db: Db, caseIds: string[]) =>
  caseIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('caseFields as f')
        .leftJoin('staff as s', 's.id', 'f.filledBy')
        .selectAll('f')
        .select('s.name as filledByName')
        .where('f.caseId', 'in', caseIds)
        .orderBy('f.caseId')
        .orderBy('f.position')
        .execute();

export const insertCaseFields = (db: Db, rows: NewRow<'caseFields'>[]) => (rows.length ? db.insertInto('caseFields').values(rows).execute() : Promise.resolve([]));

export const updateCaseField = (db: Db, id: string, values: RowUpdate<'caseFields'>) => db.updateTable('caseFields').set(values).where('id', '=', id).execute();

export const deleteCaseFields = (db: Db, ids: string[]) => (ids.length ? db.deleteFrom('caseFields').where('id', 'in', ids).execute() : Promise.resolve([]));

/** Fields due at dispatch take the dispatch moment as their deadline. */
export const setDispatchDeadlines = (db: Db, caseId: string, at: string | null) =>
  db.updateTable('caseFields').set({ dueAt: at }).where('caseId', '=', caseId).where('due', '=', 'dispatch').execute();

/** The ids of live customers with this phone number (E.164). */
export const customersWithPhone = async (db: Db, e164: string): Promise<string[]> =>
  (
    await db
      .selectFrom('phones as p')
      .innerJoin('customers as c', 'c.id', 'p.customerId')
      .select('c.id')
      .distinct()
      .where('p.e164', '=', e164)
      .where('c.erasedAt', 'is', null)
      .limit(2)
      .execute()
  ).map((r) => r.id);

/** Missing fields of a staff member's open cases: overdue first, then by deadline, then those due at dispatch or before closing (oldest case first). */
export function missingFieldsOf(db: Db, ownerId: string, now: string, limit: number) {
  return db
    .selectFrom('caseFields as f')
    .innerJoin('cases as c', 'c.id', 'f.caseId')
    .innerJoin('customers as cu', 'cu.id', 'c.customerId')
    .select(['f.id', 'f.caseId', 'f.fieldKey', 'f.label', 'f.due', 'f.dueHours', 'f.dueAt', 'c.customerId', 'c.subject', 'c.caseType', 'c.openedAt', 'c.helpDispatchedAt', 'cu.displayName as customerName'])
    .where('c.ownerId', '=', ownerId)
    .where('c.status', 'in', [...openStatuses])
    .where('f.value', 'is', null)
    .orderBy(sql`case when ${sql.ref('f.dueAt')} <= ${now} then 0 when ${sql.ref('f.dueAt')} is not null then 1 else 2 end`)
    .orderBy(sql`coalesce(${sql.ref('f.dueAt')}, ${sql.ref('c.openedAt')})`)
    .orderBy('f.id')
    .limit(limit)
    .execute();
}

export async function missingFieldCount(db: Db, ownerId: string): Promise<number> {
  const row = await db
    .selectFrom('caseFields as f')
    .innerJoin('cases as c', 'c.id', 'f.caseId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.ownerId', '=', ownerId)
    .where('c.status', 'in', [...openStatuses])
    .where('f.value', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The cases opened in [from, to) with what the report counts, optionally at some locations only. */
export function helpTimes(db: Db, range: { from: string; to: string }, locationIds: string[] | null, filter: { caseType?: string | undefined; locationId?: string | undefined }) {
  let q = db
    .selectFrom('cases as c')
    .select(['c.id', 'c.caseType', 'c.locationId', 'c.openedAt', 'c.helpDispatchedAt', 'c.completedAt'])
    .where('c.openedAt', '>=', range.from)
    .where('c.openedAt', '<', range.to);
  if (locationIds !== null) q = locationIds.length ? q.where('c.locationId', 'in', locationIds) : q.where(sql<boolean>`1 = 0`);
  if (filter.caseType) q = q.where('c.caseType', '=', filter.caseType);
  if (filter.locationId) q = q.where('c.locationId', '=', filter.locationId);
  return q.execute();
}
