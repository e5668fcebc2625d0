import { clean, requiredText } from '../common/text-rules.js';
import type { CaseStatus } from '../platform/database/schema.js';
import { unprocessable } from '../platform/errors.js';
import { toIso } from '../platform/time.js';
import { isOpenStatus } from './case-clock-rules.js';

/** Pure rules for cases: what a subject, a type, an opening time and a change of status must be. */

export const checkSubject = (subject: string, path = '/body/subject'): string => requiredText(subject, path);

/** Free text for now ('general' when left out or blank); issue 11 gives types their policies. */
export const caseTypeOf = (type: string | null | undefined): string => clean(type) ?? 'general';

/** When the customer raised it: now when absent, never in the future (a minute's grace for clocks), not before 1900. */
export function checkOpenedAt(value: string | undefined, now: number, path = '/body/openedAt'): string {
  if (value === undefined) return new Date(now).toISOString();
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw unprocessable(path, `"${value}" is not a real date and time`);
  if (time > now + 60_000) throw unprocessable(path, 'cannot be in the future');
  const iso = toIso(new Date(time));
  if (iso < '1900-01-01') throw unprocessable(path, 'must be after the year 1900');
  return iso;
}

/** A case is new until someone first moves it on; it never becomes new again. */
export function checkStatusChange(from: CaseStatus, to: CaseStatus, path = '/body/status'): void {
  if (to === 'new' && from !== 'new') throw unprocessable(path, 'a case cannot go back to new');
}

/** When it was resolved: set on resolving or closing (kept from resolved to closed), cleared on reopening. */
export function resolvedAtAfter(from: CaseStatus, to: CaseStatus, before: string | null, at: string): string | null {
  if (isOpenStatus(to)) return null;
  return isOpenStatus(from) ? at : (before ?? at);
}

/** An escalation needs someone who can act on it: an active manager or admin. */
export function checkManager(staff: { role: string; active: boolean | number; kind: string } | undefined, path = '/body/managerId'): void {
  if (!staff) throw unprocessable(path, 'is not a staff member');
  if (!staff.active || staff.kind !== 'person') throw unprocessable(path, 'is not an active staff member');
  if (staff.role !== 'manager' && staff.role !== 'admin') throw unprocessable(path, 'must be a manager or an admin');
}

/** An owner is an active person on the staff (not an integration). */
export function checkOwner(staff: { active: boolean | number; kind: string } | undefined, path = '/body/ownerId'): void {
  if (!staff) throw unprocessable(path, 'is not a staff member');
  if (!staff.active || staff.kind !== 'person') throw unprocessable(path, 'is not an active staff member');
}
