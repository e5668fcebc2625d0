import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closedWeek, weekdayOf, weekdays, type Holiday, type Interval, type Week } from '../locations/location-calendar-rules.js';
import { addBusinessTime, businessTime, hourMs, mergeSpans, minuteMs, openSpans, type BusinessCalendar, type Span } from './business-hours.js';
import { offsetSegments } from '../common/zone-offsets.js';

/**
 * Business-hours arithmetic against random calendars, instants and zones, with instants drawn
 * around real daylight-saving changes: New York and London (an hour), Lord Howe (half an hour),
 * Kolkata (none, +05:30), and UTC. The oracle for "is this minute open" reads the wall clock
 * straight from Intl, apart from the offset segments the arithmetic uses.
 */

const zones = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'] as const;
const dayMs = 86_400_000;

/** Daylight-saving changes of 2026 (checked below against the runtime's zone data). */
const changes: Record<(typeof zones)[number], string[]> = {
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'],
  'Europe/London': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'],
  'Australia/Lord_Howe': ['2026-04-04T15:00:00Z', '2026-10-03T15:30:00Z'],
  'Asia/Kolkata': [],
  UTC: [],
};

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const everyDay = (intervals: Interval[]): Week => Object.fromEntries(weekdays.map((d) => [d, intervals])) as unknown as Week;

/** A day's hours: sorted distinct boundaries paired up; often near the small hours, where the clocks change. */
const boundary = fc.oneof(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 50, max: 200 }), fc.constantFrom(0, 120, 150, 540, 1020, 1440));
const dayHours: fc.Arbitrary<Interval[]> = fc.uniqueArray(boundary, { maxLength: 6 }).map((bs) => {
  const sorted = [...bs].sort((a, b) => a - b);
  const out: Interval[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ opens: hhmm(sorted[i]!), closes: hhmm(sorted[i + 1]!) });
  return out;
});
const week: fc.Arbitrary<Week | null> = fc.option(
  fc.record(Object.fromEntries(weekdays.map((d) => [d, dayHours])) as Record<keyof Week, fc.Arbitrary<Interval[]>>),
  { freq: 5 },
);

/** An instant around a clock change of its zone (or anywhere in 2025-2027), to the minute. */
function instantNear(zone: (typeof zones)[number]): fc.Arbitrary<number> {
  const anchors = changes[zone].map((c) => Date.parse(c));
  const anywhere = fc.integer({ min: Date.UTC(2025, 0, 1) / minuteMs, max: Date.UTC(2027, 11, 1) / minuteMs }).map((m) => m * minuteMs);
  if (!anchors.length) return anywhere;
  const near = fc.tuple(fc.constantFrom(...anchors), fc.integer({ min: -3 * 1440, max: 3 * 1440 })).map(([a, m]) => a + m * minuteMs);
  return fc.oneof(near, near, anywhere);
}

/** A zone, a calendar in it, and instants near its clock changes. */
const setting = fc.constantFrom(...zones).chain((zone) =>
  fc.record({
    zone: fc.constant(zone),
    week,
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -4, max: 6 }), { maxLength: 3 }),
    a: instantNear(zone),
    spans: fc.array(fc.integer({ min: 0, max: 5 * 1440 }), { minLength: 3, maxLength: 3 }),
  }),
);

function calendarOf(s: { zone: string; week: Week | null; holidayOffsets: number[]; a: number }): BusinessCalendar {
  const holidays: Holiday[] = s.holidayOffsets.map((d) => ({ date: localDate(s.zone, s.a + d * dayMs), name: `Holiday ${d}` }));
  return { timezone: s.zone, openingHours: s.week, holidays };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The wall clock in a zone straight from Intl: the local date and minutes since local midnight. */
function wall(zone: string, instant: number): { date: string; minutes: number } {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, minutes: (Number(p.hour) % 24) * 60 + Number(p.minute) };
}
const localDate = (zone: string, instant: number) => wall(zone, instant).date;

/** Whether the location is open during the minute starting at `instant`, read off the wall clock. */
function openByWallClock(calendar: BusinessCalendar, instant: number): boolean {
  const { date, minutes } = wall(calendar.timezone ?? 'UTC', instant);
  if (calendar.holidays.some((h) => h.date === date)) return false;
  if (!calendar.openingHours) return true;
  return calendar.openingHours[weekdayOf(date)].some((i) => {
    const [oh, om] = i.opens.split(':').map(Number);
    const [ch, cm] = i.closes.split(':').map(Number);
    return oh! * 60 + om! <= minutes && minutes < ch! * 60 + cm!;
  });
}

