import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import { awaitingChannels, channelsOf, closingOutcomes, contactStateOf, faceToFaceChannels, massChannels, type ContactFacts, type ContactState } from './contact-state-rules.js';

/**
 * contact_states: one row per customer, recomputed from the source rows (interactions,
 * transactions, keep_in_touch, the customer) by `refreshContactStates`, the one function every write
 * path and the rebuild call, inside the caller's transaction. Nothing else writes the table.
 */

const mass = [...massChannels] as string[];
const faceToFace = [...faceToFaceChannels] as string[];

/**
 * On PostgreSQL two transactions recomputing one customer take turns, so the later one reads what
 * the earlier one wrote: an advisory lock per customer, taken in one order (by hash) for a batch.
 * Not a row lock on customers, which writers of the profile and of new facts (foreign keys) hold.
 * SQLite has one writer at a time.
 */
async function lockCustomers(db: Db, ids: readonly string[]): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter) || ids.length === 0) return;
  await sql`select count(pg_advisory_xact_lock(7301, h)) from (select hashtext(x) as h from unnest(${[...ids]}::text[]) as x order by 1) as locks`.execute(db);
}

/** Reads what the state of these customers is made of. */
export async function contactFactsOf(db: Db, ids: readonly string[]): Promise<ContactFacts[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const [customers, unanswered] = await Promise.all([
    db
      .selectFrom('customers as c')
      .leftJoin('keepInTouch as k', 'k.customerId', 'c.id')
      .select((eb) => [
        'c.id',
        'c.locationId',
        'c.erasedAt',
        'k.everyDays',
        'k.ownerId',
        'k.createdAt as keepSetAt',
        'k.updatedAt as keepChangedAt',
        eb
          .selectFrom('interactions as i')
          .select('i.occurredAt')
          .whereRef('i.customerId', '=', 'c.id')
          .where('i.channel', 'not in', mass)
          .where('i.mailingId', 'is', null)
          .orderBy('i.occurredAt', 'desc')
          .orderBy('i.id', 'desc')
          .limit(1)
          .as('lastInteractionAt'),
        eb
          .selectFrom('interactions as i')
          .select('i.staffId')
          .whereRef('i.customerId', '=', 'c.id')
          .where('i.channel', 'not in', mass)
          .where('i.mailingId', 'is', null)
          .where('i.staffId', 'is not', null)
          .orderBy('i.occurredAt', 'desc')
          .orderBy('i.id', 'desc')
          .limit(1)
          .as('lastStaffId'),
        eb
          .selectFrom('transactions as t')
          .select((tb) => tb.fn.max('t.occurredAt').as('at'))
          .whereRef('t.customerId', '=', 'c.id')
          .as('lastTransactionAt'),
      ])
      .where('c.id', 'in', list)
      .execute(),
    // Each message that expects an answer, unless an answer came at the same moment or later.
    db
      .selectFrom('interactions as i')
      .select(['i.customerId', 'i.id', 'i.channel', 'i.occurredAt'])
      .where('i.customerId', 'in', list)
      .where('i.direction', '=', 'inbound')
      .where('i.channel', 'in', [...awaitingChannels])
      // An outcome that says it was dealt with (a service desk's "solved") expects no answer.
      .where((eb) => eb.or([eb('i.outcome', 'is', null), eb(sql<string>`lower(trim(${sql.ref('i.outcome')}))`, 'not in', [...closingOutcomes])]))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('interactions as a')
              .select('a.id')
              .whereRef('a.customerId', '=', 'i.customerId')
              .whereRef('a.occurredAt', '>=', 'i.occurredAt')
              // A mailing's copy (src/mailings/) answers no one, whatever its channel: a letter sent to everyone is not a reply.
              .where('a.mailingId', 'is', null)
              .where((eb) => eb.or([eb.and([eb('a.direction', '=', 'outbound'), eb('a.channel', 'not in', mass)]), eb('a.channel', 'in', faceToFace)])),
          ),
        ),
      )
      .orderBy('i.customerId')
      .orderBy('i.occurredAt')
      .orderBy('i.id')
      .execute(),
  ]);
  const byCustomer = new Map<string, { id: string; channel: string; occurredAt: string }[]>();
  for (const m of unanswered) byCustomer.set(m.customerId, [...(byCustomer.get(m.customerId) ?? []), { id: m.id, channel: m.channel, occurredAt: m.occurredAt }]);
  return customers.map((c) => ({
    customerId: c.id,
    locationId: c.locationId,
    erased: c.erasedAt !== null,
    lastInteractionAt: (c.lastInteractionAt as string | null) ?? null,
    lastStaffId: (c.lastStaffId as string | null) ?? null,
    lastTransactionAt: (c.lastTransactionAt as string | null) ?? null,
    keep: c.everyDays !== null && c.everyDays !== undefined ? { everyDays: Number(c.everyDays), ownerId: c.ownerId ?? null, setAt: c.keepSetAt as string, changedAt: c.keepChangedAt as string } : null,
    unanswered: byCustomer.get(c.id) ?? [],
  }));
}

