import type { Kysely } from 'kysely';
import type { FactPrivacy } from '../auth/private-facts.js';
import type { Db } from './connect.js';
import { childrenOf, customerTables, dataTables, rowKey, tableSpec, type CustomerTableSpec, type TableName } from './customer-tables.js';

/**
 * Customer rows moved by the registry (customer-tables.ts) rather than by name: everything that
 * hangs from a customer or a record, deleted, put back, or redacted, on both engines. Used by the
 * trash, erasure and subject access, which read as Rapport itself (callers decide who may).
 */

export type StoredRow = Record<string, unknown>;
export interface HeldRow {
  table: TableName;
  row: StoredRow;
}

/**
 * A row as JSON, as the trash keeps it: the bytes of a file (a Buffer column, an email's attachment)
 * as {"$bytes": base64}, which `rowFromJson` reads back as a Buffer, so a restored file is the same file.
 */
export function rowJson(row: StoredRow): string {
  return JSON.stringify(row, function (this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    return original instanceof Uint8Array ? { $bytes: Buffer.from(original).toString('base64') } : value;
  });
}

export function rowFromJson(data: string): StoredRow {
  return JSON.parse(data, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const bytes = (value as { $bytes?: unknown }).$bytes;
      if (typeof bytes === 'string' && Object.keys(value).length === 1) return Buffer.from(bytes, 'base64');
    }
    return value;
  }) as StoredRow;
}

/** The privacy of a stored row, by its table's privacy columns in the registry (normal when it has none). */
export function rowPrivacy(held: HeldRow): FactPrivacy {
  const p = tableSpec(held.table).privacy;
  if (!p || held.row[p.sensitivity] !== 'private') return { sensitivity: 'normal', createdBy: null, audienceLocationId: null };
  return { sensitivity: 'private', createdBy: (held.row[p.createdBy] as string | null) ?? null, audienceLocationId: (held.row[p.audience] as string | null) ?? null };
}

/** Registry tables read by name: the registry knows their columns, the type system does not. */
type Untyped = Kysely<Record<string, StoredRow>>;
const untyped = (db: Db) => db as unknown as Untyped;
const chunk = 300;

export function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += chunk) out.push(items.slice(i, i + chunk));
  return out;
}

const rowsWhere = (db: Db, table: TableName, column: string, values: string[]) =>
  values.length === 0
    ? Promise.resolve([] as StoredRow[])
    : Promise.all(chunks(values).map((part) => untyped(db).selectFrom(table).selectAll().where(column, 'in', part).execute())).then((r) => r.flat());

/**
 * A row and everything that hangs from it, in restore order: for a customer, every row of every
 * data table that names them (their facts, their part in others' life events, links either way),
 * and the children of those rows.
 */
export async function collectRows(db: Db, table: TableName, id: string): Promise<HeldRow[]> {
  const spec = tableSpec(table);
  const found = new Map<string, HeldRow>();
  const add = (s: CustomerTableSpec, row: StoredRow) => found.set(`${s.table}:${rowKey(s, row)}`, { table: s.table, row });

  const roots = await rowsWhere(db, table, spec.key[0]!, [id]);
  for (const row of roots) add(spec, row);
  if (spec.role === 'customer') {
    for (const s of dataTables) {
      if (s.role === 'customer') continue;
      for (const column of s.customerColumns) for (const row of await rowsWhere(db, s.table, column, [id])) add(s, row);
    }
  }
  // Children of every collected row (a purchase's items, the people a life event involves).
  for (const s of dataTables) {
    for (const child of childrenOf(s.table)) {
      const parentIds = [...found.values()].filter((h) => h.table === s.table).map((h) => String(h.row.id));
      for (const row of await rowsWhere(db, child.table, child.parent!.column, parentIds)) add(child, row);
    }
  }
  const order = new Map(dataTables.map((s, i) => [s.table, i]));
  return [...found.values()].sort((a, b) => order.get(a.table)! - order.get(b.table)!);
}

/** A link from a row to one that went to the trash: which row, which column, and what it held. */
export interface Pointer {
  table: TableName;
  key: Record<string, unknown>;
  column: string;
  value: string;
}

const keyOf = (spec: CustomerTableSpec, row: StoredRow) => Object.fromEntries(spec.key.map((k) => [k, row[k]]));

/** Live rows outside `rows` whose pointer columns point at one of `rows` (they lose the link while those rows are away). */
export async function pointersInto(db: Db, rows: HeldRow[]): Promise<Pointer[]> {
  const held = new Set(rows.map((h) => `${h.table}:${rowKey(tableSpec(h.table), h.row)}`));
  const found: Pointer[] = [];
  for (const spec of dataTables) {
    for (const pointer of spec.pointers ?? []) {
      const targets = rows.filter((h) => h.table === pointer.table).map((h) => String(h.row.id));
      for (const row of await rowsWhere(db, spec.table, pointer.column, targets)) {
        if (held.has(`${spec.table}:${rowKey(spec, row)}`)) continue;
        found.push({ table: spec.table, key: keyOf(spec, row), column: pointer.column, value: String(row[pointer.column]) });
      }
    }
  }
  return found;
}

