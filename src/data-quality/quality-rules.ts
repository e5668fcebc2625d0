import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * Data quality: what a customer's record lacks that the relationship needs (a name to greet them by,
 * a way to reach them, how they like to be contacted) and what on it looks wrong (an email that cannot
 * work or is misspelt, a phone number that is not a number, an address without its town, details
 * nobody confirmed in years, a second record of the same person). Each finding is a sentence a person
 * acts on. Pure: no database, no clock (now is passed in).
 *
 * Several rules have an SQL twin in quality-store.ts (the whole-database counts): the two are written
 * to agree exactly (same blank, same "initial", same email patterns), and the store test checks it.
 */

export const findingKinds = [
  'no_name',
  'initial_only',
  'no_contact',
  'no_consent',
  'email_invalid',
  'email_typo',
  'phone_invalid',
  'address_incomplete',
  'stale_contact',
  'duplicate_suspected',
] as const;
export type FindingKind = (typeof findingKinds)[number];

export const severities = ['high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

/** Where on the record a finding is fixed: a profile field, a kind of contact point, consent, or the duplicates. */
export const findingFields = ['givenName', 'contact', 'emails', 'phones', 'addresses', 'consent', 'duplicates'] as const;
export type FindingField = (typeof findingFields)[number];

export interface KindInfo {
  severity: Severity;
  field: FindingField;
  /** What the kind is, as a manager's list names it. */
  label: string;
}

/**
 * high: we cannot greet or reach them; medium: something on the record is likely wrong;
 * low: worth asking next time they are in touch.
 */
export const kindInfo: Record<FindingKind, KindInfo> = {
  no_name: { severity: 'high', field: 'givenName', label: 'No name to greet them by' },
  initial_only: { severity: 'medium', field: 'givenName', label: 'Only an initial to greet them by' },
  no_contact: { severity: 'high', field: 'contact', label: 'No phone number or email' },
  no_consent: { severity: 'low', field: 'consent', label: 'No consent recorded for any channel' },
  email_invalid: { severity: 'medium', field: 'emails', label: 'An email that cannot work' },
  email_typo: { severity: 'medium', field: 'emails', label: 'An email with a misspelt domain' },
  phone_invalid: { severity: 'medium', field: 'phones', label: 'A phone number that is not a valid number' },
  address_incomplete: { severity: 'low', field: 'addresses', label: 'An address without a city or postcode' },
  stale_contact: { severity: 'low', field: 'contact', label: 'Contact details not confirmed in over 3 years, in touch since' },
  duplicate_suspected: { severity: 'medium', field: 'duplicates', label: 'May be a second record of someone' },
};

/** Misspellings of common email domains, and what was meant. The store counts them with `like '%@typo'`. */
export const domainTypos: Readonly<Record<string, string>> = {
  'gmial.com': 'gmail.com',
  'gmai.com': 'gmail.com',
  'gmal.com': 'gmail.com',
  'gamil.com': 'gmail.com',
  'gnail.com': 'gmail.com',
  'gmaill.com': 'gmail.com',
  'gmail.co': 'gmail.com',
  'gmail.con': 'gmail.com',
  'gmail.cm': 'gmail.com',
  'hotmial.com': 'hotmail.com',
  'hotmal.com': 'hotmail.com',
  'hotmai.com': 'hotmail.com',
  'hotmil.com': 'hotmail.com',
  'hotmail.con': 'hotmail.com',
  'yaho.com': 'yahoo.com',
  'yahooo.com': 'yahoo.com',
  'yhoo.com': 'yahoo.com',
  'yahoo.con': 'yahoo.com',
  'outlok.com': 'outlook.com',
  'outloo.com': 'outlook.com',
  'outlook.con': 'outlook.com',
  'iclod.com': 'icloud.com',
  'icloud.con': 'icloud.com',
};

/** Contact details older than this, unconfirmed while the customer was in touch, are worth checking. */
export const staleYears = 3;

/** The moment before which a contact detail counts as old: `staleYears` before now. */
export function staleCutoff(now: Date): string {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - staleYears);
  return cutoff.toISOString();
}

