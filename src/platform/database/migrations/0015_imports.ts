import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Imports from other systems (issue 10, src/imports/).
 *
 * - imports: one file from one source system (pos, newsletter, service desk): what it holds
 *   (customers, transactions or interactions), its format, the options it is read with (preset,
 *   column mapping), where it stands (checking → checked → importing → done, or failed; undone), how
 *   far it got (processed_rows: the next run resumes there), and what the check and the import found
 *   (counts, JSON).
 * - import_files: the file's bytes, kept until the import is committed or dropped, so the background
 *   job (and a resumed one, on any server) reads the same file.
 * - import_problems: every row the import could not take, with its line and field.
 * - import_writes: every row an import wrote or filled in, in order, with the customer it concerns
 *   and the source record it came from: an imported fact traces back to its source, and undoing the
 *   import reverses exactly these. A record of an operation that can be undone (registry role
 *   'record'): kept while the customer is in the trash, deleted when they are erased.
 * - match_keys: each customer's blocking keys from their names (a sound of the family name with
 *   the first letter of the given name, either way round, and the given name's nickname root),
 *   kept with the lookup index: matching finds candidates through them and through the contact
 *   points' own indexes (email, phone, ids in other systems) without reading every customer.
 *   Existing customers get theirs from a job this migration enqueues.
 * - duplicate_suspicions: a pair of customers that may be one person (the review band), with the
 *   score and the reasons field by field, found by an import, a new customer or a scan; gone when
 *   they are merged or said to be different people. Stored with the smaller id first.
 * - interactions and transactions gain source and source_record_id: the same row of the same source
 *   imported again is found, not added twice.
 *
 * Standalone: this file imports nothing of the application.
 */
export function importsSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const bytes = engine === 'postgres' ? sql`bytea` : sql`blob`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('customers', 'transactions', 'interactions')`))
        .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('csv', 'vcard', 'jsonl')`))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_sha256', 'text', (c) => c.notNull())
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('checking', 'checked', 'importing', 'done', 'failed', 'undone')`))
        .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('processed_rows', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('check_counts', 'text')
        .addColumn('import_counts', 'text')
        .addColumn('error', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .addColumn('checked_at', time)
        .addColumn('committed_at', time)
        .addColumn('committed_by', 'text', (c) => c.references('staff.id'))
        .addColumn('finished_at', time)
        .addColumn('undone_at', time)
        .addColumn('undone_by', 'text', (c) => c.references('staff.id'))
        .execute();
      await db.schema.createIndex('imports_created').on('imports').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('imports_file').on('imports').columns(['source', 'file_sha256']).execute();

      await db.schema
        .createTable('import_files')
        .addColumn('import_id', 'text', (c) => c.primaryKey().references('imports.id').onDelete('cascade'))
        .addColumn('content', bytes, (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('import_problems')
        .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('field', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_problems_pk', ['import_id', 'seq'])
        .execute();

      await db.schema
        .createTable('import_writes')
        .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('created', 'filled')`))
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('source_record_id', 'text')
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addPrimaryKeyConstraint('import_writes_pk', ['import_id', 'seq'])
        .execute();
      await db.schema.createIndex('import_writes_row').on('import_writes').columns(['table_name', 'row_id']).execute();
      await db.schema.createIndex('import_writes_customer').on('import_writes').column('customer_id').execute();

      await db.schema
        .createTable('match_keys')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('match_keys_pk', ['key', 'customer_id'])
        .execute();
      await db.schema.createIndex('match_keys_customer').on('match_keys').column('customer_id').execute();
      // The keys are the application's to compute: customers already there get theirs from a job
      // (matching.rebuild-keys, src/matching/match-keys-job.ts) that the server runs once.
      const now = new Date().toISOString();
      await sql`insert into jobs (id, kind, payload, key, state, run_at, attempts, created_at)
        select ${randomUUID()}, 'matching.rebuild-keys', 'null', 'matching.rebuild-keys', 'pending', ${now}, 0, ${now}
        where exists (select 1 from customers)`.execute(db);

      await db.schema
        .createTable('duplicate_suspicions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('first_customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('second_customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('found_by', 'text', (c) => c.notNull())
        .addColumn('import_id', 'text', (c) => c.references('imports.id').onDelete('set null'))
        .addColumn('created_at', time, (c) => c.notNull())
        .addUniqueConstraint('duplicate_suspicions_pair', ['first_customer_id', 'second_customer_id'])
        .execute();
      await db.schema.createIndex('duplicate_suspicions_second').on('duplicate_suspicions').column('second_customer_id').execute();
      await db.schema.createIndex('duplicate_suspicions_score').on('duplicate_suspicions').columns(['score', 'id']).execute();

      for (const table of ['interactions', 'transactions']) {
        await db.schema.alterTable(table).addColumn('source', 'text').execute();
        await db.schema.alterTable(table).addColumn('source_record_id', 'text').execute();
        await sql
          .raw(`create unique index ${table}_source_record on ${table} (source, source_record_id) where source_record_id is not null`)
          .execute(db);
      }
    },
  };
}
