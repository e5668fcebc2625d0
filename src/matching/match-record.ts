import { normalizeEmail, normalizePhone } from '../common/contact-rules.js';
import type { PartialDate } from '../common/partial-date.js';
import type { ImportedCustomer } from '../imports/import-records.js';
import { normalizeAddress, type AddressFields, type MatchAddress } from './address-rules.js';
import { organizationWords, personName, type PersonName } from './name-rules.js';

/**
 * A customer in the form matching compares: every field folded and normalised once, so that
 * comparing two records (millions of times in a scan) does no parsing. Made from an imported record
 * or from a stored customer by the same function, so both sides always read alike.
 */
export interface MatchRecord {
  id: string;
  kind: 'person' | 'organization';
  /** A person's name parts (empty for an organisation). */
  name: PersonName;
  /** An organisation's name words without the legal form (empty for a person). */
  organization: string[];
  /** E.164, distinct. */
  phones: string[];
  /** Normalised, distinct. */
  emails: string[];
  addresses: MatchAddress[];
  /** Null when no part is known. */
  birthday: PartialDate | null;
  /** Source folded, id trimmed and upper-cased: "pos" / "POS-20931". */
  externalIds: { source: string; externalId: string }[];
}

/**
 * A stored customer's plain fields, as the store reads them (customers, emails, phones, addresses,
 * external_ids). Phones may be E.164 or as typed; both are read.
 */
export interface StoredCustomer {
  id: string;
  kind: 'person' | 'organization';
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  preferredName: string | null;
  birthYear: number | null;
  birthMonth: number | null;
  birthDay: number | null;
  emails: string[];
  phones: string[];
  addresses: AddressFields[];
  externalIds: { source: string; externalId: string }[];
}

/** Where a record comes from: a file being imported (it has no id yet: the caller names it) or the store. */
export type MatchSource = { from: 'import'; id: string; customer: ImportedCustomer['customer'] } | { from: 'store'; customer: StoredCustomer };

/** The common shape both sources are read into before normalising. */
interface PlainCustomer {
  id: string;
  kind: 'person' | 'organization';
  names: { displayName: string | null; givenName: string | null; familyName: string | null; preferredName: string | null };
  birthday: PartialDate;
  emails: string[];
  phones: string[];
  addresses: AddressFields[];
  externalIds: { source: string; externalId: string }[];
}

function plainOf(source: MatchSource): PlainCustomer {
  if (source.from === 'store') {
    const c = source.customer;
    return {
      id: c.id,
      kind: c.kind,
      names: { displayName: c.displayName, givenName: c.givenName, familyName: c.familyName, preferredName: c.preferredName },
      birthday: { year: c.birthYear, month: c.birthMonth, day: c.birthDay },
      emails: c.emails,
      phones: c.phones,
      addresses: c.addresses,
      externalIds: c.externalIds,
    };
  }
  const c = source.customer;
  return {
    id: source.id,
    kind: c.kind ?? 'person',
    names: { displayName: c.displayName ?? null, givenName: c.givenName ?? null, familyName: c.familyName ?? null, preferredName: c.preferredName ?? null },
    birthday: { year: c.birthday?.year ?? null, month: c.birthday?.month ?? null, day: c.birthday?.day ?? null },
    emails: (c.emails ?? []).map((e) => e.address),
    phones: (c.phones ?? []).map((p) => p.number),
    addresses: c.addresses ?? [],
    externalIds: c.externalIds ?? [],
  };
}

const distinct = (values: (string | null)[]): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))];

/**
 * The matching form of a customer. `defaultRegion` (ISO 3166 alpha-2, the shop's country) reads
 * numbers typed without a country code; numbers that cannot be a phone number are dropped.
 */
export function toMatchRecord(source: MatchSource, defaultRegion: string): MatchRecord {
  const plain = plainOf(source);
  const isOrganization = plain.kind === 'organization';
  const { year, month, day } = plain.birthday;
  return {
    id: plain.id,
    kind: plain.kind,
    name: isOrganization ? { given: [], family: [], preferred: [], generation: null } : personName(plain.names),
    organization: isOrganization ? organizationWords(plain.names.displayName ?? [plain.names.givenName, plain.names.familyName].filter(Boolean).join(' ')) : [],
    phones: distinct(plain.phones.map((p) => normalizePhone(p, defaultRegion))),
    emails: distinct(plain.emails.map((e) => (e.includes('@') ? normalizeEmail(e) : null))),
    addresses: plain.addresses.map(normalizeAddress).filter((a): a is MatchAddress => a !== null),
    birthday: year === null && month === null && day === null ? null : { year, month, day },
    externalIds: plain.externalIds
      .map((x) => ({ source: x.source.trim().toLowerCase(), externalId: x.externalId.trim().toUpperCase() }))
      .filter((x) => x.source.length > 0 && x.externalId.length > 0),
  };
}
