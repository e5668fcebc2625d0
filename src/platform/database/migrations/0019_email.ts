import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Email (issue 12, src/email/): mail that staff BCC or forward to Rapport's SMTP listener, and mail
 * written from the brief and sent, each logged as an interaction of channel 'email'.
 *
 * - email_messages: the email behind an interaction (one row per interaction): its Message-ID
 *   (without angle brackets), In-Reply-To, References (space-separated ids), the thread it belongs
 *   to (the Message-ID of the thread's first message as far as known: the first of References,
 *   else In-Reply-To, else its own id), the addresses, the subject and the plain-text body (from the
 *   HTML when there is no text part). The same message is logged once per customer
 *   (customer_id, message_id). `skipped_attachments` says, one line each, which attachments were
 *   not kept and why.
 * - email_attachments: the files that came with it, in order, checked (size, content type against
 *   the bytes) before they were stored.
 * - unfiled_emails: mail the listener could not place on a customer, waiting to be filed by hand.
 *   Not customer data until it is filed (then it becomes interactions and email rows). `raw` is the
 *   message source: as UTF-8 text when it is that, else base64 (`raw_encoding`), emptied once it is
 *   filed or discarded (the interactions hold what was kept); `preview` is the first lines of its text.
 *
 * Standalone: this file imports nothing of the application.
 */
export function emailSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const bytes = engine === 'postgres' ? sql`bytea` : sql`blob`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('email_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('interaction_id', 'text', (c) => c.notNull().unique().references('interactions.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('in_reply_to', 'text')
        .addColumn('references_ids', 'text')
        .addColumn('thread_id', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('from_address', 'text', (c) => c.notNull())
        .addColumn('to_addresses', 'text', (c) => c.notNull())
        .addColumn('cc_addresses', 'text')
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('received_via', 'text', (c) => c.notNull().check(sql`received_via in ('smtp', 'imap', 'sent')`))
        .addColumn('skipped_attachments', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addUniqueConstraint('email_messages_customer_message', ['customer_id', 'message_id'])
        .execute();
      await db.schema.createIndex('email_messages_customer_thread').on('email_messages').columns(['customer_id', 'thread_id']).execute();

      await db.schema
        .createTable('email_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('interaction_id', 'text', (c) => c.notNull().references('interactions.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size_bytes', 'integer', (c) => c.notNull())
        .addColumn('content', bytes, (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('email_attachments_interaction').on('email_attachments').columns(['interaction_id', 'position']).execute();
      await db.schema.createIndex('email_attachments_customer').on('email_attachments').column('customer_id').execute();

      await db.schema
        .createTable('unfiled_emails')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('message_id', 'text', (c) => c.notNull().unique())
        .addColumn('raw', 'text', (c) => c.notNull())
        .addColumn('raw_encoding', 'text', (c) => c.notNull().defaultTo('utf8').check(sql`raw_encoding in ('utf8', 'base64')`))
        .addColumn('from_address', 'text', (c) => c.notNull())
        .addColumn('to_addresses', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('preview', 'text')
        .addColumn('received_at', time, (c) => c.notNull())
        .addColumn('received_via', 'text', (c) => c.notNull().check(sql`received_via in ('smtp', 'imap')`))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('waiting').check(sql`status in ('waiting', 'filed', 'discarded')`))
        .addColumn('filed_interaction_ids', 'text')
        .addColumn('handled_by', 'text', (c) => c.references('staff.id'))
        .addColumn('handled_at', time)
        .execute();
      await db.schema.createIndex('unfiled_emails_status').on('unfiled_emails').columns(['status', 'received_at']).execute();
    },
  };
}