const runs = { numRuns: 300 };

describe('the zone data', () => {
  it('finds each daylight-saving change of 2026 where it is', () => {
    for (const zone of zones) {
      const found = offsetSegments(zone, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1)).slice(1).map((s) => new Date(s.start).toISOString());
      expect(found, zone).toEqual(changes[zone].map((c) => new Date(c).toISOString()));
    }
  });
});

describe('business time, by example', () => {
  const allDay: BusinessCalendar = { timezone: 'America/New_York', openingHours: everyDay([{ opens: '00:00', closes: '24:00' }]), holidays: [] };
  const office: BusinessCalendar = {
    timezone: 'Europe/London',
    openingHours: { ...everyDay([{ opens: '09:00', closes: '17:00' }]), sat: [], sun: [] },
    holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
  };

  it('counts a local day of 23 hours in spring and 25 in autumn', () => {
    expect(businessTime(allDay, Date.parse('2026-03-08T05:00:00Z'), Date.parse('2026-03-09T04:00:00Z'))).toBe(23 * hourMs);
    expect(businessTime(allDay, Date.parse('2026-11-01T04:00:00Z'), Date.parse('2026-11-02T05:00:00Z'))).toBe(25 * hourMs);
    const lordHowe = { ...allDay, timezone: 'Australia/Lord_Howe' };
    // 5 April 2026 local, a day of 24½ hours (the clocks go back half an hour).
    expect(businessTime(lordHowe, Date.parse('2026-04-04T13:00:00Z'), Date.parse('2026-04-05T13:30:00Z'))).toBe(24.5 * hourMs);
  });

  it('opens at the jump when the opening time falls in the skipped hour', () => {
    const early = { ...allDay, openingHours: everyDay([{ opens: '02:30', closes: '10:00' }]) };
    expect(openSpans(early, Date.parse('2026-03-08T00:00:00Z'), Date.parse('2026-03-09T00:00:00Z'))).toEqual([
      { from: Date.parse('2026-03-08T07:00:00Z'), to: Date.parse('2026-03-08T14:00:00Z') },
    ]);
  });

  it('skips evenings, weekends and holidays, and says when a target falls due', () => {
    // Thursday 24 December, 16:00 in London: one hour that day, none on Christmas Day or the weekend.
    const due = addBusinessTime(office, Date.parse('2026-12-24T16:00:00Z'), 2 * hourMs);
    expect(new Date(due!).toISOString()).toBe('2026-12-28T10:00:00.000Z');
    expect(businessTime(office, Date.parse('2026-12-24T16:00:00Z'), Date.parse('2026-12-28T10:00:00Z'))).toBe(2 * hourMs);
    expect(businessTime(office, Date.parse('2026-12-24T16:00:00Z'), Date.parse('2026-12-24T15:00:00Z'))).toBe(0);
  });

  it('counts every hour when no hours are set, in Kolkata as in UTC', () => {
    const open = { timezone: 'Asia/Kolkata', openingHours: null, holidays: [] };
    expect(businessTime(open, 0, 5 * hourMs)).toBe(5 * hourMs);
    expect(addBusinessTime(open, 0, 90 * minuteMs)).toBe(90 * minuteMs);
  });

  it('subtracts a pause, and never falls due during a pause that has not ended', () => {
    const from = Date.parse('2026-12-21T09:00:00Z'); // a Monday
    const pause = { from: Date.parse('2026-12-21T10:00:00Z'), to: Date.parse('2026-12-21T12:00:00Z') };
    expect(businessTime(office, from, Date.parse('2026-12-21T17:00:00Z'), [pause])).toBe(6 * hourMs);
    expect(new Date(addBusinessTime(office, from, 3 * hourMs, [pause])!).toISOString()).toBe('2026-12-21T14:00:00.000Z');
    expect(addBusinessTime(office, from, 3 * hourMs, [{ from: pause.from, to: Infinity }])).toBeNull();
    expect(addBusinessTime({ ...office, openingHours: { ...office.openingHours!, ...everyDay([]) } }, from, hourMs)).toBeNull();
  });
});

