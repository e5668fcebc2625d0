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
export async function recordSuspicions(db: Db, customerId: string, candidates: readonly Candidate[], foundBy: 'create' | 'import' | 'scan', importId: string | null = null): Promise<number> {
  let recorded = 0;
  for (const c of candidates) {
    const [first, second] = ordered(customerId, c.customerId);
    const distinct = await db
      .selectFrom('distinctCustomers')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('firstCustomerId', '=', first), eb('secondCustomerId', '=', second)]),
          eb.and([eb('firstCustomerId', '=', second), eb('secondCustomerId', '=', first)]),
        ]),
      )
      .executeTakeFirst();
    if (distinct) continue;
    await db
      .insertInto('duplicateSuspicions')
      .values({ id: newId(), firstCustomerId: first, secondCustomerId: second, score: c.result.score, reasons: JSON.stringify(c.result.reasons), foundBy, importId, createdAt: nowIso() })
      .onConflict((oc) => oc.columns(['firstCustomerId', 'secondCustomerId']).doUpdateSet({ score: c.result.score, reasons: JSON.stringify(c.result.reasons) }))
      .execute();
    recorded += 1;
  }
  return recorded;
}

export const deleteSuspicion = (db: Db, a: string, b: string) => {
  const [first, second] = ordered(a, b);
  return db.deleteFrom('duplicateSuspicions').where('firstCustomerId', '=', first).where('secondCustomerId', '=', second).execute();
};

export const findSuspicion = (db: Db, id: string) => db.selectFrom('duplicateSuspicions').selectAll().where('id', '=', id).executeTakeFirst();

/** The queue, most likely first; with both customers' names. */
export const listSuspicions = (db: Db, after: { score: number; id: string } | null, limit: number, customerId?: string) =>
  db
    .selectFrom('duplicateSuspicions as d')
    .innerJoin('customers as a', 'a.id', 'd.firstCustomerId')
    .innerJoin('customers as b', 'b.id', 'd.secondCustomerId')
    .select(['d.id', 'd.firstCustomerId', 'a.displayName as firstName', 'd.secondCustomerId', 'b.displayName as secondName', 'd.score', 'd.reasons', 'd.foundBy', 'd.importId', 'd.createdAt'])
    .$if(customerId !== undefined, (q) => q.where((eb) => eb.or([eb('d.firstCustomerId', '=', customerId!), eb('d.secondCustomerId', '=', customerId!)])))
    .$if(after !== null, (q) => q.where((eb) => eb.or([eb('d.score', '<', after!.score), eb.and([eb('d.score', '=', after!.score), eb('d.id', '>', after!.id)])])))
    .orderBy('d.score', 'desc')
    .orderBy('d.id')
    .limit(limit)
    .execute();

export const countSuspicions = async (db: Db) => Number((await db.selectFrom('duplicateSuspicions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
