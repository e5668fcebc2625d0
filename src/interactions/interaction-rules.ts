import { unprocessable } from '../platform/errors.js';
import { nowIso, toIso } from '../platform/time.js';

/** Pure rules for interactions (and other dated records): what a date and a summary must be. */

const earliest = '1900-01-01T00:00:00.000Z';

/**
 * When something happened, in the stored form (UTC, milliseconds). Absent means now.
 * A date the format allows but no calendar has (a leap second, 31 April) and dates before 1900
 * are refused: both engines must store and sort it the same way.
 */
export function checkOccurredAt(value: string | undefined, path: string): string {
  if (value === undefined) return nowIso();
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw unprocessable(path, `"${value}" is not a real date and time`);
  const iso = toIso(time);
  if (iso < earliest || !/^\d{4}-/.test(iso)) throw unprocessable(path, 'must be between the year 1900 and 9999');
  return iso;
}
