import type { Db } from '../platform/database/connect.js';
import type { NewRow } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { enqueue } from '../platform/jobs/job-queue.js';
import { eventsOf, logChangesOf, payloadOf, type AuditedChange } from './webhook-event-rules.js';
import { activeSubscriptions, deleteDeliveriesOf, insertDeliveries, moveDeliveries, moveDeliveriesBack } from './webhook-store.js';

/** The job that sends one delivery (webhook-delivery-job.ts); named here so that the outbox needs no HTTP. */
export const deliverJobKind = 'webhooks.deliver';

/**
 * The outbox: called by the audit trail (recordAudits, src/audit/audit-store.ts) with the changes it
 * has just recorded, in the same transaction. Each change that is an event (webhook-event-rules.ts)
 * becomes one delivery per active subscription that wants its type, and one job to send it: a
 * change that rolls back sends nothing, and one that commits is sent even if the process stops
 * right after. Batches of any size read the subscriptions once, and nothing at all when none of the
 * changes is an event.
 */
export async function queueWebhookEvents(db: Db, changes: readonly AuditedChange[]): Promise<void> {
  for (const change of logChangesOf(changes)) {
    if (change.kind === 'merge') await moveDeliveries(db, change.mergedId, change.survivorId);
    else if (change.kind === 'unmerge') await moveDeliveriesBack(db, change.survivorId, change.mergedId);
    else await deleteDeliveriesOf(db, change.customerId);
  }
  const events = eventsOf(changes);
  if (events.length === 0) return;
  const subscriptions = await activeSubscriptions(db);
  if (subscriptions.length === 0) return;

  const rows: NewRow<'webhookDeliveries'>[] = [];
  for (const event of events) {
    const wanting = subscriptions.filter((s) => s.eventTypes.includes(event.type));
    if (wanting.length === 0) continue;
    const payload = payloadOf(event);
    for (const subscription of wanting) {
      rows.push({
        id: newId(),
        subscriptionId: subscription.id,
        eventId: event.id,
        eventType: event.type,
        customerId: event.customerId,
        originalCustomerId: event.customerId,
        payload,
        status: 'pending',
        lastStatusCode: null,
        lastError: null,
        lastAttemptAt: null,
        nextAttemptAt: event.occurredAt,
        deliveredAt: null,
        createdAt: event.occurredAt,
      });
    }
  }
  await insertDeliveries(db, rows);
  for (const row of rows) await enqueue(db, { kind: deliverJobKind, payload: { deliveryId: row.id } });
}