/**
 * Recomputes the contact state of these customers from their source rows and stores it (or removes
 * it: a customer gone, erased, or with nothing to say). Call it in the transaction of every write
 * that changes a customer's contacts, transactions, cadence or location.
 */
export async function refreshContactStates(db: Db, customerIds: Iterable<string>): Promise<void> {
  const all = [...new Set(customerIds)].sort();
  for (let i = 0; i < all.length; i += 1000) await refreshChunk(db, all.slice(i, i + 1000));
}

async function refreshChunk(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await lockCustomers(db, ids);
  const states = (await contactFactsOf(db, ids)).map(contactStateOf).filter((s): s is ContactState => s !== null);
  const kept = new Set(states.map((s) => s.customerId));
  const gone = ids.filter((id) => !kept.has(id));
  for (let i = 0; i < gone.length; i += 1000) await db.deleteFrom('contactStates').where('customerId', 'in', gone.slice(i, i + 1000)).execute();
  // At most 500 rows a statement: SQLite takes up to 32,766 bound values.
  for (let i = 0; i < states.length; i += 500) {
    await db
      .insertInto('contactStates')
      .values(states.slice(i, i + 500))
      .onConflict((oc) =>
        oc.column('customerId').doUpdateSet((eb) => ({
          locationId: eb.ref('excluded.locationId'),
          lastContactAt: eb.ref('excluded.lastContactAt'),
          lastContactStaffId: eb.ref('excluded.lastContactStaffId'),
          waitingSince: eb.ref('excluded.waitingSince'),
          waitingCount: eb.ref('excluded.waitingCount'),
          waitingChannels: eb.ref('excluded.waitingChannels'),
          waitingFirstInteractionId: eb.ref('excluded.waitingFirstInteractionId'),
          keepEveryDays: eb.ref('excluded.keepEveryDays'),
          keepOwnerId: eb.ref('excluded.keepOwnerId'),
          keepDueAt: eb.ref('excluded.keepDueAt'),
          keepRemindAt: eb.ref('excluded.keepRemindAt'),
        })),
      )
      .execute();
  }
}

export const refreshContactState = (db: Db, customerId: string) => refreshContactStates(db, [customerId]);

/** Tables whose rows change a customer's contact state (the trash moves them by the registry). */
const stateSources = new Set(['customers', 'interactions', 'transactions', 'keepInTouch']);

/** The customers whose state depends on these rows, for the trash: what was deleted or restored. */
export function customersAffectedBy(rows: readonly { table: string; row: Record<string, unknown> }[]): string[] {
  const ids = new Set<string>();
  for (const { table, row } of rows) {
    if (!stateSources.has(table)) continue;
    const id = table === 'customers' ? row.id : row.customerId;
    if (typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

/**
 * Recomputes every customer's state, a batch per transaction, in id order from `after`: for an
 * existing database, after a restore from backup, or to check nothing drifted. Rows of customers
 * that no longer exist go with them (the foreign key cascades). Returns how many were computed.
 */
export async function rebuildContactStates(
  db: Db,
  options: { batch?: number; after?: string; limitBatches?: number; onBatch?: (done: number, lastId: string) => void } = {},
): Promise<{ computed: number; lastId: string | null; finished: boolean }> {
  const batch = options.batch ?? 1000;
  let after = options.after ?? '';
  let computed = 0;
  for (let n = 0; options.limitBatches === undefined || n < options.limitBatches; n += 1) {
    const ids = (await db.selectFrom('customers').select('id').where('id', '>', after).orderBy('id').limit(batch).execute()).map((r) => r.id);
    if (ids.length === 0) return { computed, lastId: after || null, finished: true };
    await db.transaction().execute((trx) => refreshContactStates(trx, ids));
    computed += ids.length;
    after = ids.at(-1)!;
    options.onBatch?.(computed, after);
  }
  return { computed, lastId: after || null, finished: false };
}

/** The stored state of one customer (undefined: nothing to say). */
export const findContactState = (db: Db, customerId: string) =>
  db.selectFrom('contactStates').selectAll().where('customerId', '=', customerId).executeTakeFirst();


/** What the brief says about waiting and keeping in touch, from the stored state (one definition everywhere). */
const briefContactQuery = preparedQuery((db, p: { customerId: string }) =>
  db
    .selectFrom('contactStates as s')
    .leftJoin('staff as o', 'o.id', 's.keepOwnerId')
    .select(['s.waitingSince', 's.waitingCount', 's.waitingChannels', 's.keepEveryDays', 's.keepOwnerId', 'o.name as ownerName', 's.lastContactAt', 's.keepDueAt'])
    .where('s.customerId', '=', p.customerId),
);

export async function briefContactFacts(db: Db, customerId: string) {
  const row = await briefContactQuery.executeTakeFirst(db, { customerId });
  return {
    waiting: row?.waitingSince ? { since: row.waitingSince, channels: channelsOf(row.waitingChannels), count: Number(row.waitingCount) } : null,
    keepInTouch:
      row?.keepEveryDays && row.keepDueAt
        ? { everyDays: Number(row.keepEveryDays), ownerId: row.keepOwnerId, ownerName: row.ownerName ?? null, lastContactAt: row.lastContactAt, dueAt: row.keepDueAt }
        : null,
  };
}