/**
 * How many characters a name has once dots and spaces are taken out: 0 for none (null, blank, "."),
 * 1 for an initial ("J", "J."). The store computes the same with
 * `coalesce(length(replace(replace(name, '.', ''), ' ', '')), 0)`: both count code points.
 */
export const nameLetters = (name: string | null): number => (name === null ? 0 : [...name.replaceAll('.', '').replaceAll(' ', '')].length);

/** Blank as SQL's trim() sees it (spaces only), so that the rule and its SQL twin agree. */
export const isBlank = (text: string | null): boolean => text === null || /^ *$/.test(text);

/**
 * Why an email cannot work, or null: it needs exactly one @ and a dot in the domain after it.
 * SQL twin: `normalized not like '%@%.%' or normalized like '%@%@%'`.
 */
export function emailProblem(normalized: string): string | null {
  const parts = normalized.split('@');
  if (parts.length !== 2) return parts.length < 2 ? 'it has no @' : 'it has more than one @';
  if (!parts[1]!.includes('.')) return parts[1] ? 'its domain has no dot' : 'it has no domain after the @';
  return null;
}

/** The domain an email's misspelt domain was meant to be, or null. SQL twin: `normalized like '%@gmial.com'` for each typo. */
export function domainTypo(normalized: string): { typo: string; meant: string } | null {
  const lower = normalized.toLowerCase();
  for (const [typo, meant] of Object.entries(domainTypos)) if (lower.endsWith(`@${typo}`)) return { typo, meant };
  return null;
}

/** Whether libphonenumber takes the number for a real one: E.164 as stored, else as typed in the region. */
export function phoneIsValid(phone: { number: string; e164: string }, region: string): boolean {
  try {
    const parsed = phone.e164.startsWith('+')
      ? parsePhoneNumberFromString(phone.e164)
      : parsePhoneNumberFromString(phone.number, { defaultCountry: region as CountryCode });
    return parsed?.isValid() ?? false;
  } catch {
    return false;
  }
}

export interface EmailFact {
  id: string;
  address: string;
  normalized: string;
  updatedAt: string;
}
export interface PhoneFact {
  id: string;
  number: string;
  e164: string;
  updatedAt: string;
}
export interface AddressFact {
  id: string;
  line1: string | null;
  line2: string | null;
  city: string | null;
  postalCode: string | null;
  updatedAt: string;
}

/** What the rules read about one customer (nothing private: no notes, preferences or life events). */
export interface QualityFacts {
  kind: 'person' | 'organization';
  givenName: string | null;
  preferredName: string | null;
  emails: readonly EmailFact[];
  phones: readonly PhoneFact[];
  addresses: readonly AddressFact[];
  /** A choice recorded for at least one channel, or do-not-contact. */
  consentRecorded: boolean;
  /** The last personal contact or transaction (contact_states), if any. */
  lastContactAt: string | null;
  /** Open duplicate suspicions naming the customer, with the other record. */
  suspicions: readonly { id: string; otherCustomerId: string; otherDisplayName: string }[];
}

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  field: FindingField;
  /** The email, phone or address at fault, or the duplicate suspicion; null for what is missing. */
  itemId: string | null;
  /** The other record, for a duplicate suspicion. */
  otherCustomer: { id: string; displayName: string } | null;
  sentence: string;
}

const finding = (kind: FindingKind, sentence: string, itemId: string | null = null, field: FindingField = kindInfo[kind].field, otherCustomer: Finding['otherCustomer'] = null): Finding => ({
  kind,
  severity: kindInfo[kind].severity,
  field,
  itemId,
  otherCustomer,
  sentence,
});

/** "March 2021", in UTC. */
export const monthYear = (iso: string): string => new Date(iso).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** An address as a sentence names it: its first line, else its town or postcode. */
export function addressWords(a: Pick<AddressFact, 'line1' | 'line2' | 'city' | 'postalCode'>): string {
  const first = [a.line1, a.line2, a.city, a.postalCode].find((part) => !isBlank(part));
  return first ? first.trim() : '(no street, city or postcode)';
}

