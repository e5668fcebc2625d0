import { sql } from 'kysely';
import { formatPhone } from '../common/contact-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';
import type { IdentityHit, SearchDocument } from './search-scoring.js';
import { prefixUpperBound, type ParsedQuery } from './search-rules.js';

/** Lookup queries both engines run the same way; the engine-specific candidate probes are in search-finder.ts. */

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

/** Which of the words the index holds. */
export async function storedWords(db: Db, words: string[]): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  const rows = await db.selectFrom('searchWords').select('word').where('word', 'in', [...new Set(words)]).execute();
  return new Set(rows.map((r) => r.word));
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

export async function documents(db: Db, ids: string[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('searchDocuments').select(['customerId', 'names', 'preferred', 'organizations']).where('customerId', 'in', ids).execute();
}

/** When each customer was last seen (their last personal contact or purchase) and their home location. */
export async function lastSeen(db: Db, ids: string[]): Promise<Map<string, { lastContactAt: string | null; locationId: string | null }>> {
  if (ids.length === 0) return new Map();
  // A customer never contacted may have no contact state yet: their location is read from their record.
  const rows = await db
    .selectFrom('customers as c')
    .leftJoin('contactStates as s', 's.customerId', 'c.id')
    .select(['c.id', 'c.locationId', 's.lastContactAt'])
    .where('c.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, { lastContactAt: r.lastContactAt ?? null, locationId: r.locationId }]));
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
  waitingSince: string | null;
}

/** What a result shows to tell two Jim Alvarezes apart: one statement, one round trip. */
export async function displayRows(db: Db, ids: string[]): Promise<Map<string, DisplayRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('customers as c')
    .select((eb) => [
      'c.id',
      'c.kind',
      'c.displayName',
      'c.preferredName',
      eb.selectFrom('addresses as a').select('a.city').whereRef('a.customerId', '=', 'c.id').where('a.city', 'is not', null)
        .orderBy('a.isPrimary', 'desc').orderBy('a.createdAt').limit(1).as('city'),
      eb.selectFrom('phones as p').select('p.number').whereRef('p.customerId', '=', 'c.id')
        .orderBy('p.isPrimary', 'desc').orderBy('p.createdAt').limit(1).as('phone'),
      eb.selectFrom('emails as e').select('e.address').whereRef('e.customerId', '=', 'c.id')
        .orderBy('e.isPrimary', 'desc').orderBy('e.createdAt').limit(1).as('email'),
      eb.selectFrom('interactions as i').select((ib) => ib.fn.max('i.occurredAt').as('last')).whereRef('i.customerId', '=', 'c.id')
        .as('lastInteractionAt'),
      // Waiting for an answer (src/contact-state/): one probe of its primary key.
      eb.selectFrom('contactStates as w').select('w.waitingSince').whereRef('w.customerId', '=', 'c.id').as('waitingSince'),
    ])
    .where('c.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { ...r, city: r.city ?? null, phone: r.phone ?? null, email: r.email ?? null, lastInteractionAt: (r.lastInteractionAt as string | null) ?? null, waitingSince: r.waitingSince ?? null },
    ]),
  );
}
