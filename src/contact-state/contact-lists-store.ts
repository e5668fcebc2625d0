import { sql, type Expression } from 'kysely';
import type { Db } from '../platform/database/connect.js';

/**
 * The lists read from contact_states: who waits for an answer (longest first), and who is due a
 * contact (most overdue first). Each page is picked from one partial index (per location, per owner,
 * per last contact, or all), then joined to names; several locations or "mine" (owner or last
 * contact) are one index range each, merged here. Keys: (time, customer id), for cursors.
 */

export interface PageKey {
  at: string;
  customerId: string;
}

export interface WaitingRow {
  customerId: string;
  displayName: string;
  locationId: string | null;
  locationName: string | null;
  waitingSince: string;
  waitingCount: number;
  waitingChannels: string | null;
  firstSummary: string | null;
  lastContactStaffId: string | null;
  lastContactStaffName: string | null;
  keepOwnerId: string | null;
}

export interface DueRow {
  customerId: string;
  displayName: string;
  locationId: string | null;
  locationName: string | null;
  everyDays: number;
  ownerId: string | null;
  ownerName: string | null;
  lastContactAt: string | null;
  dueAt: string;
}

/** One index range: all waiting customers, or those of one location, owner or last contact. */
export type WaitingScope = { all: true } | { locationId: string } | { keepOwnerId: string } | { lastContactStaffId: string };
export type DueScope = { all: true } | { locationId: string } | { keepOwnerId: string };

function waitingRange(db: Db, scope: WaitingScope, after: PageKey | null) {
  let q = db.selectFrom('contactStates as s').where('s.waitingSince', 'is not', null);
  if ('locationId' in scope) q = q.where('s.locationId', '=', scope.locationId);
  if ('keepOwnerId' in scope) q = q.where('s.keepOwnerId', '=', scope.keepOwnerId);
  if ('lastContactStaffId' in scope) q = q.where('s.lastContactStaffId', '=', scope.lastContactStaffId);
  // A row comparison: both engines start the index range at the cursor (an OR would have PostgreSQL sort).
  if (after) q = q.where((eb) => eb(eb.refTuple('s.waitingSince', 's.customerId'), '>', eb.tuple(after.at, after.customerId)));
  return q;
}

function dueRange(db: Db, scope: DueScope, now: string, after: PageKey | null) {
  let q = db.selectFrom('contactStates as s').where('s.keepDueAt', 'is not', null).where('s.keepDueAt', '<=', now);
  if ('locationId' in scope) q = q.where('s.locationId', '=', scope.locationId);
  if ('keepOwnerId' in scope) q = q.where('s.keepOwnerId', '=', scope.keepOwnerId);
  if (after) q = q.where((eb) => eb(eb.refTuple('s.keepDueAt', 's.customerId'), '>', eb.tuple(after.at, after.customerId)));
  return q;
}

const waitingIds = (db: Db, scope: WaitingScope, after: PageKey | null, limit: number) =>
  waitingRange(db, scope, after).select(['s.customerId', 's.waitingSince']).orderBy('s.waitingSince').orderBy('s.customerId').limit(limit).execute();

const dueIds = (db: Db, scope: DueScope, now: string, after: PageKey | null, limit: number) =>
  dueRange(db, scope, now, after).select(['s.customerId', 's.keepDueAt']).orderBy('s.keepDueAt').orderBy('s.customerId').limit(limit).execute();

/** The first `limit` keys of several sorted ranges, merged, each customer once. */
function merge(ranges: { customerId: string; at: string }[][], limit: number): string[] {
  const all = ranges.flat().sort((a, b) => a.at.localeCompare(b.at) || a.customerId.localeCompare(b.customerId));
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const r of all) {
    if (seen.has(r.customerId)) continue;
    seen.add(r.customerId);
    ids.push(r.customerId);
    if (ids.length === limit) break;
  }
  return ids;
}

