import { rowKey, tableSpec, type TableName } from '../platform/database/customer-tables.js';
import type { HeldRow, Pointer } from '../platform/database/customer-rows.js';

/**
 * What a restore can put back. A row comes back when what it points at is live or comes back with
 * it: its customer(s) and its parent row. A row whose other side is itself waiting in the trash
 * (a link to a customer deleted since) moves to that entry and comes back with it; one whose other
 * side is gone for good (purged, erased) is dropped. The record the entry is about must come back
 * whole, or nothing is restored.
 */

export interface Holder {
  trashId: string;
  label: string;
}

/** What the database says about rows outside the entry being restored. */
export interface Presence {
  live(table: TableName, id: string): Promise<boolean>;
  holder(table: TableName, id: string): Promise<Holder | null>;
}

export interface RestorePlan {
  restore: HeldRow[];
  hold: Map<string, HeldRow[]>;
  drop: HeldRow[];
  /** Links from restored rows to rows still in the trash: empty for now, kept in the entry that holds the target. */
  relink: Map<string, Pointer[]>;
  /** Why the record itself cannot come back, if it cannot. */
  blockedRoot: string | null;
}

type Placement = { kind: 'restore' } | { kind: 'hold'; trashId: string } | { kind: 'drop' };

const refsOf = (held: HeldRow): [TableName, string][] => {
  const spec = tableSpec(held.table);
  const refs: [TableName, string][] = [];
  if (spec.role !== 'customer') for (const c of spec.customerColumns) refs.push(['customers', String(held.row[c])]);
  if (spec.parent) refs.push([spec.parent.table, String(held.row[spec.parent.column])]);
  return refs;
};

export async function planRestore(rows: HeldRow[], root: { table: TableName; id: string }, presence: Presence): Promise<RestorePlan> {
  const plan: RestorePlan = { restore: [], hold: new Map(), drop: [], relink: new Map(), blockedRoot: null };
  const placed = new Map<string, Placement>();
  const keyOf = (table: TableName, id: string) => `${table}:${id}`;

  for (const held of rows) {
    const spec = tableSpec(held.table);
    const isRoot = held.table === root.table && rowKey(spec, held.row) === root.id;
    let placement: Placement = { kind: 'restore' };
    for (const [table, id] of refsOf(held)) {
      const inEntry = placed.get(keyOf(table, id));
      if (inEntry?.kind === 'restore') continue;
      if (inEntry) {
        placement = inEntry;
        break;
      }
      if (await presence.live(table, id)) continue;
      const holder = await presence.holder(table, id);
      if (isRoot) {
        plan.blockedRoot = holder
          ? `${holder.label} is in the trash: restore it first, then this.`
          : `What this record belonged to (${table === 'customers' ? 'its customer' : 'its parent record'}) no longer exists, so it cannot come back.`;
        return plan;
      }
      placement = holder ? { kind: 'hold', trashId: holder.trashId } : { kind: 'drop' };
      break;
    }
    placed.set(keyOf(held.table, rowKey(spec, held.row)), placement);
    if (placement.kind === 'restore') plan.restore.push(held);
    else if (placement.kind === 'hold') plan.hold.set(placement.trashId, [...(plan.hold.get(placement.trashId) ?? []), held]);
    else plan.drop.push(held);
  }

  // A column pointing at a row (of its own table, a refund's purchase; or of another, the interaction a
  // promise was made in) that does not come back is empty for now, as deleting that row would have left it.
  // When the row it points at waits in another trash entry, the link is kept there and comes back with it.
  const restoredKeys = new Set(plan.restore.map((h) => keyOf(h.table, rowKey(tableSpec(h.table), h.row))));
  for (const held of plan.restore) {
    const spec = tableSpec(held.table);
    const links = [...(spec.deferred ?? []).map((column) => ({ column, table: held.table })), ...(spec.pointers ?? [])];
    for (const { column, table } of links) {
      const target = held.row[column];
      if (typeof target !== 'string' || restoredKeys.has(keyOf(table, target)) || (await presence.live(table, target))) continue;
      held.row = { ...held.row, [column]: null };
      const holder = await presence.holder(table, target);
      if (holder) {
        const pointer: Pointer = { table: held.table, key: Object.fromEntries(spec.key.map((k) => [k, held.row[k]])), column, value: target };
        plan.relink.set(holder.trashId, [...(plan.relink.get(holder.trashId) ?? []), pointer]);
      }
    }
  }
  return plan;
}
