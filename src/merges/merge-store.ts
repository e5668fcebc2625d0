import type { Db } from '../platform/database/connect.js';
import { chunks, type HeldRow, type MovedRow } from '../platform/database/customer-rows.js';
import type { TableName } from '../platform/database/customer-tables.js';
import type { NewRow, Row } from '../platform/database/schema.js';

/** The only place merge records and "not the same person" pairs are read and written. */

export type MergeRow = Row<'merges'>;

export const insertMerge = (db: Db, row: NewRow<'merges'>) => db.insertInto('merges').values(row).execute();

export async function insertMoves(db: Db, mergeId: string, moves: readonly MovedRow[]): Promise<void> {
  const rows = moves.map((m) => ({ mergeId, tableName: m.table, columnName: m.column, rowKey: JSON.stringify(m.key), flagCleared: m.flagCleared }));
  for (const part of chunks(rows)) if (part.length) await db.insertInto('mergeMoves').values(part).execute();
}

export const findMerge = (db: Db, id: string) => db.selectFrom('merges').selectAll().where('id', '=', id).executeTakeFirst();

export async function movesOf(db: Db, mergeId: string): Promise<MovedRow[]> {
  const rows = await db.selectFrom('mergeMoves').selectAll().where('mergeId', '=', mergeId).execute();
  return rows.map((r) => ({ table: r.tableName as TableName, column: r.columnName, key: JSON.parse(r.rowKey) as Record<string, unknown>, flagCleared: Boolean(r.flagCleared) }));
}

export const stashedOf = (merge: MergeRow): HeldRow[] => JSON.parse(merge.stashed) as HeldRow[];

export const markUndone = (db: Db, id: string, at: string, by: string | null) => db.updateTable('merges').set({ undoneAt: at, undoneBy: by }).where('id', '=', id).execute();

/** Merges into or out of a customer, newest first, with who did them. */
export const mergesOf = (db: Db, customerId: string) =>
  db
    .selectFrom('merges as m')
    .leftJoin('staff as s', 's.id', 'm.createdBy')
    .leftJoin('staff as u', 'u.id', 'm.undoneBy')
    .select(['m.id', 'm.survivorCustomerId', 'm.mergedCustomerId', 'm.mergedRow', 'm.reason', 'm.createdAt', 'm.createdBy', 's.name as createdByName', 'm.undoneAt', 'm.undoneBy', 'u.name as undoneByName'])
    .where((eb) => eb.or([eb('m.survivorCustomerId', '=', customerId), eb('m.mergedCustomerId', '=', customerId)]))
    .orderBy('m.createdAt', 'desc')
    .orderBy('m.id', 'desc')
    .execute();

/** The customers live merges took these customers into, by merged customer: where an old link to them (an import's trace of who a record became) should lead. */
export async function survivorsOf(db: Db, customerIds: readonly string[]): Promise<Map<string, string>> {
  const survivors = new Map<string, string>();
  for (const part of chunks([...new Set(customerIds)])) {
    if (part.length === 0) continue;
    const rows = await db.selectFrom('merges').select(['mergedCustomerId', 'survivorCustomerId']).where('mergedCustomerId', 'in', part).where('undoneAt', 'is', null).execute();
    for (const m of rows) survivors.set(m.mergedCustomerId, m.survivorCustomerId);
  }
  return survivors;
}

/** A pair in one order: the smaller id first. */
export const pairOf = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

export const findDistinct = (db: Db, a: string, b: string) =>
  db
    .selectFrom('distinctCustomers')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('firstCustomerId', '=', a), eb('secondCustomerId', '=', b)]),
        eb.and([eb('firstCustomerId', '=', b), eb('secondCustomerId', '=', a)]),
      ]),
    )
    .executeTakeFirst();

export const insertDistinct = (db: Db, row: NewRow<'distinctCustomers'>) =>
  db
    .insertInto('distinctCustomers')
    .values(row)
    .onConflict((oc) => oc.columns(['firstCustomerId', 'secondCustomerId']).doNothing())
    .execute();
