import { sql, type ExpressionOrFactory, type SqlBool } from 'kysely';
import type { BusinessCalendar } from '../business-hours/business-hours.js';
import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import type { CasePriority, Database, NewRow, RowUpdate } from '../platform/database/schema.js';
import type { Week } from '../locations/location-calendar-rules.js';
import { openStatuses } from './case-clock-rules.js';
import { caseStatuses } from './case-schemas.js';

/** The only place case rows, their history, their targets and their thread links are read and written. */

export const insertCase = (db: Db, row: NewRow<'cases'>) => db.insertInto('cases').values(row).execute();

export const updateCaseRow = (db: Db, id: string, values: RowUpdate<'cases'>) => db.updateTable('cases').set(values).where('id', '=', id).execute();

export const findCaseRow = (db: Db, id: string) => db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();

export const insertCaseEvent = (db: Db, row: NewRow<'caseEvents'>) => db.insertInto('caseEvents').values(row).execute();

/** Cases with the names a person reads beside the ids. */
export const caseSelect = (db: Db) =>
  db
    .selectFrom('cases as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customerId')
    .leftJoin('staff as o', 'o.id', 'c.ownerId')
    .leftJoin('staff as m', 'm.id', 'c.escalatedTo')
    .leftJoin('locations as l', 'l.id', 'c.locationId')
    .leftJoin('staff as hd', 'hd.id', 'c.helpDispatchedBy')
    .leftJoin('staff as hg', 'hg.id', 'c.helpGivenBy')
    .leftJoin('staff as ov', 'ov.id', 'c.closeOverrideBy')
    .selectAll('c')
    .select(['cu.displayName as customerName', 'o.name as ownerName', 'm.name as managerName', 'l.name as locationName', 'hd.name as dispatchedByName', 'hg.name as givenByName', 'ov.name as overrideByName']);

export type CaseRow = Awaited<ReturnType<ReturnType<typeof caseSelect>['executeTakeFirstOrThrow']>>;

export const loadCaseRow = (db: Db, id: string) => caseSelect(db).where('c.id', '=', id).executeTakeFirst();

export const loadCaseRows = (db: Db, ids: string[]) => (ids.length ? caseSelect(db).where('c.id', 'in', ids).execute() : Promise.resolve([]));

/** The history of some cases, oldest first, with who did each step and the names the steps mention. */
export const eventsOf = (db: Db, caseIds: string[]) =>
  caseIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('caseEvents as e')
        .leftJoin('staff as s', 's.id', 'e.staffId')
        .selectAll('e')
        .select('s.name as staffName')
        .where('e.caseId', 'in', caseIds)
        .orderBy('e.at')
        .orderBy('e.id')
        .execute();

/** The contacts linked to some cases, oldest first. */
export const threadOf = (db: Db, caseIds: string[]) =>
  caseIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('interactions as i')
        .leftJoin('staff as s', 's.id', 'i.staffId')
        .select(['i.id', 'i.caseId', 'i.customerId', 'i.channel', 'i.direction', 'i.occurredAt', 'i.summary', 's.name as staffName'])
        .where('i.caseId', 'in', caseIds)
        .orderBy('i.occurredAt')
        .orderBy('i.id')
        .execute();

export const findInteraction = (db: Db, id: string) =>
  db.selectFrom('interactions').select(['id', 'customerId', 'caseId', 'occurredAt', 'direction', 'channel']).where('id', '=', id).executeTakeFirst();

export const setInteractionCase = (db: Db, interactionId: string, caseId: string | null, stamp: { updatedAt: string; updatedBy: string | null }) =>
  db.updateTable('interactions').set({ caseId, ...stamp }).where('id', '=', interactionId).execute();

