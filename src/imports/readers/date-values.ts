import { isEmptyPartialDate, partialDateProblem, type PartialDate } from '../../common/partial-date.js';
import { offsetAt } from '../../common/zone-offsets.js';

/**
 * Dates as other systems write them, read into Rapport's shapes: a birthday (a partial date: the year
 * or even the day may be unknown) and the moment of a purchase or a call (an instant, ISO-8601 UTC).
 *
 * Understood: 1980-03-14, 1980/03/14, 19800314, 1980-03, 1980, --03-14, --0314, --03 (ISO and vCard, the dashes
 * meaning "no year"), 03/14/1980 and 3/14/80 (month first, as US systems and Outlook write it, unless
 * told day first; a first number over 12 can only be a day), 14.03.1980 and 14.03. (German), 14-03-1980,
 * "March 14", "March 14, 1980", "14 March 1980", "14-Mar-80" (Excel), "14. März 1980", "Mar 1980". A zero for every part
 * ("0/0/00", Outlook's "no birthday") is no date at all; a zero year ("0000-03-14") is an unknown year.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** How a date written with slashes or dashes and numbers only is read: 03/04/1980 is March 4 or 3 April. */
export type DateOrder = 'month-first' | 'day-first';

const months: Record<string, number> = {};
const monthWords = [
  ['january', 'jan', 'januar', 'jän'],
  ['february', 'feb', 'februar'],
  ['march', 'mar', 'märz', 'maerz', 'mär', 'mrz'],
  ['april', 'apr'],
  ['may', 'mai'],
  ['june', 'jun', 'juni'],
  ['july', 'jul', 'juli'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['october', 'oct', 'oktober', 'okt'],
  ['november', 'nov'],
  ['december', 'dec', 'dezember', 'dez'],
];
monthWords.forEach((words, i) => words.forEach((word) => (months[word] = i + 1)));
const monthPattern = `(${Object.keys(months).sort((a, b) => b.length - a.length).join('|')})\\.?`;

interface DateParts extends PartialDate {
  /** What follows the date: a time, perhaps. */
  rest: string;
}

/** Two-digit years: the most recent year ending so (a birthday in "80" is 1980, a sale in "24" is 2024). */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length > 2) return n;
  const now = new Date().getUTCFullYear();
  return n <= now % 100 ? now - (now % 100) + n : now - (now % 100) - 100 + n;
}

const num = (text: string | undefined): number | null => (text === undefined ? null : Number(text));

type Reader = (m: RegExpExecArray, order: DateOrder) => PartialDate;

/** Month then day, unless told otherwise; a first number over 12 (and a second not over 12) can only be a day. */
function ordered(first: number, second: number, order: DateOrder): { month: number; day: number } {
  const dayFirst = order === 'day-first' ? !(first <= 12 && second > 12) : first > 12 && second <= 12;
  return dayFirst ? { day: first, month: second } : { month: first, day: second };
}

const shapes: [RegExp, Reader][] = [
  [/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/, (m) => ({ year: num(m[1]), month: num(m[2]), day: num(m[3]) })],
  [/^(\d{4})(\d{2})(\d{2})(?=$|t)/, (m) => ({ year: num(m[1]), month: num(m[2]), day: num(m[3]) })],
  [/^(\d{4})-(\d{2})$/, (m) => ({ year: num(m[1]), month: num(m[2]), day: null })],
  [/^(\d{4})$/, (m) => ({ year: num(m[1]), month: null, day: null })],
  [/^--(\d{2})-?(\d{2})$/, (m) => ({ year: null, month: num(m[1]), day: num(m[2]) })],
  [/^--(\d{2})$/, (m) => ({ year: null, month: num(m[1]), day: null })],
  [/^---(\d{2})$/, (m) => ({ year: null, month: null, day: num(m[1]) })],
  [/^(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}|\d{2}))?(?=$|\s)/, (m, order) => ({ year: m[3] ? fullYear(m[3]) : null, ...ordered(Number(m[1]), Number(m[2]), order) })],
  [/^(\d{1,2})\.\s?(\d{1,2})\.(?:\s?(\d{4}|\d{2}))?(?=$|\s)/, (m) => ({ year: m[3] ? fullYear(m[3]) : null, month: num(m[2]), day: num(m[1]) })],
  [new RegExp(`^(\\d{1,2})\\.?\\s+${monthPattern}(?:,?\\s+(\\d{4}))?(?=$|\\s|,)`), (m) => ({ year: num(m[3]), month: months[m[2]!]!, day: num(m[1]) })],
  // Excel's "14-Mar-80" and "14-Mar-1980".
  [new RegExp(`^(\\d{1,2})-${monthPattern}-(\\d{4}|\\d{2})(?=$|\\s)`), (m) => ({ year: fullYear(m[3]!), month: months[m[2]!]!, day: num(m[1]) })],
  [new RegExp(`^${monthPattern}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?(?=$|\\s|,)`), (m) => ({ year: num(m[3]), month: months[m[1]!]!, day: num(m[2]) })],
  [new RegExp(`^${monthPattern}(?:,?\\s+(\\d{4}))?$`), (m) => ({ year: num(m[2]), month: months[m[1]!]!, day: null })],
];

