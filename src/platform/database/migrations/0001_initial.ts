import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The first schema. Append-only from here: a later change is a new numbered file.
 * Times are timestamptz on PostgreSQL and ISO-8601 text on SQLite (both sort correctly);
 * booleans are boolean on PostgreSQL and 0/1 on SQLite.
 */
export function initialSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;
  const flag = engine === 'postgres' ? sql`boolean` : sql`integer`;
  const no = engine === 'postgres' ? sql`false` : sql`0`;
  const yes = engine === 'postgres' ? sql`true` : sql`1`;

  function authored<T extends string>(table: CreateTableBuilder<T>) {
    return table
      .addColumn('created_at', time, (c) => c.notNull())
      .addColumn('updated_at', time, (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('staff.id'))
      .addColumn('updated_by', 'text', (c) => c.references('staff.id'));
  }
  const customerRef = (name = 'customer_id') =>
    [name, 'text', (c: ColumnDefinitionBuilder) => c.notNull().references('customers.id').onDelete('cascade')] as const;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('staff')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('frontline', 'manager', 'admin')`))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('active', flag, (c) => c.notNull().defaultTo(yes))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('updated_by', 'text')
        .execute();

      await authored(
        db.schema
          .createTable('locations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('address', 'text')
          .addColumn('timezone', 'text'),
      ).execute();

      await db.schema
        .createTable('staff_locations')
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
        .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('staff_locations_pk', ['staff_id', 'location_id'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('last_seen_at', time, (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .addColumn('ip', 'text')
        .addColumn('user_agent', 'text')
        .execute();
      await db.schema.createIndex('sessions_staff').on('sessions').column('staff_id').execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
        .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('read', 'read_write')`))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .addColumn('last_used_at', time)
        .addColumn('revoked_at', time)
        .execute();

      await db.schema
        .createTable('login_failures')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_failures_email').on('login_failures').columns(['email', 'at']).execute();
      await db.schema.createIndex('login_failures_ip').on('login_failures').columns(['ip', 'at']).execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', time, (c) => c.notNull())
        .addColumn('staff_id', 'text')
        .addColumn('token_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('customer_id', 'text')
        .addColumn('diff', 'text')
        .execute();
      await db.schema.createIndex('audit_events_at').on('audit_events').columns(['at', 'id']).execute();
      await db.schema.createIndex('audit_events_entity').on('audit_events').columns(['entity_type', 'entity_id']).execute();
      await db.schema.createIndex('audit_events_customer').on('audit_events').columns(['customer_id', 'at']).execute();
      await db.schema.createIndex('audit_events_staff').on('audit_events').columns(['staff_id', 'at']).execute();

      await authored(
        db.schema
          .createTable('customers')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person', 'organization')`))
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('given_name', 'text')
          .addColumn('family_name', 'text')
          .addColumn('preferred_name', 'text')
          .addColumn('pronunciation', 'text')
          .addColumn('pronouns', 'text')
          .addColumn('birth_year', 'integer')
          .addColumn('birth_month', 'integer')
          .addColumn('birth_day', 'integer')
          .addColumn('language', 'text')
          .addColumn('gender', 'text')
          .addColumn('location_id', 'text', (c) => c.references('locations.id').onDelete('set null')),
      ).execute();
      await db.schema.createIndex('customers_display_name').on('customers').column('display_name').execute();
      await db.schema.createIndex('customers_location').on('customers').column('location_id').execute();

      await authored(
        db.schema
          .createTable('emails')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef())
          .addColumn('address', 'text', (c) => c.notNull())
          .addColumn('normalized', 'text', (c) => c.notNull())
          .addColumn('label', 'text')
          .addColumn('is_primary', flag, (c) => c.notNull().defaultTo(no)),
      ).execute();
      await db.schema.createIndex('emails_customer').on('emails').column('customer_id').execute();
      await db.schema.createIndex('emails_normalized').on('emails').column('normalized').execute();

      await authored(
        db.schema
          .createTable('phones')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef())
          .addColumn('number', 'text', (c) => c.notNull())
          .addColumn('e164', 'text', (c) => c.notNull())
          .addColumn('label', 'text')
          .addColumn('is_primary', flag, (c) => c.notNull().defaultTo(no)),
      ).execute();
      await db.schema.createIndex('phones_customer').on('phones').column('customer_id').execute();
      await db.schema.createIndex('phones_e164').on('phones').column('e164').execute();

      await authored(
        db.schema
          .createTable('addresses')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef())
          .addColumn('label', 'text')
          .addColumn('is_primary', flag, (c) => c.notNull().defaultTo(no))
          .addColumn('line1', 'text')
          .addColumn('line2', 'text')
          .addColumn('city', 'text')
          .addColumn('region', 'text')
          .addColumn('postal_code', 'text')
          .addColumn('country', 'text'),
      ).execute();
      await db.schema.createIndex('addresses_customer').on('addresses').column('customer_id').execute();

      await authored(
        db.schema
          .createTable('external_ids')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('external_id', 'text', (c) => c.notNull())
          .addUniqueConstraint('external_ids_source_id', ['source', 'external_id']),
      ).execute();
      await db.schema.createIndex('external_ids_customer').on('external_ids').column('customer_id').execute();

      await authored(
        db.schema
          .createTable('relationships')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef())
          .addColumn(...customerRef('related_customer_id'))
          .addColumn('label', 'text', (c) => c.notNull())
          .addColumn('related_label', 'text')
          .addColumn('household', flag, (c) => c.notNull().defaultTo(no)),
      ).execute();
      await db.schema.createIndex('relationships_customer').on('relationships').column('customer_id').execute();
      await db.schema.createIndex('relationships_related').on('relationships').column('related_customer_id').execute();

      await authored(
        db.schema
          .createTable('interactions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef())
          .addColumn('channel', 'text', (c) => c.notNull())
          .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('inbound', 'outbound')`))
          .addColumn('occurred_at', time, (c) => c.notNull())
          .addColumn('summary', 'text', (c) => c.notNull())
          .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
          .addColumn('location_id', 'text', (c) => c.references('locations.id').onDelete('set null'))
          .addColumn('mood', 'text')
          .addColumn('outcome', 'text'),
      ).execute();
      await db.schema.createIndex('interactions_customer_time').on('interactions').columns(['customer_id', 'occurred_at', 'id']).execute();

      await authored(
        db.schema
          .createTable('transactions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef())
          .addColumn('kind', 'text', (c) =>
            c.notNull().check(sql`kind in ('purchase', 'payment', 'invoice', 'return', 'refund', 'credit')`),
          )
          .addColumn('occurred_at', time, (c) => c.notNull())
          .addColumn('amount_minor', 'bigint', (c) => c.notNull())
          .addColumn('currency', 'text', (c) => c.notNull())
          .addColumn('reference', 'text')
          .addColumn('related_transaction_id', 'text', (c) => c.references('transactions.id').onDelete('set null'))
          .addColumn('staff_id', 'text', (c) => c.references('staff.id'))
          .addColumn('location_id', 'text', (c) => c.references('locations.id').onDelete('set null'))
          .addColumn('note', 'text'),
      ).execute();
      await db.schema.createIndex('transactions_customer_time').on('transactions').columns(['customer_id', 'occurred_at', 'id']).execute();
      await db.schema.createIndex('transactions_related').on('transactions').column('related_transaction_id').execute();

      await db.schema
        .createTable('transaction_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('transaction_id', 'text', (c) => c.notNull().references('transactions.id').onDelete('cascade'))
        .addColumn(...customerRef())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('sku', 'text')
        .addColumn('quantity', engine === 'postgres' ? sql`double precision` : sql`real`, (c) => c.notNull())
        .addColumn('unit_price_minor', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('transaction_items_transaction').on('transaction_items').columns(['transaction_id', 'position']).execute();

      await authored(
        db.schema
          .createTable('life_events')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('year', 'integer')
          .addColumn('month', 'integer')
          .addColumn('day', 'integer')
          .addColumn('sensitivity', 'text', (c) => c.notNull().check(sql`sensitivity in ('normal', 'private')`)),
      ).execute();
      await db.schema.createIndex('life_events_customer').on('life_events').columns(['customer_id', 'created_at']).execute();

      await db.schema
        .createTable('life_event_customers')
        .addColumn('life_event_id', 'text', (c) => c.notNull().references('life_events.id').onDelete('cascade'))
        .addColumn(...customerRef())
        .addPrimaryKeyConstraint('life_event_customers_pk', ['life_event_id', 'customer_id'])
        .execute();
      await db.schema.createIndex('life_event_customers_customer').on('life_event_customers').column('customer_id').execute();

      await authored(
        db.schema
          .createTable('projects')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'paused', 'done', 'abandoned')`))
          .addColumn('started_on', 'text')
          .addColumn('ended_on', 'text')
          .addColumn('detail', 'text'),
      ).execute();
      await db.schema.createIndex('projects_customer').on('projects').column('customer_id').execute();

      await authored(
        db.schema
          .createTable('notes')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn(...customerRef())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('pinned', flag, (c) => c.notNull().defaultTo(no))
          .addColumn('sensitivity', 'text', (c) => c.notNull().check(sql`sensitivity in ('normal', 'private')`)),
      ).execute();
      await db.schema.createIndex('notes_customer').on('notes').columns(['customer_id', 'created_at']).execute();
    },
  };
}
