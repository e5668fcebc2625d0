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

