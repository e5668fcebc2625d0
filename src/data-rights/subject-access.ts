import type { ActorOrSystem } from '../platform/auth/actor.js';
import { canSeeFact, type FactPrivacy } from '../platform/auth/private-facts.js';
import type { Db } from '../platform/database/connect.js';
import { collectRows, rowPrivacy, type HeldRow, type StoredRow } from '../platform/database/customer-rows.js';
import { dataTables, tableSpec, type TableName } from '../platform/database/customer-tables.js';
import { forbidden, gone, notFound } from '../platform/errors.js';
import { withBooleanFlags } from '../platform/database/schema.js';
import { trashHeldFor } from '../trash/trash-store.js';
import { findErasure } from './erasure-store.js';

/**
 * Subject access: everything Rapport holds about one customer, for the customer. Read from the
 * registry of customer-owned tables, so a new kind of fact is included without more code: their
 * record and every fact about them, what waits in the trash, and who changed what (the audit trail).
 *
 * It is for someone who may read all of it: an admin, or a manager who may read every private fact
 * among it (the one privacy rule). Anyone else is told who can produce it, and shown nothing.
 */

export interface RecordGroup {
  type: string;
  heading: string;
  items: StoredRow[];
}

export interface SubjectAccessReport {
  customerId: string;
  displayName: string;
  generatedAt: string;
  generatedBy: string | null;
  records: RecordGroup[];
  trash: { label: string; entityType: string; deletedAt: string; records: RecordGroup[] }[];
  history: { at: string; by: string | null; action: string; entityType: string; entityId: string | null; diff: unknown }[];
  /** Names of the staff and locations the records refer to by id. */
  names: Record<string, string>;
}

function grouped(rows: HeldRow[]): RecordGroup[] {
  const order = new Map(dataTables.map((s, i) => [s.table, i]));
  const groups = new Map<TableName, StoredRow[]>();
  for (const held of rows) groups.set(held.table, [...(groups.get(held.table) ?? []), held.row]);
  return [...groups]
    .sort(([a], [b]) => (order.get(a) ?? 99) - (order.get(b) ?? 99))
    .map(([table, items]) => ({ type: tableSpec(table).recordType, heading: tableSpec(table).heading, items }));
}

/** Flags as true or false on both engines, and no secret column. */
const normalized = (held: HeldRow): HeldRow => {
  const secrets = tableSpec(held.table).secrets ?? [];
  return { table: held.table, row: withBooleanFlags(Object.fromEntries(Object.entries(held.row).filter(([k]) => !secrets.includes(k)))) };
};

export async function subjectAccess(db: Db, actor: ActorOrSystem, customerId: string, now = new Date()): Promise<SubjectAccessReport> {
  const erasure = await findErasure(db, customerId);
  if (erasure) throw gone(`The personal data of this customer was erased on ${erasure.erasedAt}; Rapport holds nothing more about them.`);
  const live = (await collectRows(db, 'customers', customerId)).map(normalized);
  const trash = (await trashHeldFor(db, customerId)).map(({ entry, rows }) => ({ entry, rows: rows.map(normalized) }));
  const customerRow = live.find((h) => h.table === 'customers')?.row ?? trash.flatMap((t) => t.rows).find((h) => h.table === 'customers' && h.row.id === customerId)?.row;
  if (!customerRow) throw notFound(`Customer ${customerId}`);

  const audit = await db
    .selectFrom('auditEvents as a')
    .leftJoin('staff as s', 's.id', 'a.staffId')
    .select(['a.at', 's.name as by', 'a.action', 'a.entityType', 'a.entityId', 'a.diff', 'a.sensitivity', 'a.factAuthorId', 'a.audienceLocationId'])
    .where('a.customerId', '=', customerId)
    .orderBy('a.at')
    .orderBy('a.id')
    .execute();

  if (actor) {
    const privateFacts: FactPrivacy[] = [
      ...[...live, ...trash.flatMap((t) => t.rows)].map(rowPrivacy).filter((p) => p.sensitivity === 'private'),
      ...audit.filter((a) => a.sensitivity === 'private').map((a) => ({ sensitivity: 'private' as const, createdBy: a.factAuthorId, audienceLocationId: a.audienceLocationId })),
    ];
    const unreadable = privateFacts.filter((f) => !canSeeFact(actor, f));
    if (unreadable.length > 0) {
      const places = [...new Set(unreadable.map((f) => f.audienceLocationId).filter((id): id is string => id !== null))];
      const names = places.length
        ? (await db.selectFrom('locations').select('name').where('id', 'in', places).orderBy('name').execute()).map((l) => l.name)
        : [];
      throw forbidden(
        `This customer has private records your account may not read, so you cannot give them a complete copy. An admin${names.length ? `, or a manager of ${names.join(' or ')},` : ''} can produce it.`,
      );
    }
  }

  const ids = new Set<string>();
  const collectIds = (row: StoredRow) => {
    for (const [key, value] of Object.entries(row)) if (typeof value === 'string' && /(By|staffId|locationId|LocationId)$/.test(key)) ids.add(value);
  };
  for (const held of [...live, ...trash.flatMap((t) => t.rows)]) collectIds(held.row);
  const known = ids.size
    ? [
        ...(await db.selectFrom('staff').select(['id', 'name']).where('id', 'in', [...ids]).execute()),
        ...(await db.selectFrom('locations').select(['id', 'name']).where('id', 'in', [...ids]).execute()),
      ]
    : [];
  const generatedBy = actor ? actor.name : null;

  return {
    customerId,
    displayName: String(customerRow.displayName),
    generatedAt: now.toISOString(),
    generatedBy,
    records: grouped(live),
    trash: trash.map(({ entry, rows }) => ({ label: entry.label, entityType: entry.entityType, deletedAt: entry.deletedAt, records: grouped(rows) })),
    history: audit.map((a) => ({ at: a.at, by: a.by ?? null, action: a.action, entityType: a.entityType, entityId: a.entityId, diff: a.diff ? (JSON.parse(a.diff) as unknown) : null })),
    names: Object.fromEntries(known.map((k) => [k.id, k.name])),
  };
}