function addressFinding(a: AddressFact): Finding | null {
  const noCity = isBlank(a.city);
  const noPostcode = isBlank(a.postalCode);
  if (!noCity && !noPostcode) return null;
  const missing = noCity && noPostcode ? 'no city and no postcode' : noCity ? 'no city' : 'no postcode';
  return finding('address_incomplete', `The address ${addressWords(a)} has ${missing}: ask them for the full address.`, a.id);
}

const severityRank = (s: Severity) => severities.indexOf(s);

/**
 * Everything worth fixing on one customer, most serious first. `now` sets what counts as old;
 * `phoneRegion` reads a number stored without its country code.
 */
export function findingsOf(facts: QualityFacts, options: { now: Date; phoneRegion: string }): Finding[] {
  const found: Finding[] = [];

  if (facts.kind === 'person') {
    const given = nameLetters(facts.givenName);
    const preferred = nameLetters(facts.preferredName);
    if (given === 0 && preferred === 0) {
      found.push(finding('no_name', 'No way to greet them: add a given name or the name they go by.'));
    } else if (given <= 1 && preferred <= 1) {
      const initial = (preferred === 1 ? facts.preferredName : facts.givenName)!.trim();
      found.push(finding('initial_only', `Only an initial to greet them by (“${initial}”): add their given name or the name they go by.`));
    }
  }

  if (facts.emails.length === 0 && facts.phones.length === 0) {
    found.push(finding('no_contact', 'No way to reach them: add a phone number or an email.'));
  }

  if (!facts.consentRecorded) {
    found.push(finding('no_consent', 'No consent recorded for any channel: ask how they like to be contacted (email, phone, text, post) and record it.'));
  }

  for (const e of facts.emails) {
    const problem = emailProblem(e.normalized);
    if (problem) found.push(finding('email_invalid', `The email ${e.address} cannot work: ${problem}. Check it with them.`, e.id, 'emails'));
    const typo = domainTypo(e.normalized);
    if (typo) {
      const meant = `${e.address.slice(0, e.address.lastIndexOf('@') + 1)}${typo.meant}`;
      found.push(finding('email_typo', `The email ${e.address} looks misspelt: did they mean ${meant}?`, e.id, 'emails'));
    }
  }

  for (const p of facts.phones) {
    if (!phoneIsValid(p, options.phoneRegion)) found.push(finding('phone_invalid', `The phone number ${p.number} is not a valid number: check it with them.`, p.id, 'phones'));
  }

  for (const a of facts.addresses) {
    const incomplete = addressFinding(a);
    if (incomplete) found.push(incomplete);
  }

  // Old details are worth checking when the customer has been in touch within those years (so since they were last confirmed).
  const cutoff = staleCutoff(options.now);
  if (facts.lastContactAt !== null && facts.lastContactAt >= cutoff) {
    const stale = (updatedAt: string) => updatedAt < cutoff;
    const since = (updatedAt: string) => `not confirmed or changed since ${monthYear(updatedAt)}, and they have been in touch since: check it is still right.`;
    for (const e of facts.emails) if (stale(e.updatedAt)) found.push(finding('stale_contact', `The email ${e.address} was ${since(e.updatedAt)}`, e.id, 'emails'));
    for (const p of facts.phones) if (stale(p.updatedAt)) found.push(finding('stale_contact', `The phone number ${p.number} was ${since(p.updatedAt)}`, p.id, 'phones'));
    for (const a of facts.addresses) if (stale(a.updatedAt)) found.push(finding('stale_contact', `The address ${addressWords(a)} was ${since(a.updatedAt)}`, a.id, 'addresses'));
  }

  for (const s of facts.suspicions) {
    found.push(
      finding(
        'duplicate_suspected',
        `May be the same person as ${s.otherDisplayName}: compare the two records and merge them, or say they are two people.`,
        s.id,
        'duplicates',
        { id: s.otherCustomerId, displayName: s.otherDisplayName },
      ),
    );
  }

  // Most serious first; within a severity, in the order of the kinds (a stable sort keeps each kind's items in order).
  return found.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || findingKinds.indexOf(a.kind) - findingKinds.indexOf(b.kind));
}
