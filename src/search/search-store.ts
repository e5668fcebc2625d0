import { sql } from 'kysely';
import { formatPhone } from '../common/contact-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';
import type { IdentityHit, SearchDocument } from './search-scoring.js';
import { prefixUpperBound, type ParsedQuery } from './search-rules.js';

/** Lookup queries both engines run the same way. The engine-specific ones are in *-finder.ts. */

/** Exact phone, email and external id, and an email prefix while it is being typed. */
export async function identityHits(db: Db, engine: Engine, query: ParsedQuery, cap: number): Promise<IdentityHit[]> {
  const hits: IdentityHit[] = [];
  const [phones, emails, externalIds] = await Promise.all([
    query.phone
      ? db.selectFrom('phones').select(['customerId', 'e164']).where('e164', '=', query.phone).limit(cap).execute()
      : Promise.resolve([]),
    query.email ? emailRows(db, engine, query.email, cap) : Promise.resolve([]),
    query.externalId
      ? db.selectFrom('externalIds').select(['customerId', 'source', 'externalId']).where('externalId', '=', query.externalId).limit(cap).execute()
      : Promise.resolve([]),
  ]);
  for (const p of phones) hits.push({ customerId: p.customerId, field: 'phone', match: 'exact', text: `Phone ${formatPhone(p.e164)}` });
  for (const e of emails) {
    const exact = e.normalized === query.email;
    hits.push({ customerId: e.customerId, field: 'email', match: exact ? 'exact' : 'prefix', text: `Email ${e.address}${exact ? '' : ` starts with “${query.email}”`}` });
  }
  for (const x of externalIds) hits.push({ customerId: x.customerId, field: 'externalId', match: 'exact', text: `${x.source} id ${x.externalId}` });
  return hits;
}

function emailRows(db: Db, engine: Engine, email: string, cap: number) {
  // Byte order makes the prefix a range; PostgreSQL has an index on normalized COLLATE "C" for it.
  const column = engine === 'postgres' ? sql<string>`normalized collate "C"` : sql<string>`normalized`;
  return db
    .selectFrom('emails')
    .select(['customerId', 'address', 'normalized'])
    .where(column, '>=', email)
    .where(column, '<', prefixUpperBound(email))
    .limit(cap)
    .execute();
}

/** Distinct index words stored under any of the variants. */
export async function wordsByVariants(db: Db, variants: string[]): Promise<string[]> {
  if (variants.length === 0) return [];
  const rows = await db.selectFrom('searchWordVariants').select('word').distinct().where('variant', 'in', variants).execute();
  return rows.map((r) => r.word);
}

/** Index words starting with the prefix, shortest first (whole short names before long ones). */
export async function wordsWithPrefix(db: Db, prefix: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('searchWords')
    .select('word')
    .where('word', '>=', prefix)
    .where('word', '<', prefixUpperBound(prefix))
    .orderBy(sql`length(word)`)
    .orderBy('word')
    .limit(limit)
    .execute();
  return rows.map((r) => r.word);
}

/** Customers with a pair of name words: the first in `as`, the second in `bs` or starting with `bPrefix`. */
export async function pairCustomers(db: Db, as: string[], second: { bs: string[] } | { bPrefix: string }, limit: number): Promise<string[]> {
  if (as.length === 0) return [];
  let query = db.selectFrom('searchPairs').select('customerId').where('wordA', 'in', as);
  if ('bs' in second) {
    if (second.bs.length === 0) return [];
    query = query.where('wordB', 'in', second.bs);
  } else {
    query = query.where('wordB', '>=', second.bPrefix).where('wordB', '<', prefixUpperBound(second.bPrefix));
  }
  const rows = await query.limit(limit).execute();
  return rows.map((r) => r.customerId);
}

export async function documents(db: Db, ids: string[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('searchDocuments').select(['customerId', 'names', 'preferred', 'organizations']).where('customerId', 'in', ids).execute();
}

export interface DisplayRow {
  id: string;
  kind: 'person' | 'organization';
  displayName: string;
  preferredName: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  lastInteractionAt: string | null;
}

const firstPerCustomer = <T extends { customerId: string }>(rows: T[]) => {
  const map = new Map<string, T>();
  for (const row of rows) if (!map.has(row.customerId)) map.set(row.customerId, row);
  return map;
};

/** What a result shows to tell two Jim Alvarezes apart. */
export async function displayRows(db: Db, ids: string[]): Promise<Map<string, DisplayRow>> {
  if (ids.length === 0) return new Map();
  const [customers, addresses, phones, emails, visits] = await Promise.all([
    db.selectFrom('customers').select(['id', 'kind', 'displayName', 'preferredName']).where('id', 'in', ids).execute(),
    db.selectFrom('addresses').select(['customerId', 'city']).where('customerId', 'in', ids).where('city', 'is not', null)
      .orderBy('isPrimary', 'desc').orderBy('createdAt').execute(),
    db.selectFrom('phones').select(['customerId', 'number']).where('customerId', 'in', ids).orderBy('isPrimary', 'desc').orderBy('createdAt').execute(),
    db.selectFrom('emails').select(['customerId', 'address']).where('customerId', 'in', ids).orderBy('isPrimary', 'desc').orderBy('createdAt').execute(),
    db.selectFrom('interactions').select(['customerId']).select((eb) => eb.fn.max('occurredAt').as('last'))
      .where('customerId', 'in', ids).groupBy('customerId').execute(),
  ]);
  const city = firstPerCustomer(addresses);
  const phone = firstPerCustomer(phones);
  const email = firstPerCustomer(emails);
  const visit = new Map(visits.map((v) => [v.customerId, v.last as string | null]));
  return new Map(
    customers.map((c) => [
      c.id,
      {
        ...c,
        city: city.get(c.id)?.city ?? null,
        phone: phone.get(c.id)?.number ?? null,
        email: email.get(c.id)?.address ?? null,
        lastInteractionAt: visit.get(c.id) ?? null,
      },
    ]),
  );
}
