import { describe, expect, it } from 'vitest';
import { readImport } from '../import-reading.js';
import { inferDateOrder } from './date-order.js';

describe('which way round a file writes its dates', () => {
  it('a day over 12 anywhere in the file decides for all of its dates', () => {
    expect(inferDateOrder('Name,Birthday\nAnn,03/04/1985\nBo,14/03/1980\n', 'US')).toEqual({ order: 'day-first', note: 'Dates such as 03/04/1985 were read day first, as 14/03/1980 in the same file shows.' });
    expect(inferDateOrder('Name,Birthday\nAnn,03/04/1985\nBo,03/14/1980\n', 'GB')).toEqual({ order: 'month-first', note: 'Dates such as 03/04/1985 were read month first, as 03/14/1980 in the same file shows.' });
  });

  it('when no date decides, the shop\'s region does, and says so when it mattered', () => {
    expect(inferDateOrder('Name,Birthday\nAnn,03/04/1985\n', 'US').order).toBe('month-first');
    expect(inferDateOrder('Name,Birthday\nAnn,03/04/1985\n', 'GB')).toEqual({ order: 'day-first', note: 'Dates such as 03/04/1985 were read day first, as the shop\'s region writes them; choose the other order if the file does not.' });
    expect(inferDateOrder('Name,Birthday\nAnn,1985-03-04\nBo,05/05/1990\n', 'FR')).toEqual({ order: 'day-first', note: null });
  });

  it('dates written both ways: the region, with a warning', () => {
    const found = inferDateOrder('a,b\n14/03/1980,03/14/1980\n01/02/2000,x\n', 'DE');
    expect(found.order).toBe('day-first');
    expect(found.note).toMatch(/both ways \(14\/03\/1980, 03\/14\/1980\)/);
  });

  it('a birthday without a year counts too: Mailchimp writes them month first', () => {
    const file = new TextEncoder().encode('Email Address,First Name,Birthday\nann@example.com,Ann,11/30\nbo@example.com,Bo,04/07\n');
    const read = readImport({ kind: 'customers', format: 'csv' }, file, { phoneRegion: 'GB', timeZone: 'UTC', currency: 'GBP' });
    expect(read.kind === 'customers' && read.items.map((i) => i.record?.customer.birthday)).toEqual([{ year: null, month: 11, day: 30 }, { year: null, month: 4, day: 7 }]);
    expect(read.notes).toContain('Dates such as 04/07 were read month first, as 11/30 in the same file shows.');
    // A fraction or an opening time inside a longer cell is not a date.
    expect(inferDateOrder('Name,Note\nAnn,open 24/7\nBo,half 1/2 price\n', 'US')).toEqual({ order: 'month-first', note: null });
  });

  it('phone numbers, ISO dates and longer numbers are not dates', () => {
    expect(inferDateOrder('Phone\n12-555-0142\n+44 20-7946-0958\n2024-13-01\n113/04/1985\n', 'GB')).toEqual({ order: 'day-first', note: null });
  });

  it('an import of a French Outlook export reads 03/04/1985 as 3 April; the person importing can say otherwise', () => {
    const file = new TextEncoder().encode('First Name,Last Name,Birthday\nAnn,Berg,03/04/1985\nBo,Lund,14/03/1980\n');
    const options = { phoneRegion: 'US', timeZone: 'UTC', currency: 'USD' };
    const birthdays = (read: ReturnType<typeof readImport>) => (read.kind === 'customers' ? read.items.map((i) => i.record?.customer.birthday) : []);
    const read = readImport({ kind: 'customers', format: 'csv' }, file, options);
    expect(birthdays(read)).toEqual([{ year: 1985, month: 4, day: 3 }, { year: 1980, month: 3, day: 14 }]);
    expect(read.notes).toContain('Dates such as 03/04/1985 were read day first, as 14/03/1980 in the same file shows.');
    const told = readImport({ kind: 'customers', format: 'csv' }, file, { ...options, dateOrder: 'month-first' });
    expect(birthdays(told)[0]).toEqual({ year: 1985, month: 3, day: 4 });
  });
});
