import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { testDatabase } from '../test/database.js';
import { domainTypos, findingsOf, staleCutoff, type FindingKind } from './quality-rules.js';
import { countedKinds, countFindings, customersWithFinding, customersWithPhones, loadQualityFacts, sqlKinds, type CustomerKey, type SqlKind } from './quality-store.js';

/**
 * The SQL of each kind is the twin of its rule: on customers generated with the awkward cases (blank
 * and one-letter names, dots, spaces, emoji, several @, typo domains, missing towns, old and new
 * details, erased customers), the whole-database counts and each kind's list give exactly the
 * customers the rules find one by one. Runs on both engines.
 */
let handle: DatabaseHandle;
const now = new Date('2026-11-30T12:00:00.000Z');
const options = { now, phoneRegion: 'US' };
const cutoff = staleCutoff(now);
const ids: string[] = [];
const erased = new Set<string>();

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const text = (letters: readonly string[], maxLength: number) => fc.string({ unit: pick(letters), maxLength });
const stamp = fc.date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2026-11-29T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const name = fc.option(text(['J', 'o', '.', ' ', 'é', '😀', '王'], 3), { nil: null });
const email = fc.oneof(
  text(['a', '@', '.', 'x', 'é', ' '], 8),
  fc.tuple(text(['a', '.', 'b'], 4), pick([...Object.keys(domainTypos), 'gmail.com', 'mygmial.com', 'gmial.comx'])).map(([local, domain]) => `${local}@${domain}`),
);
const part = fc.option(pick(['', ' ', '  ', 'X', ' Springfield ', '61704']), { nil: null });
const customer = fc.record({
  kind: pick(['person', 'organization'] as const),
  givenName: name,
  preferredName: name,
  emails: fc.array(fc.record({ normalized: email, updatedAt: stamp }), { maxLength: 2 }),
  phones: fc.array(fc.record({ updatedAt: stamp }), { maxLength: 1 }),
  addresses: fc.array(fc.record({ city: part, postalCode: part, updatedAt: stamp }), { maxLength: 2 }),
  consent: pick(['none', 'consent', 'dnc'] as const),
  lastContactAt: fc.option(stamp, { nil: null }),
});

beforeAll(async () => {
  handle = await testDatabase();
  const db = handle.db;
  const samples = fc.sample(customer, { numRuns: 300, seed: 20_261_130 });
  const authored = { createdAt: now.toISOString(), updatedAt: now.toISOString(), createdBy: null, updatedBy: null };
  for (const [i, c] of samples.entries()) {
    const id = newId();
    ids.push(id);
    // A few repeated names, so that paging by name meets ties.
    const displayName = `Customer ${String(i % 250).padStart(3, '0')}`;
    await db
      .insertInto('customers')
      .values({ id, kind: c.kind, displayName, givenName: c.givenName, preferredName: c.preferredName, familyName: null, pronunciation: null, pronouns: null, birthYear: null, birthMonth: null, birthDay: null, language: null, gender: null, locationId: null, erasedAt: i % 9 === 0 ? now.toISOString() : null, ...authored })
      .execute();
    if (i % 9 === 0) erased.add(id);
    for (const e of c.emails) await db.insertInto('emails').values({ id: newId(), customerId: id, address: e.normalized, normalized: e.normalized, label: null, isPrimary: false, ...authored, updatedAt: e.updatedAt }).execute();
    for (const p of c.phones) await db.insertInto('phones').values({ id: newId(), customerId: id, number: '(217) 555-0101', e164: '+12175550101', label: null, isPrimary: false, ...authored, updatedAt: p.updatedAt }).execute();
    for (const a of c.addresses) {
      await db
        .insertInto('addresses')
        .values({ id: newId(), customerId: id, label: null, isPrimary: false, line1: 'Oak Street', line2: null, city: a.city, region: null, postalCode: a.postalCode, country: null, ...authored, updatedAt: a.updatedAt })
        .execute();
    }
    if (c.consent === 'consent') await db.insertInto('consents').values({ id: newId(), customerId: id, channel: 'post', status: 'opted_out', givenOn: '2026-01-01', source: null, ...authored }).execute();
    if (c.consent === 'dnc') await db.insertInto('doNotContact').values({ id: newId(), customerId: id, since: '2026-01-01', reason: 'asked', ...authored }).execute();
    if (c.lastContactAt) await db.insertInto('contactStates').values({ customerId: id, locationId: null, lastContactAt: c.lastContactAt }).execute();
  }
  // Pairs in the duplicates queue, some with an erased customer.
  for (let i = 0; i + 7 < ids.length; i += 23) {
    const [first, second] = [ids[i]!, ids[i + 7]!].sort();
    await db.insertInto('duplicateSuspicions').values({ id: newId(), firstCustomerId: first!, secondCustomerId: second!, score: 5, reasons: '[]', foundBy: 'scan', importId: null, createdAt: now.toISOString() }).execute();
  }
}, 120_000);
afterAll(() => handle?.close());