/** The date at the start of a text and what follows it, or null when the text does not start with a date. */
function dateParts(text: string, order: DateOrder): DateParts | null {
  const lower = text.trim().toLowerCase();
  for (const [shape, read] of shapes) {
    const m = shape.exec(lower);
    if (m) return { ...read(m, order), rest: lower.slice(m[0].length).replace(/^,/, '').trim() };
  }
  return null;
}

/**
 * A birthday or another date whose parts may be unknown. Empty text and all-zero dates are
 * `null` (no date); anything else that is not a real date is a reason.
 */
export function readPartialDate(text: string, order: DateOrder = 'month-first'): Parsed<PartialDate | null> {
  if (!text.trim()) return { ok: true, value: null };
  const parts = dateParts(text, order);
  // A time after a birthday ("1980-03-14T00:00:00Z", as some phones write it) says nothing more.
  if (!parts || (parts.rest && !/^t?[\d:.]+(z|[+-][\d:]+)?$/.test(parts.rest))) return { ok: false, reason: 'is not a date' };
  const date: PartialDate = { year: parts.year || null, month: parts.month, day: parts.day };
  if (parts.year === 0 && !parts.month && !parts.day) return { ok: true, value: null };
  if (parts.month === 0 && parts.day === 0) return { ok: true, value: null };
  if (partialDateProblem(date)) return { ok: false, reason: 'is not a date' };
  return { ok: true, value: isEmptyPartialDate(date) ? null : date };
}

export interface DateTimeOptions {
  /** The time zone local times are read in (the shop's). */
  timeZone: string;
  order?: DateOrder;
}

const timeShape = /^(?:t\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?\s*(am|pm|a\.m\.|p\.m\.)?\s*(z|utc|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch of a UTC calendar moment (any year, unlike Date.UTC's 0-99 quirk). */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

/** A wall-clock reading in a zone to the instant it names; twice, so the offset is the one in force then. */
function fromWallClock(wall: number, zone: string): number {
  const first = wall - offsetAt(zone, wall);
  return wall - offsetAt(zone, first);
}

function offsetMs(text: string): number {
  if (text === 'z' || text === 'utc') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/**
 * When something happened, as ISO-8601 UTC. A time with an offset ("Z", "+01:00") is taken as
 * written; one without is the shop's local time. A date without a time is noon local time, so that
 * the day reads the same in every zone near the shop's.
 */
export function readDateTime(text: string, options: DateTimeOptions): Parsed<string> {
  const parts = dateParts(text, options.order ?? 'month-first');
  if (!parts) return { ok: false, reason: 'is not a date' };
  const { year, month, day } = parts;
  if (year === null || month === null || day === null || partialDateProblem({ year, month, day })) return { ok: false, reason: 'is not a date' };
  let hour = 12;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let offset: number | null = null;
  if (parts.rest) {
    const t = timeShape.exec(parts.rest);
    if (!t) return { ok: false, reason: 'is not a date and time' };
    [hour, minute, second, ms] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0), Number((t[4] ?? '0').padEnd(3, '0'))];
    const half = t[5]?.replace(/\./g, '');
    if (half) {
      if (hour < 1 || hour > 12) return { ok: false, reason: 'is not a time of day' };
      hour = (hour % 12) + (half === 'pm' ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: 'is not a time of day' };
    if (t[6]) offset = offsetMs(t[6]);
  }
  const wall = utcMs(year, month, day, hour, minute, second, ms);
  const instant = offset === null ? fromWallClock(wall, options.timeZone) : wall - offset;
  return { ok: true, value: new Date(instant).toISOString() };
}
