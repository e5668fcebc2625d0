import { isEmail, normalizeEmail, normalizePhone } from '../common/contact-rules.js';
import { partialDateProblem, type PartialDate } from '../common/partial-date.js';
import { unprocessable } from '../platform/errors.js';
import type { CustomerCreate, CustomerPatch } from './customer-schemas.js';

/** Pure rules for customers: what a new or changed customer must satisfy, and what follows from it. */

import { clean } from '../common/text-rules.js';

/** The name a customer is listed by: the one given, else their names, else whatever we know them by. */
export function deriveDisplayName(input: {
  displayName?: string | null;
  givenName?: string | null;
  familyName?: string | null;
  preferredName?: string | null;
  emails?: { address: string }[];
  phones?: { number: string }[];
}): string | null {
  const full = [clean(input.givenName), clean(input.familyName)].filter(Boolean).join(' ');
  return (
    clean(input.displayName) ??
    (full || null) ??
    clean(input.preferredName) ??
    clean(input.emails?.[0]?.address) ??
    clean(input.phones?.[0]?.number)
  );
}

export function checkBirthday(birthday: Partial<PartialDate> | null | undefined, path = '/body/birthday'): PartialDate | null {
  if (!birthday) return null;
  const problem = partialDateProblem(birthday);
  if (problem) throw unprocessable(`${path}/${problem.part}`, `${problem.part} ${problem.message}`);
  const date = { year: birthday.year ?? null, month: birthday.month ?? null, day: birthday.day ?? null };
  return date.year === null && date.month === null && date.day === null ? null : date;
}

export function checkEmail(address: string, path: string): { address: string; normalized: string } {
  if (!isEmail(address)) throw unprocessable(path, `"${address}" is not an email address`);
  return { address: address.trim(), normalized: normalizeEmail(address) };
}

export function checkPhone(number: string, region: string, path: string): { number: string; e164: string } {
  const e164 = normalizePhone(number, region);
  if (!e164) throw unprocessable(path, `"${number}" is not a phone number we can read; include the country code if it is foreign`);
  return { number: number.trim(), e164 };
}

/** Help first: a name, a phone number or an email is enough to start. */
export function checkNewCustomer(input: CustomerCreate): string {
  const name = deriveDisplayName(input);
  if (!name) {
    throw unprocessable('/body', 'A customer needs at least a name, a phone number or an email');
  }
  return name;
}

/** A patch may not leave the customer without a display name. */
export function displayNameAfterPatch(
  current: { displayName: string; givenName: string | null; familyName: string | null; preferredName: string | null },
  patch: CustomerPatch,
): string {
  const merged = { ...current, ...patch };
  if (patch.displayName !== undefined && patch.displayName !== null) return patch.displayName.trim();
  const namesChanged = patch.givenName !== undefined || patch.familyName !== undefined;
  if (patch.displayName === null || namesChanged) {
    const derived = deriveDisplayName({ ...merged, displayName: null });
    if (!derived && patch.displayName === null) throw unprocessable('/body/displayName', 'displayName cannot be cleared while the customer has no other name');
    return derived ?? current.displayName;
  }
  return current.displayName;
}

