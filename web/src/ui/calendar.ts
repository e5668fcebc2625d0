import type { Holiday, Week } from '../api/types';

/** A location's opening hours and holidays in words: "Mon–Fri 09:00–17:30 · Sat 10:00–13:00". */

export type Weekday = keyof Week;
export const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const dayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const short: Record<Weekday, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

const hoursOf = (intervals: Week[Weekday]) => (intervals.length ? intervals.map((i) => `${i.opens}–${i.closes}`).join(', ') : 'closed');

/** Runs of days with the same hours: "Mon–Fri 09:00–17:30 · Sat 10:00–13:00 · Sun closed". */
export function weekSummary(week: Week | null): string {
  if (!week) return 'No opening hours set';
  if (weekdays.every((d) => week[d].length === 0)) return 'Closed every day';
  const runs: { from: Weekday; to: Weekday; hours: string }[] = [];
  for (const day of weekdays) {
    const hours = hoursOf(week[day]);
    const last = runs.at(-1);
    if (last && last.hours === hours) last.to = day;
    else runs.push({ from: day, to: day, hours });
  }
  return runs.map((r) => `${r.from === r.to ? short[r.from] : `${short[r.from]}–${short[r.to]}`} ${r.hours}`).join(' · ');
}

/** "25 Dec 2026" for a YYYY-MM-DD date, read as that calendar day wherever the reader is. */
export function dayText(date: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(undefined, { ...options, timeZone: 'UTC' });
}

export const holidayText = (h: Holiday) => `${dayText(h.date)} ${h.name}`;

/** The holidays added and removed between two lists ("added 26 Dec 2026 Boxing Day; removed …"). */
export function holidayChanges(before: Holiday[], after: Holiday[]): string {
  const key = (h: Holiday) => `${h.date} ${h.name}`;
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  const added = after.filter((h) => !had.has(key(h)));
  const removed = before.filter((h) => !has.has(key(h)));
  const list = (items: Holiday[]) => (items.length > 4 ? `${items.slice(0, 4).map(holidayText).join(', ')} and ${items.length - 4} more` : items.map(holidayText).join(', '));
  return [added.length ? `added ${list(added)}` : '', removed.length ? `removed ${list(removed)}` : ''].filter(Boolean).join('; ') || 'no change';
}

/** The holidays on or after today (local date), and the ones before. */
export function splitHolidays(holidays: Holiday[], today = localToday()): { upcoming: Holiday[]; past: Holiday[] } {
  return { upcoming: holidays.filter((h) => h.date >= today), past: holidays.filter((h) => h.date < today) };
}

export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The IANA time zones this browser knows, for suggestions (the server checks against its own list). */
export function timeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('UTC') ? zones : [...zones, 'UTC'];
  } catch {
    return ['UTC'];
  }
}
