import { recordAudit } from '../audit/audit-store.js';
import { checkOccurredAt } from '../interactions/interaction-rules.js';
import { clean } from '../common/text-rules.js';
import { ensureLocation, ensureStaff, ensureCustomer } from '../common/references.js';
import type { Db } from '../platform/database/connect.js';
import type { Row, RowUpdate } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { conflict, notFound } from '../platform/errors.js';
import { moveToTrash, type TrashReceipt } from '../trash/trash-commands.js';
import { refreshContactState } from '../contact-state/contact-state-store.js';
import { nowIso } from '../platform/time.js';
import { authored, type SourceRecord, type WriteContext } from '../platform/write-context.js';
import { amountOf, checkDependents, checkItems, checkRelated, normalizeCurrency, type CleanItem } from './transaction-input-rules.js';
import type { TransactionCreate, TransactionPatch } from './transaction-schemas.js';
import {
  findDependents,
  findItemRows,
  findRelatedFacts,
  findTransactionRow,
  insertTransaction,
  replaceItems,
  updateTransactionRow,
} from './transaction-store.js';

/** Writes to transactions and their items. Each runs inside the caller's transaction and audits itself. */

async function ensureReferences(db: Db, input: { staffId?: string | null; locationId?: string | null }) {
  await ensureStaff(db, input.staffId, '/body/staffId');
  await ensureLocation(db, input.locationId, '/body/locationId');
}

/** What the audit keeps of items: their content, not their row ids. */
const itemSnapshot = (items: readonly Omit<CleanItem, 'position'>[]) =>
  items.map(({ description, sku, quantity, unitPriceMinor }) => ({ description, sku, quantity, unitPriceMinor }));

const snapshot = (row: Row<'transactions'>, items: readonly Omit<CleanItem, 'position'>[]) => ({
  ...row,
  amountMinor: Number(row.amountMinor),
  items: itemSnapshot(items),
});

export async function createTransaction(db: Db, ctx: WriteContext, input: TransactionCreate, from: SourceRecord | null = null): Promise<string> {
  await ensureCustomer(db, input.customerId, '/body/customerId');
  const items = checkItems(input.items ?? []);
  const amountMinor = amountOf(input.amountMinor, items);
  const currency = normalizeCurrency(input.currency);
  const occurredAt = checkOccurredAt(input.occurredAt, '/body/occurredAt');
  const actorId = ctx.actor?.staffId ?? null;
  // A record from another system was not handled by whoever imported it: no one, unless it says.
  const staffId = input.staffId ?? (from ? null : actorId);
  await ensureReferences(db, { staffId, locationId: input.locationId });
  const id = newId();
  if (input.relatedTransactionId) {
    const related = await findRelatedFacts(db, input.relatedTransactionId);
    checkRelated({ id, customerId: input.customerId, kind: input.kind, currency }, related, input.relatedTransactionId);
  }
  const now = nowIso();
  const row = {
    id,
    customerId: input.customerId,
    kind: input.kind,
    occurredAt,
    amountMinor,
    currency,
    reference: clean(input.reference),
    relatedTransactionId: input.relatedTransactionId ?? null,
    staffId,
    locationId: input.locationId ?? null,
    note: clean(input.note),
    source: from?.source ?? null,
    sourceRecordId: from?.sourceRecordId ?? null,
    ...authored(ctx, now),
  };
  await insertTransaction(db, row);
  await replaceItems(db, row, items);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'transaction', entityId: id, customerId: row.customerId, after: snapshot(row, items) });
  // A transaction is a contact: keeping in touch starts again from it.
  await refreshContactState(db, row.customerId);
  return id;
}

export async function updateTransaction(db: Db, ctx: WriteContext, id: string, patch: TransactionPatch): Promise<void> {
  const before = await findTransactionRow(db, id);
  if (!before) throw notFound(`Transaction ${id}`);
  const itemsBefore = await findItemRows(db, id);
  const items = patch.items !== undefined ? checkItems(patch.items) : undefined;
  const changes: RowUpdate<'transactions'> = {};
  if (patch.kind !== undefined) changes.kind = patch.kind;
  if (patch.currency !== undefined) changes.currency = normalizeCurrency(patch.currency);
  if (patch.occurredAt !== undefined) changes.occurredAt = checkOccurredAt(patch.occurredAt, '/body/occurredAt');
  // The amount follows new items unless it is given; with no new items it stays as it was.
  if (patch.amountMinor !== undefined || (items && items.length > 0)) changes.amountMinor = amountOf(patch.amountMinor, items);
  if (patch.reference !== undefined) changes.reference = clean(patch.reference);
  if (patch.note !== undefined) changes.note = clean(patch.note);
  if (patch.staffId !== undefined) changes.staffId = patch.staffId;
  if (patch.locationId !== undefined) changes.locationId = patch.locationId;
  if (patch.relatedTransactionId !== undefined) changes.relatedTransactionId = patch.relatedTransactionId;
  await ensureReferences(db, patch);

  const after = { ...before, ...changes } as Row<'transactions'>;
  const reshaped = after.kind !== before.kind || after.currency !== before.currency;
  if (after.relatedTransactionId && (reshaped || patch.relatedTransactionId !== undefined)) {
    const related = await findRelatedFacts(db, after.relatedTransactionId);
    checkRelated(after, related, after.relatedTransactionId);
  }
  if (reshaped) checkDependents(after, await findDependents(db, id));

  changes.updatedAt = nowIso();
  changes.updatedBy = ctx.actor?.staffId ?? null;
  await updateTransactionRow(db, id, changes);
  const itemsAfter = items ? await replaceItems(db, before, items) : itemsBefore;
  await recordAudit(db, ctx.actor, {
    action: 'update',
    entityType: 'transaction',
    entityId: id,
    customerId: before.customerId,
    before: snapshot(before, itemsBefore),
    after: snapshot({ ...after, ...changes } as Row<'transactions'>, itemsAfter),
  });
  await refreshContactState(db, before.customerId);
}

/** A transaction others point at (a purchase with its refund) stays until they are deleted or re-pointed. */
export async function deleteTransaction(db: Db, ctx: WriteContext, id: string): Promise<TrashReceipt> {
  const before = await findTransactionRow(db, id);
  if (!before) throw notFound(`Transaction ${id}`);
  const dependents = await findDependents(db, id);
  if (dependents.length > 0) {
    const list = dependents.map((d) => `${d.kind} ${d.id}`).join(', ');
    throw conflict(`This transaction is pointed at by ${list}; delete or re-point ${dependents.length > 1 ? 'them' : 'it'} first.`);
  }
  return moveToTrash(db, ctx, 'transactions', id);
}