/** The calendars of some locations, with their names. A location without hours counts every hour. */
export async function calendarsOf(db: Db, locationIds: string[]): Promise<Map<string, BusinessCalendar & { name: string }>> {
  const ids = [...new Set(locationIds)];
  if (!ids.length) return new Map();
  const [rows, holidays] = await Promise.all([
    db.selectFrom('locations').select(['id', 'name', 'timezone', 'openingHours']).where('id', 'in', ids).execute(),
    db.selectFrom('locationHolidays').select(['locationId', 'date', 'name']).where('locationId', 'in', ids).orderBy('date').execute(),
  ]);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        name: r.name,
        timezone: r.timezone,
        openingHours: r.openingHours ? (JSON.parse(r.openingHours) as Week) : null,
        holidays: holidays.filter((h) => h.locationId === r.id).map(({ date, name }) => ({ date, name })),
      },
    ]),
  );
}

export const customerHome = (db: Db, customerId: string) =>
  db.selectFrom('customers').select(['id', 'locationId', 'displayName']).where('id', '=', customerId).where('erasedAt', 'is', null).executeTakeFirst();

export const staffMember = (db: Db, id: string) =>
  db.selectFrom('staff').select(['id', 'name', 'role', 'active', 'kind']).where('id', '=', id).executeTakeFirst();

/** The staff of some locations, by role (a location's managers). Managers with no location look after all. */
export async function managersOf(db: Db, locationId: string | null): Promise<string[]> {
  const rows = await db
    .selectFrom('staff as s')
    .leftJoin('staffLocations as sl', 'sl.staffId', 's.id')
    .select(['s.id', 'sl.locationId'])
    .where('s.role', '=', 'manager')
    .where('s.active', '=', true)
    .execute();
  const byStaff = new Map<string, (string | null)[]>();
  for (const r of rows) byStaff.set(r.id, [...(byStaff.get(r.id) ?? []), r.locationId]);
  return [...byStaff].filter(([, locations]) => locations.every((l) => l === null) || (locationId !== null && locations.includes(locationId))).map(([id]) => id);
}

export const targetsFor = (db: Db, priority: CasePriority) => db.selectFrom('caseTargets').selectAll().where('priority', '=', priority).executeTakeFirst();

export const allTargets = (db: Db) => db.selectFrom('caseTargets').selectAll().execute();

export async function saveTargets(db: Db, row: NewRow<'caseTargets'>): Promise<void> {
  const { priority, ...values } = row;
  const updated = await db.updateTable('caseTargets').set(values).where('priority', '=', priority).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await db.insertInto('caseTargets').values(row).execute();
}

export interface CaseFilter {
  customerId?: string | undefined;
  ownerId?: string | undefined;
  locationId?: string | undefined;
  escalatedTo?: string | undefined;
  open?: boolean | undefined;
  /** breached: a target still owed is past; near: 80% of it used, not yet past. */
  attention?: 'breached' | 'near' | undefined;
  now: string;
}

/** Cases newest opened first, after the cursor. */
export function listCaseRows(db: Db, filter: CaseFilter, after: { openedAt: string; id: string } | null, limit: number) {
  let q = caseSelect(db);
  if (filter.customerId) q = q.where('c.customerId', '=', filter.customerId);
  if (filter.ownerId) q = q.where('c.ownerId', '=', filter.ownerId);
  if (filter.locationId) q = q.where('c.locationId', '=', filter.locationId);
  if (filter.escalatedTo) q = q.where('c.escalatedTo', '=', filter.escalatedTo);
  if (filter.open !== undefined) q = q.where('c.status', filter.open ? 'in' : 'not in', [...openStatuses]);
  if (filter.attention) q = q.where('c.status', 'in', [...openStatuses]);
  if (filter.attention === 'breached') q = q.where('c.dueAt', '<=', filter.now);
  if (filter.attention === 'near') q = q.where('c.warnAt', '<=', filter.now).where('c.dueAt', '>', filter.now);
  if (after) {
    q = q.where((eb) => eb.or([eb('c.openedAt', '<', after.openedAt), eb.and([eb('c.openedAt', '=', after.openedAt), eb('c.id', '<', after.id)])]));
  }
  return q.orderBy('c.openedAt', 'desc').orderBy('c.id', 'desc').limit(limit).execute();
}

