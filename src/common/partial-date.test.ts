import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPartialDate, partialDateProblem } from './partial-date.js';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

describe('partial dates', () => {
  it('accepts every real calendar date, with any part left out except a day without its month', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), fc.boolean(), (date, knowYear) => {
        const full = { year: knowYear ? date.getUTCFullYear() : null, month: date.getUTCMonth() + 1, day: date.getUTCDate() };
        expect(partialDateProblem(full)).toBeNull();
        expect(partialDateProblem({ ...full, day: null })).toBeNull();
        expect(partialDateProblem({ year: full.year, month: null, day: null })).toBeNull();
      }),
    );
  });

  it('agrees with the calendar on which days exist', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const real = new Date(Date.UTC(2000, 0, 1));
        real.setUTCFullYear(year, month - 1, day);
        const exists = real.getUTCMonth() === month - 1;
        expect(partialDateProblem({ year, month, day }) === null).toBe(exists);
      }),
    );
  });

  it('allows 29 February when the year is unknown, and names the wrong part otherwise', () => {
    expect(partialDateProblem({ year: null, month: 2, day: 29 })).toBeNull();
    expect(partialDateProblem({ year: 2023, month: 2, day: 29 })?.part).toBe('day');
    expect(partialDateProblem({ year: 2024, month: 2, day: 29 })).toBeNull();
    expect(partialDateProblem({ year: 1900, month: 2, day: 29 })?.part).toBe('day');
    expect(partialDateProblem({ year: null, month: 13, day: null })?.part).toBe('month');
    expect(partialDateProblem({ year: 0, month: null, day: null })?.part).toBe('year');
    expect(partialDateProblem({ year: null, month: null, day: 5 })).toEqual({ part: 'day', message: 'needs a month too' });
  });

  it('never throws, whatever numbers come in', () => {
    fc.assert(
      fc.property(maybe(fc.double()), maybe(fc.double()), maybe(fc.double()), (year, month, day) => {
        const problem = partialDateProblem({ year, month, day });
        expect(problem === null || ['year', 'month', 'day'].includes(problem.part)).toBe(true);
      }),
    );
  });

  it('reads as a person would write it', () => {
    expect(formatPartialDate({ year: 1980, month: 3, day: 14 })).toBe('14 March 1980');
    expect(formatPartialDate({ year: null, month: 9, day: null })).toBe('September');
    expect(formatPartialDate({ year: 2026, month: 9, day: null })).toBe('September 2026');
    expect(formatPartialDate({ year: null, month: null, day: null })).toBe('');
  });
});
