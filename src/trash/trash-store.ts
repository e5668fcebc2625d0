import type { ActorOrSystem } from '../platform/auth/actor.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import { chunks, rowFromJson, rowJson, type HeldRow, type Pointer } from '../platform/database/customer-rows.js';
import { rowKey, tableSpec, type TableName } from '../platform/database/customer-tables.js';
import type { NewRow, Row } from '../platform/database/schema.js';

/**
 * The only place that reads and writes the trash tables. Rows are kept as stored (JSON of their
 * columns, as src/platform/database/customer-rows.ts reads them) so a restore puts back exactly
 * what was there.
 */

export type { HeldRow };

// The trash entries themselves.

export const insertTrashEntry = (db: Db, entry: NewRow<'trashEntries'>) => db.insertInto('trashEntries').values(entry).execute();

export async function insertTrashRows(db: Db, trashId: string, rows: HeldRow[], from = 0): Promise<void> {
  const values = rows.map((held, i) => ({
    trashId,
    position: from + i,
    tableName: held.table,
    rowId: rowKey(tableSpec(held.table), held.row),
    data: rowJson(held.row),
  }));
  for (const part of chunks(values)) await db.insertInto('trashRows').values(part).execute();
}

export const findTrashEntry = (db: Db, id: string) => db.selectFrom('trashEntries').selectAll().where('id', '=', id).executeTakeFirst();

/** Links from live rows that an entry took away, kept beside its rows under this table name. */
const pointerRows = '#pointer';

export async function trashRowsOf(db: Db, trashId: string): Promise<HeldRow[]> {
  const rows = await db
    .selectFrom('trashRows')
    .select(['tableName', 'data'])
    .where('trashId', '=', trashId)
    .where('tableName', '!=', pointerRows)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ table: r.tableName as TableName, row: rowFromJson(r.data) }));
}

export async function trashPointersOf(db: Db, trashId: string): Promise<Pointer[]> {
  const rows = await db.selectFrom('trashRows').select('data').where('trashId', '=', trashId).where('tableName', '=', pointerRows).orderBy('position').execute();
  return rows.map((r) => JSON.parse(r.data) as Pointer);
}

/** Keeps links that come back with an entry: a pointer row per link, after the entry's rows. */
export async function insertTrashPointers(db: Db, trashId: string, pointers: Pointer[]): Promise<void> {
  if (pointers.length === 0) return;
  const from = await nextPosition(db, trashId);
  const values = pointers.map((p, i) => ({ trashId, position: from + i, tableName: pointerRows, rowId: String(p.key.id ?? ''), data: JSON.stringify(p) }));
  for (const part of chunks(values)) await db.insertInto('trashRows').values(part).execute();
}

/** Sets a column of a row waiting in the trash (a link whose other side came back first), if it is empty. */
export async function relinkHeldRow(db: Db, pointer: Pointer): Promise<boolean> {
  const held = await db
    .selectFrom('trashRows')
    .select(['trashId', 'position', 'data'])
    .where('rowId', '=', String(pointer.key.id ?? ''))
    .where('tableName', '=', pointer.table)
    .executeTakeFirst();
  if (!held) return false;
  const row = rowFromJson(held.data);
  if (row[pointer.column] === null || row[pointer.column] === undefined) {
    row[pointer.column] = pointer.value;
    await db.updateTable('trashRows').set({ data: rowJson(row) }).where('trashId', '=', held.trashId).where('position', '=', held.position).execute();
  }
  return true;
}

export const nextPosition = async (db: Db, trashId: string): Promise<number> =>
  Number((await db.selectFrom('trashRows').select((eb) => eb.fn.max('position').as('last')).where('trashId', '=', trashId).executeTakeFirst())?.last ?? -1) + 1;

/** The trash entry that holds a row of a table (a deleted customer, a deleted life event), if any. */
export async function entryHolding(db: Db, table: TableName, rowId: string): Promise<string | null> {
  const found = await db.selectFrom('trashRows').select('trashId').where('rowId', '=', rowId).where('tableName', '=', table).executeTakeFirst();
  return found?.trashId ?? null;
}