/** Who has each kind of finding, by the rules, one customer at a time. */
async function byTheRules(): Promise<Record<FindingKind, Set<string>>> {
  const facts = await loadQualityFacts(handle.db, ids);
  const found = Object.fromEntries(sqlKinds.map((k) => [k, new Set<string>()])) as Record<FindingKind, Set<string>>;
  for (const [id, f] of facts) for (const x of findingsOf(f, options)) found[x.kind]?.add(id);
  return found;
}

describe('the SQL twins of the rules', () => {
  it('load no erased customer', async () => {
    const facts = await loadQualityFacts(handle.db, ids);
    expect(facts.size).toBe(ids.length - erased.size);
    expect([...erased].some((id) => facts.has(id))).toBe(false);
  });

  it('count, per kind, exactly the customers the rules find', async () => {
    const rules = await byTheRules();
    const { customers, counts } = await countFindings(handle.db, handle.engine);
    expect(customers).toBe(ids.length - erased.size);
    const expected = Object.fromEntries(countedKinds.map((k) => [k, rules[k].size]));
    expect(counts).toEqual(expected);
    // The sample reaches every kind, so no twin agrees by both finding nothing.
    for (const k of sqlKinds) expect(rules[k].size, k).toBeGreaterThan(0);
  });

  it('list, page by page in name order, exactly those customers', async () => {
    const rules = await byTheRules();
    for (const kind of sqlKinds) {
      const listed: (CustomerKey & { id: string })[] = [];
      let after: CustomerKey | null = null;
      for (;;) {
        const rows: { id: string; displayName: string }[] = await customersWithFinding(handle.db, kind as SqlKind, cutoff, after, 7);
        listed.push(...rows);
        const last = rows.at(-1);
        if (rows.length < 7 || !last) break;
        after = { displayName: last.displayName, id: last.id };
      }
      expect(new Set(listed.map((r) => r.id)), kind).toEqual(rules[kind]);
      expect(listed.length, kind).toBe(rules[kind].size);
      const keys = listed.map((r) => [r.displayName, r.id] as const);
      expect(keys, kind).toEqual([...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
    }
  });

  it('read the customers with phones in stretches, none twice', async () => {
    const seen: string[] = [];
    let after: CustomerKey | null = null;
    for (;;) {
      const rows = await customersWithPhones(handle.db, after, 10);
      seen.push(...rows.map((r) => r.id));
      const last = rows.at(-1);
      if (rows.length < 10 || !last) break;
      after = { displayName: last.displayName, id: last.id };
    }
    const withPhones = await handle.db.selectFrom('phones as p').innerJoin('customers as c', 'c.id', 'p.customerId').select('c.id').distinct().where('c.erasedAt', 'is', null).execute();
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(withPhones.map((r) => r.id)));
  });
});
