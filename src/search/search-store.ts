import { sql } from 'kysely';
import { formatPhone } from '../common/contact-rules.js';
import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import type { Engine } from '../platform/database/engine.js';
import type { IdentityHit, SearchDocument } from './search-scoring.js';
import { prefixUpperBound, type ParsedQuery } from './search-rules.js';

/** Lookup queries both engines run the same way; the engine-specific candidate probes are in search-finder.ts. */

// The lookup's reads are built once each (prepared-query.ts); an IN list's length is part of its shape.
const phonesQuery = preparedQuery((db, p: { e164: string; cap: number }) => db.selectFrom('phones').select(['customerId', 'e164']).where('e164', '=', p.e164).limit(p.cap));
const externalIdsQuery = preparedQuery((db, p: { externalId: string; cap: number }) =>
  db.selectFrom('externalIds').select(['customerId', 'source', 'externalId']).where('externalId', '=', p.externalId).limit(p.cap),
);

/** Exact phone, email and external id, and an email prefix while it is being typed. */
export async function identityHits(db: Db, engine: Engine, query: ParsedQuery, cap: number): Promise<IdentityHit[]> {
  const hits: IdentityHit[] = [];
  const [phones, emails, externalIds] = await Promise.all([
    query.phone
      ? phonesQuery.execute(db, { e164: query.phone, cap })
      : Promise.resolve([]),
    query.email ? emailRows(db, engine, query.email, cap) : Promise.resolve([]),
    query.externalId
      ? externalIdsQuery.execute(db, { externalId: query.externalId, cap })
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

// Byte order makes the prefix a range; PostgreSQL has an index on normalized COLLATE "C" for it.
const emailsQuery = preparedQuery((db, p: { from: string; to: string; cap: number }, engine) => {
  const column = engine === 'postgres' ? sql<string>`normalized collate "C"` : sql<string>`normalized`;
  return db.selectFrom('emails').select(['customerId', 'address', 'normalized']).where(column, '>=', p.from).where(column, '<', p.to).limit(p.cap);
});

const emailRows = (db: Db, engine: Engine, email: string, cap: number) => emailsQuery.execute(db, { from: email, to: prefixUpperBound(email), cap }, engine);

const wordsByVariantsQuery = preparedQuery((db, p: { variants: readonly string[] }) => db.selectFrom('searchWordVariants').select('word').distinct().where('variant', 'in', p.variants));
const storedWordsQuery = preparedQuery((db, p: { words: readonly string[] }) => db.selectFrom('searchWords').select('word').where('word', 'in', p.words));
const prefixQuery = preparedQuery((db, p: { from: string; to: string; limit: number }) =>
  db.selectFrom('searchWords').select('word').where('word', '>=', p.from).where('word', '<', p.to).orderBy(sql`length(word)`).orderBy('word').limit(p.limit),
);

/** Distinct index words stored under any of the variants. */
export async function wordsByVariants(db: Db, variants: string[]): Promise<string[]> {
  if (variants.length === 0) return [];
  const rows = await wordsByVariantsQuery.execute(db, { variants });
  return rows.map((r) => r.word);
}

/** Which of the words the index holds. */
export async function storedWords(db: Db, words: string[]): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  const rows = await storedWordsQuery.execute(db, { words: [...new Set(words)] });
  return new Set(rows.map((r) => r.word));
}

/** Index words starting with the prefix, shortest first (whole short names before long ones). */
export async function wordsWithPrefix(db: Db, prefix: string, limit: number): Promise<string[]> {
  const rows = await prefixQuery.execute(db, { from: prefix, to: prefixUpperBound(prefix), limit });
  return rows.map((r) => r.word);
}

const documentsQuery = preparedQuery((db, p: { ids: readonly string[] }) =>
  db.selectFrom('searchDocuments').select(['customerId', 'names', 'preferred', 'organizations']).where('customerId', 'in', p.ids),
);

export async function documents(db: Db, ids: string[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  return documentsQuery.execute(db, { ids });
}

const lastSeenQuery = preparedQuery((db, p: { ids: readonly string[] }) =>
  db.selectFrom('customers as c').leftJoin('contactStates as s', 's.customerId', 'c.id').select(['c.id', 'c.locationId', 's.lastContactAt']).where('c.id', 'in', p.ids),
);

/** When each customer was last seen (their last personal contact or purchase) and their home location. */
export async function lastSeen(db: Db, ids: string[]): Promise<Map<string, { lastContactAt: string | null; locationId: string | null }>> {
  if (ids.length === 0) return new Map();
  // A customer never contacted may have no contact state yet: their location is read from their record.
  const rows = await lastSeenQuery.execute(db, { ids });
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

const displayQuery = preparedQuery((db, p: { ids: readonly string[] }) =>
  db
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
    .where('c.id', 'in', p.ids),
);

/** What a result shows to tell two Jim Alvarezes apart: one statement, one round trip. */
export async function displayRows(db: Db, ids: string[]): Promise<Map<string, DisplayRow>> {
  if (ids.length === 0) return new Map();
  const rows = await displayQuery.execute(db, { ids });
  return new Map(
    rows.map((r) => [
      r.id,
      { ...r, city: r.city ?? null, phone: r.phone ?? null, email: r.email ?? null, lastInteractionAt: (r.lastInteractionAt as string | null) ?? null, waitingSince: r.waitingSince ?? null },
    ]),
  );
}
