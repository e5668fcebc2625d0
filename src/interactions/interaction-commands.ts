import { recordAudit } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import type { RowUpdate } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { notFound } from '../platform/errors.js';
import { moveToTrash, type TrashReceipt } from '../trash/trash-commands.js';
import { nowIso } from '../platform/time.js';
import { authored, type SourceRecord, type WriteContext } from '../platform/write-context.js';
import { ensureLocation, ensureStaff, ensureCustomer } from '../common/references.js';
import { clean, requiredText } from '../common/text-rules.js';
import { checkOccurredAt } from './interaction-rules.js';
import { refreshContactState } from '../contact-state/contact-state-store.js';
import { refreshCaseClock } from '../cases/case-clock.js';
import type { InteractionCreate, InteractionPatch } from './interaction-schemas.js';
import {
  findInteractionRow,
  insertInteraction,
  updateInteractionRow,
} from './interaction-store.js';

/** Writes to interactions. Each runs inside the caller's transaction and audits itself. */

export async function createInteraction(db: Db, ctx: WriteContext, input: InteractionCreate, from: SourceRecord | null = null): Promise<string> {
  await ensureCustomer(db, input.customerId, '/body/customerId');
  const summary = requiredText(input.summary, '/body/summary');
  const occurredAt = checkOccurredAt(input.occurredAt, '/body/occurredAt');
  const actorId = ctx.actor?.staffId ?? null;
  // A record from another system was not handled by whoever imported it: no one, unless it says.
  const staffId = input.staffId ?? (from ? null : actorId);
  if (staffId) await ensureStaff(db, staffId, '/body/staffId');
  await ensureLocation(db, input.locationId, '/body/locationId');
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    customerId: input.customerId,
    channel: input.channel,
    direction: input.direction,
    occurredAt,
    summary,
    staffId,
    locationId: input.locationId ?? null,
    mood: input.mood ?? null,
    outcome: clean(input.outcome),
    source: from?.source ?? null,
    sourceRecordId: from?.sourceRecordId ?? null,
    ...authored(ctx, now),
  };
  await insertInteraction(db, row);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'interaction', entityId: id, customerId: row.customerId, after: row });
  await refreshContactState(db, row.customerId);
  return id;
}

export async function updateInteraction(db: Db, ctx: WriteContext, id: string, patch: InteractionPatch): Promise<void> {
  const before = await findInteractionRow(db, id);
  if (!before) throw notFound(`Interaction ${id}`);
  const changes: RowUpdate<'interactions'> = {};
  if (patch.channel !== undefined) changes.channel = patch.channel;
  if (patch.direction !== undefined) changes.direction = patch.direction;
  if (patch.occurredAt !== undefined) changes.occurredAt = checkOccurredAt(patch.occurredAt, '/body/occurredAt');
  if (patch.summary !== undefined) changes.summary = requiredText(patch.summary, '/body/summary');
  if (patch.staffId !== undefined) {
    await ensureStaff(db, patch.staffId, '/body/staffId');
    changes.staffId = patch.staffId;
  }
  if (patch.locationId !== undefined) {
    await ensureLocation(db, patch.locationId, '/body/locationId');
    changes.locationId = patch.locationId;
  }
  if (patch.mood !== undefined) changes.mood = patch.mood;
  if (patch.outcome !== undefined) changes.outcome = clean(patch.outcome);
  changes.updatedAt = nowIso();
  changes.updatedBy = ctx.actor?.staffId ?? null;
  await updateInteractionRow(db, id, changes);
  await recordAudit(db, ctx.actor, {
    action: 'update',
    entityType: 'interaction',
    entityId: id,
    customerId: before.customerId,
    before,
    after: { ...before, ...changes },
  });
  await refreshContactState(db, before.customerId);
  if (before.caseId) await refreshCaseClock(db, before.caseId);
}

export async function deleteInteraction(db: Db, ctx: WriteContext, id: string): Promise<TrashReceipt> {
  const row = await findInteractionRow(db, id);
  if (!row) throw notFound(`Interaction ${id}`);
  const receipt = await moveToTrash(db, ctx, 'interactions', id);
  // A contact in a case's thread may have been its answer: the case's clocks change.
  if (row.caseId) await refreshCaseClock(db, row.caseId);
  return receipt;
}
