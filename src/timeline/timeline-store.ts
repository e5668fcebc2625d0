import { sql } from 'kysely';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import { olderThan, pageParams, pageReader, pageShape, readerPageParams, readerPageShape, type PageParams, type ReaderPageParams } from './timeline-page.js';
import type { TimelineKey } from './timeline-rules.js';

/**
 * The timeline's own read queries (a read model over other features' tables). Each takes one
 * customer, the cursor and a limit, and returns that kind's rows newest first, the sort key as `at`.
 * Indexes: (customer_id, occurred_at, id) on interactions and transactions, (customer_id, created_at)
 * on notes and life_events, customer_id on life_event_customers.
 */

export interface SourceQuery {
  customerId: string;
  actor: ActorOrSystem;
  /** The last item of the previous page. */
  before: TimelineKey | null;
  limit: number;
}

const ref = (name: string) => sql.ref<string>(name);

const interactionsQuery = preparedQuery((db, p: PageParams, shape) =>
  db
    .selectFrom('interactions as i')
    .leftJoin('staff as s', 's.id', 'i.staffId')
    .select(['i.id', 'i.occurredAt as at', 'i.channel', 'i.direction', 'i.summary', 'i.mood', 'i.outcome', 'i.staffId', 's.name as staffName'])
    .where('i.customerId', '=', p.customerId)
    .where(olderThan(ref('i.occurredAt'), ref('i.id'), shape, p))
    .orderBy('i.occurredAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(p.limit),
);
export const interactionRows = (db: Db, q: SourceQuery) => interactionsQuery.execute(db, pageParams(q), pageShape(q));

const transactionsQuery = preparedQuery((db, p: PageParams, shape) =>
  db
    .selectFrom('transactions as t')
    .select((eb) => [
      't.id',
      't.occurredAt as at',
      't.kind',
      't.amountMinor',
      't.currency',
      't.reference',
      't.note',
      eb.selectFrom('transactionItems as ti').select(eb.fn.countAll<number>().as('n')).whereRef('ti.transactionId', '=', 't.id').as('itemCount'),
    ])
    .where('t.customerId', '=', p.customerId)
    .where(olderThan(ref('t.occurredAt'), ref('t.id'), shape, p))
    .orderBy('t.occurredAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(p.limit),
);
export const transactionRows = (db: Db, q: SourceQuery) => transactionsQuery.execute(db, pageParams(q), pageShape(q));

/** Items shown per transaction on the timeline; itemCount says how many in all. */
export const itemsShown = 20;

/** The items of a page's transactions, in receipt order, the first `itemsShown` of each, by transaction. */
export async function transactionItemsOf(db: Db, ids: readonly string[]): Promise<Map<string, { description: string; quantity: number }[]>> {
  const byTransaction = new Map<string, { description: string; quantity: number }[]>();
  if (ids.length === 0) return byTransaction;
  const rows = await db
    .selectFrom('transactionItems')
    .select(['transactionId', 'description', 'quantity'])
    .where('transactionId', 'in', [...ids])
    .orderBy('transactionId')
    .orderBy('position')
    .execute();
  for (const r of rows) {
    const list = byTransaction.get(r.transactionId) ?? [];
    if (list.length < itemsShown) list.push({ description: r.description, quantity: Number(r.quantity) });
    byTransaction.set(r.transactionId, list);
  }
  return byTransaction;
}

/** Events the customer is involved in, theirs or a relative's; private ones only for their audience. */
const lifeEventsQuery = preparedQuery((db, p: ReaderPageParams, shape) =>
  db
    .selectFrom('lifeEventCustomers as lec')
    .innerJoin('lifeEvents as e', 'e.id', 'lec.lifeEventId')
    .select(['e.id', 'e.createdAt as at', 'e.customerId', 'e.kind', 'e.title', 'e.year', 'e.month', 'e.day', 'e.sensitivity', 'e.provenance'])
    .where('lec.customerId', '=', p.customerId)
    .where(visibleRows(pageReader(shape, p), 'lifeEvents', 'e'))
    .where(olderThan(ref('e.createdAt'), ref('e.id'), shape, p))
    .orderBy('e.createdAt', 'desc')
    .orderBy('e.id', 'desc')
    .limit(p.limit),
);
export const lifeEventRows = (db: Db, q: SourceQuery) => lifeEventsQuery.execute(db, readerPageParams(q), readerPageShape(q));

const notesQuery = preparedQuery((db, p: ReaderPageParams, shape) =>
  db
    .selectFrom('notes as n')
    .select(['n.id', 'n.createdAt as at', 'n.body', 'n.pinned', 'n.sensitivity', 'n.provenance'])
    .where('n.customerId', '=', p.customerId)
    .where(visibleRows(pageReader(shape, p), 'notes', 'n'))
    .where(olderThan(ref('n.createdAt'), ref('n.id'), shape, p))
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id', 'desc')
    .limit(p.limit),
);
export const noteRows = (db: Db, q: SourceQuery) => notesQuery.execute(db, readerPageParams(q), readerPageShape(q));
