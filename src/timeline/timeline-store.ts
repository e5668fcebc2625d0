import { sql, type SqlBool } from 'kysely';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
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

/** Rows strictly after the cursor in newest-first order. */
const olderThan = (at: string, id: string, before: TimelineKey | null) =>
  before === null
    ? sql<SqlBool>`1 = 1`
    : sql<SqlBool>`(${sql.ref(at)} < ${before.at} or (${sql.ref(at)} = ${before.at} and ${sql.ref(id)} < ${before.id}))`;

export const interactionRows = (db: Db, q: SourceQuery) =>
  db
    .selectFrom('interactions as i')
    .leftJoin('staff as s', 's.id', 'i.staffId')
    .select(['i.id', 'i.occurredAt as at', 'i.channel', 'i.direction', 'i.summary', 'i.mood', 'i.outcome', 'i.staffId', 's.name as staffName'])
    .where('i.customerId', '=', q.customerId)
    .where(olderThan('i.occurredAt', 'i.id', q.before))
    .orderBy('i.occurredAt', 'desc')
    .orderBy('i.id', 'desc')
    .limit(q.limit)
    .execute();

export const transactionRows = (db: Db, q: SourceQuery) =>
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
    .where('t.customerId', '=', q.customerId)
    .where(olderThan('t.occurredAt', 't.id', q.before))
    .orderBy('t.occurredAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(q.limit)
    .execute();

/** Events the customer is involved in, theirs or a relative's; private ones only for their audience. */
export const lifeEventRows = (db: Db, q: SourceQuery) =>
  db
    .selectFrom('lifeEventCustomers as lec')
    .innerJoin('lifeEvents as e', 'e.id', 'lec.lifeEventId')
    .select(['e.id', 'e.createdAt as at', 'e.customerId', 'e.kind', 'e.title', 'e.year', 'e.month', 'e.day', 'e.sensitivity', 'e.provenance'])
    .where('lec.customerId', '=', q.customerId)
    .where(visibleRows(q.actor, 'lifeEvents', 'e'))
    .where(olderThan('e.createdAt', 'e.id', q.before))
    .orderBy('e.createdAt', 'desc')
    .orderBy('e.id', 'desc')
    .limit(q.limit)
    .execute();

export const noteRows = (db: Db, q: SourceQuery) =>
  db
    .selectFrom('notes as n')
    .select(['n.id', 'n.createdAt as at', 'n.body', 'n.pinned', 'n.sensitivity', 'n.provenance'])
    .where('n.customerId', '=', q.customerId)
    .where(visibleRows(q.actor, 'notes', 'n'))
    .where(olderThan('n.createdAt', 'n.id', q.before))
    .orderBy('n.createdAt', 'desc')
    .orderBy('n.id', 'desc')
    .limit(q.limit)
    .execute();
