import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Hand-offs (issue 11, src/handoffs/; scenario S5): at the end of a shift, or when a customer or a
 * case changes owner, the outgoing staff member hands a set of customers and cases to a colleague or
 * to a location's next shift.
 *
 * - handoffs: who hands off (`from_staff_id`), to whom (`to_staff_id`) or to which location's next
 *   shift (`to_location_id`, the first there to accept takes it), the location whose shift view shows
 *   it (`location_id`), pending until accepted (who, when) or withdrawn by its writer or a manager (who, when). Names no customer: not customer data.
 * - handoff_customers: each customer in a hand-off (a fact about them in the registry).
 * - handoff_notes: per customer, what they were told, what worries them, sensitivities, the next
 *   step: one row each, with its own privacy (sensitivity, audience location, author), so that a
 *   private sensitivity follows the one privacy rule while the rest travels to the next shift.
 * - handoff_cases: the cases handed over with a customer (their owner becomes the acceptor's).
 * - handoff_promises: the open promises that moved to the acceptor when the hand-off was accepted.
 * - handoff_reads: who read the hand-off of a customer, when (the brief's banner stays until the
 *   new owner has read it).
 * Case and promise links empty themselves (ON DELETE SET NULL) when those rows go for good; the
 * trash empties and refills them through the registry's pointers.
 *
 * Standalone: this file imports nothing of the application.
 */
export function handoffsSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const staffRef = (c: ColumnDefinitionBuilder) => c.references('staff.id');
  const customerRef = (c: ColumnDefinitionBuilder) => c.notNull().references('customers.id').onDelete('cascade');
  const itemRef = (c: ColumnDefinitionBuilder) => c.notNull().references('handoff_customers.id').onDelete('cascade');

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('handoffs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('from_staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('to_staff_id', 'text', staffRef)
        .addColumn('to_location_id', 'text', (c) => c.references('locations.id').onDelete('set null'))
        .addColumn('location_id', 'text', (c) => c.references('locations.id').onDelete('set null'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending', 'accepted', 'withdrawn')`))
        .addColumn('accepted_by', 'text', staffRef)
        .addColumn('accepted_at', time)
        .addColumn('withdrawn_by', 'text', staffRef)
        .addColumn('withdrawn_at', time)
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', staffRef)
        .addColumn('updated_by', 'text', staffRef)
        .execute();
      await db.schema.createIndex('handoffs_location_status').on('handoffs').columns(['location_id', 'status', 'created_at']).execute();
      await db.schema.createIndex('handoffs_to_staff_status').on('handoffs').columns(['to_staff_id', 'status']).execute();
      await db.schema.createIndex('handoffs_to_location_status').on('handoffs').columns(['to_location_id', 'status']).execute();
      await db.schema.createIndex('handoffs_from_staff_status').on('handoffs').columns(['from_staff_id', 'status']).execute();

      await db.schema
        .createTable('handoff_customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('handoff_id', 'text', (c) => c.notNull().references('handoffs.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', customerRef)
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', staffRef)
        .execute();
      await db.schema.createIndex('handoff_customers_handoff').on('handoff_customers').columns(['handoff_id', 'position']).execute();
      await db.schema.createIndex('handoff_customers_customer').on('handoff_customers').columns(['customer_id', 'created_at']).execute();

      await db.schema
        .createTable('handoff_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('handoff_customer_id', 'text', itemRef)
        .addColumn('customer_id', 'text', customerRef)
        .addColumn('topic', 'text', (c) => c.notNull().check(sql`topic in ('told', 'worries', 'sensitivities', 'next_step')`))
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('sensitivity', 'text', (c) => c.notNull().defaultTo('normal').check(sql`sensitivity in ('normal', 'private')`))
        .addColumn('audience_location_id', 'text', (c) => c.references('locations.id').onDelete('set null'))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', staffRef)
        .execute();
      await db.schema.createIndex('handoff_notes_item').on('handoff_notes').column('handoff_customer_id').execute();
      await db.schema.createIndex('handoff_notes_customer').on('handoff_notes').column('customer_id').execute();

      await db.schema
        .createTable('handoff_cases')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('handoff_customer_id', 'text', itemRef)
        .addColumn('customer_id', 'text', customerRef)
        .addColumn('case_id', 'text', (c) => c.references('cases.id').onDelete('set null'))
        .execute();
      await db.schema.createIndex('handoff_cases_item').on('handoff_cases').column('handoff_customer_id').execute();
      await db.schema.createIndex('handoff_cases_customer').on('handoff_cases').column('customer_id').execute();
      await db.schema.createIndex('handoff_cases_case').on('handoff_cases').column('case_id').execute();

      await db.schema
        .createTable('handoff_promises')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('handoff_customer_id', 'text', itemRef)
        .addColumn('customer_id', 'text', customerRef)
        .addColumn('promise_id', 'text', (c) => c.references('promises.id').onDelete('set null'))
        .addColumn('moved_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('handoff_promises_item').on('handoff_promises').column('handoff_customer_id').execute();
      await db.schema.createIndex('handoff_promises_customer').on('handoff_promises').column('customer_id').execute();
      await db.schema.createIndex('handoff_promises_promise').on('handoff_promises').column('promise_id').execute();

      await db.schema
        .createTable('handoff_reads')
        .addColumn('handoff_customer_id', 'text', itemRef)
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('customer_id', 'text', customerRef)
        .addColumn('read_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('handoff_reads_pk', ['handoff_customer_id', 'staff_id'])
        .execute();
      await db.schema.createIndex('handoff_reads_customer').on('handoff_reads').column('customer_id').execute();
    },
  };
}