describe('business time, for any calendar, zone and instant', () => {
  it('gives back the duration added: measuring from a to a + d is d', () => {
    fc.assert(
      fc.property(setting, fc.integer({ min: 0, max: 40 * 60 }), (s, minutes) => {
        const calendar = calendarOf(s);
        const due = addBusinessTime(calendar, s.a, minutes * minuteMs);
        if (due === null) return;
        expect(businessTime(calendar, s.a, due)).toBe(minutes * minuteMs);
        // And it is the earliest such instant: a minute less falls short.
        if (minutes > 0) expect(businessTime(calendar, s.a, due - minuteMs)).toBeLessThan(minutes * minuteMs);
      }),
      runs,
    );
  });

  it('is never more than the wall time between the two instants, never less than none', () => {
    fc.assert(
      fc.property(setting, (s) => {
        const b = s.a + s.spans[0]! * minuteMs;
        const t = businessTime(calendarOf(s), s.a, b);
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeLessThanOrEqual(b - s.a);
      }),
      runs,
    );
  });

  it('adds up over an interval split in two', () => {
    fc.assert(
      fc.property(setting, (s) => {
        const calendar = calendarOf(s);
        const b = s.a + s.spans[0]! * minuteMs;
        const c = b + s.spans[1]! * minuteMs;
        expect(businessTime(calendar, s.a, c)).toBe(businessTime(calendar, s.a, b) + businessTime(calendar, b, c));
      }),
      runs,
    );
  });

  it('counts a minute exactly when the wall clock is inside that day’s hours and it is no holiday', () => {
    fc.assert(
      fc.property(setting, fc.array(fc.integer({ min: -2 * 1440, max: 2 * 1440 }), { minLength: 1, maxLength: 20 }), (s, minutes) => {
        const calendar = calendarOf(s);
        for (const m of minutes) {
          const at = s.a + m * minuteMs;
          expect(businessTime(calendar, at, at + minuteMs), `${s.zone} ${new Date(at).toISOString()}`).toBe(openByWallClock(calendar, at) ? minuteMs : 0);
        }
      }),
      runs,
    );
  });

  it('counts nothing on a holiday, whatever the hours', () => {
    fc.assert(
      fc.property(setting, (s) => {
        const calendar = calendarOf({ ...s, holidayOffsets: [0] });
        const holiday = calendar.holidays[0]!.date;
        // Every minute of the local holiday, found by walking the wall clock from two days before.
        let at = Math.floor(s.a / minuteMs) * minuteMs - 2 * dayMs;
        while (localDate(s.zone, at) !== holiday) at += 15 * minuteMs;
        while (localDate(s.zone, at - minuteMs) === holiday) at -= minuteMs;
        const start = at;
        while (localDate(s.zone, at) === holiday) at += 15 * minuteMs;
        while (localDate(s.zone, at - minuteMs) !== holiday) at -= minuteMs;
        expect(businessTime(calendar, start, at)).toBe(0);
        expect(businessTime(calendar, start - minuteMs, at + minuteMs)).toBe([start - minuteMs, at].filter((m) => openByWallClock(calendar, m)).length * minuteMs);
      }),
      { numRuns: 100 },
    );
  });

  it('takes off exactly the business time a pause overlaps, and the union of overlapping pauses', () => {
    fc.assert(
      fc.property(setting, fc.array(fc.tuple(fc.integer({ min: -1440, max: 6 * 1440 }), fc.integer({ min: 0, max: 2 * 1440 })), { maxLength: 3 }), (s, raw) => {
        const calendar = calendarOf(s);
        const b = s.a + (s.spans[0]! + s.spans[1]!) * minuteMs;
        const pauses: Span[] = raw.map(([start, length]) => ({ from: s.a + start * minuteMs, to: s.a + (start + length) * minuteMs }));
        const overlap = mergeSpans(pauses).reduce((sum, p) => sum + businessTime(calendar, Math.max(p.from, s.a), Math.min(p.to, b)), 0);
        expect(businessTime(calendar, s.a, b, pauses)).toBe(businessTime(calendar, s.a, b) - overlap);
      }),
      runs,
    );
  });

  it('an open-all-day calendar counts a local day as long as the clocks make it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 700 }), (zone, d) => {
        const calendar = { timezone: zone, openingHours: everyDay([{ opens: '00:00', closes: '24:00' }]), holidays: [] };
        const none = { ...calendar, openingHours: closedWeek() };
        const from = Date.UTC(2025, 6, 1) + d * dayMs;
        expect(businessTime(calendar, from, from + 3 * dayMs)).toBe(3 * dayMs);
        expect(businessTime(none, from, from + 3 * dayMs)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });
});
