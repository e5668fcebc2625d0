import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partialDateText } from '../../exports/partial-date-text.js';
import { readDateTime, readPartialDate } from './date-values.js';

const date = (year: number | null, month: number | null, day: number | null) => ({ ok: true, value: { year, month, day } });

describe('reading birthdays', () => {
  it.each([
    ['1980-03-14', date(1980, 3, 14)],
    ['19800314', date(1980, 3, 14)],
    ['1980-03-14T00:00:00Z', date(1980, 3, 14)],
    ['03/14/1980', date(1980, 3, 14)],
    ['3/14/80', date(1980, 3, 14)],
    ['14.03.1980', date(1980, 3, 14)],
    ['14.03.', date(null, 3, 14)],
    ['14-03-1980', date(1980, 3, 14)],
    ['--03-14', date(null, 3, 14)],
    ['--0314', date(null, 3, 14)],
    ['--03', date(null, 3, null)],
    ['1980-03', date(1980, 3, null)],
    ['1980', date(1980, null, null)],
    ['March 14', date(null, 3, 14)],
    ['March 14, 1980', date(1980, 3, 14)],
    ['14 March 1980', date(1980, 3, 14)],
    ['Mar 14th', date(null, 3, 14)],
    ['14. März 1980', date(1980, 3, 14)],
    ['Sept 1980', date(1980, 9, null)],
    ['0000-03-14', date(null, 3, 14)],
    ['1980/03/14', date(1980, 3, 14)],
    ['14-Mar-80', date(1980, 3, 14)],
    ['14-Mar-1980', date(1980, 3, 14)],
    ['2-Dez-1979', date(1979, 12, 2)],
  ])('%s', (text, expected) => {
    expect(readPartialDate(text)).toEqual(expected);
  });

  it('reads no date at all from an empty cell or Outlook\'s zeros', () => {
    for (const text of ['', '  ', '0/0/00', '0.0.00', '00.00.0000']) expect(readPartialDate(text)).toEqual({ ok: true, value: null });
  });

  it('reads slashes month first unless told otherwise, and a first number over 12 as a day either way', () => {
    expect(readPartialDate('04/05/1980')).toEqual(date(1980, 4, 5));
    expect(readPartialDate('04/05/1980', 'day-first')).toEqual(date(1980, 5, 4));
    expect(readPartialDate('25/12/1980')).toEqual(date(1980, 12, 25));
    expect(readPartialDate('12/25/1980', 'day-first')).toEqual(date(1980, 12, 25));
  });

  it.each(['31/02/1980', '1980-02-30', '02/30', '13/13/1980', '--13-01', '---14', 'last spring', '1980-03-14 maybe', '32.01.1990'])('refuses %s', (text) => {
    expect(readPartialDate(text)).toEqual({ ok: false, reason: 'is not a date' });
  });

  it('reads back every partial date the exports write', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('full', 'no year', 'year and month', 'year', 'month'),
        fc.boolean(),
        (d, shape, basic) => {
          const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
          const value = {
            full: { year: y, month: m, day: dd },
            'no year': { year: null, month: m, day: dd },
            'year and month': { year: y, month: m, day: null },
            year: { year: y, month: null, day: null },
            month: { year: null, month: m, day: null },
          }[shape];
          expect(readPartialDate(partialDateText(value, basic))).toEqual({ ok: true, value });
        },
      ),
    );
  });
});

describe('reading when something happened', () => {
  const chicago = { timeZone: 'America/Chicago' };

  it('takes a time with an offset as written', () => {
    expect(readDateTime('2024-03-14T15:30:00Z', chicago)).toEqual({ ok: true, value: '2024-03-14T15:30:00.000Z' });
    expect(readDateTime('2024-03-14T15:30:00.250+01:00', chicago)).toEqual({ ok: true, value: '2024-03-14T14:30:00.250Z' });
  });

  it("reads a time without an offset as the shop's local time, summer time included", () => {
    // Chicago is UTC-6 in winter and UTC-5 from the second Sunday of March.
    expect(readDateTime('2024-03-09 14:35', chicago)).toEqual({ ok: true, value: '2024-03-09T20:35:00.000Z' });
    expect(readDateTime('2024-03-11 14:35', chicago)).toEqual({ ok: true, value: '2024-03-11T19:35:00.000Z' });
    expect(readDateTime('03/02/2024 2:35 PM', chicago)).toEqual({ ok: true, value: '2024-03-02T20:35:00.000Z' });
    expect(readDateTime('03/02/2024 12:05 am', chicago)).toEqual({ ok: true, value: '2024-03-02T06:05:00.000Z' });
    expect(readDateTime('14.03.2024 09:15:30', { timeZone: 'Europe/Berlin' })).toEqual({ ok: true, value: '2024-03-14T08:15:30.000Z' });
  });

  it('puts a date without a time at local noon', () => {
    expect(readDateTime('2024-03-14', chicago)).toEqual({ ok: true, value: '2024-03-14T17:00:00.000Z' });
    expect(readDateTime('March 14, 2024', { timeZone: 'UTC' })).toEqual({ ok: true, value: '2024-03-14T12:00:00.000Z' });
  });

  it('refuses what is not a full date and a real time', () => {
    expect(readDateTime('2024-02-30', chicago)).toEqual({ ok: false, reason: 'is not a date' });
    expect(readDateTime('--03-14', chicago)).toEqual({ ok: false, reason: 'is not a date' });
    expect(readDateTime('yesterday', chicago)).toEqual({ ok: false, reason: 'is not a date' });
    expect(readDateTime('2024-03-14 25:00', chicago)).toEqual({ ok: false, reason: 'is not a time of day' });
    expect(readDateTime('2024-03-14 13:00 PM', chicago)).toEqual({ ok: false, reason: 'is not a time of day' });
    expect(readDateTime('2024-03-14 around noon', chicago)).toEqual({ ok: false, reason: 'is not a date and time' });
  });
});
