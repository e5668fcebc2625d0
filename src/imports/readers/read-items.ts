import type { RowProblem } from '../import-records.js';

/**
 * What a reader hands back for each record of a file: the record as far as it could be read, and
 * every problem found in it. A record with problems is still handed back, so the import can show
 * the shop owner each line it did not take whole; `record` is null only when nothing importable was
 * left (no date on a purchase, a card with no name, email or phone, a line that is not JSON).
 */
export interface ReadItem<T> {
  line: number;
  record: T | null;
  problems: RowProblem[];
}

/** A problem about one field (a CSV column, a vCard property, a JSON field), or the whole record when `field` is null. */
export const problem = (line: number, field: string | null, message: string): RowProblem => ({ line, field, message });

/** A value quoted in a message, shortened so a pasted paragraph does not fill the screen. */
export function quoted(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  return `'${oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine}'`;
}

/** Several values in one cell, the way Google Contacts writes them: "a@x.com ::: b@x.com". */
export const splitMultiValue = (value: string): string[] => value.split(/\s+:::\s+/).map((v) => v.trim());
