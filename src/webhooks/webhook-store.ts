import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import type { NewRow, Row, RowUpdate, WebhookDeliveryStatus } from '../platform/database/schema.js';
import type { AttemptOut, DeliveryOut, WebhookOut } from './webhook-schemas.js';

/** The only place webhook rows are read and written. The secret is selected only to sign a delivery. */

const subscriptionColumns = ['id', 'name', 'url', 'eventTypes', 'active', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'] as const;
type SubscriptionRow = Pick<Row<'webhookSubscriptions'>, (typeof subscriptionColumns)[number]>;

const parseTypes = (text: string): string[] => {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
};

export const presentSubscription = (row: SubscriptionRow): WebhookOut => ({ ...row, eventTypes: parseTypes(row.eventTypes), active: Boolean(row.active) });

export const insertSubscription = (db: Db, row: NewRow<'webhookSubscriptions'>) => db.insertInto('webhookSubscriptions').values(row).execute();

export async function findSubscription(db: Db, id: string): Promise<WebhookOut | undefined> {
  const row = await db.selectFrom('webhookSubscriptions').select(subscriptionColumns).where('id', '=', id).executeTakeFirst();
  return row ? presentSubscription(row) : undefined;
}

/** Newest first (ids are UUIDv7, so they sort by creation time). */
export async function listSubscriptionPage(db: Db, beforeId: string | null, limit: number): Promise<WebhookOut[]> {
  let query = db.selectFrom('webhookSubscriptions').select(subscriptionColumns);
  if (beforeId) query = query.where('id', '<', beforeId);
  return (await query.orderBy('id', 'desc').limit(limit).execute()).map(presentSubscription);
}

export const updateSubscriptionRow = (db: Db, id: string, changes: RowUpdate<'webhookSubscriptions'>) => db.updateTable('webhookSubscriptions').set(changes).where('id', '=', id).execute();

/** Its deliveries and their attempts go with it (foreign keys on delete cascade). */
export const deleteSubscriptionRow = (db: Db, id: string) => db.deleteFrom('webhookSubscriptions').where('id', '=', id).execute();

/** The active subscriptions and what each wants: read once per audited batch (usually none, and never many). */
// Read by every write that raises an event (webhook-outbox.ts): built once.
const activeQuery = preparedQuery((db, p: { active: boolean }) => db.selectFrom('webhookSubscriptions').select(['id', 'eventTypes']).where('active', '=', p.active));

export async function activeSubscriptions(db: Db): Promise<{ id: string; eventTypes: string[] }[]> {
  const rows = await activeQuery.execute(db, { active: true });
  return rows.map((r) => ({ id: r.id, eventTypes: parseTypes(r.eventTypes) }));
}

export async function insertDeliveries(db: Db, rows: NewRow<'webhookDeliveries'>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('webhookDeliveries').values(rows.slice(i, i + 200)).execute();
}

/** A merge: the merged customer's log becomes the survivor's, so that erasing the survivor erases it. */
export const moveDeliveries = (db: Db, fromCustomerId: string, toCustomerId: string) =>
  db.updateTable('webhookDeliveries').set({ customerId: toCustomerId }).where('customerId', '=', fromCustomerId).execute();

/** Undoing a merge: what was about the merged customer is theirs again. */
export const moveDeliveriesBack = (db: Db, survivorId: string, mergedId: string) =>
  db.updateTable('webhookDeliveries').set({ customerId: mergedId }).where('customerId', '=', survivorId).where('originalCustomerId', '=', mergedId).execute();

/** A customer gone for good (purged from the trash): the copies of their data sent out go from the log. */
export async function deleteDeliveriesOf(db: Db, customerId: string): Promise<void> {
  await db.deleteFrom('webhookDeliveries').where('customerId', '=', customerId).execute();
  await db.deleteFrom('webhookDeliveries').where('originalCustomerId', '=', customerId).execute();
}

const deliveryColumns = [
  'id',
  'subscriptionId',
  'eventId',
  'eventType',
  'originalCustomerId as customerId',
  'status',
  'attempts',
  'lastStatusCode',
  'lastError',
  'lastAttemptAt',
  'nextAttemptAt',
  'deliveredAt',
  'createdAt',
] as const;

export const findDelivery = (db: Db, id: string): Promise<DeliveryOut | undefined> =>
  db.selectFrom('webhookDeliveries').select(deliveryColumns).where('id', '=', id).executeTakeFirst();

export const findDeliveryWithPayload = (db: Db, id: string): Promise<(DeliveryOut & { payload: string }) | undefined> =>
  db.selectFrom('webhookDeliveries').select([...deliveryColumns, 'payload']).where('id', '=', id).executeTakeFirst();

export interface DeliveryPageQuery {
  subscriptionId: string;
  status: WebhookDeliveryStatus | undefined;
  before: { createdAt: string; id: string } | null;
  limit: number;
}

/** A subscription's log, newest first. */
export async function listDeliveryPage(db: Db, q: DeliveryPageQuery): Promise<DeliveryOut[]> {
  let query = db.selectFrom('webhookDeliveries').select(deliveryColumns).where('subscriptionId', '=', q.subscriptionId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.before) {
    const { createdAt, id } = q.before;
    query = query.where((eb) => eb.or([eb('createdAt', '<', createdAt), eb.and([eb('createdAt', '=', createdAt), eb('id', '<', id)])]));
  }
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(q.limit).execute();
}

export const attemptsOf = (db: Db, deliveryId: string): Promise<AttemptOut[]> =>
  db.selectFrom('webhookDeliveryAttempts').select(['attempt', 'at', 'statusCode', 'error', 'durationMs']).where('deliveryId', '=', deliveryId).orderBy('attempt').execute();

/** What sending a delivery needs: its body and state, and where and how to sign it. */
export interface DeliveryToSend {
  id: string;
  eventType: string;
  payload: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  url: string;
  secret: string;
  active: boolean;
}

export async function deliveryToSend(db: Db, id: string): Promise<DeliveryToSend | undefined> {
  const row = await db
    .selectFrom('webhookDeliveries as d')
    .innerJoin('webhookSubscriptions as s', 's.id', 'd.subscriptionId')
    .select(['d.id', 'd.eventType', 'd.payload', 'd.status', 'd.attempts', 's.url', 's.secret', 's.active'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  return row ? { ...row, active: Boolean(row.active) } : undefined;
}

export interface AttemptRecord {
  deliveryId: string;
  attemptId: string;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  status: WebhookDeliveryStatus;
  nextAttemptAt: string | null;
}

/** One try: its row in the attempts, and the delivery's state after it. Returns the attempt's number. */
export async function recordAttempt(db: Db, r: AttemptRecord): Promise<number> {
  const updated = await db
    .updateTable('webhookDeliveries')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      status: r.status,
      lastStatusCode: r.statusCode,
      lastError: r.error,
      lastAttemptAt: r.at,
      nextAttemptAt: r.nextAttemptAt,
      ...(r.status === 'delivered' ? { deliveredAt: r.at } : {}),
    }))
    .where('id', '=', r.deliveryId)
    .returning('attempts')
    .executeTakeFirst();
  if (!updated) return 0;
  await db
    .insertInto('webhookDeliveryAttempts')
    .values({ id: r.attemptId, deliveryId: r.deliveryId, attempt: updated.attempts, at: r.at, statusCode: r.statusCode, error: r.error, durationMs: r.durationMs })
    .execute();
  return updated.attempts;
}

/** A delivery that will not be tried (its subscription paused, its address refused), without an attempt. */
export const markNotSent = (db: Db, id: string, error: string) =>
  db.updateTable('webhookDeliveries').set({ status: 'failed', lastError: error, nextAttemptAt: null }).where('id', '=', id).where('status', '=', 'pending').execute();

/** Back to pending for a replay, if it is not pending already (false then: one send at a time). */
export async function markForReplay(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('webhookDeliveries')
    .set({ status: 'pending', nextAttemptAt: null })
    .where('id', '=', id)
    .where('status', 'in', ['delivered', 'failed'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
