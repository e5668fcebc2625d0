import { PostgresAdapter } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import { refreshMatchKeysOf } from '../matching/match-keys-store.js';
import { searchEntries, type SearchEntries } from './search-entries.js';
import { distinctWords, indexVariants } from './search-rules.js';

/**
 * Keeps the lookup index in step with the customers. Called by the customer commands inside their
 * transaction, so the index never disagrees with a committed customer. Contact points (phones,
 * emails, external ids) need no call for the lookup: they are found through their own tables'
 * indexes. Matching's blocking keys (src/matching/match-keys-store.ts) are refreshed here too, and
 * by the contact-point commands.
 */

const chunkSize = 400;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkSize) await insert(rows.slice(i, i + chunkSize));
}

/** Names of the organisations linked to each customer, either way round, sorted; organisations in `exclude` left out. */
export async function linkedOrganizationNames(db: Db, ids: readonly string[], exclude: ReadonlySet<string> = new Set()): Promise<Map<string, string[]>> {
  const list = [...ids];
  const rows = await db
    .selectFrom('relationships as r')
    .innerJoin('customers as c', 'c.id', 'r.relatedCustomerId')
    .select(['r.customerId as of', 'c.id', 'c.displayName'])
    .where('r.customerId', 'in', list)
    .where('c.kind', '=', 'organization')
    .unionAll(
      db
        .selectFrom('relationships as r')
        .innerJoin('customers as c', 'c.id', 'r.customerId')
        .select(['r.relatedCustomerId as of', 'c.id', 'c.displayName'])
        .where('r.relatedCustomerId', 'in', list)
        .where('c.kind', '=', 'organization'),
    )
    .execute();
  const names = new Map<string, Set<string>>();
  for (const r of rows) if (!exclude.has(r.id)) names.set(r.of, (names.get(r.of) ?? new Set()).add(r.displayName));
  return new Map([...names].map(([id, set]) => [id, [...set].sort()]));
}

async function linkedCustomerIds(db: Db, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('relationships')
    .select('relatedCustomerId as other')
    .where('customerId', '=', id)
    .unionAll(db.selectFrom('relationships').select('customerId as other').where('relatedCustomerId', '=', id))
    .execute();
  return [...new Set(rows.map((r) => r.other))];
}

async function removeEntries(db: Db, ids: readonly string[]): Promise<void> {
  const list = [...ids];
  await db.deleteFrom('searchPostings').where('customerId', 'in', list).execute();
  await db.deleteFrom('searchPairs').where('customerId', 'in', list).execute();
  await db.deleteFrom('searchDocuments').where('customerId', 'in', list).execute();
}

/** Adds words the index has not seen yet, with their deletion variants. Safe against concurrent writers. */
async function ensureWords(db: Db, words: string[]): Promise<void> {
  if (words.length === 0) return;
  const known = new Set<string>();
  for (let i = 0; i < words.length; i += chunkSize) {
    const rows = await db.selectFrom('searchWords').select('word').where('word', 'in', words.slice(i, i + chunkSize)).execute();
    for (const r of rows) known.add(r.word);
  }
  // Sorted, so that two writers adding the same new words take their locks in the same order (no deadlock).
  const fresh = words.filter((w) => !known.has(w)).sort();
  if (fresh.length === 0) return;
  await insertChunked(fresh, (chunk) =>
    db.insertInto('searchWords').values(chunk.map((word) => ({ word }))).onConflict((oc) => oc.doNothing()).execute(),
  );
  const variants = fresh
    .flatMap((word) => indexVariants(word).map((variant) => ({ variant, word })))
    .sort((a, b) => (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : a.word < b.word ? -1 : 1));
  await insertChunked(variants, (chunk) => db.insertInto('searchWordVariants').values(chunk).onConflict((oc) => oc.doNothing()).execute());
}

/** Writes the entries of customers who have none yet (new customers), several at once. */
export async function writeEntriesMany(db: Db, many: readonly SearchEntries[]): Promise<void> {
  if (many.length === 0) return;
  await ensureWords(db, [...new Set(many.flatMap((e) => e.words))]);
  await insertChunked(
    many.map((e) => e.document),
    (chunk) => db.insertInto('searchDocuments').values(chunk).execute(),
  );
  await insertChunked(
    many.flatMap((e) => e.words.map((word) => ({ word, customerId: e.document.customerId }))),
    (chunk) => db.insertInto('searchPostings').values(chunk).execute(),
  );
  await insertChunked(
    many.flatMap((e) => e.pairs.map(([wordA, wordB]) => ({ wordA, wordB, customerId: e.document.customerId }))),
    (chunk) => db.insertInto('searchPairs').values(chunk).execute(),
  );
}

