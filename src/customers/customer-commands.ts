import { recordAudit, type AuditEntry } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import type { RowUpdate } from '../platform/database/schema.js';
import { notFound } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { reindexCustomer } from '../search/search-indexer.js';
import { refreshContactState } from '../contact-state/contact-state-store.js';
import { moveToTrash, type TrashReceipt } from '../trash/trash-commands.js';
import { type WriteContext } from '../platform/write-context.js';
import { ensureLocation } from '../common/references.js';
import { clean } from '../common/text-rules.js';
import { checkBirthday, displayNameAfterPatch } from './customer-rules.js';
import { insertNewCustomers, prepareNewCustomer, referenceProblems } from './new-customers.js';
import type { CustomerCreate, CustomerPatch } from './customer-schemas.js';
import { findCustomerRow, presentCustomerRow, updateCustomerRow } from './customer-store.js';

/** Writes to customers. Each runs inside the caller's transaction and audits itself. */

export async function createCustomer(db: Db, ctx: WriteContext, input: CustomerCreate): Promise<string> {
  const prepared = prepareNewCustomer(ctx, input);
  const problem = (await referenceProblems(db, [prepared])).get(0);
  if (problem) throw problem;
  await insertNewCustomers(db, ctx, [prepared]);
  return prepared.customer.id;
}

/**
 * Returns the changes made to the row. For a caller that does this for many customers at once (an
 * import's batch): `index: 'later'` when it reindexes the customer itself, with others (search-indexer's
 * reindexCustomers); `audit` to collect the audit entry and record it with others (recordAudits).
 */
export async function updateCustomer(db: Db, ctx: WriteContext, id: string, patch: CustomerPatch, index: 'now' | 'later' = 'now', audit?: AuditEntry[]): Promise<RowUpdate<'customers'>> {
  const before = await findCustomerRow(db, id);
  if (!before) throw notFound(`Customer ${id}`);
  const changes: RowUpdate<'customers'> = {};
  const textFields = ['givenName', 'familyName', 'preferredName', 'pronunciation', 'pronouns', 'language', 'gender'] as const;
  for (const field of textFields) if (patch[field] !== undefined) changes[field] = clean(patch[field]);
  if (patch.kind !== undefined) changes.kind = patch.kind;
  if (patch.birthday !== undefined) {
    const birthday = checkBirthday(patch.birthday);
    changes.birthYear = birthday?.year ?? null;
    changes.birthMonth = birthday?.month ?? null;
    changes.birthDay = birthday?.day ?? null;
  }
  if (patch.locationId !== undefined) {
    await ensureLocation(db, patch.locationId, '/body/locationId');
    changes.locationId = patch.locationId;
  }
  changes.displayName = displayNameAfterPatch(before, patch);
  changes.updatedAt = nowIso();
  changes.updatedBy = ctx.actor?.staffId ?? null;
  await updateCustomerRow(db, id, changes);
  const entry: AuditEntry = {
    action: 'update',
    entityType: 'customer',
    entityId: id,
    customerId: id,
    before: presentCustomerRow(before),
    after: presentCustomerRow({ ...before, ...changes } as typeof before),
  };
  if (audit) audit.push(entry);
  else await recordAudit(db, ctx.actor, entry);
  if (index === 'now') await reindexCustomer(db, id, { linked: true });
  // The waiting and keep-in-touch lists are per location.
  if (changes.locationId !== undefined && changes.locationId !== before.locationId) await refreshContactState(db, id);
  return changes;
}

/** Moves the customer, and everything recorded about them, to the trash. */
export async function deleteCustomer(db: Db, ctx: WriteContext, id: string): Promise<TrashReceipt> {
  if (!(await findCustomerRow(db, id))) throw notFound(`Customer ${id}`);
  return moveToTrash(db, ctx, 'customers', id);
}