/** Sets pointer columns: empty while their target is away, or back to what they held. */
export async function setPointers(db: Db, pointers: Pointer[], to: 'empty' | 'value'): Promise<void> {
  for (const p of pointers) {
    let query = untyped(db).updateTable(p.table).set({ [p.column]: to === 'empty' ? null : p.value });
    for (const [k, v] of Object.entries(p.key)) query = query.where(k, '=', v as string);
    // Put back only into an empty column: a link made since is not overwritten.
    if (to === 'value') query = query.where(p.column, 'is', null);
    await query.execute();
  }
}

/** Deletes rows, children first (the reverse of restore order). */
export async function deleteRows(db: Db, rows: HeldRow[]): Promise<void> {
  for (const held of [...rows].reverse()) {
    const spec = tableSpec(held.table);
    let query = untyped(db).deleteFrom(held.table);
    for (const k of spec.key) query = query.where(k, '=', held.row[k] as string);
    await query.execute();
  }
}

/** Columns written after every row is back: links within a table, and pointers to rows of other tables. */
const laterColumns = (spec: CustomerTableSpec): string[] => [...(spec.deferred ?? []), ...(spec.pointers ?? []).map((p) => p.column)];

/** Inserts rows as they were; columns that point at other rows are set once all are in. */
export async function insertRows(db: Db, rows: HeldRow[]): Promise<void> {
  const later: HeldRow[] = [];
  for (const held of rows) {
    const deferred = laterColumns(tableSpec(held.table));
    const row = { ...held.row };
    if (deferred.some((c) => row[c] !== null && row[c] !== undefined)) {
      later.push(held);
      for (const c of deferred) row[c] = null;
    }
    await untyped(db).insertInto(held.table).values(row).execute();
  }
  // A restored primary phone (email, address) is primary again: the one promoted meanwhile steps back.
  for (const held of rows) {
    const flag = tableSpec(held.table).exclusiveFlag;
    if (!flag || !held.row[flag]) continue;
    await untyped(db)
      .updateTable(held.table)
      .set({ [flag]: false })
      .where('customerId', '=', held.row.customerId as string)
      .where('id', '!=', held.row.id as string)
      .execute();
  }
  for (const held of later) {
    const spec = tableSpec(held.table);
    const values = Object.fromEntries(laterColumns(spec).map((c) => [c, held.row[c] ?? null]));
    let query = untyped(db).updateTable(held.table).set(values);
    for (const k of spec.key) query = query.where(k, '=', held.row[k] as string);
    await query.execute();
  }
}

/**
 * Deletes what the registry's derived tables (role 'index': the lookup, staff notifications) hold
 * about a customer, where erasure says delete: they are not collected with the customer's facts.
 */
export async function deleteIndexRows(db: Db, customerId: string): Promise<void> {
  for (const spec of customerTables) {
    if (spec.role !== 'index' || spec.erasure.kind !== 'delete') continue;
    for (const column of spec.customerColumns) await untyped(db).deleteFrom(spec.table).where(column, '=', customerId).execute();
  }
}

/** A row moved from one customer to another: where it is now, the customer column changed, a primary flag it gave up. */
export interface MovedRow {
  table: TableName;
  column: string;
  /** The row's key as it is after the move. */
  key: Record<string, unknown>;
  flagCleared: boolean;
}

const recency = (row: StoredRow): string => String(row.updatedAt ?? row.createdAt ?? '');

async function rowExists(db: Db, spec: CustomerTableSpec, key: Record<string, unknown>): Promise<boolean> {
  let query = untyped(db).selectFrom(spec.table).select(spec.key[0]!);
  for (const [k, v] of Object.entries(key)) query = query.where(k, '=', v as string);
  return (await query.executeTakeFirst()) !== undefined;
}

async function updateByKey(db: Db, spec: CustomerTableSpec, key: Record<string, unknown>, values: StoredRow): Promise<void> {
  let query = untyped(db).updateTable(spec.table).set(values);
  for (const [k, v] of Object.entries(key)) query = query.where(k, '=', v as string);
  await query.execute();
}

