import { sql, type SqlBool } from 'kysely';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import type { NewRow, RowUpdate } from '../platform/database/schema.js';

/** The only place hand-off rows (and their customers, lines, cases, promises and reads) are read and written. */

export const insertHandoff = (db: Db, row: NewRow<'handoffs'>) => db.insertInto('handoffs').values(row).execute();
export const insertHandoffCustomer = (db: Db, row: NewRow<'handoffCustomers'>) => db.insertInto('handoffCustomers').values(row).execute();
export const insertHandoffNote = (db: Db, row: NewRow<'handoffNotes'>) => db.insertInto('handoffNotes').values(row).execute();
export const insertHandoffCase = (db: Db, row: NewRow<'handoffCases'>) => db.insertInto('handoffCases').values(row).execute();
export const insertHandoffPromise = (db: Db, row: NewRow<'handoffPromises'>) => db.insertInto('handoffPromises').values(row).execute();
export const insertHandoffRead = (db: Db, row: NewRow<'handoffReads'>) =>
  db.insertInto('handoffReads').values(row).onConflict((oc) => oc.columns(['handoffCustomerId', 'staffId']).doNothing()).execute();

export const updateHandoffRow = (db: Db, id: string, values: RowUpdate<'handoffs'>) => db.updateTable('handoffs').set(values).where('id', '=', id).execute();

export const findHandoffRow = (db: Db, id: string) => db.selectFrom('handoffs').selectAll().where('id', '=', id).executeTakeFirst();

/**
 * Takes a pending hand-off for the acceptor: one statement that only a pending row matches, so of
 * two accepting at once exactly one changes it (the other's update waits for the first to commit
 * on PostgreSQL, or runs after it on SQLite, and finds it accepted). True when this one won.
 */
