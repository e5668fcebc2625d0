import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Consent and tact (issue 8):
 *
 * - consents: per customer and channel (email, phone, sms, post), whether they opted in or out, the
 *   day they said so (given_on, YYYY-MM-DD) and where it came from (source: "told us at the
 *   counter", "web form"). One row per customer and channel, changed in place; the audit trail keeps
 *   every earlier choice. No row: nothing recorded.
 * - do_not_contact: one row per customer while they asked not to be contacted at all: since when
 *   (a day) and why. Lifting it removes the row (the audit trail keeps what it said).
 * - preferences: what a customer prefers (a short topic, "Appointments", and the preference,
 *   "mornings, never Mondays"), private-capable like notes.
 * - provenance on life_events, projects, notes and preferences: how we know ('told_us',
 *   'our_records', 'other_system'). What was written before this migration was typed in by staff
 *   from what the customer said, so existing rows are 'told_us'.
 *
 * Standalone: this file imports nothing of the application.
 */
export function consentTactSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const provenanceCheck = sql`provenance in ('told_us', 'our_records', 'other_system')`;

  function authored<T extends string>(table: CreateTableBuilder<T>) {
    return table
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('staff.id'))
      .addColumn('updated_by', 'text', (c) => c.references('staff.id'));
  }

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const table of ['life_events', 'projects', 'notes']) {
        await db.schema
          .alterTable(table)
          .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('told_us').check(provenanceCheck))
          .execute();
      }

      await authored(
        db.schema
          .createTable('consents')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
          .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'phone', 'sms', 'post')`))
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('opted_in', 'opted_out')`))
          .addColumn('given_on', 'text', (c) => c.notNull())
          .addColumn('source', 'text'),
      ).execute();
      await db.schema.createIndex('consents_customer_channel').on('consents').columns(['customer_id', 'channel']).unique().execute();

      await authored(
        db.schema
          .createTable('do_not_contact')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
          .addColumn('since', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull()),
      ).execute();
      await db.schema.createIndex('do_not_contact_customer').on('do_not_contact').column('customer_id').unique().execute();

      await authored(
        db.schema
          .createTable('preferences')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
          .addColumn('topic', 'text')
          .addColumn('preference', 'text', (c) => c.notNull())
          .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('told_us').check(provenanceCheck))
          .addColumn('sensitivity', 'text', (c) => c.notNull().defaultTo('normal').check(sql`sensitivity in ('normal', 'private')`))
          .addColumn('audience_location_id', 'text', (c) => c.references('locations.id')),
      ).execute();
      await db.schema.createIndex('preferences_customer').on('preferences').columns(['customer_id', 'created_at']).execute();
    },
  };
}
