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

/** Who the fill-in-later list is of: one staff member's own cases, or every open case at some locations (null: everywhere). */
export type MissingScope = { ownerId: string } | { locationIds: string[] | null };

/** Where a missing field stands in the list: 0 overdue, 1 due later, 2 due at dispatch or before closing. */
const bucketOf = (now: string) => sql<number>`case when ${sql.ref('f.dueAt')} <= ${now} then 0 when ${sql.ref('f.dueAt')} is not null then 1 else 2 end`;
const sortTimeOf = sql<string>`coalesce(${sql.ref('f.dueAt')}, ${sql.ref('c.openedAt')})`;

/**
 * A page of missing fields of open cases, in the order of Today's list (overdue first, then by
 * deadline, then those without one, oldest case first), after the key of the last one shown.
 * `now` is fixed by the first page, so a deadline passing while paging moves nothing.
 */
export function missingFieldsPage(db: Db, scope: MissingScope, now: string, after: { bucket: number; at: string; id: string } | null, limit: number) {
  let q = db
    .selectFrom('caseFields as f')
    .innerJoin('cases as c', 'c.id', 'f.caseId')
    .innerJoin('customers as cu', 'cu.id', 'c.customerId')
    .leftJoin('staff as s', 's.id', 'c.ownerId')
    .select(['f.id', 'f.caseId', 'f.fieldKey', 'f.label', 'f.due', 'f.dueHours', 'f.dueAt', 'c.customerId', 'c.subject', 'c.caseType', 'c.openedAt', 'c.helpDispatchedAt', 'c.ownerId', 'c.locationId', 'cu.displayName as customerName', 's.name as ownerName'])
    .select(bucketOf(now).as('bucket'))
    .where('c.status', 'in', [...openStatuses])
    .where('f.value', 'is', null);
  if ('ownerId' in scope) q = q.where('c.ownerId', '=', scope.ownerId);
  else if (scope.locationIds !== null) q = scope.locationIds.length ? q.where('c.locationId', 'in', scope.locationIds) : q.where(sql<boolean>`1 = 0`);
  if (after) {
    const bucket = bucketOf(now);
    q = q.where((eb) =>
      eb.or([
        eb(bucket, '>', after.bucket),
        eb.and([eb(bucket, '=', after.bucket), eb.or([eb(sortTimeOf, '>', after.at), eb.and([eb(sortTimeOf, '=', after.at), eb('f.id', '>', after.id)])])]),
      ]),
    );
  }
  return q.orderBy(bucketOf(now)).orderBy(sortTimeOf).orderBy('f.id').limit(limit + 1).execute();
}

export async function missingFieldCount(db: Db, owner: string | MissingScope): Promise<number> {
  const scope: MissingScope = typeof owner === 'string' ? { ownerId: owner } : owner;
  let q = db
    .selectFrom('caseFields as f')
    .innerJoin('cases as c', 'c.id', 'f.caseId')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.status', 'in', [...openStatuses])
    .where('f.value', 'is', null);
  if ('ownerId' in scope) q = q.where('c.ownerId', '=', scope.ownerId);
  else if (scope.locationIds !== null) q = scope.locationIds.length ? q.where('c.locationId', 'in', scope.locationIds) : q.where(sql<boolean>`1 = 0`);
  const row = await q.executeTakeFirstOrThrow();
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
