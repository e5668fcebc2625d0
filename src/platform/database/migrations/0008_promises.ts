import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The commitments ledger (src/promises/, issue 9):
 *
 * - promises: what was promised, when (`made_at`: when it was said, perhaps before it was recorded),
 *   to which customer, its owner (a staff member), the location whose time zone reads a due day (`timezone`, copied when the due date is set), the due date as a day
 *   (`due_on`, due by the end of that local day) or a moment (`due_at`), and `due_by`, the moment it
 *   is due by either way (what overdue and the lists compare with). The first due date is kept apart
 *   (`original_*`). Status: open, kept (`kept_at`), broken or cancelled (`closed_reason`).
 *   `interaction_id`: the contact it was made in; ON DELETE SET NULL (the trash empties it while
 *   that contact is away and puts it back when it returns).
 * - promise_revisions: each change of the due date (`created_at`: when it changed): from, to, why, whether and how the customer was
 *   told (`told_at`, `told_channel`, `told_by`; may be recorded later), whether we apologised.
 * - promise_handovers: each change of owner, from whom to whom and why.
 * - promise_links: the customer's own view of a promise: only the SHA-256 of the link's secret is
 *   kept, with its expiry; revoking keeps the row.
 * - promise_link_views: each time a customer opened their promise page.
 *
 * Standalone: this file imports nothing of the application.
 */
export function promisesSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const flag = engine === 'postgres' ? sql`boolean` : sql`integer`;
  const no = engine === 'postgres' ? sql`false` : sql`0`;
  const customerRef = ['customer_id', 'text', (c: ColumnDefinitionBuilder) => c.notNull().references('customers.id').onDelete('cascade')] as const;
  const promiseRef = ['promise_id', 'text', (c: ColumnDefinitionBuilder) => c.notNull().references('promises.id').onDelete('cascade')] as const;
  const toldChannels = sql`told_channel in ('call', 'email', 'sms', 'letter', 'visit', 'meeting', 'chat', 'other')`;

  function authored<T extends string>(table: CreateTableBuilder<T>) {
    return table
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('staff.id'))
      .addColumn('updated_by', 'text', (c) => c.references('staff.id'));
  }

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await authored(
        db.schema
          .createTable('promises')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef)
          .addColumn('what', 'text', (c) => c.notNull())
          .addColumn('made_at', time, (c) => c.notNull())
          .addColumn('owner_id', 'text', (c) => c.notNull().references('staff.id'))
          .addColumn('location_id', 'text', (c) => c.references('locations.id').onDelete('set null'))
          .addColumn('timezone', 'text', (c) => c.notNull())
          .addColumn('due_on', 'text')
          .addColumn('due_at', time)
          .addColumn('due_by', time, (c) => c.notNull())
          .addColumn('original_due_on', 'text')
          .addColumn('original_due_at', time)
          .addColumn('original_due_by', time, (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'kept', 'broken', 'cancelled')`))
          .addColumn('kept_at', time)
          .addColumn('closed_at', time)
          .addColumn('closed_by', 'text', (c) => c.references('staff.id'))
          .addColumn('closed_reason', 'text')
          .addColumn('interaction_id', 'text', (c) => c.references('interactions.id').onDelete('set null'))
          .addCheckConstraint('promises_one_due', sql`(due_on is null) <> (due_at is null)`)
          .addCheckConstraint('promises_one_original_due', sql`(original_due_on is null) <> (original_due_at is null)`),
      ).execute();
      await db.schema.createIndex('promises_customer').on('promises').columns(['customer_id', 'made_at', 'id']).execute();
      // Open promises by due date: an owner's, a location's, everyone's. With the time zone and the id,
      // Today reads the ones due in the next day (to tell which are due today where they belong) in
      // the index alone.
      await db.schema.createIndex('promises_owner_due').on('promises').columns(['owner_id', 'status', 'due_by', 'timezone', 'id']).execute();
      await db.schema.createIndex('promises_location_due').on('promises').columns(['location_id', 'status', 'due_by', 'timezone', 'id']).execute();
      await db.schema.createIndex('promises_status_due').on('promises').columns(['status', 'due_by', 'timezone', 'id']).execute();
      // The on-time figures of the promises made in a period (Today's for a manager: their locations',
      // or everyone's), summed in the index alone: what is judged (status, kept_at, both due dates)
      // and the id the slips are looked up by. Reading each promise instead took 25 ms for 3,800 promises.
      const judged = ['status', 'kept_at', 'due_by', 'original_due_by', 'id'];
      await db.schema.createIndex('promises_location_made').on('promises').columns(['location_id', 'made_at', ...judged]).execute();
      await db.schema.createIndex('promises_made').on('promises').columns(['made_at', ...judged]).execute();
      await db.schema.createIndex('promises_interaction').on('promises').column('interaction_id').execute();

      await db.schema
        .createTable('promise_revisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn(...promiseRef)
        .addColumn(...customerRef)
        .addColumn('from_due_on', 'text')
        .addColumn('from_due_at', time)
        .addColumn('from_due_by', time, (c) => c.notNull())
        .addColumn('to_due_on', 'text')
        .addColumn('to_due_at', time)
        .addColumn('to_due_by', time, (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('told_at', time)
        .addColumn('told_channel', 'text', (c) => c.check(toldChannels))
        .addColumn('told_by', 'text', (c) => c.references('staff.id'))
        .addColumn('apologised', flag, (c) => c.notNull().defaultTo(no))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .execute();
      await db.schema.createIndex('promise_revisions_promise').on('promise_revisions').columns(['promise_id', 'created_at']).execute();
      await db.schema.createIndex('promise_revisions_customer').on('promise_revisions').columns(['customer_id', 'created_at']).execute();
      // The slips among the promises of a period: a change is never dated before its promise was made,
      // so only the changes since the period began are read (once the history is longer than the period).
      await db.schema.createIndex('promise_revisions_created').on('promise_revisions').columns(['created_at']).execute();

      await db.schema
        .createTable('promise_handovers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn(...promiseRef)
        .addColumn(...customerRef)
        .addColumn('from_staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('to_staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .execute();
      await db.schema.createIndex('promise_handovers_promise').on('promise_handovers').columns(['promise_id', 'created_at']).execute();
      await db.schema.createIndex('promise_handovers_customer').on('promise_handovers').columns(['customer_id', 'created_at']).execute();

      await db.schema
        .createTable('promise_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn(...promiseRef)
        .addColumn(...customerRef)
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .addColumn('revoked_at', time)
        .addColumn('revoked_by', 'text', (c) => c.references('staff.id'))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .execute();
      await db.schema.createIndex('promise_links_promise').on('promise_links').columns(['promise_id', 'created_at']).execute();
      await db.schema.createIndex('promise_links_customer').on('promise_links').column('customer_id').execute();

      await db.schema
        .createTable('promise_link_views')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn(...promiseRef)
        .addColumn('link_id', 'text', (c) => c.notNull().references('promise_links.id').onDelete('cascade'))
        .addColumn(...customerRef)
        .addColumn('at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('promise_link_views_customer').on('promise_link_views').columns(['customer_id', 'at']).execute();
      await db.schema.createIndex('promise_link_views_link').on('promise_link_views').columns(['link_id', 'at']).execute();
      await db.schema.createIndex('promise_link_views_promise').on('promise_link_views').column('promise_id').execute();
    },
  };
}
