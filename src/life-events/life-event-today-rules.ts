import { fineToMention, type Provenance } from '../brief/tact-rules.js';
import { formatPartialDate } from '../common/partial-date.js';

/**
 * Life events worth acknowledging, for Today: which events a person would acknowledge, when one is
 * recent, and the words of the suggestion. Rapport suggests a human action ("ask how the new job is
 * going") for a person to take; it never sends anything itself. Pure: no database, no clock.
 */

/** Kinds a person would acknowledge. 'other' could be anything (a car loan): never suggested. */
export const acknowledgeableKinds = ['birth', 'marriage', 'moved_home', 'new_job', 'retirement', 'graduation', 'school_start', 'anniversary', 'illness', 'bereavement'] as const;
export type AcknowledgeableKind = (typeof acknowledgeableKinds)[number];

/** Kinds to raise gently, and never when the fact is private. */
export const gentleKinds = ['illness', 'bereavement'] as const;

/** An event recorded, or dated, within this many days is recent. */
export const recentDays = 14;
/** An event told to us recently but dated longer ago than this is old news, not a suggestion. */
export const oldNewsDays = 30;

const dayMs = 24 * 60 * 60 * 1000;

export interface EventForToday {
  id: string;
  customerId: string;
  customerName: string;
  /** The name they go by, when it differs from the record's ("Maggie" for Margaret). */
  preferredName: string | null;
  givenName: string | null;
  familyName: string | null;
  kind: string;
  title: string;
  year: number | null;
  month: number | null;
  day: number | null;
  sensitivity: 'normal' | 'private';
  provenance: Provenance;
  /** When it was recorded (ISO). */
  createdAt: string;
  createdBy: string | null;
  /** Who recorded it: the person they told. */
  recorderName: string | null;
}

const isAcknowledgeable = (kind: string): kind is AcknowledgeableKind => (acknowledgeableKinds as readonly string[]).includes(kind);
const isGentle = (kind: string): boolean => (gentleKinds as readonly string[]).includes(kind);

/**
 * Whether the event is one to suggest at all: a kind a person would acknowledge, told to us by the
 * customer (what we know only from our records is theirs to mention: tact-rules.ts), and an illness
 * or bereavement only when it is not private.
 */
export function worthAcknowledging(event: Pick<EventForToday, 'kind' | 'provenance' | 'sensitivity'>): boolean {
  if (!isAcknowledgeable(event.kind)) return false;
  if (!fineToMention(event.provenance)) return false;
  return !(isGentle(event.kind) && event.sensitivity === 'private');
}

/** Midnight UTC of a moment's day. */
const startOfDay = (t: number): number => Math.floor(t / dayMs) * dayMs;

/** The day the event happened, when known to the day. */
export function eventDay(event: Pick<EventForToday, 'year' | 'month' | 'day'>): number | null {
  if (event.year === null || event.month === null || event.day === null) return null;
  return Date.UTC(event.year, event.month - 1, event.day);
}

/** The last day the event's date could mean (the end of its month or year); null without a year. */
export function latestDay(event: Pick<EventForToday, 'year' | 'month' | 'day'>): number | null {
  if (event.year === null) return null;
  if (event.month === null) return Date.UTC(event.year, 11, 31);
  if (event.day === null) return Date.UTC(event.year, event.month, 0);
  return Date.UTC(event.year, event.month - 1, event.day);
}

/**
 * Recent: it happened within the last 14 days (dated to the day), or it was recorded within the
 * last 14 days and its date, if any, is not old news (within 30 days, or still to come).
 */
export function isRecent(event: Pick<EventForToday, 'year' | 'month' | 'day' | 'createdAt'>, now: Date): boolean {
  const today = startOfDay(now.getTime());
  const day = eventDay(event);
  if (day !== null && day >= today - recentDays * dayMs && day <= today) return true;
  if (Date.parse(event.createdAt) < now.getTime() - recentDays * dayMs) return false;
  const latest = latestDay(event);
  return latest === null || latest >= today - oldNewsDays * dayMs;
}

/** Recorded since this moment: the database's first cut (with dayWindow). */
export const recordedSince = (now: Date): string => new Date(now.getTime() - recentDays * dayMs).toISOString();

/** The days of the last 14 (and today) as month slices, for the database's first cut: at most two. */
export function dayWindow(now: Date): { year: number; month: number; fromDay: number; toDay: number }[] {
  const today = new Date(startOfDay(now.getTime()));
  const first = new Date(today.getTime() - recentDays * dayMs);
  const slices: { year: number; month: number; fromDay: number; toDay: number }[] = [];
  for (let d = first; d <= today; ) {
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const monthEnd = new Date(Date.UTC(year, month, 0));
    const last = monthEnd < today ? monthEnd : today;
    slices.push({ year, month, fromDay: d.getUTCDate(), toDay: last.getUTCDate() });
    d = new Date(last.getTime() + dayMs);
  }
  return slices;
}