/** Beyond this many locations, one statement of one range per location gets long (SQLite allows 500 parts): one range for them all. */
const maxRanges = 50;

/** Whose open cases Today's "near or past a target" covers. */
export interface PressingScope {
  /** Their own cases. */
  ownerId: string;
  /** A manager's locations (every case there, whoever owns it), or every location. */
  locationIds?: string[] | 'all';
  /** Open cases escalated to this manager are listed whether near a target or not. */
  escalatedTo?: string;
}

/** What Today ranks a case by, from its stored clock (case-clock.ts keeps it current). */
export interface PressingKey {
  id: string;
  warnAt: string | null;
  dueAt: string | null;
  escalatedTo: string | null;
  escalatedAt: string | null;
  openedAt: string;
}

const keyColumns = ['c.id', 'c.warnAt', 'c.dueAt', 'c.escalatedTo', 'c.escalatedAt', 'c.openedAt'] as const;

type CaseWhere = ExpressionOrFactory<Database & { c: Database['cases'] }, 'c', SqlBool>;

/**
 * The scope as disjoint parts, each read by an index: every case (cases_due, cases_warn), or the
 * locations' (cases_location_due, cases_location) and the owner's own elsewhere (cases_owner_due,
 * cases_owner). Disjoint, so counts add up without counting a case twice. `perLocation`: one part
 * per location, for lists in due order (each range read in order, no further than the page).
 */
function scopeParts(scope: PressingScope, perLocation = false): CaseWhere[] {
  const { locationIds } = scope;
  if (locationIds === 'all') return [sql<SqlBool>`1 = 1`];
  if (!locationIds?.length) return [(eb) => eb('c.ownerId', '=', scope.ownerId)];
  const atLocations: CaseWhere = (eb) => eb('c.locationId', 'in', locationIds);
  return [
    ...(perLocation && locationIds.length <= maxRanges ? locationIds.map((l): CaseWhere => (eb) => eb('c.locationId', '=', l)) : [atLocations]),
    (eb) => eb.and([eb('c.ownerId', '=', scope.ownerId), eb.or([eb('c.locationId', 'is', null), eb('c.locationId', 'not in', locationIds)])]),
  ];
}

/** Not a case of the scope near or past a target (null-safe: a case of no location or owner is outside). */
const notPressingInScope = (scope: PressingScope, now: string): CaseWhere => (eb) => {
  const notYet = eb.or([eb('c.warnAt', 'is', null), eb('c.warnAt', '>', now)]);
  if (scope.locationIds === 'all') return notYet;
  const mine = eb.and([eb('c.ownerId', 'is not', null), eb('c.ownerId', '=', scope.ownerId)]);
  const theirs = scope.locationIds?.length ? [eb.and([eb('c.locationId', 'is not', null), eb('c.locationId', 'in', scope.locationIds)])] : [];
  return eb.or([notYet, eb.not(eb.or([mine, ...theirs]))]);
};

const openCases = (db: Db) => db.selectFrom('cases as c').where('c.status', 'in', [...openStatuses]);
const closedStatuses = caseStatuses.filter((s) => !openStatuses.includes(s));

/**
 * Today's cases, from the stored clocks: the first `limit` open cases of the scope with 80% of a
 * target used or more (`warn_at` passed: the breached too), soonest due first, each part of the
 * scope one index range in due order read no further than `limit` rows; and the first `limit`
 * escalated to the manager (past a target first, then by due moment or escalation). A case can be
 * in both. The caller ranks them (case-today.ts); `pressingCount` counts them all.
 */
