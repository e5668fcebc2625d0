import { type BusinessCalendar } from '../business-hours/business-hours.js';
import type { Db } from '../platform/database/connect.js';
import type { CaseStatus } from '../platform/database/schema.js';
import { caseClocks, type CaseClocks, type Clock } from './case-clock-rules.js';
import { eventText } from './case-words.js';
import type { CaseDetail, CaseOut } from './case-schemas.js';
import { calendarsOf, eventsOf, loadCaseRow, loadCaseRows, namesOf, threadOf, type CaseRow } from './case-store.js';
import { fieldsOfCases } from './case-field-store.js';
import { minutesBetween } from './case-field-rules.js';
import { notFound } from '../platform/errors.js';

/**
 * Cases as they are now: each case's clocks worked out afresh from its history, its thread and its
 * location's calendar, for a page of cases at a time (three queries for the page, not per case).
 */

export const everyHour: BusinessCalendar = { timezone: null, openingHours: null, holidays: [] };

type EventRow = Awaited<ReturnType<typeof eventsOf>>[number];
type ThreadRow = Awaited<ReturnType<typeof threadOf>>[number];

export interface CaseState {
  row: CaseRow;
  clocks: CaseClocks;
  calendar: BusinessCalendar;
  events: EventRow[];
  thread: ThreadRow[];
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function clocksOf(row: CaseRow, events: EventRow[], thread: ThreadRow[], calendar: BusinessCalendar, now: number): CaseClocks {
  const statuses = events
    .filter((e) => e.kind === 'opened' || e.kind === 'status')
    .map((e) => ({ at: Date.parse(e.at), status: e.toValue as CaseStatus }))
    .sort((a, b) => a.at - b.at);
  if (!statuses.length) statuses.push({ at: Date.parse(row.openedAt), status: row.status });
  return caseClocks(
    calendar,
    {
      openedAt: Date.parse(row.openedAt),
      targets: { first_response: row.firstResponseMinutes, next_response: row.nextResponseMinutes, resolution: row.resolutionMinutes },
      statuses,
      thread: thread.map((t) => ({ at: Date.parse(t.occurredAt), direction: t.direction, channel: t.channel })),
    },
    now,
  );
}

/** The state of some cases now, in the order given. */
export async function caseStates(db: Db, rows: CaseRow[], now: number): Promise<CaseState[]> {
  const ids = rows.map((r) => r.id);
  const [events, thread, calendars] = await Promise.all([
    eventsOf(db, ids),
    threadOf(db, ids),
    calendarsOf(
      db,
      rows.map((r) => r.locationId).filter((l): l is string => l !== null),
    ),
  ]);
  return rows.map((row) => {
    const calendar = (row.locationId && calendars.get(row.locationId)) || everyHour;
    const own = events.filter((e) => e.caseId === row.id);
    const contacts = thread.filter((t) => t.caseId === row.id);
    return { row, calendar, events: own, thread: contacts, clocks: clocksOf(row, own, contacts, calendar, now) };
  });
}

const minutes = (ms: number) => Math.floor(ms / 60_000);

export function presentClock(c: Clock) {
  return {
    kind: c.kind,
    targetMinutes: c.targetMinutes,
    state: c.state,
    startedAt: iso(c.startedAt),
    stoppedAt: iso(c.stoppedAt),
    usedMinutes: minutes(c.usedMs),
    leftMinutes: c.leftMs === null ? null : Math.ceil(c.leftMs / 60_000),
    warnAt: iso(c.warnAt),
    dueAt: iso(c.dueAt),
    breached: c.breached,
  };
}

/** breached: a target still owed is past; near: 80% of one used. */
export function attentionOf(clocks: CaseClocks, now: number): 'breached' | 'near' | null {
  const owed = clocks.clocks.filter((c) => c.state === 'running' || c.state === 'paused');
  if (owed.some((c) => c.breached)) return 'breached';
  if (owed.some((c) => c.state === 'running' && c.warnAt !== null && c.warnAt <= now)) return 'near';
  return null;
}

export function presentCase(state: CaseState, now: number): CaseOut {
  const { row, clocks } = state;
  return {
    id: row.id,
    customerId: row.customerId,
    customerName: row.customerName,
    subject: row.subject,
    type: row.caseType,
    status: row.status,
    priority: row.priority,
    ownerId: row.ownerId,
    ownerName: row.ownerName ?? null,
    locationId: row.locationId,
    locationName: row.locationName ?? null,
    openedAt: row.openedAt,
    statusChangedAt: row.statusChangedAt,
    resolvedAt: row.resolvedAt,
    firstResponseAt: iso(clocks.firstResponseAt),
    escalation: row.escalatedTo ? { managerId: row.escalatedTo, managerName: row.managerName ?? null, at: row.escalatedAt ?? row.updatedAt, reason: row.escalationReason } : null,
    targets: clocks.clocks.map(presentClock),
    breaches: clocks.breaches,
    attention: attentionOf(clocks, now),
    urgent: Boolean(row.urgent),
    callbackNumber: row.callbackNumber,
    situation: row.situation,
    helpNeeded: row.helpNeeded,
    helpDispatched: row.helpDispatchedAt ? { at: row.helpDispatchedAt, staffId: row.helpDispatchedBy, staffName: row.dispatchedByName ?? null } : null,
    helpGiven: row.helpGivenAt ? { at: row.helpGivenAt, staffId: row.helpGivenBy, staffName: row.givenByName ?? null } : null,
    completedAt: row.completedAt,
    minutesToHelp: row.helpDispatchedAt ? minutesBetween(row.openedAt, row.helpDispatchedAt) : null,
    minutesToComplete: row.completedAt ? minutesBetween(row.openedAt, row.completedAt) : null,
    closeOverride: row.closeOverrideReason ? { reason: row.closeOverrideReason, staffId: row.closeOverrideBy, staffName: row.overrideByName ?? null, at: row.closeOverrideAt ?? row.updatedAt } : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

type FieldRow = Awaited<ReturnType<typeof fieldsOfCases>>[number];

export function presentField(f: FieldRow, now: number): CaseDetail['fields'][number] {
  return {
    key: f.fieldKey,
    label: f.label,
    due: f.due,
    hours: f.dueHours,
    dueAt: f.dueAt,
    value: f.value,
    overdue: f.value === null && f.dueAt !== null && Date.parse(f.dueAt) <= now,
    filledAt: f.filledAt,
    filledBy: f.filledBy,
    filledByName: f.filledByName ?? null,
  };
}

export function presentDetail(state: CaseState, now: number, names: Map<string, string>, fields: FieldRow[] = []): CaseDetail {
  return {
    fields: fields.map((f) => presentField(f, now)),
    ...presentCase(state, now),
    thread: state.thread.map((t) => ({ id: t.id, channel: t.channel, direction: t.direction, occurredAt: t.occurredAt, summary: t.summary, staffName: t.staffName ?? null })),
    history: historyOf(state, names),
  };
}

type HistoryStep = CaseDetail['history'][number];

/**
 * The case's steps in time order: its events, and help dispatched and given, which are columns
 * of the case (when and by whom) rather than events; on the same moment, the events come first.
 */
export function historyOf(state: CaseState, names: Map<string, string>): HistoryStep[] {
  const { row } = state;
  const steps: HistoryStep[] = state.events.map((e) => ({
    id: e.id,
    at: e.at,
    kind: e.kind,
    fromValue: e.fromValue,
    toValue: e.toValue,
    note: e.note,
    staffId: e.staffId,
    staffName: e.staffName ?? null,
    text: eventText(e, names),
  }));
  const help = (kind: 'help_dispatched' | 'help_given', at: string | null, staffId: string | null, staffName: string | null | undefined): HistoryStep[] =>
    at ? [{ id: `${row.id}-${kind.replace('_', '-')}`, at, kind, fromValue: null, toValue: null, note: null, staffId, staffName: staffName ?? null, text: kind === 'help_dispatched' ? 'Help dispatched' : 'Help given' }] : [];
  const composed = [...help('help_dispatched', row.helpDispatchedAt, row.helpDispatchedBy, row.dispatchedByName), ...help('help_given', row.helpGivenAt, row.helpGivenBy, row.givenByName)];
  if (!composed.length) return steps;
  // A stable sort by time keeps the events' own order and puts a help step after an event of the same moment.
  return [...steps, ...composed].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export async function loadCaseState(db: Db, id: string, now: number): Promise<CaseState | null> {
  const row = await loadCaseRow(db, id);
  if (!row) return null;
  return (await caseStates(db, [row], now))[0]!;
}

export async function presentCases(db: Db, rows: CaseRow[], now: number): Promise<CaseOut[]> {
  return (await caseStates(db, rows, now)).map((s) => presentCase(s, now));
}

export async function presentCaseIds(db: Db, ids: string[], now: number): Promise<CaseOut[]> {
  return presentCases(db, await loadCaseRows(db, ids), now);
}

/** One case as it is now, with its thread, its history in words and its fields. */
export async function caseDetail(db: Db, id: string): Promise<CaseDetail> {
  const now = Date.now();
  const state = await loadCaseState(db, id, now);
  if (!state) throw notFound(`Case ${id}`);
  const ids = state.events.flatMap((e) => (['owner', 'location', 'escalated'].includes(e.kind) ? [e.fromValue, e.toValue] : [])).filter((v): v is string => Boolean(v));
  const [staff, locations, fields] = await Promise.all([namesOf(db, 'staff', ids), namesOf(db, 'locations', ids), fieldsOfCases(db, [id])]);
  return presentDetail(state, now, new Map([...staff, ...locations]), fields);
}
