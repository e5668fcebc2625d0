import { customerProfileDiffs, recordAudit, redactAudit } from '../audit/audit-store.js';
import { candidatesOfCustomer } from '../matching/match-candidates.js';
import { recordSuspicions } from '../matching/suspicion-store.js';
import { forgetNames, nameFieldsOf, reindexCustomer, unindexCustomer } from '../search/search-indexer.js';
import { customersAffectedBy, refreshContactStates } from '../contact-state/contact-state-store.js';
import type { Db } from '../platform/database/connect.js';
import { specOfEntity, tableSpec, type TableName } from '../platform/database/customer-tables.js';
import { conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { planRestore, type Presence } from './trash-rules.js';
import { collectRows, deleteIndexRows, deleteRows, insertRows, liveRowExists, pointersInto, rowPrivacy, setPointers, uniqueClash, type HeldRow } from '../platform/database/customer-rows.js';
import {
  deleteTrashEntry,
  entryHolding,
  findTrashEntry,
  insertTrashEntry,
  insertTrashPointers,
  insertTrashRows,
  nextPosition,
  relinkHeldRow,
  trashPointersOf,
  trashRowsOf,
  updateRowCount,
  type TrashEntryRow,
} from './trash-store.js';

/**
 * Deleting moves a record, and everything that hangs from it, to the trash; restoring puts it back
 * exactly as it was; purging empties the trash after the retention period. Each runs in the caller's
 * transaction and audits itself. Callers check who may delete first (roles, the privacy rule).
 */

export interface TrashReceipt {
  trashId: string;
  entityType: string;
  entityId: string;
}

/** Customers whose lookup entries depend on these rows (their names, their organisations' names). */
const customersToReindex = (rows: HeldRow[]): Set<string> => {
  const ids = new Set<string>();
  for (const { table, row } of rows) {
    if (table === 'customers') ids.add(String(row.id));
    if (table === 'relationships') for (const c of ['customerId', 'relatedCustomerId']) ids.add(String(row[c]));
  }
  return ids;
};

export async function moveToTrash(db: Db, ctx: WriteContext, table: TableName, id: string): Promise<TrashReceipt> {
  const spec = tableSpec(table);
  const rows = await collectRows(db, table, id);
  const root = rows.find((h) => h.table === table && String(h.row[spec.key[0]!]) === id);
  if (!root) throw notFound(`${spec.entityType.replace(/_/g, ' ')} ${id}`);
  const owner = String(root.row[spec.customerColumns[0]!]);
  const trashId = newId();
  const deletedAt = nowIso();
  const fact = rowPrivacy(root);
  const privacy = { sensitivity: fact.sensitivity, factAuthorId: fact.createdBy, audienceLocationId: fact.audienceLocationId };

  await insertTrashEntry(db, {
    id: trashId,
    entityType: spec.entityType,
    entityId: id,
    customerId: owner,
    label: spec.label?.(root.row) ?? spec.entityType,
    rowCount: rows.length,
    deletedAt,
    deletedBy: ctx.actor?.staffId ?? null,
    ...privacy,
  });
  await insertTrashRows(db, trashId, rows);
  // Rows that stay but point at what goes (a promise made in this interaction) lose the link until it returns.
  const pointers = await pointersInto(db, rows);
  await insertTrashPointers(db, trashId, pointers);
  await setPointers(db, pointers, 'empty');
  // Derived rows about a customer (the lookup, staff notifications) are not kept in the trash: they go.
  if (table === 'customers') {
    await unindexCustomer(db, id);
    await deleteIndexRows(db, id);
  }
  await deleteRows(db, rows);
  if (table !== 'customers') for (const customerId of customersToReindex(rows)) await reindexCustomer(db, customerId);
  // Whether they wait for an answer, and when keeping in touch is due, without what went.
  await refreshContactStates(db, customersAffectedBy(rows));

  // The audit says what was deleted and where it waits, not what it said.
  await recordAudit(db, ctx.actor, {
    action: 'delete',
    entityType: spec.entityType,
    entityId: id,
    customerId: owner,
    before: spec.privacy
      ? { sensitivity: privacy.sensitivity, createdBy: privacy.factAuthorId, audienceLocationId: privacy.audienceLocationId }
      : { rows: rows.length },
    after: { trashId },
  });
  return { trashId, entityType: spec.entityType, entityId: id };
}

export interface RestoreResult {
  entityType: string;
  entityId: string;
  customerId: string | null;
  restored: number;
  /** Rows that wait for another record in the trash (a link to a customer who is also deleted). */
  heldBack: { table: string; trashId: string }[];
  /** Rows whose other side is gone for good (purged or erased). */
  dropped: { table: string }[];
}

export async function restoreFromTrash(db: Db, ctx: WriteContext, trashId: string): Promise<RestoreResult> {
  const entry = await findTrashEntry(db, trashId);
  if (!entry) throw notFound(`Trash entry ${trashId}`);
  const rows = await trashRowsOf(db, trashId);
  const presence: Presence = {
    live: (table, id) => liveRowExists(db, table, id),
    holder: async (table, id) => {
      const holderId = await entryHolding(db, table, id);
      const holder = holderId ? await findTrashEntry(db, holderId) : undefined;
      return holder ? { trashId: holder.id, label: holder.label } : null;
    },
  };
  const rootTable = specOfEntity(entry.entityType)?.table;
  if (!rootTable) throw notFound(`Trash entry ${trashId}`);
  const plan = await planRestore(rows, { table: rootTable, id: entry.entityId }, presence);
  if (plan.blockedRoot) throw conflict(plan.blockedRoot);

  for (const { table, row } of plan.restore) {
    for (const columns of tableSpec(table).unique ?? []) {
      const clash = await uniqueClash(db, table, columns, row);
      if (clash) {
        const what = columns.map((c) => String(row[c])).join(' ');
        throw conflict(`${what} now belongs to another record (${String(clash.customerId ?? clash.id)}); remove it there before restoring.`);
      }
    }
  }
  await insertRows(db, plan.restore);
  for (const [holder, held] of plan.hold) {
    await insertTrashRows(db, holder, held, await nextPosition(db, holder));
    await updateRowCount(db, holder);
  }
  for (const [holder, pointers] of plan.relink) await insertTrashPointers(db, holder, pointers);
  // Links this entry took away come back: into live rows, or into rows that wait in another entry.
  for (const pointer of await trashPointersOf(db, trashId)) {
    if (await liveRowExists(db, pointer.table, String(pointer.key.id))) await setPointers(db, [pointer], 'value');
    else await relinkHeldRow(db, pointer);
  }
  for (const customerId of customersToReindex(plan.restore)) await reindexCustomer(db, customerId, { linked: true });
  await refreshContactStates(db, customersAffectedBy(plan.restore));
  // Who a restored customer may be waits in the duplicates queue again (the pairs went with them).
  for (const { table, row } of plan.restore) {
    if (table === 'customers') await recordSuspicions(db, String(row.id), await candidatesOfCustomer(db, String(row.id)), 'create');
  }
  await deleteTrashEntry(db, trashId);
  if (plan.drop.length) await redactAudit(db, { entityIds: plan.drop.map((h) => String(h.row.id ?? '')) });

  await recordAudit(db, ctx.actor, {
    action: 'restore',
    entityType: entry.entityType,
    entityId: entry.entityId,
    customerId: entry.customerId,
    ...privacyOfEntry(entry),
    after: { trashId, rows: plan.restore.length },
  });
  return {
    entityType: entry.entityType,
    entityId: entry.entityId,
    customerId: entry.customerId,
    restored: plan.restore.length,
    heldBack: [...plan.hold].flatMap(([holder, held]) => held.map((h) => ({ table: h.table, trashId: holder }))),
    dropped: plan.drop.map((h) => ({ table: h.table })),
  };
}

/** An audit entry about a deleted private fact is private to the same readers (recordAudit reads it from `before`). */
const privacyOfEntry = (entry: TrashEntryRow) =>
  entry.sensitivity === 'private' ? { before: { sensitivity: 'private', createdBy: entry.factAuthorId, audienceLocationId: entry.audienceLocationId } } : {};

/**
 * Purges one trash entry: its rows go for good, the audit entries about them forget what they said,
 * and a purged customer's names leave the lookup. One entry per call, so that the purge job
 * (trash-purge-job.ts) empties a large trash in small transactions. False when it was already gone.
 */
export async function purgeEntry(db: Db, trashId: string): Promise<boolean> {
  const entry = await findTrashEntry(db, trashId);
  if (!entry) return false;
  const rows = await trashRowsOf(db, trashId);
  const ids = rows.map((h) => h.row.id).filter((id): id is string => typeof id === 'string');
  // A customer gone for good leaves no name in the lookup's vocabulary, as they are or as they were.
  const customers = rows.filter((h) => h.table === 'customers');
  const names = customers.flatMap((h) => nameFieldsOf(h.row));
  for (const h of customers) names.push(...(await customerProfileDiffs(db, String(h.row.id))).flatMap(nameFieldsOf));
  await redactAudit(db, { entityIds: [...new Set([entry.entityId, ...ids])], ...(entry.entityType === 'customer' ? { customerId: entry.entityId } : {}) });
  await deleteTrashEntry(db, trashId);
  await forgetNames(db, names);
  await recordAudit(db, null, {
    action: 'purge',
    entityType: entry.entityType,
    entityId: entry.entityId,
    customerId: entry.customerId,
    ...privacyOfEntry(entry),
    after: { rows: rows.length, deletedAt: entry.deletedAt },
  });
  return true;
}
