import { recordAudit, type AuditEntry } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { authored, type WriteContext } from '../platform/write-context.js';
import { RelationshipInput } from './customer-schemas.js';
import { customerExists } from './customer-store.js';
import { reindexCustomer } from '../search/search-indexer.js';
import { moveToTrash } from '../trash/trash-commands.js';

/** Links between customers: a household (parent, child, spouse), or a person and their organisation. */

// The input schema lives with the other customer schemas (the web app derives its types from them).
export { RelationshipInput };

export async function addRelationship(db: Db, ctx: WriteContext, customerId: string, input: RelationshipInput): Promise<string> {
  if (input.relatedCustomerId === customerId) throw unprocessable('/body/relatedCustomerId', 'a customer cannot be related to themselves');
  if (!(await customerExists(db, input.relatedCustomerId))) {
    throw unprocessable('/body/relatedCustomerId', `customer ${input.relatedCustomerId} does not exist`);
  }
  const existing = await db
    .selectFrom('relationships')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('customerId', '=', customerId), eb('relatedCustomerId', '=', input.relatedCustomerId)]),
        eb.and([eb('customerId', '=', input.relatedCustomerId), eb('relatedCustomerId', '=', customerId)]),
      ]),
    )
    .executeTakeFirst();
  if (existing) throw conflict(`These customers are already linked (relationship ${existing.id}).`, [{ path: '/body/relatedCustomerId', message: 'is already linked' }]);
  const row = relationshipRow(ctx, customerId, input);
  await db.insertInto('relationships').values(row).execute();
  await recordAudit(db, ctx.actor, relationshipAudit(row));
  // A person is found by the names of the organisations they are linked to.
  for (const side of [customerId, input.relatedCustomerId]) await reindexCustomer(db, side);
  return row.id;
}

/** A new link's row (checked already: both customers exist and are not linked yet). */
export function relationshipRow(ctx: WriteContext, customerId: string, input: RelationshipInput, now = nowIso()) {
  return {
    id: newId(),
    customerId,
    relatedCustomerId: input.relatedCustomerId,
    label: input.label.trim(),
    relatedLabel: input.relatedLabel?.trim() || null,
    household: input.household ?? false,
    ...authored(ctx, now),
  };
}

export const relationshipAudit = (row: ReturnType<typeof relationshipRow>): AuditEntry => ({ action: 'create', entityType: 'relationship', entityId: row.id, customerId: row.customerId, after: row });

export async function removeRelationship(db: Db, ctx: WriteContext, customerId: string, id: string): Promise<void> {
  const before = await db
    .selectFrom('relationships')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('customerId', '=', customerId), eb('relatedCustomerId', '=', customerId)]))
    .executeTakeFirst();
  if (!before) throw notFound(`Relationship ${id} of customer ${customerId}`);
  // To the trash; both sides' lookup entries are rewritten there.
  await moveToTrash(db, ctx, 'relationships', id);
}
