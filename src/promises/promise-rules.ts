import { unprocessable } from '../platform/errors.js';
import { endOfLocalDay, isDay } from './promise-time.js';

/**
 * The rules of promises, pure: when one is due and overdue (in the time zone of the location it
 * belongs to), whether it slipped without the customer being told, and the figures (on-time rates
 * and slips). No database here: the store reads, these decide.
 */

export type PromiseStatus = 'open' | 'kept' | 'broken' | 'cancelled';

/** A due date: a day (due by the end of it, locally) or a moment. Exactly one is set. */
export interface Due {
  dueOn: string | null;
  dueAt: string | null;
}

const hour = 3_600_000;
const day = 24 * hour;

/** The due date of a request: exactly one of dueOn and dueAt, a real day, a real moment. */
export function checkDue(input: { dueOn?: string | null | undefined; dueAt?: string | null | undefined }, path = '/body'): Due {
  const dueOn = input.dueOn ?? null;
  const dueAt = input.dueAt ?? null;
  if (dueOn === null && dueAt === null) throw unprocessable(`${path}/dueOn`, 'give the day it is due (dueOn) or the moment (dueAt)');
  if (dueOn !== null && dueAt !== null) throw unprocessable(`${path}/dueAt`, 'give either a day (dueOn) or a moment (dueAt), not both');
  if (dueOn !== null && !isDay(dueOn)) throw unprocessable(`${path}/dueOn`, 'must be a real date from 1900 on, like 2027-03-12');
  if (dueAt !== null) {
    const t = Date.parse(dueAt);
    if (Number.isNaN(t) || new Date(t).getUTCFullYear() < 1900 || new Date(t).getUTCFullYear() > 9999) throw unprocessable(`${path}/dueAt`, 'must be a real moment from 1900 on');
    return { dueOn: null, dueAt: new Date(t).toISOString() };
  }
  return { dueOn, dueAt: null };
}

/** The moment a promise is due by: the last instant of its local day, or its moment. */
export function dueByOf(due: Due, timezone: string): string {
  if (due.dueAt !== null) return new Date(due.dueAt).toISOString();
  return new Date(endOfLocalDay(due.dueOn!, timezone)).toISOString();
}

export const sameDue = (a: Due, b: Due): boolean => a.dueOn === b.dueOn && (a.dueAt === null ? b.dueAt === null : b.dueAt !== null && Date.parse(a.dueAt) === Date.parse(b.dueAt));

/** Overdue: still open after the moment it was due by. */
export const isOverdue = (p: { status: PromiseStatus; dueBy: string }, now: Date): boolean => p.status === 'open' && now.getTime() > Date.parse(p.dueBy);

/** Due within a day: open, not yet overdue, due by at most 24 hours from now. */
export function isDueWithinDay(p: { status: PromiseStatus; dueBy: string }, now: Date): boolean {
  const left = Date.parse(p.dueBy) - now.getTime();
  return p.status === 'open' && left >= 0 && left <= day;
}

/** Overdue, or due before `endOfToday` (the end of the reader's day): what belongs on Today. */
export const isDueToday = (p: { status: PromiseStatus; dueBy: string }, endOfToday: number): boolean => p.status === 'open' && Date.parse(p.dueBy) <= endOfToday;

/** One change of the due date, as the rules need it. */
export interface RevisionFacts {
  createdAt: string;
  fromDueBy: string;
  toDueBy: string;
  toldAt: string | null;
  apologised: boolean;
}

/** A slip: a change that moved the date later. */
export const isSlip = (r: Pick<RevisionFacts, 'fromDueBy' | 'toDueBy'>): boolean => Date.parse(r.toDueBy) > Date.parse(r.fromDueBy);

export const slipsOf = (revisions: readonly Pick<RevisionFacts, 'fromDueBy' | 'toDueBy'>[]): number => revisions.filter(isSlip).length;

/**
 * The changes the customer has not heard of: those after the last change they were told of (telling
 * them the latest date tells them everything before it) that were not told themselves. Oldest first.
 */
export function untoldRevisions<R extends Pick<RevisionFacts, 'createdAt' | 'toldAt'>>(revisions: readonly R[]): R[] {
  const ordered = [...revisions].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let lastTold = -1;
  ordered.forEach((r, i) => {
    if (r.toldAt !== null) lastTold = i;
  });
  return ordered.slice(lastTold + 1);
}

