import { byCustomer } from '../common/by-customer.js';
import type { Db } from '../platform/database/connect.js';
import { blockingKeys } from './blocking.js';
import { toMatchRecord, type MatchRecord, type StoredCustomer } from './match-record.js';

/**
 * The blocking keys of stored customers (table match_keys), kept in step with the customer and their
 * contact points by the commands that change them (through the lookup's reindexCustomer and the
 * contact-point commands), and the stored customers read back in the form matching compares.
 */

/** Stored phones are E.164 already: no region is needed to read them. */
export const storedRegion = 'ZZ';

/** Customers as matching reads them, with their contact points and ids in other systems. */
export async function storedCustomers(db: Db, ids: readonly string[]): Promise<StoredCustomer[]> {
  if (ids.length <= idsPerRead) return storedCustomersOf(db, ids);
  const out: StoredCustomer[] = [];
  for (let i = 0; i < ids.length; i += idsPerRead) out.push(...(await storedCustomersOf(db, ids.slice(i, i + idsPerRead))));
  return out;
}

/** Ids per read: well under either engine's limit of bound values. */
const idsPerRead = 1000;

async function storedCustomersOf(db: Db, ids: readonly string[]): Promise<StoredCustomer[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const [rows, emails, phones, addresses, externalIds] = await Promise.all([
    db
      .selectFrom('customers')
      .select(['id', 'kind', 'displayName', 'givenName', 'familyName', 'preferredName', 'birthYear', 'birthMonth', 'birthDay'])
      .where('id', 'in', list)
      .where('erasedAt', 'is', null)
      .execute(),
    db.selectFrom('emails').select(['customerId', 'address']).where('customerId', 'in', list).execute(),
    db.selectFrom('phones').select(['customerId', 'e164']).where('customerId', 'in', list).execute(),
    db.selectFrom('addresses').select(['customerId', 'line1', 'line2', 'city', 'region', 'postalCode', 'country']).where('customerId', 'in', list).execute(),
    db.selectFrom('externalIds').select(['customerId', 'source', 'externalId']).where('customerId', 'in', list).execute(),
  ]);
  const [emailsBy, phonesBy, addressesBy, idsBy] = [byCustomer(emails), byCustomer(phones), byCustomer(addresses), byCustomer(externalIds)];
  return rows.map((r) => ({
    ...r,
    emails: (emailsBy.get(r.id) ?? []).map((e) => e.address),
    phones: (phonesBy.get(r.id) ?? []).map((p) => p.e164),
    addresses: (addressesBy.get(r.id) ?? []).map(({ customerId: _, ...a }) => a),
    externalIds: (idsBy.get(r.id) ?? []).map((x) => ({ source: x.source, externalId: x.externalId })),
  }));
}

/** Rewrites one customer's keys and profile from what is stored now; removes them when the customer is gone or erased. */
export const refreshMatchKeys = (db: Db, customerId: string): Promise<void> => refreshMatchKeysOf(db, [customerId]);

/** The same for several customers at once. */
export async function refreshMatchKeysOf(db: Db, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += idsPerRead) {
    const list = ids.slice(i, i + idsPerRead);
    await db.deleteFrom('matchKeys').where('customerId', 'in', list).execute();
    await db.deleteFrom('matchProfiles').where('customerId', 'in', list).execute();
    await insertMatchKeys(db, await storedCustomers(db, list));
  }
}

/** A stored customer as matching compares them, with the name to show. */
export type MatchProfile = MatchRecord & { displayName: string | null };

export const profileOf = (customer: StoredCustomer): MatchProfile => ({ ...toMatchRecord({ from: 'store', customer }, storedRegion), displayName: customer.displayName });

/** A stored customer's rows in match_keys and match_profiles (also what bench/generate.ts writes in bulk). */
export function matchRowsOf(customer: StoredCustomer): { keys: string[]; profile: string } {
  const { id: _id, ...profile } = profileOf(customer);
  return { keys: blockingKeys(profile as MatchProfile), profile: JSON.stringify(profile) };
}

/** Writes the keys and profiles of customers who have none yet (new ones, or after theirs were removed). */
export async function insertMatchKeys(db: Db, customers: readonly StoredCustomer[]): Promise<void> {
  const rows = customers.map((customer) => ({ customerId: customer.id, ...matchRowsOf(customer) }));
  const keys = rows.flatMap((r) => r.keys.map((key) => ({ key, customerId: r.customerId })));
  for (let i = 0; i < keys.length; i += 1000) await db.insertInto('matchKeys').values(keys.slice(i, i + 1000)).execute();
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insertInto('matchProfiles').values(rows.slice(i, i + 1000).map((r) => ({ customerId: r.customerId, profile: r.profile }))).execute();
  }
}

/**
 * Customers as matching compares them, by id: read from their profiles, one row each; a customer
 * whose profile is not written yet (before the rebuild job has run) is read from the store.
 */
export async function matchProfiles(db: Db, ids: readonly string[]): Promise<Map<string, MatchProfile>> {
  const found = new Map<string, MatchProfile>();
  for (let i = 0; i < ids.length; i += idsPerRead) {
    const rows = await db.selectFrom('matchProfiles as p').innerJoin('customers as c', 'c.id', 'p.customerId').select(['p.customerId', 'p.profile']).where('p.customerId', 'in', ids.slice(i, i + idsPerRead)).where('c.erasedAt', 'is', null).execute();
    for (const r of rows) found.set(r.customerId, { id: r.customerId, ...(JSON.parse(r.profile) as Omit<MatchProfile, 'id'>) });
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) for (const customer of await storedCustomers(db, missing)) found.set(customer.id, profileOf(customer));
  return found;
}

/** The customers who share any of these keys. */
export async function customersWithKeys(db: Db, keys: readonly string[]): Promise<{ key: string; customerId: string }[]> {
  const out: { key: string; customerId: string }[] = [];
  const list = [...new Set(keys)];
  for (let i = 0; i < list.length; i += 1000) {
    // Pushed one by one: a name block at a million customers is more rows than a spread may pass.
    for (const row of await db.selectFrom('matchKeys').select(['key', 'customerId']).where('key', 'in', list.slice(i, i + 1000)).execute()) out.push(row);
  }
  return out;
}

/** Rewrites every customer's keys, in batches of ids (after the migration that brought matching, or a restore). */
export async function rebuildMatchKeys(db: Db, batch = 500): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const ids = await db.selectFrom('customers').select('id').where('id', '>', after).orderBy('id').limit(batch).execute();
    if (ids.length === 0) return count;
    await db.transaction().execute(async (trx) => {
      for (const { id } of ids) await refreshMatchKeys(trx, id);
    });
    count += ids.length;
    after = ids.at(-1)!.id;
  }
}
