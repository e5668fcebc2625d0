import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Outgoing webhooks (issue 12, src/webhooks/): other systems subscribe to what happens in Rapport.
 *
 * - webhook_subscriptions: where to send (`url`, http or https), which event types (`event_types`, a
 *   JSON array of names such as "customer.created"), the secret deliveries are signed with (made by
 *   Rapport, shown once when the subscription is created, kept because signing needs it, never listed
 *   again), and whether it is active (a paused one is sent nothing). Not customer data.
 * - webhook_deliveries: one event for one subscription. Written in the transaction of the change
 *   that caused it (an outbox: a change that rolls back sends nothing), sent by a job of the queue
 *   (kind webhooks.deliver) that retries with back-off. `payload` is the exact JSON sent, a copy of
 *   customer data at the time of the event, so the row names its customer: `customer_id` (whose
 *   log it is now; a merge moves it to the surviving record, its undo moves it back) and
 *   `original_customer_id` (whom the event was about). A record in the registry: kept while the
 *   customer is in the trash, deleted when they are erased or purged. `status` is pending until a
 *   2xx answer (delivered) or the last attempt (failed); `next_attempt_at` says when the queue
 *   tries again. No foreign key to customers: a merged or trashed customer's row goes, its log stays.
 * - webhook_delivery_attempts: every try: when, the HTTP status or the error, how long it took.
 *   Nothing of the customer in it.
 *
 * Standalone: this file imports nothing of the application.
 */
export function webhooksSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const flag = engine === 'postgres' ? sql`boolean` : sql`integer`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('webhook_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('event_types', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('active', flag, (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
        .execute();
      await db.schema.createIndex('webhook_subscriptions_active').on('webhook_subscriptions').column('active').execute();

      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subscription_id', 'text', (c) => c.notNull().references('webhook_subscriptions.id').onDelete('cascade'))
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('original_customer_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'delivered', 'failed')`))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('last_attempt_at', time)
        .addColumn('next_attempt_at', time)
        .addColumn('delivered_at', time)
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_deliveries_log').on('webhook_deliveries').columns(['subscription_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('webhook_deliveries_status').on('webhook_deliveries').columns(['subscription_id', 'status', 'created_at', 'id']).execute();
      await db.schema.createIndex('webhook_deliveries_customer').on('webhook_deliveries').column('customer_id').execute();
      await db.schema.createIndex('webhook_deliveries_original_customer').on('webhook_deliveries').column('original_customer_id').execute();

      await db.schema
        .createTable('webhook_delivery_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('delivery_id', 'text', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('webhook_delivery_attempts_delivery').on('webhook_delivery_attempts').columns(['delivery_id', 'attempt']).execute();
    },
  };
}
