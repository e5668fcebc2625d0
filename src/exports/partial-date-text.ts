import type { PartialDate } from '../common/partial-date.js';

/**
 * A partial date in ISO 8601's forms, which both exports use and every reader of dates understands:
 * 1980-03-14, --03-14 (no year), 1980-03, 1980, --03. `basic` leaves out the dashes between parts,
 * as vCard 4.0 writes a date (19800314, --0314).
 */
export function partialDateText(date: PartialDate, basic = false): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const dash = basic ? '' : '-';
  const { year, month, day } = date;
  if (month === null) return year === null ? '' : pad(year, 4);
  const monthDay = day === null ? pad(month) : `${pad(month)}${dash}${pad(day)}`;
  if (year === null) return `--${monthDay}`;
  return day === null ? `${pad(year, 4)}-${pad(month)}` : `${pad(year, 4)}${dash}${monthDay}`;
}
