import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Cases with response targets (src/cases/, issue 9):
 *
 * - cases: a service request, complaint or question: subject, customer, type (free text,
 *   'general' by default), status, priority, owner, location (whose calendar counts business hours),
 *   when it was opened, and an escalation to a manager (to whom, when, why; the history is in
 *   case_events). The targets of its priority are copied in when it is opened or its priority
 *   changes (`*_minutes`, business minutes; null: no target), so a change of targets applies to new
 *   cases and never rewrites a breach that happened. The clock columns are derived, recomputed on
 *   every change of the case or its thread: the next target to fall due (`target_kind`), when 80% of
 *   it is used (`warn_at`) and when it is breached (`due_at`), the targets already missed
 *   (`late_count`), the first response, and when that was worked out (`clock_at`). They let lists,
 *   reminders and figures use an index; the case itself is always worked out afresh when read.
 * - case_events: the case's history: opened, status, priority, owner and location changes,
 *   escalations with their reason, apologies for a missed target.
 * - case_targets: per priority, the first response, next response and resolution targets in business
 *   minutes (null: none), set by admins. Seeded with defaults a team can change.
 * - interactions.case_id: the case a contact belongs to (its thread); ON DELETE SET NULL, and the
 *   trash empties it while the case is away and puts it back when the case returns.
 *
 * Standalone: this file imports nothing of the application.
 */
export function casesSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const customerRef = ['customer_id', 'text', (c: ColumnDefinitionBuilder) => c.notNull().references('customers.id').onDelete('cascade')] as const;
  const statuses = sql`status in ('new', 'open', 'waiting_on_customer', 'waiting_on_us', 'resolved', 'closed')`;
  const priorities = (column: string) => sql`${sql.ref(column)} in ('low', 'normal', 'high', 'urgent')`;

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
          .createTable('cases')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef)
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('case_type', 'text', (c) => c.notNull().defaultTo('general'))
          .addColumn('status', 'text', (c) => c.notNull().check(statuses))
          .addColumn('priority', 'text', (c) => c.notNull().check(priorities('priority')))
          .addColumn('owner_id', 'text', (c) => c.references('staff.id'))
          .addColumn('location_id', 'text', (c) => c.references('locations.id').onDelete('set null'))
          .addColumn('opened_at', time, (c) => c.notNull())
          .addColumn('status_changed_at', time, (c) => c.notNull())
          .addColumn('resolved_at', time)
          .addColumn('escalated_to', 'text', (c) => c.references('staff.id'))
          .addColumn('escalated_at', time)
          .addColumn('escalation_reason', 'text')
          .addColumn('first_response_minutes', 'integer')
          .addColumn('next_response_minutes', 'integer')
          .addColumn('resolution_minutes', 'integer')
          .addColumn('first_response_at', time)
          .addColumn('target_kind', 'text')
          .addColumn('warn_at', time)
          .addColumn('due_at', time)
          .addColumn('late_count', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('clock_at', time, (c) => c.notNull()),
      ).execute();
      await db.schema.createIndex('cases_customer').on('cases').columns(['customer_id', 'opened_at']).execute();
      // Today's cases near or past a target (src/cases/case-today.ts): counted in (owner or location
      // or neither, status, warn_at) without reading a case, listed soonest due first from (owner or
      // location or neither, due_at), one range per location. Reminders read warn_at and due_at too.
      await db.schema.createIndex('cases_owner').on('cases').columns(['owner_id', 'status', 'warn_at']).execute();
      await db.schema.createIndex('cases_location').on('cases').columns(['location_id', 'status', 'warn_at']).execute();
      await db.schema.createIndex('cases_warn').on('cases').columns(['status', 'warn_at']).execute();
      await db.schema.createIndex('cases_owner_due').on('cases').columns(['owner_id', 'due_at']).execute();
      await db.schema.createIndex('cases_location_due').on('cases').columns(['location_id', 'due_at']).execute();
      await db.schema.createIndex('cases_due').on('cases').columns(['due_at']).execute();
      await db.schema.createIndex('cases_escalated').on('cases').columns(['escalated_to', 'status']).execute();
      // The job that works stored clocks out again (src/cases/case-refresh-job.ts): open cases only,
      // by when their clock was worked out, per location (its calendar changed since) and in all.
      const open = sql<boolean>`status in ('new', 'open', 'waiting_on_customer', 'waiting_on_us')`;
      await db.schema.createIndex('cases_open_location_clock').on('cases').columns(['location_id', 'clock_at']).where(open).execute();
      await db.schema.createIndex('cases_open_clock').on('cases').columns(['clock_at']).where(open).execute();
      await db.schema.createIndex('cases_escalated_at').on('cases').columns(['escalated_at']).execute();

      await db.schema
        .createTable('case_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn(...customerRef)
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('opened', 'status', 'priority', 'owner', 'location', 'escalated', 'apology')`))
        .addColumn('from_value', 'text')
        .addColumn('to_value', 'text')
        .addColumn('note', 'text')
        .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
        .execute();
      await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at']).execute();
      await db.schema.createIndex('case_events_customer').on('case_events').columns(['customer_id', 'at']).execute();

      await db.schema
        .createTable('case_targets')
        .addColumn('priority', 'text', (c) => c.primaryKey().check(priorities('priority')))
        .addColumn('first_response_minutes', 'integer')
        .addColumn('next_response_minutes', 'integer')
        .addColumn('resolution_minutes', 'integer')
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
        .execute();
      // Defaults in business hours: urgent answered within the hour and resolved in a working day; low within two days and two weeks.
      const now = new Date().toISOString();
      const defaults: [string, number, number, number][] = [
        ['urgent', 60, 60, 8 * 60],
        ['high', 4 * 60, 4 * 60, 24 * 60],
        ['normal', 8 * 60, 8 * 60, 40 * 60],
        ['low', 16 * 60, 16 * 60, 80 * 60],
      ];
      for (const [priority, first, next, resolution] of defaults) {
        await sql`insert into case_targets (priority, first_response_minutes, next_response_minutes, resolution_minutes, updated_at) values (${priority}, ${first}, ${next}, ${resolution}, ${now})`.execute(db);
      }

      await db.schema.alterTable('interactions').addColumn('case_id', 'text', (c) => c.references('cases.id').onDelete('set null')).execute();
      await db.schema.createIndex('interactions_case').on('interactions').columns(['case_id', 'occurred_at']).execute();
    },
  };
}
