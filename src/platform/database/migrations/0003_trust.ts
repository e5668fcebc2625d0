import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Trust (issue 8): who may read a private fact is fixed when it is written; deleted records wait in
 * a trash; erased customers leave a tombstone; admin settings.
 *
 * - notes.audience_location_id, life_events.audience_location_id: the location whose managers may
 *   read the fact when it is private (null: every manager, as for a customer with no home location).
 *   Existing facts take their customer's home location as it is now, which is who could read them
 *   until this migration.
 * - audit_events.sensitivity, fact_author_id, audience_location_id: an entry about a private fact
 *   carries the fact's audience, so the history and the brief filter entries with the same rule as
 *   the facts. Existing entries about a fact that is or ever was private become private.
 * - customers.erased_at: a customer whose personal data was erased stays as a tombstone row, so that
 *   figures (purchases, contacts per location) remain; erasures says when, who and why.
 * - trash_entries and trash_rows: a deleted record and everything that hung from it, as they were.
 * - settings: small admin settings (the trash retention), one JSON value per key.
 *
 * Standalone: this file imports nothing of the application.
 */
export function trustSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const table of ['notes', 'life_events']) {
        await db.schema.alterTable(table).addColumn('audience_location_id', 'text', (c) => c.references('locations.id')).execute();
        await sql`update ${sql.table(table)} set audience_location_id = (select c.location_id from customers c where c.id = ${sql.ref(`${table}.customer_id`)})`.execute(db);
      }

      await db.schema.alterTable('audit_events').addColumn('sensitivity', 'text', (c) => c.notNull().defaultTo('normal')).execute();
      await db.schema.alterTable('audit_events').addColumn('fact_author_id', 'text').execute();
      await db.schema.alterTable('audit_events').addColumn('audience_location_id', 'text').execute();
      await backfillAuditPrivacy(db);

      await db.schema.alterTable('customers').addColumn('erased_at', time).execute();

      await db.schema
        .createTable('erasures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('erased_at', time, (c) => c.notNull())
        .addColumn('erased_by', 'text', (c) => c.references('staff.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('erasures_customer').on('erasures').column('customer_id').execute();

      await db.schema
        .createTable('trash_entries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('row_count', 'integer', (c) => c.notNull())
        .addColumn('deleted_at', time, (c) => c.notNull())
        .addColumn('deleted_by', 'text', (c) => c.references('staff.id'))
        .addColumn('sensitivity', 'text', (c) => c.notNull().defaultTo('normal'))
        .addColumn('fact_author_id', 'text')
        .addColumn('audience_location_id', 'text')
        .execute();
      await db.schema.createIndex('trash_entries_deleted').on('trash_entries').columns(['deleted_at', 'id']).execute();
      await db.schema.createIndex('trash_entries_customer').on('trash_entries').columns(['customer_id', 'deleted_at']).execute();
      await db.schema.createIndex('trash_entries_entity').on('trash_entries').column('entity_id').execute();

      await db.schema
        .createTable('trash_rows')
        .addColumn('trash_id', 'text', (c) => c.notNull().references('trash_entries.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('row_id', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('trash_rows_pk', ['trash_id', 'position'])
        .execute();
      await db.schema.createIndex('trash_rows_row').on('trash_rows').column('row_id').execute();

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
        .execute();
    },
  };
}

interface AuditRow {
  id: string;
  entity_id: string | null;
  customer_id: string | null;
  diff: string | null;
}

/** Entries about notes and life events that are or ever were private become private, with the fact's author and audience. */
async function backfillAuditPrivacy(db: Kysely<unknown>): Promise<void> {
  const rows = (
    await sql<AuditRow>`select id, entity_id, customer_id, diff from audit_events where entity_type in ('note', 'life_event') and entity_id is not null`.execute(db)
  ).rows;
  const byEntity = new Map<string, AuditRow[]>();
  for (const row of rows) byEntity.set(row.entity_id!, [...(byEntity.get(row.entity_id!) ?? []), row]);
  for (const [entityId, entries] of byEntity) {
    const snapshots = entries.flatMap((e) => {
      if (!e.diff) return [];
      try {
        const diff = JSON.parse(e.diff) as { before?: Record<string, unknown>; after?: Record<string, unknown> };
        return [diff.before, diff.after].filter((s): s is Record<string, unknown> => s !== undefined);
      } catch {
        return [];
      }
    });
    const current = (
      await sql<{ sensitivity: string; created_by: string | null; audience_location_id: string | null }>`
        select sensitivity, created_by, audience_location_id from notes where id = ${entityId}
        union all select sensitivity, created_by, audience_location_id from life_events where id = ${entityId}`.execute(db)
    ).rows[0];
    const everPrivate = current?.sensitivity === 'private' || snapshots.some((s) => s.sensitivity === 'private');
    if (!everPrivate) continue;
    const author = current?.created_by ?? snapshots.map((s) => s.createdBy).find((v): v is string => typeof v === 'string') ?? null;
    let audience = current ? current.audience_location_id : null;
    if (!current) {
      const customerId = entries[0]!.customer_id;
      const customer = customerId ? (await sql<{ location_id: string | null }>`select location_id from customers where id = ${customerId}`.execute(db)).rows[0] : undefined;
      audience = customer?.location_id ?? null;
    }
    await sql`update audit_events set sensitivity = 'private', fact_author_id = ${author}, audience_location_id = ${audience} where entity_id = ${entityId}`.execute(db);
  }
}
