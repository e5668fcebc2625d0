import { unprocessable } from '../platform/errors.js';

/** Pure rules for projects. */

export function checkProjectTitle(title: string, path = '/body/title'): string {
  const trimmed = title.trim();
  if (!trimmed) throw unprocessable(path, 'title cannot be blank');
  return trimmed;
}

/**
 * A project cannot end before it started. Dates are YYYY-MM-DD, so text order is date order.
 * The error names the field the caller changed: endedOn, unless only startedOn was sent.
 */
export function checkProjectDates(dates: { startedOn: string | null; endedOn: string | null }, changed: 'startedOn' | 'endedOn' = 'endedOn'): void {
  const { startedOn, endedOn } = dates;
  if (startedOn !== null && endedOn !== null && endedOn < startedOn) {
    throw unprocessable(`/body/${changed}`, `endedOn (${endedOn}) cannot be before startedOn (${startedOn})`);
  }
}
