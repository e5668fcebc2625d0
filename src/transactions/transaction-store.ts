import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import type { NewRow, RowUpdate } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import type { CleanItem, RelatedFacts } from './transaction-input-rules.js';
import type { Movement } from './transaction-rules.js';
import type { TransactionOut, TransactionSummary } from './transaction-schemas.js';

/** The only place transaction and item rows are read and written. Callers pass the database or a transaction. */

export const insertTransaction = (db: Db, row: NewRow<'transactions'>) => db.insertInto('transactions').values(row).execute();

export const findTransactionRow = (db: Db, id: string) =>
  db.selectFrom('transactions').selectAll().where('id', '=', id).executeTakeFirst();

export const updateTransactionRow = (db: Db, id: string, values: RowUpdate<'transactions'>) =>
  db.updateTable('transactions').set(values).where('id', '=', id).execute();

/** Items go with the transaction (the foreign key cascades). */
export const deleteTransactionRow = (db: Db, id: string) => db.deleteFrom('transactions').where('id', '=', id).execute();

export const findItemRows = (db: Db, transactionId: string) =>
  db.selectFrom('transactionItems').selectAll().where('transactionId', '=', transactionId).orderBy('position').execute();

/** Replaces every item of a transaction (none when `items` is empty). Returns the rows written. */
export async function replaceItems(db: Db, transaction: { id: string; customerId: string }, items: readonly CleanItem[]) {
  await db.deleteFrom('transactionItems').where('transactionId', '=', transaction.id).execute();
  const rows = items.map((item) => ({ id: newId(), transactionId: transaction.id, customerId: transaction.customerId, ...item }));
  if (rows.length > 0) await db.insertInto('transactionItems').values(rows).execute();
  return rows;
}

export const findRelatedFacts = (db: Db, id: string): Promise<RelatedFacts | undefined> =>
  db.selectFrom('transactions').select(['id', 'customerId', 'kind', 'currency']).where('id', '=', id).executeTakeFirst();

/** The transactions that point at this one. */
export const findDependents = (db: Db, id: string): Promise<RelatedFacts[]> =>
  db.selectFrom('transactions').select(['id', 'customerId', 'kind', 'currency']).where('relatedTransactionId', '=', id).execute();

const summaries = (db: Db) =>
  db
    .selectFrom('transactions as t')
    .leftJoin('staff as s', 's.id', 't.staffId')
    .select([
      't.id',
      't.customerId',
      't.kind',
      't.occurredAt',
      't.amountMinor',
      't.currency',
      't.reference',
      't.note',
      't.locationId',
      't.staffId',
      's.name as staffName',
      't.relatedTransactionId',
      't.createdAt',
      't.updatedAt',
      't.createdBy',
      't.updatedBy',
    ]);

type SummaryRow = Omit<TransactionSummary, 'staffName'> & { staffName: string | null | undefined };
// PostgreSQL returns bigint as a number (see connect.ts); Number() keeps SQLite and any driver honest.
const present = (row: SummaryRow): TransactionSummary => ({ ...row, amountMinor: Number(row.amountMinor), staffName: row.staffName ?? null });

export async function loadTransaction(db: Db, id: string): Promise<TransactionOut | null> {
  const row = await summaries(db).where('t.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const items = await findItemRows(db, id);
  return {
    ...present(row),
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      description: i.description,
      sku: i.sku,
      quantity: Number(i.quantity),
      unitPriceMinor: Number(i.unitPriceMinor),
    })),
  };
}

export interface TransactionListQuery {
  customerId: string | null;
  kind: string | null;
  after: { occurredAt: string; id: string } | null;
  limit: number;
}

/** Newest first: by when it happened, then by id so that equal times still page in a fixed order. */
export async function listTransactions(db: Db, query: TransactionListQuery): Promise<TransactionSummary[]> {
  let select = summaries(db);
  if (query.customerId) select = select.where('t.customerId', '=', query.customerId);
  if (query.kind) select = select.where('t.kind', '=', query.kind as Movement['kind']);
  if (query.after) {
    const { occurredAt, id } = query.after;
    select = select.where((eb) =>
      eb.or([eb('t.occurredAt', '<', occurredAt), eb.and([eb('t.occurredAt', '=', occurredAt), eb('t.id', '<', id)])]),
    );
  }
  const rows = await select.orderBy('t.occurredAt', 'desc').orderBy('t.id', 'desc').limit(query.limit).execute();
  return rows.map(present);
}

/** A customer's totals per kind and currency: the input the money rules need (they are sums). */
const movementsQuery = preparedQuery((db, p: { customerId: string }) =>
  db
    .selectFrom('transactions')
    .select((eb) => ['kind', 'currency', eb.fn.sum<number | string>('amountMinor').as('total')])
    .where('customerId', '=', p.customerId)
    .groupBy(['kind', 'currency']),
);

export async function customerMovements(db: Db, customerId: string): Promise<Movement[]> {
  const rows = await movementsQuery.execute(db, { customerId });
  // PostgreSQL sums bigint as numeric, which arrives as a string.
  return rows.map((r) => ({ kind: r.kind, currency: r.currency, amountMinor: Number(r.total) }));
}
