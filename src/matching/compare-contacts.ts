import type { PartialDate } from '../common/partial-date.js';
import type { MatchAddress } from './address-rules.js';
import type { MatchContext } from './match-context.js';
import { nothing, reason, type FieldOutcome } from './match-reason.js';
import type { MatchRecord } from './match-record.js';
import { generationGapYears, jaroWinkler, weights } from './match-rules.js';

/**
 * Field comparisons other than names: phones, emails, external ids, birthdays, addresses. Each
 * looks for the best agreement between the two records' lists (a person has several numbers); a
 * field missing on either side says nothing.
 */

const shared = (a: string[], b: string[]): string | undefined => a.find((value) => b.includes(value));

/**
 * The shared contact held by the fewest customers, and its weight: the full agreement weight less
 * log2 of the number of customers holding it (a landline shared by four says two bits less).
 */
function sharedContact(a: string[], b: string[], full: number, context: MatchContext): { weight: number; holders: number } | null {
  let best: { weight: number; holders: number } | null = null;
  for (const value of a) {
    if (!b.includes(value)) continue;
    const holders = context.contactHolders(value);
    if (!best || holders < best.holders) best = { weight: full - Math.log2(holders), holders };
  }
  return best;
}

const heldBy = (holders: number) => (holders > 1 ? ` (held by ${holders} customers)` : '');

export function comparePhones(a: MatchRecord, b: MatchRecord, context: MatchContext): FieldOutcome {
  if (a.phones.length === 0 || b.phones.length === 0) return nothing;
  const same = sharedContact(a.phones, b.phones, weights.samePhone, context);
  if (same) return { reason: reason('phone', same.weight, `same phone${heldBy(same.holders)}`), contradiction: null };
  return { reason: reason('phone', weights.differentPhone, 'different phones'), contradiction: null };
}

export function compareEmails(a: MatchRecord, b: MatchRecord, context: MatchContext): FieldOutcome {
  if (a.emails.length === 0 || b.emails.length === 0) return nothing;
  const same = sharedContact(a.emails, b.emails, weights.sameEmail, context);
  if (same) return { reason: reason('email', same.weight, `same email${heldBy(same.holders)}`), contradiction: null };
  return { reason: reason('email', weights.differentEmail, 'different emails'), contradiction: null };
}

/** Free mail providers: a shared domain there says nothing about an organisation. */
const freeMail = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com', 'icloud.com', 'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'web.de', 'mail.com', 'example.com', 'example.net', 'example.org']);

/** Organisations only: people from one company write from its domain. Small, never enough alone. */
export function compareEmailDomains(a: MatchRecord, b: MatchRecord): FieldOutcome {
  const domains = (r: MatchRecord) => r.emails.map((e) => e.slice(e.lastIndexOf('@') + 1)).filter((d) => !freeMail.has(d));
  const domain = shared(domains(a), domains(b));
  if (!domain || shared(a.emails, b.emails)) return nothing;
  return { reason: reason('email', weights.sameEmailDomain, `same email domain ${domain}`), contradiction: null };
}

export function compareExternalIds(a: MatchRecord, b: MatchRecord): FieldOutcome {
  let differentSource: string | null = null;
  for (const x of a.externalIds) {
    for (const y of b.externalIds) {
      if (x.source !== y.source) continue;
      if (x.externalId === y.externalId) return { reason: reason('externalId', weights.sameExternalId, `same ${x.source} id ${x.externalId}`), contradiction: null };
      if (differentSource === null || x.source < differentSource) differentSource = x.source;
    }
  }
  if (differentSource === null) return nothing;
  return { reason: reason('externalId', weights.differentExternalId, `different ${differentSource} ids`), contradiction: null };
}

/** True when the two records hold the same id from the same system. */
export const sameExternalId = (a: MatchRecord, b: MatchRecord): boolean =>
  a.externalIds.some((x) => b.externalIds.some((y) => x.source === y.source && x.externalId === y.externalId));

export const sameEmail = (a: MatchRecord, b: MatchRecord): boolean => shared(a.emails, b.emails) !== undefined;

/**
 * Birthdays: parts known on both sides must agree. A year 20 or more apart is a parent and a child;
 * any other difference is two people (twins share one, but not their given names). Parts known on
 * one side only are compatible, and agreement counts for what both know.
 */
export function compareBirthdays(a: PartialDate | null, b: PartialDate | null): FieldOutcome {
  if (!a || !b) return nothing;
  const parts = (['year', 'month', 'day'] as const).filter((part) => a[part] !== null && b[part] !== null);
  if (parts.length === 0) return nothing;
  if (a.year !== null && b.year !== null && Math.abs(a.year - b.year) >= generationGapYears) {
    const gap = Math.abs(a.year - b.year);
    return { reason: reason('birthday', weights.differentBirthday, `born ${gap} years apart`), contradiction: `born ${gap} years apart` };
  }
  if (parts.some((part) => a[part] !== b[part])) {
    return { reason: reason('birthday', weights.differentBirthday, 'different birthday'), contradiction: 'different birthday' };
  }
  const known = new Set(parts);
  if (known.has('year') && known.has('month') && known.has('day')) return { reason: reason('birthday', weights.sameBirthday, 'same birthday'), contradiction: null };
  if (known.has('month') && known.has('day')) return { reason: reason('birthday', weights.sameBirthdayNoYear, 'same birthday (day and month)'), contradiction: null };
  if (known.has('year')) return { reason: reason('birthday', weights.sameBirthYear, 'same birth year'), contradiction: null };
  return nothing;
}

/** How close two addresses are: 3 same address, 2 same building, 1 same postcode, 0 different, null unknown. */
function addressCloseness(a: MatchAddress, b: MatchAddress): number | null {
  const samePostcode = a.postcode !== null && a.postcode === b.postcode;
  const sameArea = samePostcode || ((a.postcode === null || b.postcode === null) && a.city !== null && a.city === b.city);
  const streetKnown = a.street.length > 0 && b.street.length > 0 && a.number !== null && b.number !== null;
  if (streetKnown && sameArea && a.number === b.number && (a.street === b.street || jaroWinkler(a.street, b.street) >= 0.92)) {
    return a.unit !== null && b.unit !== null && a.unit !== b.unit ? 2 : 3;
  }
  if (samePostcode) return 1;
  if (a.postcode === null || b.postcode === null) return streetKnown && a.city !== null && b.city !== null ? 0 : null;
  return 0;
}

export function compareAddresses(a: MatchRecord, b: MatchRecord): FieldOutcome {
  let best: number | null = null;
  for (const x of a.addresses) {
    for (const y of b.addresses) {
      const closeness = addressCloseness(x, y);
      if (closeness !== null && (best === null || closeness > best)) best = closeness;
    }
  }
  if (best === null) return nothing;
  if (best === 3) return { reason: reason('address', weights.sameAddress, 'same address'), contradiction: null };
  if (best === 2) return { reason: reason('address', weights.sameBuilding, 'same building, different flat'), contradiction: null };
  if (best === 1) return { reason: reason('address', weights.samePostcode, 'same postcode'), contradiction: null };
  return { reason: reason('address', weights.differentAddress, 'different addresses'), contradiction: null };
}