export async function claimHandoff(db: Db, id: string, values: { acceptedBy: string; acceptedAt: string; updatedBy: string }): Promise<boolean> {
  const result = await db
    .updateTable('handoffs')
    .set({ status: 'accepted', acceptedBy: values.acceptedBy, acceptedAt: values.acceptedAt, updatedAt: values.acceptedAt, updatedBy: values.updatedBy })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The customers of a hand-off still live (a customer in the trash is left out), in the order written. */
export const handoffCustomerRows = (db: Db, handoffIds: string[]) =>
  handoffIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('handoffCustomers as hc')
        .innerJoin('customers as c', 'c.id', 'hc.customerId')
        .select(['hc.id', 'hc.handoffId', 'hc.customerId', 'hc.position', 'hc.createdAt', 'c.displayName'])
        .where('hc.handoffId', 'in', handoffIds)
        .orderBy('hc.handoffId')
        .orderBy('hc.position')
        .execute();

/** The lines of some hand-off customers that the actor may read (the one privacy rule). */
export const visibleNoteRows = (db: Db, actor: ActorOrSystem, itemIds: string[]) =>
  itemIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('handoffNotes as n')
        .select(['n.id', 'n.handoffCustomerId', 'n.customerId', 'n.topic', 'n.body', 'n.sensitivity', 'n.audienceLocationId', 'n.createdBy', 'n.createdAt'])
        .where('n.handoffCustomerId', 'in', itemIds)
        .where(visibleRows(actor, 'handoffNotes', 'n'))
        .orderBy('n.createdAt')
        .orderBy('n.id')
        .execute();

export const handoffCaseRows = (db: Db, itemIds: string[]) =>
  itemIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('handoffCases as hk')
        .innerJoin('cases as k', 'k.id', 'hk.caseId')
        .leftJoin('staff as o', 'o.id', 'k.ownerId')
        .select(['hk.handoffCustomerId', 'k.id', 'k.subject', 'k.status', 'k.ownerId', 'o.name as ownerName'])
        .where('hk.handoffCustomerId', 'in', itemIds)
        .orderBy('k.openedAt')
        .execute();

export const movedPromiseRows = (db: Db, itemIds: string[]) =>
  itemIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('handoffPromises as hp')
        .innerJoin('promises as p', 'p.id', 'hp.promiseId')
        .leftJoin('staff as o', 'o.id', 'p.ownerId')
        .select(['hp.handoffCustomerId', 'p.id', 'p.what', 'p.dueBy', 'p.status', 'p.ownerId', 'o.name as ownerName'])
        .where('hp.handoffCustomerId', 'in', itemIds)
        .orderBy('p.dueBy')
        .execute();

/** Open promises a staff member owns to some customers: what travels with their hand-off. */
export const openPromisesOwnedBy = (db: Db, ownerId: string, customerIds: string[]) =>
  customerIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('promises as p')
        .leftJoin('staff as o', 'o.id', 'p.ownerId')
        .select(['p.id', 'p.customerId', 'p.what', 'p.dueBy', 'p.status', 'p.ownerId', 'o.name as ownerName'])
        .where('p.ownerId', '=', ownerId)
        .where('p.status', '=', 'open')
        .where('p.customerId', 'in', customerIds)
        .orderBy('p.dueBy')
        .orderBy('p.id')
        .execute();

export const readRows = (db: Db, itemIds: string[]) =>
  itemIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('handoffReads as r')
        .leftJoin('staff as s', 's.id', 'r.staffId')
        .select(['r.handoffCustomerId', 'r.staffId', 's.name as staffName', 'r.readAt'])
        .where('r.handoffCustomerId', 'in', itemIds)
        .orderBy('r.readAt')
        .execute();

/** Names of staff members and locations, by id. */
export async function namesOf(db: Db, table: 'staff' | 'locations', ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const staffMember = (db: Db, id: string) => db.selectFrom('staff').select(['id', 'name', 'role', 'active', 'kind']).where('id', '=', id).executeTakeFirst();


export const locationRow = (db: Db, id: string) => db.selectFrom('locations').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

export const liveCustomer = (db: Db, id: string) =>
  db.selectFrom('customers').select(['id', 'displayName', 'locationId']).where('id', '=', id).where('erasedAt', 'is', null).executeTakeFirst();

export const caseRow = (db: Db, id: string) => db.selectFrom('cases').select(['id', 'customerId', 'status', 'ownerId', 'subject']).where('id', '=', id).executeTakeFirst();

export const handoffCustomerRow = (db: Db, handoffId: string, customerId: string) =>
  db.selectFrom('handoffCustomers').selectAll().where('handoffId', '=', handoffId).where('customerId', '=', customerId).executeTakeFirst();

export const caseIdsOfItem = async (db: Db, itemId: string): Promise<string[]> =>
  (await db.selectFrom('handoffCases').select('caseId').where('handoffCustomerId', '=', itemId).execute()).flatMap((r) => (r.caseId ? [r.caseId] : []));

/** Newest first after a cursor (createdAt, id). */
const newerFirst = (before: { at: string; id: string } | null) =>
  before === null
    ? sql<SqlBool>`1 = 1`
    : sql<SqlBool>`(${sql.ref('h.createdAt')} < ${before.at} or (${sql.ref('h.createdAt')} = ${before.at} and ${sql.ref('h.id')} < ${before.id}))`;

/** One page of a staff member's hand-offs: incoming (pending, to them or a location of theirs), outgoing (theirs), accepted (by them). */
export function listHandoffRows(db: Db, q: { staffId: string; locationIds: string[]; box: 'incoming' | 'outgoing' | 'accepted'; before: { at: string; id: string } | null; limit: number }) {
  let query = db.selectFrom('handoffs as h').select(['h.id', 'h.createdAt']).where(newerFirst(q.before));
  if (q.box === 'outgoing') query = query.where('h.fromStaffId', '=', q.staffId);
  else if (q.box === 'accepted') query = query.where('h.acceptedBy', '=', q.staffId);
  else {
    query = query
      .where('h.status', '=', 'pending')
      .where('h.fromStaffId', '!=', q.staffId)
      .where((eb) => eb.or([eb('h.toStaffId', '=', q.staffId), ...(q.locationIds.length ? [eb('h.toLocationId', 'in', q.locationIds)] : [])]));
  }
  return query.orderBy('h.createdAt', 'desc').orderBy('h.id', 'desc').limit(q.limit).execute();
}

/** One page of a location's open hand-offs, oldest first after a cursor (createdAt, id). */
export function pendingAt(db: Db, locationId: string, after: { at: string; id: string } | null, limit: number) {
  let query = db.selectFrom('handoffs as h').select(['h.id', 'h.createdAt']).where('h.locationId', '=', locationId).where('h.status', '=', 'pending');
  if (after) query = query.where(sql<SqlBool>`(${sql.ref('h.createdAt')} > ${after.at} or (${sql.ref('h.createdAt')} = ${after.at} and ${sql.ref('h.id')} > ${after.id}))`);
  return query.orderBy('h.createdAt').orderBy('h.id').limit(limit).execute();
}

/** One page of a location's hand-offs accepted since a moment, newest first after a cursor (acceptedAt, id). */
export function acceptedAtSince(db: Db, locationId: string, since: string, before: { at: string; id: string } | null, limit: number) {
  let query = db
    .selectFrom('handoffs as h')
    .select(['h.id', 'h.acceptedAt'])
    .where('h.locationId', '=', locationId)
    .where('h.status', '=', 'accepted')
    .where('h.acceptedAt', '>=', since);
  if (before) query = query.where(sql<SqlBool>`(${sql.ref('h.acceptedAt')} < ${before.at} or (${sql.ref('h.acceptedAt')} = ${before.at} and ${sql.ref('h.id')} < ${before.id}))`);
  return query.orderBy('h.acceptedAt', 'desc').orderBy('h.id', 'desc').limit(limit).execute();
}

/** Who a location's open hand-offs wait on: per addressee, how many and since when (all of them, not one page). */
export const waitingAt = (db: Db, locationId: string) =>
  db
    .selectFrom('handoffs')
    .select((eb) => ['toStaffId', 'toLocationId', eb.fn.countAll<number>().as('handoffs'), eb.fn.min('createdAt').as('since')])
    .where('locationId', '=', locationId)
    .where('status', '=', 'pending')
    .groupBy(['toStaffId', 'toLocationId'])
    .execute();

/**
 * Withdraws a pending hand-off: one statement that only a pending row matches, so that a withdrawal
 * and an acceptance at the same moment cannot both happen. True when this one changed it.
 */
export async function withdrawPending(db: Db, id: string, values: { withdrawnBy: string; withdrawnAt: string }): Promise<boolean> {
  const result = await db
    .updateTable('handoffs')
    .set({ status: 'withdrawn', withdrawnBy: values.withdrawnBy, withdrawnAt: values.withdrawnAt, updatedAt: values.withdrawnAt, updatedBy: values.withdrawnBy })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The active people on the staff of a location: who its next shift is. */
export const activeStaffAt = async (db: Db, locationId: string): Promise<string[]> =>
  (
    await db
      .selectFrom('staffLocations as sl')
      .innerJoin('staff as s', 's.id', 'sl.staffId')
      .select('s.id')
      .where('sl.locationId', '=', locationId)
      .where('s.active', '=', true)
      .where('s.kind', '=', 'person')
      .orderBy('s.id')
      .execute()
  ).map((r) => r.id);

export const handoffRows = (db: Db, ids: string[]) => (ids.length ? db.selectFrom('handoffs').selectAll().where('id', 'in', ids).execute() : Promise.resolve([]));

/** A customer's hand-offs, newest first: for the brief's banner and the timeline. */
const customerHandoffsQuery = preparedQuery((db, p: { customerId: string; limit: number }) =>
  db
    .selectFrom('handoffCustomers as hc')
    .innerJoin('handoffs as h', 'h.id', 'hc.handoffId')
    .select(['hc.id as itemId', 'hc.createdAt', 'h.id', 'h.status', 'h.fromStaffId', 'h.toStaffId', 'h.toLocationId', 'h.acceptedBy', 'h.acceptedAt', 'h.withdrawnBy', 'h.withdrawnAt'])
    .where('hc.customerId', '=', p.customerId)
    .orderBy('hc.createdAt', 'desc')
    .orderBy('hc.id', 'desc')
    .limit(p.limit),
);
export const customerHandoffRows = (db: Db, customerId: string, limit: number) => customerHandoffsQuery.execute(db, { customerId, limit });

/** Customers a staff member owns open promises or open cases of. */
export async function heldCustomerRows(db: Db, staffId: string, openCaseStatuses: readonly string[]) {
  const [promises, cases] = await Promise.all([
    db
      .selectFrom('promises as p')
      .innerJoin('customers as c', 'c.id', 'p.customerId')
      .select(['p.id', 'p.customerId', 'c.displayName', 'p.what', 'p.dueBy'])
      .where('p.ownerId', '=', staffId)
      .where('p.status', '=', 'open')
      .orderBy('p.dueBy')
      .limit(500)
      .execute(),
    db
      .selectFrom('cases as k')
      .innerJoin('customers as c', 'c.id', 'k.customerId')
      .select(['k.id', 'k.customerId', 'c.displayName', 'k.subject', 'k.status'])
      .where('k.ownerId', '=', staffId)
      .where('k.status', 'in', [...openCaseStatuses] as never[])
      .orderBy('k.openedAt')
      .limit(500)
      .execute(),
  ]);
  return { promises, cases };
}
