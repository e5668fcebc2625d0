/**
 * Generated customers as the app stores them, for bench/generate.ts and bench/scale-data.ts: the
 * customer row, their phones, emails, addresses, external ids and employer link, and the derived rows
 * the app keeps beside them: the lookup index (by the same searchEntries() the server uses) and
 * matching's blocking keys and profiles (by the same matchRowsOf() as refreshMatchKeys).
 *
 * The names come from a population (`NamePools`): today's mix by default (real names from many
 * cultures drawn by Zipf, made-up names for the long tail); pass another to change who is generated.
 */
import { newId } from '../src/platform/ids.js';
import { searchEntries } from '../src/search/search-entries.js';
import { fold, indexVariants } from '../src/search/search-rules.js';
import { nicknamesOf } from '../src/search/nicknames.js';
import type { StoredCustomer } from '../src/matching/match-record.js';
import { matchRowsOf } from '../src/matching/match-keys-store.js';
import { cities as defaultCities, familyNames, givenNames, madeUpNames, zipf } from './names.js';
import type { Sink } from './sinks.js';
import type { SampleCustomer } from './sample.js';

/** Who is generated: draws of a given name and a family name, and the cities of addresses. */
export interface NamePools {
  given: () => string;
  family: () => string;
  cities: readonly string[];
}

/**
 * Today's mix for `count` customers: 80% real given names (Zipf 1), the rest made up (count/100 of
 * them); 55% real family names (Zipf 0.9), the rest drawn evenly from count×0.11 made-up ones.
 */
export function defaultPools(count: number, random: () => number): NamePools {
  const realGiven = [...new Set(givenNames)];
  const realFamily = [...new Set(familyNames)];
  const known = new Set([...realGiven, ...realFamily].map((n) => n.toLowerCase()));
  const madeGiven = madeUpNames(Math.round(count / 100), random, known);
  const madeFamily = madeUpNames(Math.round(count * 0.11), random, new Set([...known, ...madeGiven.map((n) => n.toLowerCase())]));
  const drawRealGiven = zipf(realGiven.length, 1, random);
  const drawMadeGiven = zipf(madeGiven.length, 0.8, random);
  const drawRealFamily = zipf(realFamily.length, 0.9, random);
  return {
    given: () => (random() < 0.8 ? realGiven[drawRealGiven()]! : madeGiven[drawMadeGiven()]!),
    family: () => (random() < 0.55 ? realFamily[drawRealFamily()]! : madeFamily[Math.floor(random() * madeFamily.length)]!),
    cities: defaultCities,
  };
}

const areaCodes = [212, 213, 312, 415, 503, 617, 702, 713, 804, 919, 206, 303, 404, 512, 602, 608, 612, 614, 615, 616];
const orgKinds = ['Builders', 'Tiles', '& Sons', 'Dental', 'Plumbing', 'Bakery', 'Law Group', 'Motors', 'Holdings', 'Design', 'Farms', 'Clinic'];
const noBirthday = { birthYear: null, birthMonth: null, birthDay: null };

export interface Organization {
  id: string;
  name: string;
}

export interface Person extends SampleCustomer {
  displayName: string;
}

export interface CustomerDataOptions {
  sink: Sink;
  random: () => number;
  /** Customers to be generated in all (sizes the made-up name pools of the default population). */
  count: number;
  /** created_at and updated_at of every row. */
  stamp: string;
  pools?: NamePools;
}

export interface PersonOptions {
  /** The customer's home location (customers.location_id). */
  locationId?: string | null;
  /** Called after the person's facts are written and before their index rows (generate.ts's visits). */
  afterFacts?: (id: string) => void | Promise<void>;
  /** Choose the person's family name (a household shares one); by default drawn from the pools. */
  familyName?: string;
}

