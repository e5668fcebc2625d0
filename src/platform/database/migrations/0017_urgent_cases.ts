import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Help first, fill in later (issue 11, src/cases/; scenario S4):
 *
 * - cases gain the urgent intake: `urgent` (opened through the urgent intake), the callback number
 *   as typed, where they are or what is happening (`situation`), the help needed; when help was
 *   dispatched and given, and by whom; when every field its type wants was filled in
 *   (`completed_at`: time to complete is opened → completed); and a manager's override of the close
 *   check (reason, who, when). New columns rather than new values of case_events.kind: SQLite
 *   cannot alter a CHECK constraint.
 * - case_types: a type's policy (the fields it wants, each with a key, a label and when it is
 *   due: at dispatch, before closing, or within N hours of opening), set by admins, archived (offered no more; its
 *   cases keep it) rather than deleted. Seeded with
 *   roadside, medical, complaint and general (which wants nothing). Not customer data.
 * - case_fields: the fields a case's type wanted when it was opened (copied in, so a change of
 *   policy applies to new cases, as targets do), each with its deadline and, once filled, its
 *   value and who filled it when. A missing field (value null) of an open case is on its owner's
 *   fill-in-later list. Customer data: a child of its case in the registry.
 *
 * Standalone: this file imports nothing of the application.
 */
export function urgentCasesSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const flag = engine === 'postgres' ? sql`boolean` : sql`integer`;
  const no = engine === 'postgres' ? sql`false` : sql`0`;
  const staffRef = (c: ColumnDefinitionBuilder) => c.references('staff.id');

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const columns: [string, typeof time | 'text', ((c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder)?][] = [
        ['urgent', flag, (c) => c.notNull().defaultTo(no)],
        ['callback_number', 'text'],
        ['situation', 'text'],
        ['help_needed', 'text'],
        ['help_dispatched_at', time],
        ['help_dispatched_by', 'text', staffRef],
        ['help_given_at', time],
        ['help_given_by', 'text', staffRef],
        ['completed_at', time],
        ['close_override_reason', 'text'],
        ['close_override_by', 'text', staffRef],
        ['close_override_at', time],
      ];
      for (const [name, type, build] of columns) {
        await db.schema.alterTable('cases').addColumn(name, type, build ?? ((c) => c)).execute();
      }
      // The time-to-help report reads the cases opened in a period.
      await db.schema.createIndex('cases_opened').on('cases').columns(['opened_at']).execute();

      await db.schema
        .createTable('case_types')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('archived_at', time)
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', staffRef)
        .addColumn('updated_by', 'text', staffRef)
        .execute();
      const now = new Date().toISOString();
      const seeds: [string, string, { key: string; label: string; due: string; hours?: number }[]][] = [
        [
          'roadside',
          'Roadside',
          [
            { key: 'registration', label: 'Registration plate', due: 'dispatch' },
            { key: 'vehicle', label: 'Make and model', due: 'dispatch' },
            { key: 'membership', label: 'Membership number', due: 'hours', hours: 24 },
            { key: 'colour', label: 'Colour', due: 'close' },
            { key: 'mileage', label: 'Mileage', due: 'close' },
          ],
        ],
        [
          'medical',
          'Medical',
          [
            { key: 'breathing', label: 'Conscious and breathing?', due: 'dispatch' },
            { key: 'age', label: 'Age', due: 'dispatch' },
            { key: 'doctor', label: 'Their doctor', due: 'hours', hours: 24 },
            { key: 'next_of_kin', label: 'Next of kin', due: 'close' },
          ],
        ],
        [
          'complaint',
          'Complaint',
          [
            { key: 'what_happened', label: 'What happened', due: 'hours', hours: 24 },
            { key: 'reference', label: 'Order or reference number', due: 'hours', hours: 72 },
            { key: 'outcome_wanted', label: 'What they would like us to do', due: 'close' },
          ],
        ],
        // General wants nothing: every case is of a type, and most need no more than their subject.
        ['general', 'General', []],
      ];
      for (const [key, label, fields] of seeds) {
        await sql`insert into case_types (key, label, fields, created_at, updated_at) values (${key}, ${label}, ${JSON.stringify(fields)}, ${now}, ${now})`.execute(db);
      }

      await db.schema
        .createTable('case_fields')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('field_key', 'text', (c) => c.notNull())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('due', 'text', (c) => c.notNull().check(sql`due in ('dispatch', 'close', 'hours')`))
        .addColumn('due_hours', 'integer')
        .addColumn('due_at', time)
        .addColumn('value', 'text')
        .addColumn('filled_at', time)
        .addColumn('filled_by', 'text', staffRef)
        .execute();
      await db.schema.createIndex('case_fields_case_key').on('case_fields').columns(['case_id', 'field_key']).unique().execute();
      await db.schema.createIndex('case_fields_customer').on('case_fields').columns(['customer_id']).execute();
    },
  };
}
