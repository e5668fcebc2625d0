import { recordAudit } from '../audit/audit-store.js';
import { customerExists } from '../customers/customer-store.js';
import type { Db } from '../platform/database/connect.js';
import { notFound, unprocessable } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { authored, touched, type WriteContext } from '../platform/write-context.js';
import { maxEveryDays } from './contact-state-rules.js';
import type { KeepInTouchPut } from './contact-state-schemas.js';
import { refreshContactState } from './contact-state-store.js';
import { activePerson, deleteKeepInTouchRow, findKeepInTouch, insertKeepInTouch, updateKeepInTouchRow } from './keep-in-touch-store.js';

/**
 * Setting and clearing how often we keep in touch with a customer. Each runs in the caller's
 * transaction, audits itself and recomputes the customer's contact state; the same cadence again
 * changes nothing and adds nothing to the trail.
 */

async function ensureCustomer(db: Db, customerId: string) {
  if (!(await customerExists(db, customerId))) throw notFound(`Customer ${customerId}`);
}

export async function setKeepInTouch(db: Db, ctx: WriteContext, customerId: string, input: KeepInTouchPut): Promise<void> {
  await ensureCustomer(db, customerId);
  if (!Number.isInteger(input.everyDays) || input.everyDays < 1 || input.everyDays > maxEveryDays) {
    throw unprocessable('/body/everyDays', `must be a whole number of days from 1 to ${maxEveryDays}`);
  }
  const ownerId = input.ownerId === undefined ? (ctx.actor?.staffId ?? null) : input.ownerId;
  if (ownerId !== null && !(await activePerson(db, ownerId))) {
    throw unprocessable('/body/ownerId', `staff member ${ownerId} is not an active person who can keep in touch`);
  }
  const before = await findKeepInTouch(db, customerId);
  if (before && before.everyDays === input.everyDays && before.ownerId === ownerId) return;
  const id = before?.id ?? newId();
  const next = { everyDays: input.everyDays, ownerId };
  if (before) await updateKeepInTouchRow(db, id, { ...next, ...touched(ctx) });
  else await insertKeepInTouch(db, { id, customerId, ...next, ...authored(ctx) });
  await recordAudit(db, ctx.actor, {
    action: before ? 'update' : 'create',
    entityType: 'keep_in_touch',
    entityId: id,
    customerId,
    ...(before ? { before: { everyDays: before.everyDays, ownerId: before.ownerId } } : {}),
    after: next,
  });
  await refreshContactState(db, customerId);
}

/** No cadence any more (nothing to clear changes nothing). */
export async function clearKeepInTouch(db: Db, ctx: WriteContext, customerId: string): Promise<void> {
  await ensureCustomer(db, customerId);
  const before = await findKeepInTouch(db, customerId);
  if (!before) return;
  await deleteKeepInTouchRow(db, before.id);
  await recordAudit(db, ctx.actor, { action: 'delete', entityType: 'keep_in_touch', entityId: before.id, customerId, before: { everyDays: before.everyDays, ownerId: before.ownerId } });
  await refreshContactState(db, customerId);
}
