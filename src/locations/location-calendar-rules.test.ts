import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../platform/errors.js';
import {
  canonicalTimezone,
  checkHolidays,
  checkWeek,
  closedWeek,
  isDay,
  minutesOf,
  needsTimezone,
  openOn,
  weekdayOf,
  weekdays,
  type Interval,
  type Week,
} from './location-calendar-rules.js';

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const weekWith = (day: keyof Week, intervals: Interval[]): Week => ({ ...closedWeek(), [day]: intervals });

/** The field errors a check throws, or [] when it accepts. */
function problems(check: () => unknown): { path: string; message: string }[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid') return error.errors ?? [];
    throw error;
  }
}

describe('times of day', () => {
  it('reads HH:MM from 00:00 to 24:00 and nothing else', () => {
    expect(minutesOf('00:00')).toBe(0);
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('24:00')).toBe(1440);
    for (const bad of ['24:01', '9:30', '09:60', '25:00', '0930', '', '09:30 ', 'ab:cd']) expect(minutesOf(bad), bad).toBeNull();
  });
});

describe('weekly opening hours', () => {
  const interval = fc.tuple(fc.integer({ min: -30, max: 1500 }), fc.integer({ min: -30, max: 1500 })).map(([a, b]) => ({
    opens: a >= 0 && a <= 1440 ? hhmm(a) : `${a}`,
    closes: b >= 0 && b <= 1440 ? hhmm(b) : `${b}`,
  }));
  const week = fc.record(Object.fromEntries(weekdays.map((d) => [d, fc.array(interval, { maxLength: 5 })])) as Record<keyof Week, fc.Arbitrary<Interval[]>>);

  it('keeps only weeks whose days are sorted, non-overlapping intervals inside the day', () => {
    fc.assert(
      fc.property(week, (input) => {
        let accepted: Week;
        try {
          accepted = checkWeek(input);
        } catch (error) {
          if (error instanceof DomainError && error.kind === 'invalid') return;
          throw error;
        }
        for (const day of weekdays) {
          expect(accepted[day]).toHaveLength(input[day].length);
          const spans = accepted[day].map((i) => [minutesOf(i.opens)!, minutesOf(i.closes)!] as const);
          for (const [opens, closes] of spans) {
            expect(opens).toBeGreaterThanOrEqual(0);
            expect(closes).toBeGreaterThan(opens);
            expect(closes).toBeLessThanOrEqual(1440);
          }
          for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses any overlapping pair, naming the interval written later', () => {
    const overlapping = fc
      .tuple(fc.integer({ min: 0, max: 1438 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 0, max: 599 }), fc.constantFrom(...weekdays), fc.boolean())
      .map(([start, length, otherLength, into, day, swap]) => {
        const first = { opens: hhmm(start), closes: hhmm(Math.min(1440, start + length)) };
        // The second opens inside the first (or at the same minute), so they overlap.
        const secondStart = start + (into % Math.max(1, Math.min(1440, start + length) - start));
        const second = { opens: hhmm(secondStart), closes: hhmm(Math.min(1440, secondStart + otherLength)) };
        return { day, intervals: swap ? [second, first] : [first, second] };
      })
      .filter(({ intervals }) => intervals.every((i) => minutesOf(i.closes)! > minutesOf(i.opens)!));
    fc.assert(
      fc.property(overlapping, ({ day, intervals }) => {
        expect(problems(() => checkWeek(weekWith(day, intervals)))).toEqual([{ path: `/body/openingHours/${day}/1`, message: expect.stringMatching(/^overlaps /) }]);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts a day, names each bad time, and says which interval another overlaps', () => {
    const sorted = checkWeek(weekWith('sat', [{ opens: '14:00', closes: '18:00' }, { opens: '09:00', closes: '12:00' }]));
    expect(sorted.sat).toEqual([{ opens: '09:00', closes: '12:00' }, { opens: '14:00', closes: '18:00' }]);
    expect(sorted.mon).toEqual([]);
    // Touching intervals do not overlap; a day may run to midnight.
    expect(checkWeek(weekWith('fri', [{ opens: '00:00', closes: '12:00' }, { opens: '12:00', closes: '24:00' }])).fri).toHaveLength(2);

    expect(problems(() => checkWeek(weekWith('mon', [{ opens: '09:00', closes: '17:00' }, { opens: '12:00', closes: '13:00' }])))).toEqual([
      { path: '/body/openingHours/mon/1', message: 'overlaps 09:00–17:00' },
    ]);
    expect(problems(() => checkWeek(weekWith('tue', [{ opens: '9:00', closes: '17:00' }, { opens: '18:00', closes: '18:00' }, { opens: '24:00', closes: '24:30' }])))).toEqual([
      { path: '/body/openingHours/tue/0/opens', message: 'must be a time from 00:00 to 23:59, like 09:00' },
      { path: '/body/openingHours/tue/1/closes', message: 'must be after the opening time 18:00' },
      { path: '/body/openingHours/tue/2/opens', message: 'must be a time from 00:00 to 23:59, like 09:00' },
      { path: '/body/openingHours/tue/2/closes', message: 'must be a time from 00:01 to 24:00, like 17:30' },
    ]);
    // An interval inside a long one, after a short one that ended before it: still an overlap.
    const nested = [{ opens: '08:00', closes: '20:00' }, { opens: '09:00', closes: '10:00' }, { opens: '12:00', closes: '13:00' }];
    expect(problems(() => checkWeek(weekWith('wed', nested))).map((e) => e.path)).toEqual(['/body/openingHours/wed/1', '/body/openingHours/wed/2']);
  });
});

describe('holidays', () => {
  it('are real dates, named, one per date, sorted', () => {
    expect(checkHolidays([{ date: '2026-12-26', name: ' Boxing Day ' }, { date: '2026-12-25', name: 'Christmas Day' }])).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'Boxing Day' },
    ]);
    expect(problems(() => checkHolidays([{ date: '2026-02-30', name: 'Nope' }, { date: '2026-12-25', name: 'Christmas' }, { date: '2026-12-25', name: 'Again' }, { date: '2027-01-01', name: '  ' }]))).toEqual([
      { path: '/body/holidays/0/date', message: 'must be a date like 2026-12-25' },
      { path: '/body/holidays/2/date', message: 'is already a holiday (Christmas)' },
      { path: '/body/holidays/3/name', message: 'cannot be blank' },
    ]);
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
  });
});

describe('time zones', () => {
  it('accepts the zones the runtime lists and UTC, in their listed spelling', () => {
    expect(canonicalTimezone('Europe/London')).toBe('Europe/London');
    expect(canonicalTimezone('america/chicago')).toBe('America/Chicago');
    expect(canonicalTimezone('UTC')).toBe('UTC');
    expect(canonicalTimezone('utc')).toBe('UTC');
    for (const zone of Intl.supportedValuesOf('timeZone')) expect(canonicalTimezone(zone)).toBe(zone);
  });
  it('takes another name of a listed zone as that zone, and refuses the rest', () => {
    expect(Intl.supportedValuesOf('timeZone')).toContain(canonicalTimezone('US/Eastern'));
    expect(canonicalTimezone('Mars/Olympus')).toBeNull();
    expect(canonicalTimezone('')).toBeNull();
    expect(canonicalTimezone('+05:00 nonsense')).toBeNull();
  });
});

describe('when a location is open', () => {
  const week = { ...closedWeek(), mon: [{ opens: '09:00', closes: '17:00' }], sat: [{ opens: '10:00', closes: '12:00' }] };
  it('follows the weekday, closes on holidays, and counts every hour when no hours are set', () => {
    expect(weekdayOf('2026-11-23')).toBe('mon');
    expect(weekdayOf('2026-11-29')).toBe('sun');
    expect(openOn({ openingHours: week, holidays: [] }, '2026-11-23')).toEqual([{ opens: '09:00', closes: '17:00' }]);
    expect(openOn({ openingHours: week, holidays: [] }, '2026-11-24')).toEqual([]);
    expect(openOn({ openingHours: week, holidays: [{ date: '2026-11-23', name: 'Closed for stocktaking' }] }, '2026-11-23')).toEqual([]);
    expect(openOn({ openingHours: null, holidays: [] }, '2026-11-24')).toEqual([{ opens: '00:00', closes: '24:00' }]);
    expect(openOn({ openingHours: null, holidays: [{ date: '2026-12-25', name: 'Christmas' }] }, '2026-12-25')).toEqual([]);
  });
  it('needs a time zone once it has hours or holidays', () => {
    expect(needsTimezone({ openingHours: null, holidays: [] })).toBe(false);
    expect(needsTimezone({ openingHours: closedWeek(), holidays: [] })).toBe(true);
    expect(needsTimezone({ openingHours: null, holidays: [{ date: '2026-12-25', name: 'Christmas' }] })).toBe(true);
  });
});
