import { recordAudit } from '../audit/audit-store.js';
import { requiredText } from '../common/text-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { RowUpdate } from '../platform/database/schema.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { enqueue } from '../platform/jobs/job-queue.js';
import { nowIso } from '../platform/time.js';
import { authored, touched, type WriteContext } from '../platform/write-context.js';
import { deliverJobKind } from './webhook-outbox.js';
import { checkEventTypes, newWebhookSecret, pingEventType, urlProblem, type WebhookEventType } from './webhook-rules.js';
import type { WebhookCreate, WebhookOut, WebhookPatch } from './webhook-schemas.js';
import {
  deleteSubscriptionRow,
  findDelivery,
  findSubscription,
  insertDeliveries,
  insertSubscription,
  markForReplay,
  updateSubscriptionRow,
} from './webhook-store.js';

/**
 * Webhook subscriptions and their deliveries (admins). The secret is made here, returned once by
 * create and never again; the audit trail describes a subscription without it.
 */

function checkedUrl(url: string, path: string): string {
  const problem = urlProblem(url);
  if (problem) throw unprocessable(path, problem);
  return url.trim();
}

function checkedTypes(list: readonly string[], path: string): WebhookEventType[] {
  const checked = checkEventTypes(list);
  if ('message' in checked) throw unprocessable(checked.index === null ? path : `${path}/${checked.index}`, checked.message);
  return checked.types;
}

/** What the audit trail keeps of a subscription: never its secret. */
const auditable = (s: Pick<WebhookOut, 'name' | 'url' | 'eventTypes' | 'active'>) => ({ name: s.name, url: s.url, eventTypes: s.eventTypes, active: s.active });

async function existing(db: Db, id: string): Promise<WebhookOut> {
  const found = await findSubscription(db, id);
  if (!found) throw notFound(`Webhook subscription ${id}`);
  return found;
}

export async function createSubscription(db: Db, ctx: WriteContext, input: WebhookCreate): Promise<{ id: string; secret: string }> {
  const name = requiredText(input.name, '/body/name');
  const url = checkedUrl(input.url, '/body/url');
  const eventTypes = checkedTypes(input.eventTypes, '/body/eventTypes');
  const id = newId();
  const secret = newWebhookSecret();
  const active = input.active ?? true;
  await insertSubscription(db, { id, name, url, eventTypes: JSON.stringify(eventTypes), secret, active, ...authored(ctx) });
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'webhook_subscription', entityId: id, after: auditable({ name, url, eventTypes, active }) });
  return { id, secret };
}

export async function updateSubscription(db: Db, ctx: WriteContext, id: string, patch: WebhookPatch): Promise<void> {
  const before = await existing(db, id);
  const after = { ...before };
  const changes: RowUpdate<'webhookSubscriptions'> = {};
  if (patch.name !== undefined) changes.name = after.name = requiredText(patch.name, '/body/name');
  if (patch.url !== undefined) changes.url = after.url = checkedUrl(patch.url, '/body/url');
  if (patch.eventTypes !== undefined) {
    after.eventTypes = checkedTypes(patch.eventTypes, '/body/eventTypes');
    changes.eventTypes = JSON.stringify(after.eventTypes);
  }
  if (patch.active !== undefined) changes.active = after.active = patch.active;
  await updateSubscriptionRow(db, id, { ...changes, ...touched(ctx) });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'webhook_subscription', entityId: id, before: auditable(before), after: auditable(after) });
}

/** Deletes the subscription with its delivery log; deliveries still waiting are not sent. */
export async function deleteSubscription(db: Db, ctx: WriteContext, id: string): Promise<void> {
  const before = await existing(db, id);
  await deleteSubscriptionRow(db, id);
  await recordAudit(db, ctx.actor, { action: 'delete', entityType: 'webhook_subscription', entityId: id, before: auditable(before) });
}

/** Sends a delivered or failed delivery again: the same event id and body, a new attempt (signed afresh). */
export async function replayDelivery(db: Db, ctx: WriteContext, deliveryId: string): Promise<void> {
  const delivery = await findDelivery(db, deliveryId);
  if (!delivery) throw notFound(`Webhook delivery ${deliveryId}`);
  const subscription = await existing(db, delivery.subscriptionId);
  if (!subscription.active) throw conflict(`${subscription.name} is paused: resume it, then replay.`);
  if (!(await markForReplay(db, deliveryId))) throw conflict('This delivery is waiting to be sent already: it cannot be replayed until it is delivered or has failed.');
  await enqueue(db, { kind: deliverJobKind, payload: { deliveryId } });
  await recordAudit(db, ctx.actor, {
    action: 'update',
    entityType: 'webhook_delivery',
    entityId: deliveryId,
    before: { status: delivery.status, attempts: delivery.attempts },
    after: { status: 'pending', attempts: delivery.attempts, replayOf: delivery.eventId },
  });
}

/** A ping event for this subscription alone, to check the receiver and its signature check. Returns the delivery's id. */
export async function sendTestEvent(db: Db, ctx: WriteContext, subscriptionId: string): Promise<string> {
  const subscription = await existing(db, subscriptionId);
  if (!subscription.active) throw conflict(`${subscription.name} is paused: resume it to send a test.`);
  const id = newId();
  const eventId = newId();
  const at = nowIso();
  const payload = JSON.stringify({ id: eventId, type: pingEventType, occurredAt: at, data: { subscriptionId, message: 'A test delivery from Rapport.' } });
  await insertDeliveries(db, [
    { id, subscriptionId, eventId, eventType: pingEventType, customerId: null, originalCustomerId: null, payload, status: 'pending', lastStatusCode: null, lastError: null, lastAttemptAt: null, nextAttemptAt: at, deliveredAt: null, createdAt: at },
  ]);
  await enqueue(db, { kind: deliverJobKind, payload: { deliveryId: id } });
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'webhook_delivery', entityId: id, after: { subscriptionId, eventType: pingEventType, eventId } });
  return id;
}