/** Words of family that read well after a name: "Maggie Chen's son started college". */
const family =
  'son|sons|daughter|daughters|child|children|kids|baby|husband|wife|partner|spouse|fianc[ée]e?|mother|mom|mum|father|dad|parents|brother|sister|grandson|granddaughter|grandchild|grandchildren|grandmother|grandfather|grandma|grandpa|nephew|niece|aunt|uncle|cousin|stepson|stepdaughter|family';
const ownedBy = new RegExp(`^(?:her|his|their)\\s+((?:${family})\\b.*)$`, 'iu');
const familyFirst = new RegExp(`^((?:${family})\\b.*)$`, 'iu');

/** The name staff know them by: "Maggie Chen" for Margaret Chen who goes by Maggie. */
export function spokenName(event: Pick<EventForToday, 'customerName' | 'preferredName' | 'givenName' | 'familyName'>): string {
  if (event.preferredName && event.familyName) return `${event.preferredName} ${event.familyName}`;
  return event.preferredName ?? event.customerName;
}

/**
 * "Maggie Chen’s son Daniel started college" from "Her son Daniel started college", "Jonah Novak
 * started at a new school" from "Jonah started at a new school"; else "Jim Alvarez: Retired".
 */
export function aboutThem(name: string, title: string, firstName: string | null = null): string {
  const text = title.trim().replace(/[\s.;:,]+$/u, '');
  const relative = ownedBy.exec(text)?.[1] ?? familyFirst.exec(text)?.[1];
  if (relative) return `${name}’s ${relative.charAt(0).toLowerCase()}${relative.slice(1)}`;
  if (firstName && name.startsWith(`${firstName} `) && text.toLowerCase().startsWith(`${firstName.toLowerCase()} `)) return `${name}${text.slice(firstName.length)}`;
  return `${name}: ${text}`;
}

/** The human action to suggest, by kind: after it happened, and before (a wedding next month). */
const prompts: Record<AcknowledgeableKind, { after: string; before: string }> = {
  birth: { after: 'Congratulate them on the new baby and ask how everyone is doing.', before: 'Wish them well for the birth.' },
  marriage: { after: 'Congratulate them on the wedding.', before: 'Wish them well for the wedding.' },
  moved_home: { after: 'Ask how the move went and how they are settling in.', before: 'Wish them well with the move.' },
  new_job: { after: 'Ask how the new job is going.', before: 'Wish them luck with the new job.' },
  retirement: { after: 'Ask how they are finding retirement.', before: 'Wish them well for their retirement.' },
  graduation: { after: 'Congratulate them on the graduation.', before: 'Wish them well for the graduation.' },
  school_start: { after: 'Ask how it is going and how they are settling in.', before: 'Wish them well for the start.' },
  anniversary: { after: 'Wish them a happy anniversary.', before: 'Wish them a happy anniversary when it comes.' },
  illness: { after: 'If the moment is right, ask gently how they are doing.', before: 'If the moment is right, ask gently how they are doing.' },
  bereavement: { after: 'If the moment is right, offer your condolences gently.', before: 'If the moment is right, offer your condolences gently.' },
};

export interface Suggestion {
  title: string;
  detail: string;
  /** When it happened (the day, at noon UTC), or when we heard of it when the day is not known. */
  at: string;
}

/** The suggestion a person reads: "Maggie Chen's husband David started a new job" / "Ask how the new job is going. They told Tom Becker." */
export function suggestion(event: EventForToday, now: Date): Suggestion {
  const day = eventDay(event);
  const upcoming = day !== null && day > startOfDay(now.getTime());
  const prompt = isAcknowledgeable(event.kind) ? prompts[event.kind][upcoming ? 'before' : 'after'] : 'Acknowledge it when the moment is right.';
  const told = event.recorderName ? ` They told ${event.recorderName}.` : '';
  const name = spokenName(event);
  const first = event.preferredName ?? event.givenName;
  // A day is said by `at` ("4 days ago"); a month or a year only, in the title as the brief says it.
  const when = day === null ? formatPartialDate({ year: event.year, month: event.month, day: event.day }) : '';
  return {
    title: `${aboutThem(name, event.title, first)}${when ? ` (${when})` : ''}${event.sensitivity === 'private' ? ' [private]' : ''}`,
    detail: `${prompt}${told}`,
    at: day !== null ? new Date(day + dayMs / 2).toISOString() : event.createdAt,
  };
}

/** The note that records the acknowledgement on the customer's timeline. */
export function acknowledgementNote(title: string): string {
  return `Acknowledged their news: ${title.trim().replace(/[\s.;:,]+$/u, '')}.`;
}