export interface ReindexOptions {
  /** Also reindex the customers linked to an organisation (its name is part of their entries). */
  linked?: boolean;
  /** Organisations to leave out (one being deleted). */
  exclude?: ReadonlySet<string>;
}

/** Rewrites one customer's entries from the customer as stored now; removes them if it is gone. */
export const reindexCustomer = (db: Db, id: string, options: ReindexOptions = {}): Promise<void> => reindexCustomers(db, [id], options);

/** The same for several customers at once (those an import's batch filled in), in a few statements for all. */
export async function reindexCustomers(db: Db, ids: readonly string[], options: ReindexOptions = {}): Promise<void> {
  const exclude = options.exclude ?? new Set<string>();
  for (let i = 0; i < ids.length; i += chunkSize) {
    const list = ids.slice(i, i + chunkSize);
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'kind', 'displayName', 'givenName', 'familyName', 'preferredName'])
      .where('id', 'in', list)
      .where('erasedAt', 'is', null)
      // On PostgreSQL two writers reindexing one customer (two links added at once) take turns, locking in
      // the same order; SQLite has one writer at a time anyway and no FOR UPDATE.
      .$if(db.getExecutor().adapter instanceof PostgresAdapter, (q) => q.orderBy('id').forUpdate())
      .execute();
    await removeEntries(db, list);
    // Matching's blocking keys change with the same writes as the lookup's entries.
    await refreshMatchKeysOf(db, list);
    const kept = rows.filter((r) => !exclude.has(r.id));
    if (kept.length === 0) continue;
    const organizations = await linkedOrganizationNames(db, kept.map((r) => r.id), exclude);
    await writeEntriesMany(db, kept.map((r) => searchEntries({ ...r, organizations: organizations.get(r.id) ?? [] })));
    if (!options.linked) continue;
    for (const r of kept) {
      if (r.kind === 'organization') for (const other of await linkedCustomerIds(db, r.id)) await reindexCustomer(db, other, { exclude });
    }
  }
}

/** Takes a customer out of the index before it is deleted; its people lose its name. */
export async function unindexCustomer(db: Db, id: string): Promise<void> {
  const linked = await linkedCustomerIds(db, id);
  await removeEntries(db, [id]);
  const exclude = new Set([id]);
  for (const other of linked) await reindexCustomer(db, other, { exclude });
}

/** Rebuilds the whole index from the customers table, in batches (after a migration or a restore). */
export async function rebuildSearchIndex(db: Db, batch = 500): Promise<number> {
  let after = '';
  let count = 0;
  for (;;) {
    const ids = await db.selectFrom('customers').select('id').where('id', '>', after).where('erasedAt', 'is', null).orderBy('id').limit(batch).execute();
    if (ids.length === 0) return count;
    for (const { id } of ids) await reindexCustomer(db, id);
    count += ids.length;
    after = ids.at(-1)!.id;
  }
}

/**
 * Removes name words no customer is found under any more, with their typo variants: after an
 * erasure or a purge, an erased name must not linger in the index's vocabulary. Words still in use
 * by anyone stay.
 */
export async function forgetNames(db: Db, names: (string | null | undefined)[]): Promise<void> {
  const words = distinctWords(...names.filter((n): n is string => typeof n === 'string' && n.trim() !== ''));
  for (const word of words) {
    const used = await db.selectFrom('searchPostings').select('word').where('word', '=', word).limit(1).executeTakeFirst();
    if (used) continue;
    const variants = indexVariants(word);
    for (let i = 0; i < variants.length; i += chunkSize) {
      await db.deleteFrom('searchWordVariants').where('word', '=', word).where('variant', 'in', variants.slice(i, i + chunkSize)).execute();
    }
    await db.deleteFrom('searchWords').where('word', '=', word).execute();
  }
}

const nameFields = ['displayName', 'givenName', 'familyName', 'preferredName'] as const;

/** The name fields of a customer row, or of both sides of an audit diff about one (JSON text): what forgetNames takes. */
export function nameFieldsOf(source: Record<string, unknown> | string | null | undefined): string[] {
  if (!source) return [];
  let snapshots: unknown[] = [source];
  if (typeof source === 'string') {
    try {
      const diff = JSON.parse(source) as { before?: unknown; after?: unknown };
      snapshots = [diff.before, diff.after];
    } catch {
      return [];
    }
  }
  return snapshots.flatMap((s) =>
    s && typeof s === 'object' ? nameFields.map((f) => (s as Record<string, unknown>)[f]).filter((v): v is string => typeof v === 'string') : [],
  );
}