/**
 * Moves everything that names customer `from` to customer `to`, by the registry: their facts and
 * the children of those facts, their part in others' facts (a link, a life event), and the audit
 * trail about them. A row that cannot live on `to` is set aside (deleted, returned as `stashed`):
 * one that would link `to` with itself, one whose key would clash (both in one life event), and,
 * where only one row per customer may exist (a consent per channel, keep in touch), the older of
 * the two. A moved row that was primary gives the flag up to `to`'s own primary. What moved is
 * returned so that it can be moved back.
 */
export async function moveCustomerRows(db: Db, from: string, to: string): Promise<{ moved: MovedRow[]; stashed: HeldRow[] }> {
  const moved: MovedRow[] = [];
  const stashed: HeldRow[] = [];
  const tables = customerTables.filter((s) => s.role === 'fact' || s.role === 'child' || s.role === 'trail');
  for (const spec of tables) {
    for (const column of spec.customerColumns) {
      for (const row of await rowsWhere(db, spec.table, column, [from])) {
        const after = { ...row, [column]: to };
        const selfLink = spec.customerColumns.some((c) => c !== column && after[c] === to);
        if (selfLink || (spec.key.includes(column) && (await rowExists(db, spec, keyOf(spec, after))))) {
          stashed.push({ table: spec.table, row });
          await deleteRows(db, [{ table: spec.table, row }]);
          continue;
        }
        let lost = false;
        for (const columns of spec.unique ?? []) {
          if (!columns.includes(column)) continue;
          const theirs = await uniqueClash(db, spec.table, columns, after);
          if (!theirs) continue;
          // Only one may stay: the newer (a consent given last week over one from years ago).
          if (recency(row) > recency(theirs)) {
            stashed.push({ table: spec.table, row: theirs });
            await deleteRows(db, [{ table: spec.table, row: theirs }]);
          } else {
            stashed.push({ table: spec.table, row });
            await deleteRows(db, [{ table: spec.table, row }]);
            lost = true;
          }
        }
        if (lost) continue;
        const flag = spec.exclusiveFlag;
        let flagCleared = false;
        if (flag && row[flag]) {
          const theirs = await untyped(db).selectFrom(spec.table).select(spec.key[0]!).where(column, '=', to).where(flag, '=', true).executeTakeFirst();
          flagCleared = theirs !== undefined;
        }
        await updateByKey(db, spec, keyOf(spec, row), { [column]: to, ...(flagCleared ? { [flag!]: false } : {}) });
        moved.push({ table: spec.table, column, key: keyOf(spec, after), flagCleared });
      }
    }
  }
  return { moved, stashed };
}

/**
 * Moves rows back to customer `to` (the undo of moveCustomerRows): each row still on `from` is put
 * back, with its primary flag when it gave one up; a row deleted since stays where it went.
 */
export async function moveRowsBack(db: Db, moves: readonly MovedRow[], from: string, to: string): Promise<void> {
  for (const move of moves) {
    const spec = tableSpec(move.table);
    let query = untyped(db).updateTable(spec.table).set({ [move.column]: to, ...(move.flagCleared && spec.exclusiveFlag ? { [spec.exclusiveFlag]: true } : {}) });
    for (const [k, v] of Object.entries(move.key)) query = query.where(k, '=', v as string);
    await query.where(move.column, '=', from).execute();
  }
}

/** Deletes the records of operations on a customer (role 'record': merges) that name them: erasure only. */
export async function deleteRecordRows(db: Db, customerId: string): Promise<void> {
  for (const spec of customerTables) {
    if (spec.role !== 'record' || spec.erasure.kind !== 'delete') continue;
    for (const column of spec.customerColumns) await untyped(db).deleteFrom(spec.table).where(column, '=', customerId).execute();
  }
}

/** Applies a redaction to rows (erasure keeps them for the figures, without what they said). */
export async function redactRows(db: Db, rows: HeldRow[], set: Readonly<Record<string, string | null>>): Promise<void> {
  for (const held of rows) {
    const spec = tableSpec(held.table);
    let query = untyped(db).updateTable(held.table).set({ ...set });
    for (const k of spec.key) query = query.where(k, '=', held.row[k] as string);
    await query.execute();
  }
}

/** Whether a live row exists (an erased customer counts as gone). */
export async function liveRowExists(db: Db, table: TableName, id: string): Promise<boolean> {
  const spec = tableSpec(table);
  let query = untyped(db).selectFrom(table).select(spec.key[0]!).where(spec.key[0]!, '=', id);
  if (table === 'customers') query = query.where('erasedAt', 'is', null);
  return (await query.executeTakeFirst()) !== undefined;
}

/** A live row other than these with the same values in a unique column set. */
export async function uniqueClash(db: Db, table: TableName, columns: readonly string[], row: StoredRow): Promise<StoredRow | undefined> {
  let query = untyped(db).selectFrom(table).selectAll();
  for (const c of columns) query = query.where(c, '=', row[c] as string);
  return query.executeTakeFirst();
}

