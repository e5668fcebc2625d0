import { customerProfileDiffs, recordAudit, redactAudit } from '../audit/audit-store.js';
import { requiredText } from '../common/text-rules.js';
import { forgetNames, nameFieldsOf, unindexCustomer } from '../search/search-indexer.js';
import { forgetTrash, trashOfCustomer, trashRowsOf } from '../trash/trash-store.js';
import { refreshContactState } from '../contact-state/contact-state-store.js';
import type { Db } from '../platform/database/connect.js';
import { collectRows, deleteIndexRows, deleteRecordRows, deleteRows, redactRows, type HeldRow } from '../platform/database/customer-rows.js';
import { tableSpec } from '../platform/database/customer-tables.js';
import { gone, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { enqueue } from '../platform/jobs/job-queue.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { compactAfterErasure } from './erasure-compact-job.js';
import { erasedLabel, findErasure } from './erasure-store.js';

/**
 * Erasure: the customer's personal data leaves Rapport, everywhere. Every table in the registry
 * (src/platform/database/customer-tables.ts) says what erasure does to it: facts about the person
 * (contact points, notes, life events, projects, links) are deleted; contacts and purchases stay
 * for the figures without what was said or bought; the customer row stays as a tombstone with no
 * name. What the trash held of them goes, the audit trail forgets what its entries said (who did
 * what and when stays), the lookup forgets their name, and an erasure record says when, who and why.
 */

export interface ErasureReceipt {
  erasureId: string;
  customerId: string;
  erasedAt: string;
}

export async function eraseCustomer(db: Db, ctx: WriteContext, customerId: string, reasonInput: string): Promise<ErasureReceipt> {
  const reason = requiredText(reasonInput, '/body/reason');
  const already = await findErasure(db, customerId);
  if (already) throw gone(`The personal data of customer ${customerId} was already erased on ${already.erasedAt}.`);

  const live = await db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirst();
  const trash = await trashOfCustomer(db, customerId);
  const trashedCustomer = (await Promise.all(trash.entries.map((id) => trashRowsOf(db, id)))).flat().find((h) => h.table === 'customers' && h.row.id === customerId);
  if (!live && !trashedCustomer) throw notFound(`Customer ${customerId}`);

  // Names to take out of the lookup's vocabulary: as they are, as they were (the audit), as deleted.
  const trail = await customerProfileDiffs(db, customerId);
  const names = [...nameFieldsOf(live), ...nameFieldsOf(trashedCustomer?.row), ...trail.flatMap(nameFieldsOf)];

  const erasedAt = nowIso();
  const touchedIds: string[] = [];
  if (live) {
    await unindexCustomer(db, customerId);
    await deleteIndexRows(db, customerId);
    const rows = (await collectRows(db, 'customers', customerId)).filter((h) => h.table !== 'customers');
    const toDelete: HeldRow[] = [];
    for (const held of rows) {
      const policy = tableSpec(held.table).erasure;
      if (typeof held.row.id === 'string') touchedIds.push(held.row.id);
      if (policy.kind === 'delete') toDelete.push(held);
      else if (policy.kind === 'redact') await redactRows(db, [held], policy.set);
    }
    await deleteRows(db, toDelete);
    await db
      .updateTable('customers')
      .set({
        displayName: erasedLabel,
        givenName: null,
        familyName: null,
        preferredName: null,
        pronunciation: null,
        pronouns: null,
        birthYear: null,
        birthMonth: null,
        birthDay: null,
        language: null,
        gender: null,
        erasedAt,
        updatedAt: erasedAt,
        updatedBy: ctx.actor?.staffId ?? null,
      })
      .where('id', '=', customerId)
      .execute();
    // An erased customer waits for nothing and is due no contact: their contact state goes.
    await refreshContactState(db, customerId);
  }
  for (const trashId of trash.entries) for (const held of await trashRowsOf(db, trashId)) if (typeof held.row.id === 'string') touchedIds.push(held.row.id);
  touchedIds.push(...trash.rows.map((r) => r.rowId));
  await forgetTrash(db, trash);
  await deleteRecordRows(db, customerId);
  await redactAudit(db, { customerId, entityIds: touchedIds });
  await forgetNames(db, names);

  const erasureId = newId();
  await db.insertInto('erasures').values({ id: erasureId, customerId, erasedAt, erasedBy: ctx.actor?.staffId ?? null, reason }).execute();
  await recordAudit(db, ctx.actor, { action: 'erase', entityType: 'customer', entityId: customerId, customerId, after: { erasureId, reason } });
  // Freed pages on disk are overwritten or reclaimed after the commit (see erasure-compact-job.ts).
  await enqueue(db, { kind: compactAfterErasure.kind, key: compactAfterErasure.kind });
  return { erasureId, customerId, erasedAt };
}
