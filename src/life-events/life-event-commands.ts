import { recordAudit } from '../audit/audit-store.js';
import { privacyChanges, privacyOfNewFact } from '../common/fact-privacy.js';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import type { RowUpdate } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { notFound, unprocessable } from '../platform/errors.js';
import { moveToTrash, type TrashReceipt } from '../trash/trash-commands.js';
import { nowIso } from '../platform/time.js';
import { authored, type WriteContext } from '../platform/write-context.js';
import { checkEventDate, checkTitle, involvedCustomers } from './life-event-rules.js';
import type { LifeEventCreate, LifeEventOut, LifeEventPatch } from './life-event-schemas.js';
import {
  findLifeEvent,
  insertLifeEvent,
  missingCustomers,
  presentLifeEvents,
  replaceInvolved,
  updateLifeEventRow,
} from './life-event-store.js';

/** Writes to life events. Each runs inside the caller's transaction and audits itself. */

/** The event as the actor may see it; a private one they may not see is "not found", like a missing one. */
export async function visibleLifeEvent(db: Db, actor: ActorOrSystem, id: string): Promise<LifeEventOut> {
  const row = await findLifeEvent(db, actor, id);
  if (!row) throw notFound(`Life event ${id}`);
  const [presented] = await presentLifeEvents(db, [row]);
  return presented!;
}

async function ensureInvolved(db: Db, ids: string[] | undefined) {
  const missing = await missingCustomers(db, ids ?? []);
  const index = (ids ?? []).findIndex((id) => missing.has(id));
  if (index >= 0) throw unprocessable(`/body/involvedCustomerIds/${index}`, `customer ${ids![index]} does not exist`);
}

export async function createLifeEvent(db: Db, ctx: WriteContext, input: LifeEventCreate): Promise<string> {
  const title = checkTitle(input.title);
  const date = checkEventDate(input.date);
  if ((await missingCustomers(db, [input.customerId])).size) throw unprocessable('/body/customerId', `customer ${input.customerId} does not exist`);
  await ensureInvolved(db, input.involvedCustomerIds);
  const id = newId();
  const now = nowIso();
  await insertLifeEvent(db, {
    id,
    customerId: input.customerId,
    kind: input.kind,
    title,
    year: date?.year ?? null,
    month: date?.month ?? null,
    day: date?.day ?? null,
    provenance: input.provenance ?? 'told_us',
    ...(await privacyOfNewFact(db, input.customerId, input)),
    ...authored(ctx, now),
  });
  await replaceInvolved(db, id, involvedCustomers(input.customerId, input.involvedCustomerIds));
  const after = await visibleLifeEvent(db, null, id);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'life_event', entityId: id, customerId: input.customerId, after });
  return id;
}

export async function updateLifeEvent(db: Db, ctx: WriteContext, id: string, patch: LifeEventPatch): Promise<void> {
  const before = await visibleLifeEvent(db, ctx.actor, id);
  const changes: RowUpdate<'lifeEvents'> = { updatedAt: nowIso(), updatedBy: ctx.actor?.staffId ?? null };
  if (patch.kind !== undefined) changes.kind = patch.kind;
  if (patch.title !== undefined) changes.title = checkTitle(patch.title);
  if (patch.provenance !== undefined) changes.provenance = patch.provenance;
  Object.assign(changes, await privacyChanges(db, before, patch));
  if (patch.date !== undefined) {
    const date = checkEventDate(patch.date);
    Object.assign(changes, { year: date?.year ?? null, month: date?.month ?? null, day: date?.day ?? null });
  }
  if (patch.involvedCustomerIds !== undefined) {
    await ensureInvolved(db, patch.involvedCustomerIds);
    await replaceInvolved(db, id, involvedCustomers(before.customerId, patch.involvedCustomerIds));
  }
  await updateLifeEventRow(db, id, changes);
  const after = await visibleLifeEvent(db, null, id);
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'life_event', entityId: id, customerId: before.customerId, before, after });
}

/** Moves the event, with the people it involves, to the trash (only someone who may read it can). */
export async function deleteLifeEvent(db: Db, ctx: WriteContext, id: string): Promise<TrashReceipt> {
  await visibleLifeEvent(db, ctx.actor, id);
  return moveToTrash(db, ctx, 'lifeEvents', id);
}
