import { DomainError, type FieldError } from '../platform/errors.js';

/**
 * A location's calendar: its time zone, its weekly opening hours and its holidays. Pure rules, no
 * database. Response targets counted in business hours read the calendar through `openOn`.
 *
 * - Opening hours are local times in the location's time zone: for each weekday zero or more
 *   intervals "HH:MM"–"HH:MM", each ending after it starts (24:00 ends the day), sorted, never
 *   overlapping. A weekday with no interval is closed.
 * - No opening hours at all (null) means none were set: every hour of every day counts.
 * - A holiday is a local date with a name; the location is closed all that day.
 * - Hours and holidays are local, so a location that has either needs a time zone.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export interface Interval {
  opens: string;
  closes: string;
}
export type Week = Record<Weekday, Interval[]>;

export interface Holiday {
  date: string;
  name: string;
}

export const maxIntervalsPerDay = 8;
export const maxHolidays = 500;

/** Minutes since local midnight of "HH:MM" (00:00 to 24:00), or null when it is not such a time. */
export function minutesOf(time: string): number | null {
  const match = /^(\d\d):(\d\d)$/.exec(time);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

const invalid = (errors: FieldError[]) =>
  new DomainError('invalid', 'Unprocessable content', errors.length === 1 ? `${errors[0]!.path} ${errors[0]!.message}` : `${errors.length} fields need attention`, errors);

const span = (i: Interval) => `${i.opens}–${i.closes}`;

/** The field errors of one day's intervals (none when the day is well formed). */
function dayProblems(intervals: Interval[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (intervals.length > maxIntervalsPerDay) errors.push({ path, message: `may have at most ${maxIntervalsPerDay} intervals` });
  const good: { index: number; opens: number; closes: number; interval: Interval }[] = [];
  intervals.forEach((interval, index) => {
    const opens = minutesOf(interval.opens);
    const closes = minutesOf(interval.closes);
    if (opens === null || opens >= 24 * 60) errors.push({ path: `${path}/${index}/opens`, message: 'must be a time from 00:00 to 23:59, like 09:00' });
    if (closes === null) errors.push({ path: `${path}/${index}/closes`, message: 'must be a time from 00:01 to 24:00, like 17:30' });
    else if (opens !== null && opens < 24 * 60 && closes <= opens) errors.push({ path: `${path}/${index}/closes`, message: `must be after the opening time ${interval.opens}` });
    else if (opens !== null && opens < 24 * 60) good.push({ index, opens, closes, interval });
  });
  // Sorted by opening time, an interval overlaps an earlier one when it opens before the latest close so far.
  const sorted = [...good].sort((a, b) => a.opens - b.opens || a.closes - b.closes || a.index - b.index);
  let latest: (typeof sorted)[number] | null = null;
  for (const current of sorted) {
    if (latest && current.opens < latest.closes) {
      // Name the one written later, the one the person most likely just added.
      const [earlier, later] = current.index > latest.index ? [latest, current] : [current, latest];
      errors.push({ path: `${path}/${later.index}`, message: `overlaps ${span(earlier.interval)}` });
    }
    if (!latest || current.closes > latest.closes) latest = current;
  }
  return errors;
}

/** A week as stored: every weekday present, each day's intervals sorted. Throws naming every bad interval. */
export function checkWeek(week: Week, path = '/body/openingHours'): Week {
  const errors = weekdays.flatMap((day) => dayProblems(week[day] ?? [], `${path}/${day}`));
  if (errors.length) throw invalid(errors);
  return Object.fromEntries(
    weekdays.map((day) => [day, [...(week[day] ?? [])].map(({ opens, closes }) => ({ opens, closes })).sort((a, b) => minutesOf(a.opens)! - minutesOf(b.opens)!)]),
  ) as Week;
}

/** A real calendar date written YYYY-MM-DD. */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d\d-\d\d$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Holidays as stored: trimmed names, one per date, sorted by date. Throws naming every bad entry. */
export function checkHolidays(holidays: Holiday[], path = '/body/holidays'): Holiday[] {
  const errors: FieldError[] = [];
  if (holidays.length > maxHolidays) errors.push({ path, message: `may have at most ${maxHolidays} holidays` });
  const seen = new Map<string, string>();
  const out: Holiday[] = [];
  holidays.forEach((holiday, index) => {
    const name = holiday.name.trim();
    if (!isDay(holiday.date)) errors.push({ path: `${path}/${index}/date`, message: 'must be a date like 2026-12-25' });
    else if (seen.has(holiday.date)) errors.push({ path: `${path}/${index}/date`, message: `is already a holiday (${seen.get(holiday.date)})` });
    if (!name) errors.push({ path: `${path}/${index}/name`, message: 'cannot be blank' });
    if (isDay(holiday.date) && !seen.has(holiday.date)) seen.set(holiday.date, name || holiday.date);
    out.push({ date: holiday.date, name });
  });
  if (errors.length) throw invalid(errors);
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Every zone the runtime lists, plus UTC, by lower-case name. */
let zones: Map<string, string> | null = null;
const knownZones = () => (zones ??= new Map([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((zone) => [zone.toLowerCase(), zone])));

/**
 * The stored spelling of an IANA time zone, or null when it is not one: a zone the runtime lists
 * (Intl.supportedValuesOf) or UTC, whatever the case; or another name of one of them
 * ("US/Eastern", "Asia/Kolkata" on a runtime that lists "Asia/Calcutta"), stored as the listed name.
 */
export function canonicalTimezone(value: string): string | null {
  const listed = knownZones().get(value.trim().toLowerCase());
  if (listed) return listed;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: value.trim() }).resolvedOptions().timeZone;
    return knownZones().get(resolved.toLowerCase()) ?? null;
  } catch {
    return null;
  }
}

export const isKnownTimezone = (value: string): boolean => canonicalTimezone(value) !== null;

/** Hours and holidays are local times: they need the zone they are in. */
export const needsTimezone = (calendar: { openingHours: Week | null; holidays: Holiday[] }): boolean =>
  calendar.openingHours !== null || calendar.holidays.length > 0;

/** The weekday of a YYYY-MM-DD date (the same everywhere: a date has no time zone). */
export function weekdayOf(date: string): Weekday {
  return weekdays[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

const wholeDay: Interval[] = [{ opens: '00:00', closes: '24:00' }];

/**
 * When the location is open on a local date: nothing on a holiday, the whole day when no opening
 * hours are set, else that weekday's intervals.
 */
export function openOn(calendar: { openingHours: Week | null; holidays: readonly Holiday[] }, date: string): Interval[] {
  if (calendar.holidays.some((h) => h.date === date)) return [];
  if (!calendar.openingHours) return wholeDay;
  return calendar.openingHours[weekdayOf(date)];
}

/** A week with every day closed: the start of a week being written. */
export const closedWeek = (): Week => Object.fromEntries(weekdays.map((day) => [day, []])) as unknown as Week;
