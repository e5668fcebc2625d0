import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Merging two records of one customer, and undoing it (issue 10, src/merges/).
 *
 * - merges: one merge of `merged_customer_id` into `survivor_customer_id`: the merged customer's row
 *   as it was (merged_row, JSON), the survivor's profile fields before and after (so an undo puts back
 *   only the fields nobody changed since), rows set aside because they could not live on the
 *   survivor (stashed, JSON: a consent for a channel both had, their link to each other), who, when,
 *   why, and when it was undone. No foreign keys to customers: the merged row is gone by design, and
 *   a survivor in the trash keeps its merges to be undone once it is back. Erasing the survivor
 *   deletes them (they hold the merged record's personal data).
 * - merge_moves: each row the merge moved, by table, key (JSON, as it is after the move) and the
 *   customer column it changed; whether it lost its primary flag to the survivor's own.
 * - distinct_customers: "not the same person", said once for a pair (stored with the smaller id
 *   first), so matching does not suggest them again.
 *
 * Standalone: this file imports nothing of the application.
 */
export function mergesSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const flag = engine === 'postgres' ? sql`boolean` : sql`integer`;
  const no = engine === 'postgres' ? sql`false` : sql`0`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('merges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('survivor_customer_id', 'text', (c) => c.notNull())
        .addColumn('merged_customer_id', 'text', (c) => c.notNull())
        .addColumn('merged_row', 'text', (c) => c.notNull())
        .addColumn('survivor_before', 'text', (c) => c.notNull())
        .addColumn('survivor_after', 'text', (c) => c.notNull())
        .addColumn('stashed', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .addColumn('undone_at', time)
        .addColumn('undone_by', 'text', (c) => c.references('staff.id'))
        .execute();
      await db.schema.createIndex('merges_survivor').on('merges').columns(['survivor_customer_id', 'created_at']).execute();
      await db.schema.createIndex('merges_merged').on('merges').columns(['merged_customer_id', 'created_at']).execute();

      await db.schema
        .createTable('merge_moves')
        .addColumn('merge_id', 'text', (c) => c.notNull().references('merges.id').onDelete('cascade'))
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('column_name', 'text', (c) => c.notNull())
        .addColumn('row_key', 'text', (c) => c.notNull())
        .addColumn('flag_cleared', flag, (c) => c.notNull().defaultTo(no))
        .addPrimaryKeyConstraint('merge_moves_pk', ['merge_id', 'table_name', 'column_name', 'row_key'])
        .execute();

      await db.schema
        .createTable('distinct_customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('first_customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('second_customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('reason', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .addUniqueConstraint('distinct_customers_pair', ['first_customer_id', 'second_customer_id'])
        .execute();
      await db.schema.createIndex('distinct_customers_second').on('distinct_customers').column('second_customer_id').execute();
    },
  };
}
