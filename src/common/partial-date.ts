/** A date where any part may be unknown: a birthday without the year, an event known only by its year. */
export interface PartialDate {
  year: number | null;
  month: number | null;
  day: number | null;
}

const daysIn = (month: number, year: number | null): number => {
  if (month === 2) return year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
};

/** Null when the date is consistent, else a sentence saying which part is wrong (its key and why). */
export function partialDateProblem(date: Partial<PartialDate>): { part: keyof PartialDate; message: string } | null {
  const { year = null, month = null, day = null } = date;
  if (year !== null && (!Number.isInteger(year) || year < 1 || year > 9999)) return { part: 'year', message: 'must be a year from 1 to 9999' };
  if (month !== null && (!Number.isInteger(month) || month < 1 || month > 12)) return { part: 'month', message: 'must be a month from 1 to 12' };
  if (day !== null) {
    if (month === null) return { part: 'day', message: 'needs a month too' };
    if (!Number.isInteger(day) || day < 1 || day > daysIn(month, year)) {
      return { part: 'day', message: `must be a day from 1 to ${daysIn(month, year)} in that month` };
    }
  }
  return null;
}

export const isEmptyPartialDate = (date: PartialDate): boolean => date.year === null && date.month === null && date.day === null;

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "14 March 1980", "March", "1980", "14 March". Empty string when nothing is known. */
export function formatPartialDate(date: PartialDate): string {
  const month = date.month ? monthNames[date.month - 1] : null;
  return [date.day, month, date.year].filter((part) => part !== null && part !== undefined).join(' ');
}
