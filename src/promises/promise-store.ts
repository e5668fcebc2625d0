import { sql, type ExpressionOrFactory, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import { olderThan, pageParams, pageShape, type PageParams, type PageQuery } from '../timeline/timeline-page.js';
import type { Database, NewRow, Row, RowUpdate } from '../platform/database/schema.js';
import { isDueWithinDay, isOverdue, isSlip, needsTelling, everTold, type FigureInput } from './promise-rules.js';
import { linkState } from './promise-link-rules.js';
import type { HandoverOut, LinkOut, PromiseOut, RevisionOut } from './promise-schemas.js';
import type { PromiseBriefFact } from './promise-words.js';

/** The only place promise rows (and their revisions, hand-overs, links and views) are read and written. */

export type PromiseRow = Row<'promises'>;

export const insertPromise = (db: Db, row: NewRow<'promises'>) => db.insertInto('promises').values(row).execute();
export const updatePromiseRow = (db: Db, id: string, values: RowUpdate<'promises'>) => db.updateTable('promises').set(values).where('id', '=', id).execute();
export const findPromiseRow = (db: Db, id: string) => db.selectFrom('promises').selectAll().where('id', '=', id).executeTakeFirst();

export const insertRevision = (db: Db, row: NewRow<'promiseRevisions'>) => db.insertInto('promiseRevisions').values(row).execute();
export const updateRevisionRow = (db: Db, id: string, values: RowUpdate<'promiseRevisions'>) =>
  db.updateTable('promiseRevisions').set(values).where('id', '=', id).execute();
/** The latest change of a promise's date (the one a customer is told of). */
export const latestRevision = (db: Db, promiseId: string) =>
  db.selectFrom('promiseRevisions').selectAll().where('promiseId', '=', promiseId).orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();

/** A promise's changes of date, oldest first. */
export const revisionsOf = (db: Db, promiseId: string) =>
  db.selectFrom('promiseRevisions').selectAll().where('promiseId', '=', promiseId).orderBy('createdAt').orderBy('id').execute();

export const insertHandover = (db: Db, row: NewRow<'promiseHandovers'>) => db.insertInto('promiseHandovers').values(row).execute();

export const insertLink = (db: Db, row: NewRow<'promiseLinks'>) => db.insertInto('promiseLinks').values(row).execute();
export const findLinkRow = (db: Db, id: string) => db.selectFrom('promiseLinks').selectAll().where('id', '=', id).executeTakeFirst();
export const updateLinkRow = (db: Db, id: string, values: RowUpdate<'promiseLinks'>) => db.updateTable('promiseLinks').set(values).where('id', '=', id).execute();
export const insertLinkView = (db: Db, row: NewRow<'promiseLinkViews'>) => db.insertInto('promiseLinkViews').values(row).execute();
export const lastViewAt = async (db: Db, linkId: string): Promise<string | null> =>
  ((await db.selectFrom('promiseLinkViews').select((eb) => eb.fn.max('at').as('at')).where('linkId', '=', linkId).executeTakeFirst())?.at as string | null) ?? null;

/** Who a staff member is, for choosing an owner: active people only own promises. */
export const staffRow = (db: Db, id: string) => db.selectFrom('staff').select(['id', 'name', 'role', 'active', 'kind']).where('id', '=', id).executeTakeFirst();

export async function staffNames(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export { staffLocationIds } from '../staff/staff-store.js';

export const locationRow = (db: Db, id: string) => db.selectFrom('locations').select(['id', 'name', 'timezone']).where('id', '=', id).executeTakeFirst();

export const customerRow = (db: Db, id: string) =>
  db.selectFrom('customers').select(['id', 'displayName', 'givenName', 'preferredName', 'locationId']).where('id', '=', id).where('erasedAt', 'is', null).executeTakeFirst();

export const interactionRow = (db: Db, id: string) => db.selectFrom('interactions').select(['id', 'customerId']).where('id', '=', id).executeTakeFirst();

const flag = (v: boolean | number): boolean => Boolean(v);

/** Whole promises as the API shows them: with their changes, hand-overs and links. */
export async function presentPromises(db: Db, rows: PromiseRow[], now: Date): Promise<PromiseOut[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [revisions, handovers, links] = await Promise.all([
    db.selectFrom('promiseRevisions').selectAll().where('promiseId', 'in', ids).orderBy('createdAt').orderBy('id').execute(),
    db.selectFrom('promiseHandovers').selectAll().where('promiseId', 'in', ids).orderBy('createdAt').orderBy('id').execute(),
    db
      .selectFrom('promiseLinks as l')
      .leftJoin('promiseLinkViews as v', 'v.linkId', 'l.id')
      .select((eb) => ['l.id', 'l.promiseId', 'l.createdAt', 'l.createdBy', 'l.expiresAt', 'l.revokedAt', eb.fn.count<number>('v.id').as('views'), eb.fn.max('v.at').as('lastOpenedAt')])
      .where('l.promiseId', 'in', ids)
      .groupBy(['l.id', 'l.promiseId', 'l.createdAt', 'l.createdBy', 'l.expiresAt', 'l.revokedAt'])
      .orderBy('l.createdAt', 'desc')
      .execute(),
  ]);
  const names = await staffNames(db, [
    ...rows.map((r) => r.ownerId),
    ...revisions.flatMap((r) => [r.createdBy, r.toldBy]),
    ...handovers.flatMap((h) => [h.fromStaffId, h.toStaffId]),
  ]);
  const name = (id: string | null) => (id ? names.get(id) ?? null : null);
  return rows.map((row) => {
    const revs: RevisionOut[] = revisions
      .filter((r) => r.promiseId === row.id)
      .map((r) => ({
        id: r.id,
        createdAt: r.createdAt,
        createdBy: r.createdBy,
        createdByName: name(r.createdBy),
        fromDueOn: r.fromDueOn,
        fromDueAt: r.fromDueAt,
        fromDueBy: r.fromDueBy,
        toDueOn: r.toDueOn,
        toDueAt: r.toDueAt,
        toDueBy: r.toDueBy,
        reason: r.reason,
        slip: isSlip(r),
        toldAt: r.toldAt,
        toldChannel: r.toldChannel,
        toldBy: r.toldBy,
        toldByName: name(r.toldBy),
        apologised: flag(r.apologised),
      }));
    const hands: HandoverOut[] = handovers
      .filter((h) => h.promiseId === row.id)
      .map((h) => ({ id: h.id, createdAt: h.createdAt, createdBy: h.createdBy, fromStaffId: h.fromStaffId, fromStaffName: name(h.fromStaffId), toStaffId: h.toStaffId, toStaffName: name(h.toStaffId), reason: h.reason }));
    const ls: LinkOut[] = links
      .filter((l) => l.promiseId === row.id)
      .map((l) => ({
        id: l.id,
        createdAt: l.createdAt,
        createdBy: l.createdBy,
        expiresAt: l.expiresAt,
        revokedAt: l.revokedAt,
        state: linkState(l, now),
        views: Number(l.views),
        lastOpenedAt: (l.lastOpenedAt as string | null) ?? null,
      }));
    return {
      id: row.id,
      customerId: row.customerId,
      what: row.what,
      madeAt: row.madeAt,
      ownerId: row.ownerId,
      ownerName: name(row.ownerId),
      locationId: row.locationId,
      timezone: row.timezone,
      dueOn: row.dueOn,
      dueAt: row.dueAt,
      dueBy: row.dueBy,
      originalDueOn: row.originalDueOn,
      originalDueAt: row.originalDueAt,
      originalDueBy: row.originalDueBy,
      status: row.status,
      keptAt: row.keptAt,
      closedAt: row.closedAt,
      closedBy: row.closedBy,
      closedReason: row.closedReason,
      interactionId: row.interactionId,
      overdue: isOverdue(row, now),
      dueWithinDay: isDueWithinDay(row, now),
      slips: revs.filter((r) => r.slip).length,
      needsTelling: needsTelling({ status: row.status, revisions: revs }),
      customerEverTold: everTold(revs),
      revisions: revs,
      handovers: hands,
      links: ls,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      createdBy: row.createdBy,
      updatedBy: row.updatedBy,
    };
  });
}

/** What the audit trail keeps of a promise: its own columns. */
export const promiseSnapshot = (row: PromiseRow) => ({ ...row });

export interface PromiseListFilter {
  customerId?: string | undefined;
  ownerId?: string | undefined;
  status?: PromiseRow['status'] | undefined;
  /** Only open promises due before this moment. */
  overdueAt?: string | undefined;
  /** The last promise of the previous page: due by, then id. */
  after: { dueBy: string; id: string } | null;
  limit: number;
}

/** Promises by due date (soonest first), then id. */
export function listPromiseRows(db: Db, f: PromiseListFilter): Promise<PromiseRow[]> {
  let q = db.selectFrom('promises').selectAll();
  if (f.customerId) q = q.where('customerId', '=', f.customerId);
  if (f.ownerId) q = q.where('ownerId', '=', f.ownerId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.overdueAt) q = q.where('status', '=', 'open').where('dueBy', '<', f.overdueAt);
  if (f.after) {
    const { dueBy, id } = f.after;
    q = q.where((eb) => eb.or([eb('dueBy', '>', dueBy), eb.and([eb('dueBy', '=', dueBy), eb('id', '>', id)])]));
  }
  return q.orderBy('dueBy').orderBy('id').limit(f.limit).execute();
}

/** Whose promises the figures cover: one customer's, one owner's, those at some locations (or mine), or all. */
export type FigureScope = { customerId: string } | { ownerId: string } | { locationIds: string[]; ownerId: string } | { all: true };

export async function figureInputs(db: Db, scope: FigureScope, from: string, to: string): Promise<FigureInput[]> {
  let q = db
    .selectFrom('promises as p')
    .select((eb) => [
      'p.ownerId',
      'p.locationId',
      'p.customerId',
      'p.status',
      'p.keptAt',
      'p.dueBy',
      'p.originalDueBy',
      eb
        .selectFrom('promiseRevisions as r')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('r.promiseId', '=', 'p.id')
        .whereRef('r.toDueBy', '>', 'r.fromDueBy')
        .as('slips'),
    ])
    .where('p.madeAt', '>=', from)
    .where('p.madeAt', '<=', to);
  if ('customerId' in scope) q = q.where('p.customerId', '=', scope.customerId);
  else if ('locationIds' in scope) {
    const { locationIds, ownerId } = scope;
    q = q.where((eb) => eb.or([eb('p.ownerId', '=', ownerId), ...(locationIds.length ? [eb('p.locationId', 'in', locationIds)] : [])]));
  } else if ('ownerId' in scope) q = q.where('p.ownerId', '=', scope.ownerId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, slips: Number(r.slips ?? 0) }));
}