export async function pressingCaseKeys(db: Db, scope: PressingScope, now: string, limit: number): Promise<PressingKey[]> {
  // Written so that each range is read in due order and stops at `limit`: with `status in (open
  // ones)` and `warn_at <= now` as such, SQLite read every pressing case of the range by the warn
  // index and sorted them (14,000 for everyone at a million customers). The same conditions: a
  // case's status is open or closed; warn_at is set whenever due_at is (and never later).
  const ranges = scopeParts(scope, true).map((part) =>
    db
      .selectFrom('cases as c')
      .select(keyColumns)
      .where('c.status', 'not in', closedStatuses)
      .where('c.dueAt', 'is not', null)
      .where(sql<SqlBool>`coalesce(${sql.ref('c.warnAt')}, ${sql.ref('c.dueAt')}) <= ${now}`)
      .where(part)
      .orderBy('c.dueAt')
      .orderBy('c.id')
      .limit(limit),
  );
  if (scope.escalatedTo) {
    ranges.push(
      openCases(db)
        .select(keyColumns)
        .where('c.escalatedTo', '=', scope.escalatedTo)
        .orderBy(sql`case when ${sql.ref('c.dueAt')} <= ${now} then 0 else 1 end`)
        .orderBy(sql`coalesce(${sql.ref('c.dueAt')}, ${sql.ref('c.escalatedAt')}, ${sql.ref('c.openedAt')})`)
        .orderBy('c.id')
        .limit(limit),
    );
  }
  // One statement: each range in a subquery of its own (SQLite allows no LIMIT in a compound's parts).
  const [first, ...rest] = ranges.map((r, i) => db.selectFrom(r.as(`r${i}`)).selectAll());
  const rows = await rest.reduce((q, r) => q.unionAll(r), first!).execute();
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

/**
 * How many open cases Today's section holds in all: those of the scope with `warn_at` passed, and
 * those escalated to the manager that are not among them. Exact, and counted in the indexes
 * (covering: owner or location, status, warn_at), never by reading the cases.
 */
export async function pressingCount(db: Db, scope: PressingScope, now: string): Promise<number> {
  const counts = scopeParts(scope).map((part) => openCases(db).where('c.warnAt', '<=', now).where(part));
  // Escalations not counted already, in the escalation index (a condition SQLite cannot take to the other indexes).
  if (scope.escalatedTo) counts.push(openCases(db).where('c.escalatedTo', '=', scope.escalatedTo).where(notPressingInScope(scope, now)));
  const row = await db.selectNoFrom(counts.map((q, i) => q.select((eb) => eb.fn.countAll<number>().as('n')).as(`n${i}`))).executeTakeFirstOrThrow();
  return counts.reduce((total, _, i) => total + Number((row as Record<string, unknown>)[`n${i}`] ?? 0), 0);
}

/** Open cases whose 80% mark or target passed since `since`, and escalations since then: what reminders look at (each on its index). */
export async function remindableCaseRows(db: Db, since: string, now: string) {
  const open = () => caseSelect(db).where('c.status', 'in', [...openStatuses]).limit(1000);
  const parts = await Promise.all([
    open().where('c.warnAt', '>', since).where('c.warnAt', '<=', now).execute(),
    open().where('c.dueAt', '>', since).where('c.dueAt', '<=', now).execute(),
    open().where('c.escalatedAt', '>', since).where('c.escalatedAt', '<=', now).execute(),
  ]);
  return [...new Map(parts.flat().map((r) => [r.id, r])).values()];
}

/**
 * Open cases whose stored clock may be out of date, for the job that works them out again, oldest
 * clock first: those of a location whose calendar (or anything else) changed after their clock was
 * worked out, then (up to `limit` in all) those worked out before `olderThan`. Each read is a range
 * of a partial index of open cases (the condition written as the index's, for SQLite to use it).
 */
export async function staleCaseIds(db: Db, olderThan: string, limit: number): Promise<{ id: string }[]> {
  const open = sql<SqlBool>`${sql.ref('c.status')} in ('new', 'open', 'waiting_on_customer', 'waiting_on_us')`;
  const first = await db
    .selectFrom('locations as l')
    .innerJoin('cases as c', (j) => j.onRef('c.locationId', '=', 'l.id').onRef('c.clockAt', '<', 'l.updatedAt'))
    .select(['c.id', 'c.clockAt'])
    .where(open)
    .orderBy('c.clockAt')
    .limit(limit)
    .execute();
  const old =
    first.length < limit
      ? await db.selectFrom('cases as c').select(['c.id', 'c.clockAt']).where(open).where('c.clockAt', '<', olderThan).orderBy('c.clockAt').limit(limit).execute()
      : [];
  return [...new Map([...first, ...old].map((r) => [r.id, { id: r.id }])).values()].slice(0, limit);
}

export interface FigureCounts {
  key: string | null;
  open: number;
  breachedNow: number;
  nearNow: number;
  escalatedNow: number;
  opened: number;
  resolved: number;
  withBreach: number;
  breaches: number;
}

/** Counts per location or per owner, from the stored clocks: open now, and the cases opened in [from, to). */
export async function figureCounts(db: Db, by: 'location' | 'owner', range: { from: string; to: string; now: string }, locationIds: string[] | null): Promise<FigureCounts[]> {
  const open = sql`c.status in ('new', 'open', 'waiting_on_customer', 'waiting_on_us')`;
  const inRange = sql`(c.opened_at >= ${range.from} and c.opened_at < ${range.to})`;
  const pastNow = sql`(${open} and c.due_at <= ${range.now})`;
  const key = by === 'location' ? sql.ref('c.location_id') : sql.ref('c.owner_id');
  const scope = locationIds === null ? sql`1 = 1` : locationIds.length ? sql`c.location_id in (${sql.join(locationIds)})` : sql`1 = 0`;
  const count = (condition: unknown) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;
  const result = await sql<Record<string, unknown>>`
    select ${key} as key,
      ${count(open)} as open,
      ${count(pastNow)} as breached_now,
      ${count(sql`${open} and c.warn_at <= ${range.now} and (c.due_at is null or c.due_at > ${range.now})`)} as near_now,
      ${count(sql`${open} and c.escalated_to is not null`)} as escalated_now,
      ${count(inRange)} as opened,
      ${count(sql`${inRange} and not ${open}`)} as resolved,
      ${count(sql`${inRange} and (c.late_count > 0 or ${pastNow})`)} as with_breach,
      sum(case when ${inRange} then c.late_count + (case when ${pastNow} then 1 else 0 end) else 0 end) as breaches
    from cases c
    where (${open} or ${inRange}) and ${scope}
    group by ${key}`.execute(db.withoutPlugins());
  return result.rows.map((r) => ({
    key: (r.key as string | null) ?? null,
    open: Number(r.open ?? 0),
    breachedNow: Number(r.breached_now ?? 0),
    nearNow: Number(r.near_now ?? 0),
    escalatedNow: Number(r.escalated_now ?? 0),
    opened: Number(r.opened ?? 0),
    resolved: Number(r.resolved ?? 0),
    withBreach: Number(r.with_breach ?? 0),
    breaches: Number(r.breaches ?? 0),
  }));
}

export const namesOf = async (db: Db, table: 'staff' | 'locations', ids: string[]): Promise<Map<string, string>> =>
  ids.length ? new Map((await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute()).map((r) => [r.id, r.name])) : new Map();

/** The cases of one customer, oldest first (a customer has few). */
const customerCasesQuery = preparedQuery((db, p: { customerId: string }) => caseSelect(db).where('c.customerId', '=', p.customerId).orderBy('c.openedAt').orderBy('c.id'));
export const customerCaseRows = (db: Db, customerId: string) => customerCasesQuery.execute(db, { customerId });
