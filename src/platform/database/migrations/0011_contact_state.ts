import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Waiting customers and keeping in touch (issue 9, src/contact-state/):
 *
 * - keep_in_touch: a fact staff record about a customer: get in touch every N days, and who does
 *   (owner_id, a staff member; null: no one in particular). At most one row per customer.
 * - contact_states: derived, one row per customer with anything to say (a contact, or a cadence):
 *   whether they wait for an answer and since when, their last contact and with whom, and when
 *   keeping in touch is next due. Every write that changes it recomputes the customer's row from the
 *   source rows in the same transaction (src/contact-state/contact-state-store.ts); `rapport
 *   rebuild` recomputes all of them. The partial indexes are the lists' (longest waiting first, per
 *   location, per owner, per last contact; keep-in-touch due per owner and location; reminders
 *   by keep_remind_at, the later of the due time and the last change of the cadence).
 *
 * An existing database gets its rows from a background job (kind 'contact-state.rebuild', queued
 * here only when there are customers to compute), or at once with `rapport rebuild`.
 * Standalone: this file imports nothing of the application.
 */
export function contactStateSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('keep_in_touch')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('every_days', 'integer', (c) => c.notNull().check(sql`every_days between 1 and 3650`))
        .addColumn('owner_id', 'text', (c) => c.references('staff.id'))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
        .execute();
      await db.schema.createIndex('keep_in_touch_customer').on('keep_in_touch').column('customer_id').unique().execute();

      await db.schema
        .createTable('contact_states')
        .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
        .addColumn('location_id', 'text')
        .addColumn('last_contact_at', time)
        .addColumn('last_contact_staff_id', 'text')
        .addColumn('waiting_since', time)
        .addColumn('waiting_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('waiting_channels', 'text')
        .addColumn('waiting_first_interaction_id', 'text')
        .addColumn('keep_every_days', 'integer')
        .addColumn('keep_owner_id', 'text')
        .addColumn('keep_due_at', time)
        .addColumn('keep_remind_at', time)
        .execute();

      const waiting = sql<boolean>`waiting_since is not null`;
      const keeping = sql<boolean>`keep_due_at is not null`;
      const partial = async (name: string, columns: string[], where: typeof waiting) =>
        db.schema.createIndex(name).on('contact_states').columns(columns).where(where).execute();
      await partial('contact_states_waiting', ['waiting_since', 'customer_id'], waiting);
      await partial('contact_states_waiting_location', ['location_id', 'waiting_since', 'customer_id'], waiting);
      await partial('contact_states_waiting_owner', ['keep_owner_id', 'waiting_since', 'customer_id'], waiting);
      await partial('contact_states_waiting_last_staff', ['last_contact_staff_id', 'waiting_since', 'customer_id'], waiting);
      await partial('contact_states_due', ['keep_due_at', 'customer_id'], keeping);
      await partial('contact_states_due_location', ['location_id', 'keep_due_at', 'customer_id'], keeping);
      await partial('contact_states_due_owner', ['keep_owner_id', 'keep_due_at', 'customer_id'], keeping);
      await partial('contact_states_remind', ['keep_remind_at', 'customer_id'], sql<boolean>`keep_remind_at is not null and keep_owner_id is not null`);

      // A database that already holds customers gets their state in the background (or `rapport rebuild`).
      const now = new Date().toISOString();
      await sql`
        insert into jobs (id, kind, payload, key, state, run_at, attempts, created_at)
        select cast(${randomUUID()} as text), 'contact-state.rebuild', 'null', 'contact-state.rebuild', 'pending', cast(${now} as ${time}), 0, cast(${now} as ${time})
        where exists (select 1 from customers)`.execute(db);
    },
  };
}
