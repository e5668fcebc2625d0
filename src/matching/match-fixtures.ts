import type { ImportedCustomer } from '../imports/import-records.js';
import { toMatchRecord, type MatchRecord } from './match-record.js';

/** Short ways to write a customer in the matching tests. */
export interface Sketch {
  name?: string;
  given?: string;
  family?: string;
  preferred?: string;
  kind?: 'person' | 'organization';
  phone?: string | string[];
  email?: string | string[];
  address?: { line1: string; postalCode?: string; city?: string };
  birthday?: { year?: number; month?: number; day?: number };
  ids?: [source: string, id: string][];
}

let next = 0;
const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** A MatchRecord read from an imported customer, region US. */
export function sketch(s: Sketch): MatchRecord {
  const customer: ImportedCustomer['customer'] = {
    kind: s.kind ?? 'person',
    displayName: s.name ?? null,
    givenName: s.given ?? null,
    familyName: s.family ?? null,
    preferredName: s.preferred ?? null,
    birthday: s.birthday ? { year: s.birthday.year ?? null, month: s.birthday.month ?? null, day: s.birthday.day ?? null } : null,
    phones: list(s.phone).map((number) => ({ number })),
    emails: list(s.email).map((address) => ({ address })),
    addresses: s.address ? [s.address] : [],
    externalIds: (s.ids ?? []).map(([source, externalId]) => ({ source, externalId })),
  };
  return toMatchRecord({ from: 'import', id: `sketch-${++next}`, customer }, 'US');
}
