import { guardFormula } from '../imports/readers/formula-guard.js';

/**
 * CSV as RFC 4180 writes it and Excel opens it: comma-separated, CRLF line ends, a value quoted
 * when it holds a comma, a quote, a line break or space at either end (a quote inside doubled), and
 * a cell a spreadsheet would run as a formula guarded with an apostrophe (src/imports/readers/formula-guard.ts).
 */

/** Excel reads a file as UTF-8 only when it begins with the byte order mark. */
export const utf8Bom = '\uFEFF';

export function csvCell(value: string | null | undefined): string {
  const text = guardFormula((value ?? '').replace(/\r\n?/g, '\n'));
  return /[",\n\r]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row, with its CRLF. */
export const csvLine = (cells: readonly (string | null | undefined)[]): string => `${cells.map(csvCell).join(',')}\r\n`;
