import { minutesOf, openOn, type Holiday, type Week } from '../locations/location-calendar-rules.js';
import { offsetSegments } from '../common/zone-offsets.js';

/**
 * Business-hours arithmetic: how much of a stretch of time a location was open, and when a given
 * amount of open time will have passed. Pure (no database), the core of response targets.
 *
 * The rule, in one sentence: an instant counts when the location's wall clock, in its time zone,
 * reads a time inside that local day's opening hours (none on a holiday; every hour when no hours
 * are set). So across daylight-saving changes:
 * - a local day is 23 or 25 hours (or 23½, 24½ in Lord Howe) long, and a location open all day is
 *   open that long;
 * - an opening time that falls in the skipped hour (02:30 when the clocks jump from 02:00 to 03:00)
 *   opens at the jump: the first moment the clock reads a time after it;
 * - a repeated hour (01:00-02:00 twice when the clocks go back) counts twice if it is inside the
 *   hours, as the wall clock reads it twice.
 *
 * Pauses are stretches that never count (a case waiting on the customer). Times are milliseconds
 * since the epoch; a pause may end at Infinity (still going).
 */

export interface BusinessCalendar {
  /** IANA zone; null only when there are no hours and no holidays (every hour counts), read as UTC. */
  timezone: string | null;
  openingHours: Week | null;
  holidays: readonly Holiday[];
}

export interface Span {
  from: number;
  /** Exclusive; may be Infinity for a pause still going. */
  to: number;
}

export const minuteMs = 60_000;
export const hourMs = 3_600_000;
const dayMs = 86_400_000;
/** How far ahead `addBusinessTime` looks before saying "never" (a location closed for years). */
const horizonMs = 3 * 366 * dayMs;

/** Every hour counts: no hours set and no holiday. */
export const alwaysOpen = (calendar: BusinessCalendar): boolean => calendar.openingHours === null && calendar.holidays.length === 0;

/** Sorted, overlapping or touching spans joined; empty ones dropped. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ from: s.from, to: s.to });
  }
  return out;
}

/** `spans` without `holes` (both merged: sorted and disjoint). */
export function subtractSpans(spans: readonly Span[], holes: readonly Span[]): Span[] {
  const out: Span[] = [];
  let h = 0;
  for (const span of spans) {
    let from = span.from;
    while (h < holes.length && holes[h]!.to <= from) h += 1;
    let k = h;
    while (from < span.to && k < holes.length && holes[k]!.from < span.to) {
      const hole = holes[k]!;
      if (hole.from > from) out.push({ from, to: hole.from });
      from = Math.max(from, hole.to);
      k += 1;
    }
    if (from < span.to) out.push({ from, to: span.to });
  }
  return out;
}

const dateOf = (wallMs: number): string => new Date(wallMs).toISOString().slice(0, 10);

/** The stretches of [from, to) when the location is open, sorted and disjoint. */
export function openSpans(calendar: BusinessCalendar, from: number, to: number): Span[] {
  if (!(to > from)) return [];
  if (alwaysOpen(calendar)) return [{ from, to }];
  const found: Span[] = [];
  for (const segment of offsetSegments(calendar.timezone ?? 'UTC', from, to)) {
    const start = Math.max(segment.start, from);
    const end = Math.min(segment.end, to);
    if (start >= end) continue;
    // Within a segment the wall clock reads instant + offset: walk the local days it shows.
    const offset = segment.offset;
    for (let day = Math.floor((start + offset) / dayMs) * dayMs; day < end + offset; day += dayMs) {
      for (const interval of openOn(calendar, dateOf(day))) {
        const opens = day + minutesOf(interval.opens)! * minuteMs - offset;
        const closes = day + minutesOf(interval.closes)! * minuteMs - offset;
        const lo = Math.max(opens, start);
        const hi = Math.min(closes, end);
        if (lo < hi) found.push({ from: lo, to: hi });
      }
    }
  }
  return mergeSpans(found);
}

const total = (spans: readonly Span[]) => spans.reduce((sum, s) => sum + (s.to - s.from), 0);

/** The business time between two instants, in ms: open time not inside a pause. 0 when `to` is not after `from`. */
export function businessTime(calendar: BusinessCalendar, from: number, to: number, pauses: readonly Span[] = []): number {
  return total(subtractSpans(openSpans(calendar, from, to), mergeSpans(pauses)));
}

/**
 * The earliest instant by which `duration` ms of business time (outside pauses) has passed since
 * `from`: `from` itself for a duration of 0. Null when it never comes: the location is closed
 * from then on, or a pause lasts for ever (the case is still waiting on the customer).
 */
export function addBusinessTime(calendar: BusinessCalendar, from: number, duration: number, pauses: readonly Span[] = []): number | null {
  if (duration <= 0) return from;
  const holes = mergeSpans(pauses);
  let left = duration;
  let cursor = from;
  let window = 7 * dayMs;
  const limit = from + horizonMs;
  while (cursor < limit) {
    const end = Math.min(cursor + window, limit);
    for (const span of subtractSpans(openSpans(calendar, cursor, end), holes)) {
      const length = span.to - span.from;
      if (length >= left) return span.from + left;
      left -= length;
    }
    // Still inside a pause that never ends: nothing more can count.
    if (holes.some((h) => h.to === Infinity && h.from <= end)) return null;
    cursor = end;
    window *= 2;
  }
  return null;
}
