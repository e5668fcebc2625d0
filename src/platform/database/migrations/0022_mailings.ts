import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Mailings and letters (issue 12, src/mailings/): a newsletter, a direct-mail piece, a batch of
 * invoices or a letter that another system sent to many customers, logged as one interaction each.
 *
 * - mailings: the campaign (its name, e.g. "Spring catalogue 2027"), its channel (newsletter,
 *   direct_mail, invoice_sent or letter), when it went out, a note. Names no customer: not customer
 *   data. How many got it is counted from the interactions, never stored.
 * - interactions gain mailing_id: the mailing a recipient's interaction belongs to (emptied if the
 *   mailing row ever goes), and a customer gets a mailing once (a partial unique index, on both
 *   engines).
 * - mailing_uploads: a CSV of recipients, logged in the background in batches: the file (kept until
 *   it has been gone through), how it is read (options, JSON), where it stands, how far it got
 *   (processed_rows: a run after a crash resumes there) and what it did so far.
 * - mailing_upload_problems: each row of an upload that could not be placed on one customer, with
 *   its line, its column and why.
 *
 * Standalone: this file imports nothing of the application.
 */
export function mailingsSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const bytes = engine === 'postgres' ? sql`bytea` : sql`blob`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('mailings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('newsletter', 'direct_mail', 'invoice_sent', 'letter')`))
        .addColumn('sent_at', time, (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
        .execute();
      await db.schema.createIndex('mailings_sent').on('mailings').columns(['sent_at', 'id']).execute();

      await db.schema.alterTable('interactions').addColumn('mailing_id', 'text', (c) => c.references('mailings.id').onDelete('set null')).execute();
      await sql`create unique index interactions_mailing_customer on interactions (mailing_id, customer_id) where mailing_id is not null`.execute(db);

      await db.schema
        .createTable('mailing_uploads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('mailing_id', 'text', (c) => c.notNull().references('mailings.id').onDelete('cascade'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_sha256', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('content', bytes)
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'logging', 'done', 'failed')`))
        .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('logged', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('already', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('problem_rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('error', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .addColumn('finished_at', time)
        .execute();
      await db.schema.createIndex('mailing_uploads_mailing').on('mailing_uploads').columns(['mailing_id', 'created_at']).execute();

      await db.schema
        .createTable('mailing_upload_problems')
        .addColumn('upload_id', 'text', (c) => c.notNull().references('mailing_uploads.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('field', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('mailing_upload_problems_pk', ['upload_id', 'seq'])
        .execute();
    },
  };
}