export async function namesOf(db: Db, by: 'staff' | 'location' | 'customer', ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows =
    by === 'staff'
      ? await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', ids).execute()
      : by === 'location'
        ? await db.selectFrom('locations').select(['id', 'name']).where('id', 'in', ids).execute()
        : await db.selectFrom('customers').select(['id', 'displayName as name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Open promises of a customer with what the brief needs, soonest first. */
const openPromisesQuery = preparedQuery((db, p: { customerId: string }) =>
  db
    .selectFrom('promises as p')
    .leftJoin('staff as s', 's.id', 'p.ownerId')
    .select(['p.id', 'p.what', 'p.dueOn', 'p.dueAt', 'p.dueBy', 'p.originalDueOn', 'p.originalDueAt', 'p.timezone', 's.name as ownerName'])
    .where('p.customerId', '=', p.customerId)
    .where('p.status', '=', 'open')
    .orderBy('p.dueBy')
    .limit(20),
);

export async function openPromisesOf(db: Db, customerId: string) {
  const rows = await openPromisesQuery.execute(db, { customerId });
  const revisions = rows.length
    ? await db
        .selectFrom('promiseRevisions')
        .select(['promiseId', 'createdAt', 'fromDueBy', 'toDueBy', 'toldAt', 'apologised'])
        .where('promiseId', 'in', rows.map((r) => r.id))
        .orderBy('createdAt')
        .execute()
    : [];
  return rows.map((r) => ({ ...r, revisions: revisions.filter((v) => v.promiseId === r.id).map((v) => ({ ...v, apologised: flag(v.apologised) })) }));
}

/** Whose open promises Today lists: mine, and a manager's locations' (or every location's). */
export interface DueScope {
  ownerId: string;
  /** A manager's locations; [] with `all` for every promise. */
  locationIds?: string[];
  all?: boolean;
}

/** Open promises due by a moment in (from, to]: for Today, most pressing first. */
export interface DueWindow {
  from?: string;
  to: string;
}

type PromiseWhere = ExpressionOrFactory<Database & { p: Database['promises'] }, 'p', SqlBool>;

/** Beyond this many locations, one statement of one range per location gets long (SQLite allows 500 parts): one range for them all. */
const maxRanges = 50;

/**
 * A scope as disjoint parts, each read by an index: every promise, or the locations' and the
 * owner's own elsewhere (at no location or another). A manager's "mine or my locations'" as one
 * OR made SQLite walk the index of every location's promises; part by part, each reads its ranges
 * only, and counts add up without counting a promise twice. `perLocation`: one part per location,
 * for lists in due order (each range read in order, no further than the page); otherwise one part
 * for all the locations (sums).
 */
function scopeParts(scope: { all?: boolean; ownerId?: string; locationIds?: string[] }, perLocation = false): PromiseWhere[] {
  if (scope.all) return [sql<SqlBool>`1 = 1`];
  const locations = scope.locationIds ?? [];
  const ownerId = scope.ownerId!;
  if (!locations.length) return [(eb) => eb('p.ownerId', '=', ownerId)];
  const atLocations: PromiseWhere = (eb) => eb('p.locationId', 'in', locations);
  return [
    ...(perLocation && locations.length <= maxRanges ? locations.map((l): PromiseWhere => (eb) => eb('p.locationId', '=', l)) : [atLocations]),
    (eb) => eb.and([eb('p.ownerId', '=', ownerId), eb.or([eb('p.locationId', 'is', null), eb('p.locationId', 'not in', locations)])]),
  ];
}

const dueIn = (db: Db, window: DueWindow, part: PromiseWhere) => {
  let q = db.selectFrom('promises as p').where('p.status', '=', 'open').where('p.dueBy', '<=', window.to).where(part);
  if (window.from) q = q.where('p.dueBy', '>', window.from);
  return q;
};

/** A promise on Today before its details are read: enough to order it and to tell whether it is due today. */
export interface DueKey {
  id: string;
  dueBy: string;
  timezone: string;
}

/**
 * The open promises of a scope due in the window, soonest first (then by id): at most `limit`, or
 * all. One statement; each part of the scope one index range in due order (owner or location,
 * status, due by), read no further than `limit` rows.
 */
export async function dueKeys(db: Db, scope: DueScope, window: DueWindow, limit: number | null): Promise<DueKey[]> {
  const ranges = scopeParts(scope, limit !== null).map((part) => {
    const q = dueIn(db, window, part).select(['p.id', 'p.dueBy', 'p.timezone']);
    return limit === null ? q : q.orderBy('p.dueBy').orderBy('p.id').limit(limit);
  });
  const [first, ...rest] = ranges.map((r, i) => db.selectFrom(r.as(`r${i}`)).selectAll());
  const rows = await rest.reduce((q, r) => q.unionAll(r), first!).execute();
  // Both engines hand times back as ISO strings of one length (UTC, milliseconds): they sort as text.
  const byDue = (a: DueKey, b: DueKey) => (a.dueBy < b.dueBy ? -1 : a.dueBy > b.dueBy ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  rows.sort(byDue);
  return limit === null ? rows : rows.slice(0, limit);
}

/** How many open promises of a scope are due in the window: counted in the indexes, part by part. */
export async function dueCount(db: Db, scope: DueScope, window: DueWindow): Promise<number> {
  const parts = scopeParts(scope);
  const row = await db
    .selectNoFrom(parts.map((part, i) => dueIn(db, window, part).select((eb) => eb.fn.countAll<number>().as('n')).as(`n${i}`)))
    .executeTakeFirstOrThrow();
  return parts.reduce((total, _, i) => total + Number((row as Record<string, unknown>)[`n${i}`] ?? 0), 0);
}

/** Some promises with what Today shows of them, in no particular order. */
export const dueDetails = (db: Db, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('promises as p')
        .innerJoin('customers as c', 'c.id', 'p.customerId')
        .leftJoin('staff as s', 's.id', 'p.ownerId')
        .select(['p.id', 'p.customerId', 'c.displayName as customerName', 'p.what', 'p.dueOn', 'p.dueAt', 'p.dueBy', 'p.timezone', 'p.status', 'p.ownerId', 's.name as ownerName'])
        .where('p.id', 'in', ids)
        .execute();

/** Kept on time against the date first promised and the date in force, as `promiseFigures` judges (promise-rules.ts). */
export interface OnTimeCounts {
  byFirstDate: { onTime: number; judged: number };
  byDateInForce: { onTime: number; judged: number };
  slips: number;
}

/**
 * The on-time figures of the promises made since the UTC day `since` falls on, in a scope, as
 * `judge` judges them (kept by the deadline: on time; kept late, broken, or open past it: late; open
 * before it: pending; cancelled: not counted), without reading the promises one by one:
 * - the closed ones (kept, broken) and every promise's slips come from promise_tallies, kept per
 *   location and day by triggers (migration 0013);
 * - the open ones past a deadline are counted live (whether one is late depends on `now`), in the
 *   index ranges of open promises by first date and by date in force;
 * - a manager's own promises elsewhere (at no location or another) are summed from their rows.
 */
export async function onTimeCounts(db: Db, scope: { locationIds: string[]; ownerId: string } | { all: true }, since: string, now: string): Promise<OnTimeCounts> {
  const sinceDay = since.slice(0, 10);
  const from = `${sinceDay}T00:00:00.000Z`;
  if (!('all' in scope) && scope.locationIds.length === 0) return ownCounts(db, scope, from, now);
  const locations = 'all' in scope ? null : scope.locationIds;
  const tallied = db
    .selectFrom('promiseTallies as t')
    .select((eb) => [eb.fn.sum<number>('t.closed').as('closed'), eb.fn.sum<number>('t.firstOnTime').as('firstOnTime'), eb.fn.sum<number>('t.onTime').as('onTime'), eb.fn.sum<number>('t.slips').as('slips')])
    .where('t.madeOn', '>=', sinceDay)
    .$if(locations !== null, (q) => q.where('t.locationKey', 'in', locations!));
  const lateOpen = (deadline: 'p.dueBy' | 'p.originalDueBy') =>
    db
      .selectFrom('promises as p')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('p.status', '=', 'open')
      .where(deadline, '<', now)
      .where('p.madeAt', '>=', from)
      .$if(locations !== null, (q) => q.where('p.locationId', 'in', locations!));
  const [t, lateByFirst, lateInForce, own] = await Promise.all([
    tallied.executeTakeFirstOrThrow(),
    lateOpen('p.originalDueBy').executeTakeFirstOrThrow(),
    lateOpen('p.dueBy').executeTakeFirstOrThrow(),
    'all' in scope ? null : ownCounts(db, scope, from, now),
  ]);
  const closed = Number(t.closed ?? 0);
  return {
    byFirstDate: { onTime: Number(t.firstOnTime ?? 0) + (own?.byFirstDate.onTime ?? 0), judged: closed + Number(lateByFirst.n) + (own?.byFirstDate.judged ?? 0) },
    byDateInForce: { onTime: Number(t.onTime ?? 0) + (own?.byDateInForce.onTime ?? 0), judged: closed + Number(lateInForce.n) + (own?.byDateInForce.judged ?? 0) },
    slips: Number(t.slips ?? 0) + (own?.slips ?? 0),
  };
}

/** Someone's own promises made since `from` at no location or at one not in `locationIds`, judged row by row (few). */
async function ownCounts(db: Db, scope: { locationIds: string[]; ownerId: string }, from: string, now: string): Promise<OnTimeCounts> {
  const when = (condition: RawBuilder<unknown>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
  const closed = sql`${sql.ref('p.status')} in ('kept', 'broken')`;
  const keptBy = (deadline: string) => when(sql`${sql.ref('p.status')} = 'kept' and ${sql.ref('p.keptAt')} <= ${sql.ref(deadline)}`);
  const judged = (deadline: string) => when(sql`${closed} or (${sql.ref('p.status')} = 'open' and ${sql.ref(deadline)} < ${now})`);
  const row = await db
    .selectFrom('promises as p')
    .select((eb) => [
      keptBy('p.originalDueBy').as('firstOnTime'),
      judged('p.originalDueBy').as('firstJudged'),
      keptBy('p.dueBy').as('onTime'),
      judged('p.dueBy').as('judged'),
      eb.fn.sum<number>('p.slips').as('slips'),
    ])
    .where('p.ownerId', '=', scope.ownerId)
    .where('p.madeAt', '>=', from)
    .$if(scope.locationIds.length > 0, (q) => q.where((eb) => eb.or([eb('p.locationId', 'is', null), eb('p.locationId', 'not in', scope.locationIds)])))
    .executeTakeFirstOrThrow();
  return {
    byFirstDate: { onTime: Number(row.firstOnTime ?? 0), judged: Number(row.firstJudged ?? 0) },
    byDateInForce: { onTime: Number(row.onTime ?? 0), judged: Number(row.judged ?? 0) },
    slips: Number(row.slips ?? 0),
  };
}

/** Open promises whose due-by moment falls in (from, to]: for reminders. */
export const openDueBetween = (db: Db, from: string, to: string) =>
  db
    .selectFrom('promises as p')
    .innerJoin('customers as c', 'c.id', 'p.customerId')
    .leftJoin('staff as s', 's.id', 'p.ownerId')
    .select(['p.id', 'p.customerId', 'c.displayName as customerName', 'p.what', 'p.dueOn', 'p.dueAt', 'p.dueBy', 'p.timezone', 'p.status', 'p.ownerId', 's.name as ownerName'])
    .where('p.status', '=', 'open')
    .where('p.dueBy', '>', from)
    .where('p.dueBy', '<=', to)
    .orderBy('p.dueBy')
    .execute();

/**
 * The managers of each staff member: active managers who share a location with them, and managers
 * with no locations (who look after every location).
 */
export async function managersOf(db: Db, staffIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(staffIds.map((id) => [id, []]));
  if (!staffIds.length) return out;
  const managers = await db
    .selectFrom('staff as m')
    .leftJoin('staffLocations as ml', 'ml.staffId', 'm.id')
    .select(['m.id', 'ml.locationId'])
    .where('m.role', '=', 'manager')
    .where('m.active', '=', true)
    .where('m.kind', '=', 'person')
    .execute();
  const theirs = await db.selectFrom('staffLocations').select(['staffId', 'locationId']).where('staffId', 'in', staffIds).execute();
  const everywhere = [...new Set(managers.filter((m) => m.locationId === null).map((m) => m.id))];
  for (const staffId of staffIds) {
    const places = new Set(theirs.filter((t) => t.staffId === staffId).map((t) => t.locationId));
    const local = managers.filter((m) => m.locationId !== null && places.has(m.locationId)).map((m) => m.id);
    out.set(staffId, [...new Set([...local, ...everywhere])].filter((id) => id !== staffId));
  }
  return out;
}

const made = preparedQuery((db, p: PageParams, shape) => {
  const at = sql<string>`${sql.ref('p.madeAt')}`;
  const id = sql<string>`${sql.ref('p.id')}`;
  return db
    .selectFrom('promises as p')
    .leftJoin('staff as s', 's.id', 'p.createdBy')
    .select(['p.id', 'p.id as promiseId', 'p.madeAt as at', 'p.what', 'p.originalDueOn', 'p.originalDueAt', 'p.timezone', 's.name as staffName'])
    .where('p.customerId', '=', p.customerId)
    .where(olderThan(at, id, shape, p))
    .orderBy('p.madeAt', 'desc')
    .orderBy('p.id', 'desc')
    .limit(p.limit);
});

const revised = preparedQuery((db, p: PageParams, shape) => {
  const at = sql<string>`${sql.ref('r.createdAt')}`;
  const id = sql<string>`${sql.ref('r.id')}`;
  return db
    .selectFrom('promiseRevisions as r')
    .innerJoin('promises as p', 'p.id', 'r.promiseId')
    .leftJoin('staff as s', 's.id', 'r.createdBy')
    .select(['r.id', 'r.promiseId', 'r.createdAt as at', 'p.what', 'p.timezone', 'r.fromDueOn', 'r.fromDueAt', 'r.toDueOn', 'r.toDueAt', 'r.reason', 'r.toldAt', 'r.toldChannel', 'r.apologised', 's.name as staffName'])
    .where('r.customerId', '=', p.customerId)
    .where(olderThan(at, id, shape, p))
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc')
    .limit(p.limit);
});

// Telling them recorded after the change itself (told at once is said with the change).
const told = preparedQuery((db, p: PageParams, shape) => {
  const at = sql<string>`${sql.ref('r.toldAt')}`;
  const id = sql<string>`${sql.ref('r.id')} || ':told'`;
  return db
    .selectFrom('promiseRevisions as r')
    .innerJoin('promises as p', 'p.id', 'r.promiseId')
    .leftJoin('staff as s', 's.id', 'r.toldBy')
    .select([id.as('id'), 'r.promiseId', at.as('at'), 'p.what', 'r.toldChannel', 'r.apologised', 's.name as staffName'])
    .where('r.customerId', '=', p.customerId)
    .where('r.toldAt', 'is not', null)
    .whereRef('r.toldAt', '>', 'r.createdAt')
    .where(olderThan(at, id, shape, p))
    .orderBy(at, 'desc')
    .orderBy(id, 'desc')
    .limit(p.limit);
});

const closed = preparedQuery((db, p: PageParams, shape) => {
  const at = sql<string>`case when ${sql.ref('p.status')} = 'kept' then ${sql.ref('p.keptAt')} else ${sql.ref('p.closedAt')} end`;
  const id = sql<string>`${sql.ref('p.id')} || ':' || ${sql.ref('p.status')}`;
  return db
    .selectFrom('promises as p')
    .leftJoin('staff as s', 's.id', 'p.closedBy')
    .select([id.as('id'), 'p.id as promiseId', at.as('at'), 'p.what', 'p.status', 'p.closedReason', 's.name as staffName'])
    .where('p.customerId', '=', p.customerId)
    .where('p.status', '!=', 'open')
    .where(olderThan(at, id, shape, p))
    .orderBy(at, 'desc')
    .orderBy(id, 'desc')
    .limit(p.limit);
});

const handedOver = preparedQuery((db, p: PageParams, shape) => {
  const at = sql<string>`${sql.ref('h.createdAt')}`;
  const id = sql<string>`${sql.ref('h.id')}`;
  return db
    .selectFrom('promiseHandovers as h')
    .innerJoin('promises as p', 'p.id', 'h.promiseId')
    .leftJoin('staff as s', 's.id', 'h.createdBy')
    .leftJoin('staff as f', 'f.id', 'h.fromStaffId')
    .leftJoin('staff as t', 't.id', 'h.toStaffId')
    .select(['h.id', 'h.promiseId', 'h.createdAt as at', 'p.what', 'h.reason', 'f.name as fromName', 't.name as toName', 's.name as staffName'])
    .where('h.customerId', '=', p.customerId)
    .where(olderThan(at, id, shape, p))
    .orderBy('h.createdAt', 'desc')
    .orderBy('h.id', 'desc')
    .limit(p.limit);
});

const opened = preparedQuery((db, p: PageParams, shape) => {
  const at = sql<string>`${sql.ref('v.at')}`;
  const id = sql<string>`${sql.ref('v.id')}`;
  return db
    .selectFrom('promiseLinkViews as v')
    .innerJoin('promises as p', 'p.id', 'v.promiseId')
    .select(['v.id', 'v.promiseId', 'v.at', 'p.what'])
    .where('v.customerId', '=', p.customerId)
    .where(olderThan(at, id, shape, p))
    .orderBy('v.at', 'desc')
    .orderBy('v.id', 'desc')
    .limit(p.limit);
});

/** A customer's promise events for the timeline: newest first, strictly after the cursor, at most `limit` of each kind. */
export async function promiseEvents(db: Db, q: PageQuery) {
  const p = pageParams(q);
  const shape = pageShape(q);
  const [m, r, t, c, h, o] = await Promise.all([
    made.execute(db, p, shape),
    revised.execute(db, p, shape),
    told.execute(db, p, shape),
    closed.execute(db, p, shape),
    handedOver.execute(db, p, shape),
    opened.execute(db, p, shape),
  ]);
  return { made: m, revised: r, told: t, closed: c, handedOver: h, opened: o };
}

/** The brief's facts about a customer's open promises (src/promises/promise-words.ts writes the sentences). */
export async function promiseBriefFacts(db: Db, customerId: string): Promise<PromiseBriefFact[]> {
  return (await openPromisesOf(db, customerId)).map((p) => ({
    what: p.what,
    status: 'open' as const,
    due: { dueOn: p.dueOn, dueAt: p.dueAt },
    originalDue: { dueOn: p.originalDueOn, dueAt: p.originalDueAt },
    dueBy: p.dueBy,
    timezone: p.timezone,
    ownerName: p.ownerName ?? null,
    revisions: p.revisions,
  }));
}