export async function updateRowCount(db: Db, trashId: string): Promise<void> {
  const count = await db
    .selectFrom('trashRows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('trashId', '=', trashId)
    .where('tableName', '!=', pointerRows)
    .executeTakeFirst();
  await db.updateTable('trashEntries').set({ rowCount: Number(count?.n ?? 0) }).where('id', '=', trashId).execute();
}

export const deleteTrashEntry = (db: Db, id: string) => db.deleteFrom('trashEntries').where('id', '=', id).execute();

/** Which of these row ids are waiting in the trash (their history entries show no content meanwhile). */
export async function idsInTrash(db: Db, rowIds: string[]): Promise<Set<string>> {
  if (rowIds.length === 0) return new Set();
  const found = await db.selectFrom('trashRows').select('rowId').where('rowId', 'in', rowIds).execute();
  return new Set(found.map((r) => r.rowId));
}

export type TrashEntryRow = Row<'trashEntries'>;

export interface TrashListFilter {
  customerId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
}

/** Entries newest first, as this actor may see them: a deleted private fact only for its audience. */
export async function listTrashEntries(db: Db, actor: ActorOrSystem, filter: TrashListFilter, before: { deletedAt: string; id: string } | null, limit: number) {
  let query = db
    .selectFrom('trashEntries as t')
    .leftJoin('staff as s', 's.id', 't.deletedBy')
    .leftJoin('customers as c', (join) => join.onRef('c.id', '=', 't.customerId').on('c.erasedAt', 'is', null))
    .selectAll('t')
    .select(['s.name as deletedByName', 'c.displayName as customerName'])
    .where(visibleRows(actor, 'trashEntries', 't'));
  if (filter.customerId) query = query.where('t.customerId', '=', filter.customerId);
  if (filter.entityType) query = query.where('t.entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('t.entityId', '=', filter.entityId);
  if (before) {
    const { deletedAt, id } = before;
    query = query.where((eb) => eb.or([eb('t.deletedAt', '<', deletedAt), eb.and([eb('t.deletedAt', '=', deletedAt), eb('t.id', '<', id)])]));
  }
  return query.orderBy('t.deletedAt', 'desc').orderBy('t.id', 'desc').limit(limit).execute();
}

/** One entry as this actor may see it. */
export const findVisibleTrashEntry = (db: Db, actor: ActorOrSystem, id: string) =>
  db
    .selectFrom('trashEntries as t')
    .leftJoin('staff as s', 's.id', 't.deletedBy')
    .leftJoin('customers as c', (join) => join.onRef('c.id', '=', 't.customerId').on('c.erasedAt', 'is', null))
    .selectAll('t')
    .select(['s.name as deletedByName', 'c.displayName as customerName'])
    .where('t.id', '=', id)
    .where(visibleRows(actor, 'trashEntries', 't'))
    .executeTakeFirst();

/** Entries deleted before the cutoff, oldest first (for the purge, which reads as Rapport itself). */
export const expiredEntries = async (db: Db, cutoff: string, limit: number): Promise<string[]> =>
  (await db.selectFrom('trashEntries').select('id').where('deletedAt', '<', cutoff).orderBy('deletedAt').orderBy('id').limit(limit).execute()).map((r) => r.id);

/**
 * Everything the trash holds of one customer: their own entries, and rows in others' entries that
 * name them (a link to them, their part in someone's life event). Erasure removes these.
 */
export async function trashOfCustomer(db: Db, customerId: string): Promise<{ entries: string[]; rows: { trashId: string; position: number; rowId: string }[] }> {
  const entries = (await db.selectFrom('trashEntries').select('id').where('customerId', '=', customerId).execute()).map((e) => e.id);
  const rows = await db.selectFrom('trashRows').select(['trashId', 'position', 'rowId']).where('data', 'like', `%${customerId}%`).execute();
  return { entries, rows };
}

/** Removes these rows from their entries, and entries left empty or whole. */
export async function forgetTrash(db: Db, found: { entries: string[]; rows: { trashId: string; position: number }[] }): Promise<void> {
  for (const part of chunks(found.entries)) await db.deleteFrom('trashEntries').where('id', 'in', part).execute();
  const touched = new Set<string>();
  for (const row of found.rows) {
    if (found.entries.includes(row.trashId)) continue;
    await db.deleteFrom('trashRows').where('trashId', '=', row.trashId).where('position', '=', row.position).execute();
    touched.add(row.trashId);
  }
  for (const trashId of touched) {
    await updateRowCount(db, trashId);
    await db.deleteFrom('trashEntries').where('id', '=', trashId).where('rowCount', '=', 0).execute();
  }
}

/** The trash entries and rows that hold a customer, as stored, for subject access. */
export async function trashHeldFor(db: Db, customerId: string) {
  const { entries, rows } = await trashOfCustomer(db, customerId);
  const ids = [...new Set([...entries, ...rows.map((r) => r.trashId)])];
  if (ids.length === 0) return [];
  const found = await db.selectFrom('trashEntries').selectAll().where('id', 'in', ids).orderBy('deletedAt').execute();
  return Promise.all(found.map(async (entry) => ({ entry, rows: (await trashRowsOf(db, entry.id)).filter((h) => rowJson(h.row).includes(customerId)) })));
}
