import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Notifications (issue 9, reminders): what a staff member should look at, one row per reminder.
 *
 * - key: the reminder's key (src/notifications/reminders.ts), unique, so that a reminder is notified
 *   once however often the sources are asked and however many server processes ask;
 * - kind: the source that gave it ('promises.due');
 * - staff_id: whose it is; customer_id: the customer it is about, if any. It names the customer in its
 *   title, so it goes with them: deleted with the customer row (moving a customer to the trash
 *   deletes it), and by erasure (the registry's 'index' role);
 * - title, body, link: what the web app and the email show, and where it opens;
 * - created_at: when it was notified; read_at: when its staff member read it; emailed_at: when the
 *   email about it was sent (null: not sent, or not to be sent).
 *
 * Standalone: this file imports nothing of the application.
 */
export function notificationsSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('cascade'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('link', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('read_at', time)
        .addColumn('emailed_at', time)
        .execute();
      await db.schema.createIndex('notifications_key').on('notifications').column('key').unique().execute();
      // A staff member's list, newest first, and their unread count.
      await db.schema.createIndex('notifications_staff').on('notifications').columns(['staff_id', 'created_at', 'id']).execute();
      await sql`create index notifications_unread on notifications (staff_id) where read_at is null`.execute(db);
      await db.schema.createIndex('notifications_customer').on('notifications').column('customer_id').execute();
    },
  };
}
