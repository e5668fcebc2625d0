import type { Db } from '../platform/database/connect.js';
import { blockingKeys, maxBlockSize } from './blocking.js';
import { compare, type MatchResult } from './compare.js';
import { typicalContext, type MatchContext } from './match-context.js';
import { customersWithKeys, storedCustomers, storedRegion } from './match-keys-store.js';
import { toMatchRecord, type MatchRecord } from './match-record.js';

/**
 * Stored customers who may be the same person as a record: found through the blocking keys they
 * share with it (never by reading every customer), compared field by field, best first. Pairs in the
 * distinct band are left out.
 */

/** A key held by more customers than maxBlockSize (blocking.ts) is not blocked on ("Smith, J." at a million customers). */
export { maxBlockSize };

export interface Candidate {
  customerId: string;
  displayName: string | null;
  result: MatchResult;
}

/** How many stored customers hold each phone and email, from the key rows read for blocking. */
function contextFrom(rows: readonly { key: string }[]): MatchContext {
  const holders = new Map<string, number>();
  for (const r of rows) if (r.key[0] === 'p' || r.key[0] === 'e') holders.set(r.key.slice(1), (holders.get(r.key.slice(1)) ?? 0) + 1);
  return { ...typicalContext, contactHolders: (contact) => Math.max(1, holders.get(contact) ?? 1) };
}

export async function candidatesFor(db: Db, record: MatchRecord, exclude: ReadonlySet<string> = new Set()): Promise<Candidate[]> {
  const rows = await customersWithKeys(db, blockingKeys(record));
  const perKey = new Map<string, number>();
  for (const r of rows) perKey.set(r.key, (perKey.get(r.key) ?? 0) + 1);
  const ids = [...new Set(rows.filter((r) => (perKey.get(r.key) ?? 0) <= maxBlockSize && r.customerId !== record.id && !exclude.has(r.customerId)).map((r) => r.customerId))];
  const context = contextFrom(rows);
  const found: Candidate[] = [];
  for (const stored of await storedCustomers(db, ids)) {
    const result = compare(record, toMatchRecord({ from: 'store', customer: stored }, storedRegion), context);
    if (result.band !== 'distinct') found.push({ customerId: stored.id, displayName: stored.displayName, result });
  }
  return found.sort((a, b) => b.result.score - a.result.score || a.customerId.localeCompare(b.customerId));
}

/** The candidates of a stored customer: who else may be them. */
export async function candidatesOfCustomer(db: Db, customerId: string): Promise<Candidate[]> {
  const [stored] = await storedCustomers(db, [customerId]);
  if (!stored) return [];
  return candidatesFor(db, toMatchRecord({ from: 'store', customer: stored }, storedRegion));
}
