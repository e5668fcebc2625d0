import type { Db } from '../platform/database/connect.js';
import { blockingKeys, maxBlockSize } from './blocking.js';
import { compare, type MatchResult } from './compare.js';
import { compareAddresses, compareBirthdays } from './compare-contacts.js';
import { minimumCorroboration } from './match-rules.js';
import { typicalContext, type MatchContext } from './match-context.js';
import { customersWithKeys, matchProfiles, storedCustomers, storedRegion } from './match-keys-store.js';
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
  return (await candidatesForMany(db, [record], exclude))[0]!;
}

/**
 * What a key says two records share: a contact, an id or a postcode ('contact'); a name's sound
 * ('name': strangers share them); a name's sound with a birthday or a house number ('corroborated').
 */
const kindOf = (key: string): 'contact' | 'name' | 'corroborated' => {
  const kind = key[0]!;
  if (kind === 'p' || kind === 'e' || kind === 'x' || kind === 'a') return 'contact';
  return kind === 'n' || kind === 'o' ? 'name' : 'corroborated';
};

/** Whether a customer found only by name could be this record's match: when the record has a birthday or an address to agree on. */
const namesCanMatter = (record: MatchRecord) => record.birthday !== null || record.addresses.length > 0;

/**
 * The keys a record's candidates are read under, and through which other customers can change what
 * it matches: all but the plain name keys, which a person's corroborated keys stand for (see
 * candidatesForMany); an organisation's name keys when it has an address. Two records of one batch
 * that share none of these are matched the same whichever is written first.
 */
export const keysThatMatter = (record: MatchRecord, keys: readonly string[] = blockingKeys(record)): string[] =>
  keys.filter((k) => kindOf(k) !== 'name' || (record.kind === 'organization' && namesCanMatter(record)));

/**
 * The candidates of many records at once, in a few reads (an import's batch): for each record what
 * candidatesFor gives. A customer who shares only a name with a record is compared only when a
 * birthday or an address could corroborate it (a name alone never makes a match, see compare.ts):
 * for a person these are found under the corroborated keys (the name's sound with the birth year,
 * the birthday, a house number), not in the whole name block, which at a million customers is
 * mostly strangers. The plain name keys are read only when a contact of the record is too common
 * to block on (a switchboard's number): that contact may then corroborate.
 */
export async function candidatesForMany(db: Db, records: readonly MatchRecord[], exclude: ReadonlySet<string> = new Set()): Promise<Candidate[][]> {
  const keysOf = records.map(blockingKeys);
  const holders = new Map<string, string[]>();
  const hold = (rows: readonly { key: string; customerId: string }[]) => {
    for (const r of rows) {
      const list = holders.get(r.key);
      if (list) list.push(r.customerId);
      else holders.set(r.key, [r.customerId]);
    }
  };
  const rows = await customersWithKeys(db, keysOf.flatMap((keys, i) => keysThatMatter(records[i]!, keys)));
  hold(rows);
  const blocked = (key: string) => (holders.get(key)?.length ?? 0) <= maxBlockSize;
  const crowded = keysOf.map((keys) => keys.some((k) => kindOf(k) === 'contact' && !blocked(k)));
  const late = keysOf.flatMap((keys, i) => (crowded[i] ? keys.filter((k) => kindOf(k) === 'name' && !holders.has(k)) : []));
  if (late.length) hold(await customersWithKeys(db, late));
  /** Per record, its candidates, each true when found through a name only (and no contact too common to block on). */
  const idsOf = records.map((record, i) => {
    const keys = crowded[i] ? keysOf[i]! : keysThatMatter(record, keysOf[i]!);
    const ids = new Map<string, boolean>();
    for (const key of keys) {
      if (!blocked(key)) continue;
      const byName = kindOf(key) !== 'contact' && !crowded[i];
      for (const id of holders.get(key) ?? []) if (id !== record.id && !exclude.has(id)) ids.set(id, (ids.get(id) ?? true) && byName);
    }
    return ids;
  });
  const stored = await matchProfiles(db, [...new Set(idsOf.flatMap((ids) => [...ids.keys()]))]);
  const context = contextFrom(rows);
  return records.map((record, i) => {
    const found: Candidate[] = [];
    for (const [id, byNameOnly] of idsOf[i]!) {
      const other = stored.get(id);
      if (!other || (byNameOnly && !couldCorroborate(record, other))) continue;
      const result = compare(record, other, context);
      if (result.band !== 'distinct') found.push({ customerId: id, displayName: other.displayName, result });
    }
    return found.sort(byLikelihood);
  });
}

/**
 * Whether a birthday or an address of two records found through a name alone agrees enough to
 * corroborate (compare.ts): the only way such a pair can be more than distinct, since they share no
 * phone, email or id. Two cheap comparisons instead of the whole one, for most of a name block.
 */
const couldCorroborate = (a: MatchRecord, b: MatchRecord): boolean =>
  (compareBirthdays(a.birthday, b.birthday).reason?.weight ?? 0) >= minimumCorroboration || (compareAddresses(a, b).reason?.weight ?? 0) >= minimumCorroboration;

/** Candidates in the order they are shown and decided on: most likely first. */
export const byLikelihood = (a: Candidate, b: Candidate) => b.result.score - a.result.score || a.customerId.localeCompare(b.customerId);

/** Two stored customers compared, as the second would be a candidate of the first (after a merge of them is undone). */
export async function pairCandidate(db: Db, customerId: string, otherId: string): Promise<Candidate | null> {
  const stored = await storedCustomers(db, [customerId, otherId]);
  const [one, other] = [stored.find((c) => c.id === customerId), stored.find((c) => c.id === otherId)];
  if (!one || !other) return null;
  const record = (customer: typeof one) => toMatchRecord({ from: 'store', customer }, storedRegion);
  return { customerId: other.id, displayName: other.displayName, result: compare(record(one), record(other)) };
}

/** The candidates of a stored customer: who else may be them. */
export async function candidatesOfCustomer(db: Db, customerId: string): Promise<Candidate[]> {
  const [stored] = await storedCustomers(db, [customerId]);
  if (!stored) return [];
  return candidatesFor(db, toMatchRecord({ from: 'store', customer: stored }, storedRegion));
}
