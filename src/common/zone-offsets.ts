/**
 * A time zone's offset from UTC over time, from the runtime's own time-zone data (Intl), as
 * segments of constant offset. Asked once per zone and year, then kept: business-hours arithmetic
 * over a stretch of time is then plain arithmetic.
 */

export interface OffsetSegment {
  start: number;
  /** Exclusive. */
  end: number;
  /** Local wall time minus UTC, in ms (+05:30 is 19 800 000). */
  offset: number;
}

const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, found);
  }
  return found;
}

/** The wall-clock reading in `zone` at an instant, as if it were UTC (ms, whole seconds). */
export function wallClock(zone: string, instant: number): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) parts[p.type] = p.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const wall = new Date(Date.UTC(2000, Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second)));
  wall.setUTCFullYear(year);
  return wall.getTime();
}

/** The zone's offset at an instant, in ms. */
export const offsetAt = (zone: string, instant: number): number => wallClock(zone, instant) - Math.floor(instant / 1000) * 1000;

/** The first instant (to the second) in (low, high] with an offset other than `before`'s. */
function changeBetween(zone: string, low: number, high: number, before: number): number {
  let lo = low;
  let hi = high;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

const byYear = new Map<string, OffsetSegment[]>();

/**
 * One UTC year of a zone, sampled at every UTC midnight; a change between two samples is found to
 * the second. Real zones change their offset at most once in a day.
 */
function yearSegments(zone: string, year: number): OffsetSegment[] {
  const key = `${zone}|${year}`;
  const cached = byYear.get(key);
  if (cached) return cached;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const segments: OffsetSegment[] = [];
  let segmentStart = start;
  let offset = offsetAt(zone, start);
  for (let at = start; at < end; at += dayMs) {
    const next = Math.min(at + dayMs, end);
    const nextOffset = offsetAt(zone, next);
    if (nextOffset !== offset && next <= end) {
      const change = changeBetween(zone, at, next, offset);
      if (change < end) {
        segments.push({ start: segmentStart, end: change, offset });
        segmentStart = change;
        offset = offsetAt(zone, change);
      }
    }
  }
  segments.push({ start: segmentStart, end, offset });
  byYear.set(key, segments);
  return segments;
}

/** The segments of constant offset that cover [from, to), joined across years. */
export function offsetSegments(zone: string, from: number, to: number): OffsetSegment[] {
  const out: OffsetSegment[] = [];
  const first = new Date(from).getUTCFullYear();
  const last = new Date(Math.max(from, to - 1)).getUTCFullYear();
  for (let year = first; year <= last; year += 1) {
    for (const s of yearSegments(zone, year)) {
      if (s.end <= from || s.start >= to) continue;
      const previous = out.at(-1);
      if (previous && previous.offset === s.offset && previous.end === s.start) previous.end = s.end;
      else out.push({ ...s });
    }
  }
  return out;
}
