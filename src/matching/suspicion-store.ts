import { sql } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { Candidate } from './match-candidates.js';

/**
 * Pairs of customers who may be one person, waiting for someone to look (the duplicates queue): the
 * only place duplicate_suspicions is read and written. A pair is stored once, smaller id first; it
 * goes when either customer goes (merged, deleted) or the pair is said to be two people.
 */

const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/** Records (or refreshes) the suspicions of a customer against candidates; pairs said to be two people are skipped. */
export function recordSuspicions(db: Db, customerId: string, candidates: readonly Candidate[], foundBy: FoundBy, importId: string | null = null): Promise<number> {
  return recordSuspicionsOf(db, [{ customerId, candidates }], foundBy, importId);
}

/** What put a pair in the queue: a record added, an import, a scan, or the undo of their merge. */
type FoundBy = 'create' | 'import' | 'scan' | 'unmerge';

/** Pairs per statement: four bound values each to look up, eight to insert. */
const pairsPerStatement = 100;

/** The same for several customers at once (a batch of an import), in a few statements; the number of pairs recorded. */
export async function recordSuspicionsOf(db: Db, found: readonly { customerId: string; candidates: readonly Candidate[] }[], foundBy: FoundBy, importId: string | null = null): Promise<number> {
  // A pair found twice is recorded once, as last found (what recording them one after the other leaves).
  const pairs = new Map<string, { first: string; second: string; candidate: Candidate }>();
  for (const { customerId, candidates } of found) {
    for (const candidate of candidates) {
      const [first, second] = ordered(customerId, candidate.customerId);
      pairs.delete(`${first} ${second}`);
      pairs.set(`${first} ${second}`, { first, second, candidate });
    }
  }
  const wanted = [...pairs.values()];
  const now = nowIso();
  let recorded = 0;
  for (let i = 0; i < wanted.length; i += pairsPerStatement) {
    const chunk = wanted.slice(i, i + pairsPerStatement);
    const distinct = await db
      .selectFrom('distinctCustomers')
      .select(['firstCustomerId', 'secondCustomerId'])
      .where((eb) =>
        eb.or(
          chunk.flatMap(({ first, second }) => [
            eb.and([eb('firstCustomerId', '=', first), eb('secondCustomerId', '=', second)]),
            eb.and([eb('firstCustomerId', '=', second), eb('secondCustomerId', '=', first)]),
          ]),
        ),
      )
      .execute();
    const apart = new Set(distinct.map((d) => ordered(d.firstCustomerId, d.secondCustomerId).join(' ')));
    const rows = chunk
      .filter(({ first, second }) => !apart.has(`${first} ${second}`))
      .map(({ first, second, candidate }) => ({ id: newId(), firstCustomerId: first, secondCustomerId: second, score: candidate.result.score, reasons: JSON.stringify(candidate.result.reasons), foundBy, importId, createdAt: now }));
    if (rows.length === 0) continue;
    await db
      .insertInto('duplicateSuspicions')
      .values(rows)
      .onConflict((oc) => oc.columns(['firstCustomerId', 'secondCustomerId']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), reasons: eb.ref('excluded.reasons') })))
      .execute();
    recorded += rows.length;
  }
  return recorded;
}

export const deleteSuspicion = (db: Db, a: string, b: string) => {
  const [first, second] = ordered(a, b);
  return db.deleteFrom('duplicateSuspicions').where('firstCustomerId', '=', first).where('secondCustomerId', '=', second).execute();
};

export const findSuspicion = (db: Db, id: string) => db.selectFrom('duplicateSuspicions').selectAll().where('id', '=', id).executeTakeFirst();

/** The queue, most likely first; with both customers' names and when each was added. */
export const listSuspicions = (db: Db, after: { score: number; id: string } | null, limit: number, customerId?: string) =>
  db
    .selectFrom('duplicateSuspicions as d')
    .innerJoin('customers as a', 'a.id', 'd.firstCustomerId')
    .innerJoin('customers as b', 'b.id', 'd.secondCustomerId')
    .select(['d.id', 'd.firstCustomerId', 'a.displayName as firstName', 'd.secondCustomerId', 'b.displayName as secondName', 'a.createdAt as firstAddedAt', 'b.createdAt as secondAddedAt', 'd.score', 'd.reasons', 'd.foundBy', 'd.importId', 'd.createdAt'])
    .$if(customerId !== undefined, (q) => q.where((eb) => eb.or([eb('d.firstCustomerId', '=', customerId!), eb('d.secondCustomerId', '=', customerId!)])))
    .$if(after !== null, (q) => q.where((eb) => eb.or([eb('d.score', '<', after!.score), eb.and([eb('d.score', '=', after!.score), eb('d.id', '>', after!.id)])])))
    .orderBy('d.score', 'desc')
    .orderBy('d.id')
    .limit(limit)
    .execute();

export const countSuspicions = async (db: Db) => Number((await db.selectFrom('duplicateSuspicions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** What tells a customer of a pair apart at a glance: its primary email and phone (else the oldest), its ids in other systems. */
export interface PairSideFacts {
  email: string | null;
  phone: string | null;
  externalIds: { source: string; externalId: string }[];
}

/** Ids in other systems shown per customer of a pair: enough to say where it came from, short. */
export const externalIdsShown = 3;

/**
 * The facts that tell apart the customers of a page of the queue, in one read for the whole page
 * (never one per pair): their emails, phones and ids in other systems, as the customer page shows
 * them to any staff member (none of them is a private fact).
 */
export async function pairSideFacts(db: Db, customerIds: readonly string[]): Promise<Map<string, PairSideFacts>> {
  const sides = new Map<string, PairSideFacts>(customerIds.map((id) => [id, { email: null, phone: null, externalIds: [] }]));
  if (!customerIds.length) return sides;
  const ids = [...sides.keys()];
  const primary = sql<number>`case when ${sql.ref('isPrimary')} then 1 else 0 end`;
  const rows = await db
    .selectFrom('emails')
    .select(['customerId', sql<string>`'email'`.as('kind'), sql<string>`cast(null as text)`.as('source'), 'address as value', primary.as('isPrimary'), 'createdAt', 'id'])
    .where('customerId', 'in', ids)
    .unionAll(
      db
        .selectFrom('phones')
        .select(['customerId', sql<string>`'phone'`.as('kind'), sql<string>`cast(null as text)`.as('source'), 'number as value', primary.as('isPrimary'), 'createdAt', 'id'])
        .where('customerId', 'in', ids),
    )
    .unionAll(
      db
        .selectFrom('externalIds')
        .select(['customerId', sql<string>`'external'`.as('kind'), 'source', 'externalId as value', sql<number>`0`.as('isPrimary'), 'createdAt', 'id'])
        .where('customerId', 'in', ids),
    )
    .execute();
  // Primary first, then the oldest; ids in other systems by source then id (as the customer page lists them).
  const order = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    a.kind === 'external' ? (a.source ?? '').localeCompare(b.source ?? '') || a.value.localeCompare(b.value) : Number(b.isPrimary) - Number(a.isPrimary) || a.createdAt.localeCompare(b.createdAt);
  rows.sort((a, b) => a.kind.localeCompare(b.kind) || order(a, b) || a.id.localeCompare(b.id));
  for (const r of rows) {
    const side = sides.get(r.customerId)!;
    if (r.kind === 'email') side.email ??= r.value;
    else if (r.kind === 'phone') side.phone ??= r.value;
    else if (side.externalIds.length < externalIdsShown) side.externalIds.push({ source: r.source ?? '', externalId: r.value });
  }
  return sides;
}