/** Waiting customers in any of the scopes, longest first: at most `limit`, after `after`. */
export async function waitingPage(db: Db, scopes: readonly WaitingScope[], after: PageKey | null, limit: number): Promise<WaitingRow[]> {
  const ranges = await Promise.all(scopes.map((scope) => waitingIds(db, scope, after, limit)));
  const ids = merge(
    ranges.map((r) => r.map((x) => ({ customerId: x.customerId, at: x.waitingSince! }))),
    limit,
  );
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('contactStates as s')
    .innerJoin('customers as c', 'c.id', 's.customerId')
    .leftJoin('locations as l', 'l.id', 's.locationId')
    .leftJoin('interactions as i', 'i.id', 's.waitingFirstInteractionId')
    .leftJoin('staff as st', 'st.id', 's.lastContactStaffId')
    .select([
      's.customerId',
      'c.displayName',
      's.locationId',
      'l.name as locationName',
      's.waitingSince',
      's.waitingCount',
      's.waitingChannels',
      'i.summary as firstSummary',
      's.lastContactStaffId',
      'st.name as lastContactStaffName',
      's.keepOwnerId',
    ])
    // By primary key only: a condition on waiting_since here would have SQLite scan the list's partial index instead.
    .where('s.customerId', 'in', ids)
    .execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows
    .filter((r) => r.waitingSince !== null)
    .map((r) => ({
      ...r,
      waitingSince: r.waitingSince!,
      waitingCount: Number(r.waitingCount),
      locationName: r.locationName ?? null,
      firstSummary: r.firstSummary ?? null,
      lastContactStaffName: r.lastContactStaffName ?? null,
    }))
    .sort((a, b) => order.get(a.customerId)! - order.get(b.customerId)!);
}

/** Customers past their keep-in-touch cadence at `now` in any of the scopes, most overdue first. */
export async function duePage(db: Db, scopes: readonly DueScope[], now: string, after: PageKey | null, limit: number): Promise<DueRow[]> {
  const ranges = await Promise.all(scopes.map((scope) => dueIds(db, scope, now, after, limit)));
  const ids = merge(
    ranges.map((r) => r.map((x) => ({ customerId: x.customerId, at: x.keepDueAt! }))),
    limit,
  );
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('contactStates as s')
    .innerJoin('customers as c', 'c.id', 's.customerId')
    .leftJoin('locations as l', 'l.id', 's.locationId')
    .leftJoin('staff as o', 'o.id', 's.keepOwnerId')
    .select(['s.customerId', 'c.displayName', 's.locationId', 'l.name as locationName', 's.keepEveryDays', 's.keepOwnerId', 'o.name as ownerName', 's.lastContactAt', 's.keepDueAt'])
    .where('s.customerId', 'in', ids)
    .execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows
    .filter((r) => r.keepDueAt !== null && r.keepEveryDays !== null)
    .map((r) => ({
      customerId: r.customerId,
      displayName: r.displayName,
      locationId: r.locationId,
      locationName: r.locationName ?? null,
      everyDays: Number(r.keepEveryDays),
      ownerId: r.keepOwnerId,
      ownerName: r.ownerName ?? null,
      lastContactAt: r.lastContactAt,
      dueAt: r.keepDueAt!,
    }))
    .sort((a, b) => order.get(a.customerId)! - order.get(b.customerId)!);
}

/** How many customers wait in these scopes, counting no further than `cap` (for "and N more"). */
export async function countWaiting(db: Db, scopes: readonly WaitingScope[], cap: number): Promise<number> {
  return countUnion(db, scopes.map((scope) => waitingRange(db, scope, null).select('s.customerId').limit(cap)));
}

export async function countDue(db: Db, scopes: readonly DueScope[], now: string, cap: number): Promise<number> {
  return countUnion(db, scopes.map((scope) => dueRange(db, scope, now, null).select('s.customerId').limit(cap)));
}

/** How many customers the ranges hold together, each once, counted in the database. */
async function countUnion(db: Db, ranges: Expression<unknown>[]): Promise<number> {
  if (ranges.length === 0) return 0;
  // Each range in a subquery of its own (a LIMIT inside a UNION needs one); UNION keeps each customer once.
  const parts = ranges.map((range, i) => sql`select * from (${range}) as ${sql.raw(`r${i}`)}`);
  const { rows } = await sql<{ n: number }>`select count(*) as n from (${sql.join(parts, sql` union `)}) as u`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Customers with an owner to remind between `from` and `to` (came due, or a cadence set on someone overdue). */
export function remindersBetween(db: Db, from: string, to: string, limit: number) {
  return db
    .selectFrom('contactStates as s')
    .innerJoin('customers as c', 'c.id', 's.customerId')
    .select(['s.customerId', 'c.displayName', 's.keepOwnerId', 's.keepDueAt', 's.keepEveryDays', 's.lastContactAt'])
    .where('s.keepRemindAt', 'is not', null)
    .where('s.keepOwnerId', 'is not', null)
    .where('s.keepRemindAt', '>', from)
    .where('s.keepRemindAt', '<=', to)
    .orderBy('s.keepRemindAt', 'desc')
    .orderBy('s.customerId')
    .limit(limit)
    .execute();
}