/** Slipped and the customer not told: an open promise with a change they never heard of. */
export const needsTelling = (p: { status: PromiseStatus; revisions: readonly Pick<RevisionFacts, 'createdAt' | 'toldAt'>[] }): boolean =>
  p.status === 'open' && untoldRevisions(p.revisions).length > 0;

/** Whether the customer was ever told of any change. */
export const everTold = (revisions: readonly Pick<RevisionFacts, 'toldAt'>[]): boolean => revisions.some((r) => r.toldAt !== null);

/**
 * A promise against one deadline: on time (kept by it), late (kept after it, broken, or still open
 * past it), pending (open, not yet due), or not counted (cancelled).
 */
export type Judgement = 'on_time' | 'late' | 'pending' | 'not_counted';

export function judge(p: { status: PromiseStatus; keptAt: string | null }, deadline: string, now: Date): Judgement {
  switch (p.status) {
    case 'cancelled':
      return 'not_counted';
    case 'broken':
      return 'late';
    case 'kept':
      return p.keptAt !== null && Date.parse(p.keptAt) <= Date.parse(deadline) ? 'on_time' : 'late';
    case 'open':
      return now.getTime() > Date.parse(deadline) ? 'late' : 'pending';
  }
}

/** What the figures need of one promise. */
export interface FigureInput {
  ownerId: string;
  locationId: string | null;
  customerId: string;
  status: PromiseStatus;
  keptAt: string | null;
  dueBy: string;
  originalDueBy: string;
  slips: number;
}

export interface Rate {
  /** Kept by the date. */
  onTime: number;
  /** Kept, broken, or open past the date: those whose outcome against the date is known. */
  judged: number;
  /** onTime / judged, null when nothing is judged yet. */
  rate: number | null;
}

export interface Figures {
  made: number;
  open: number;
  kept: number;
  broken: number;
  cancelled: number;
  overdue: number;
  /** Kept by the date first promised. */
  byFirstDate: Rate;
  /** Kept by the date in force (after any agreed change). */
  byDateInForce: Rate;
  slips: number;
  /** Slips over promises made; null when none were made. */
  slipsPerPromise: number | null;
}

const rateOf = (onTime: number, judged: number): Rate => ({ onTime, judged, rate: judged === 0 ? null : onTime / judged });

export function promiseFigures(items: readonly FigureInput[], now: Date): Figures {
  const count = (s: PromiseStatus) => items.filter((p) => p.status === s).length;
  const first = { onTime: 0, judged: 0 };
  const inForce = { onTime: 0, judged: 0 };
  const tally = (t: { onTime: number; judged: number }, j: Judgement) => {
    if (j === 'on_time') t.onTime += 1;
    if (j === 'on_time' || j === 'late') t.judged += 1;
  };
  for (const p of items) {
    tally(first, judge(p, p.originalDueBy, now));
    tally(inForce, judge(p, p.dueBy, now));
  }
  const slips = items.reduce((n, p) => n + p.slips, 0);
  return {
    made: items.length,
    open: count('open'),
    kept: count('kept'),
    broken: count('broken'),
    cancelled: count('cancelled'),
    overdue: items.filter((p) => isOverdue(p, now)).length,
    byFirstDate: rateOf(first.onTime, first.judged),
    byDateInForce: rateOf(inForce.onTime, inForce.judged),
    slips,
    slipsPerPromise: items.length === 0 ? null : slips / items.length,
  };
}

export type FigureGroup = 'staff' | 'location' | 'customer';
const groupKey: Record<FigureGroup, (p: FigureInput) => string | null> = {
  staff: (p) => p.ownerId,
  location: (p) => p.locationId,
  customer: (p) => p.customerId,
};

/** The figures of each staff member (the owner), location or customer; the largest groups first. */
export function figuresBy(items: readonly FigureInput[], by: FigureGroup, now: Date): { key: string | null; figures: Figures }[] {
  const groups = new Map<string | null, FigureInput[]>();
  for (const p of items) {
    const k = groupKey[by](p);
    const members = groups.get(k);
    if (members) members.push(p);
    else groups.set(k, [p]);
  }
  return [...groups]
    .map(([key, members]) => ({ key, figures: promiseFigures(members, now) }))
    .sort((a, b) => b.figures.made - a.figures.made || String(a.key).localeCompare(String(b.key)));
}
