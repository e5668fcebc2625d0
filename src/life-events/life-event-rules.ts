import { partialDateProblem, type PartialDate } from '../common/partial-date.js';
import { unprocessable } from '../platform/errors.js';

/** Pure rules for life events. */

/** A consistent partial date, or null when nothing is known; a wrong part is named: /body/date/day. */
export function checkEventDate(date: Partial<PartialDate> | null | undefined, path = '/body/date'): PartialDate | null {
  if (!date) return null;
  const problem = partialDateProblem(date);
  if (problem) throw unprocessable(`${path}/${problem.part}`, `${problem.part} ${problem.message}`);
  const checked = { year: date.year ?? null, month: date.month ?? null, day: date.day ?? null };
  return checked.year === null && checked.month === null && checked.day === null ? null : checked;
}

export function checkTitle(title: string, path = '/body/title'): string {
  const trimmed = title.trim();
  if (!trimmed) throw unprocessable(path, 'title cannot be blank');
  return trimmed;
}

/** Everyone involved, once each, the owning customer first. */
export function involvedCustomers(ownerId: string, others: readonly string[] = []): string[] {
  return [...new Set([ownerId, ...others])];
}

/** Owner first, then the rest in a stable order (the table keeps no order of its own). */
export const orderInvolved = (ownerId: string, ids: readonly string[]): string[] =>
  [...ids].sort((a, b) => Number(b === ownerId) - Number(a === ownerId) || a.localeCompare(b));