export function customerData(options: CustomerDataOptions) {
  const { sink, random, stamp } = options;
  const pools = options.pools ?? defaultPools(options.count, random);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const authored = { created_at: stamp, updated_at: stamp, created_by: null, updated_by: null };
  const words = new Set<string>();
  const stats = { distinctWords: 0, indexRows: 0, matchKeyRows: 0 };

  const index = async (source: Parameters<typeof searchEntries>[0]) => {
    const entries = searchEntries(source);
    for (const word of entries.words) {
      if (words.has(word)) continue;
      words.add(word);
      await sink.add('search_words', { word });
      for (const variant of indexVariants(word)) await sink.add('search_word_variants', { variant, word });
    }
    const d = entries.document;
    await sink.add('search_documents', { customer_id: d.customerId, names: d.names, preferred: d.preferred, organizations: d.organizations });
    for (const word of entries.words) await sink.add('search_postings', { word, customer_id: source.id });
    for (const [a, b] of entries.pairs) await sink.add('search_pairs', { word_a: a, word_b: b, customer_id: source.id });
    stats.indexRows += 1 + entries.words.length + entries.pairs.length;
    stats.distinctWords = words.size;
  };
  // Matching's blocking keys, exactly as refreshMatchKeys computes them from the stored rows.
  const keys = async (customer: StoredCustomer) => {
    const rows = matchRowsOf(customer);
    for (const key of rows.keys) await sink.add('match_keys', { key, customer_id: customer.id });
    await sink.add('match_profiles', { customer_id: customer.id, profile: rows.profile });
    stats.matchKeyRows += rows.keys.length;
  };
  const customerRow = (id: string, kind: 'person' | 'organization', displayName: string, given: string | null, family: string | null, preferred: string | null, locationId: string | null) =>
    sink.add('customers', { id, kind, display_name: displayName, given_name: given, family_name: family, preferred_name: preferred, location_id: locationId, ...authored });

  /** An organisation named after a person or a trade. */
  async function organization(locationId: string | null = null): Promise<Organization> {
    const id = newId();
    const name = `${random() < 0.5 ? pools.family() : pools.given()} ${pick(orgKinds)}`;
    await customerRow(id, 'organization', name, null, null, null, locationId);
    await index({ id, displayName: name, givenName: null, familyName: null, preferredName: null, organizations: [] });
    await keys({ id, kind: 'organization', displayName: name, givenName: null, familyName: null, preferredName: null, ...noBirthday, emails: [], phones: [], addresses: [], externalIds: [] });
    return { id, name };
  }

  /**
   * Person number `i` (phone numbers, email addresses and external ids are unique by it): 90% with a
   * phone, 70% an email, 60% a city, 30% a point-of-sale id, 10% working for one of `organizations`.
   */
  async function person(i: number, organizations: readonly Organization[], opts: PersonOptions = {}): Promise<Person> {
    const id = newId();
    const g = pools.given();
    const middle = random() < 0.1 ? pools.given() : null;
    const f = opts.familyName ?? (random() < 0.05 ? `${pools.family()} ${pools.family()}` : pools.family());
    const nick = random() < 0.08 ? nicknamesOf(fold(g))[0] : undefined;
    const preferred = nick ? nick.charAt(0).toUpperCase() + nick.slice(1) : null;
    const displayName = [g, middle, f].filter(Boolean).join(' ');
    const givenName = middle ? `${g} ${middle}` : g;
    await customerRow(id, 'person', displayName, givenName, f, preferred, opts.locationId ?? null);
    let e164: string | null = null;
    let email: string | null = null;
    let emailAddress: string | null = null;
    let externalId: string | null = null;
    if (random() < 0.9) {
      const area = areaCodes[i % areaCodes.length]!;
      const k = Math.floor(i / areaCodes.length);
      const exchange = 200 + Math.floor(k / 10000);
      const line = String(k % 10000).padStart(4, '0');
      e164 = `+1${area}${exchange}${line}`;
      const typed = pick([`(${area}) ${exchange}-${line}`, `${area}-${exchange}-${line}`, `+1 ${area} ${exchange} ${line}`, `${area}${exchange}${line}`]);
      await sink.add('phones', { id: newId(), customer_id: id, number: typed, e164, is_primary: true, ...authored });
    }
    if (random() < 0.7) {
      const address = `${fold(g).replace(/[^a-z]/g, '')}.${fold(f).replace(/[^a-z]/g, '')}${i % 997}@${pick(['example.com', 'example.org', 'mail.example.net'])}`;
      email = address.toLowerCase();
      emailAddress = address;
      await sink.add('emails', { id: newId(), customer_id: id, address, normalized: email, is_primary: true, ...authored });
    }
    let city: string | null = null;
    if (random() < 0.6) {
      city = pick(pools.cities);
      await sink.add('addresses', { id: newId(), customer_id: id, is_primary: true, city, country: 'US', ...authored });
    }
    if (random() < 0.3) {
      externalId = `P-${100000 + i}`;
      await sink.add('external_ids', { id: newId(), customer_id: id, source: 'pos', external_id: externalId, ...authored });
    }
    const org = organizations.length > 0 && random() < 0.1 ? pick(organizations) : null;
    if (org) await sink.add('relationships', { id: newId(), customer_id: id, related_customer_id: org.id, label: 'employee', related_label: null, household: false, ...authored });
    await opts.afterFacts?.(id);
    await index({ id, displayName, givenName, familyName: f, preferredName: preferred, organizations: org ? [org.name] : [] });
    // As storedCustomers() reads them: the stored email address, the phone's E.164, the address row's columns.
    const address = { line1: null, line2: null, city, region: null, postalCode: null, country: 'US' };
    await keys({
      id,
      kind: 'person',
      displayName,
      givenName,
      familyName: f,
      preferredName: preferred,
      ...noBirthday,
      emails: emailAddress ? [emailAddress] : [],
      phones: e164 ? [e164] : [],
      addresses: city ? [address] : [],
      externalIds: externalId ? [{ source: 'pos', externalId }] : [],
    });
    return { id, displayName, given: g, middle, family: f, preferred, e164, email, externalId, organization: org?.name ?? null };
  }

  return { organization, person, stats };
}
