/**
 * Local days in an IANA time zone, for promises due "by the end of 12 March" where the promise
 * belongs. Pure: Intl only, no database. Days are YYYY-MM-DD; instants are epoch milliseconds.
 *
 * The end of a local day is the last millisecond before the next local day begins. Around a
 * daylight-saving change at midnight (America/Havana, America/Santiago) the next day may begin at
 * 01:00, or a day may be skipped altogether (Pacific/Apia, 30 December 2011): the rules below still
 * answer "the first instant whose local date is that day or later".
 */
import { offsetAt, wallClock } from '../common/zone-offsets.js';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function localParts(instant: number, timezone: string): LocalParts {
  const wall = new Date(wallClock(timezone, instant));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes() };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Milliseconds since the epoch of a UTC calendar moment (any year, unlike Date.UTC's 0-99 quirk). */
function utcOf(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(instant: number | Date, timezone: string): string {
  const p = localParts(typeof instant === 'number' ? instant : instant.getTime(), timezone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** The local time of day "HH:MM" of an instant. */
export function localTime(instant: number | Date, timezone: string): string {
  const p = localParts(typeof instant === 'number' ? instant : instant.getTime(), timezone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(utcOf(y, m, d) + 86_400_000);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The first instant whose local date is `day` or later. */
export function startOfLocalDay(day: string, timezone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnightUtc = utcOf(y, m, d);
  // Local midnight is UTC midnight minus the offset; twice, so the offset is the one in force then.
  let t = midnightUtc - offsetAt(timezone, midnightUtc);
  t = midnightUtc - offsetAt(timezone, t);
  if (localDate(t, timezone) >= day && localDate(t - 1, timezone) < day) return t;
  // Midnight did not exist (a change at midnight, a skipped day): search the boundary to the millisecond.
  let lo = midnightUtc - 15 * 3_600_000; // before the day starts in every zone (offsets reach +14:00)
  let hi = midnightUtc + 13 * 3_600_000; // after it starts in every zone (offsets reach -12:00)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(mid, timezone) >= day) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The last instant of a local day: a promise due that day is on time until then. */
export const endOfLocalDay = (day: string, timezone: string): number => startOfLocalDay(nextDay(day), timezone) - 1;

/** A real calendar date written YYYY-MM-DD, in the years a promise can sensibly be due (1900-9999). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d\d-\d\d$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(utcOf(y, m, d));
  return y >= 1900 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
