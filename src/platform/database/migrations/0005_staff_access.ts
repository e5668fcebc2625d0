import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Staff access (issue 8): integration accounts, and one-time links to choose a password.
 *
 * - staff.kind: 'person' (signs in with email and password) or 'integration' (a named system such
 *   as "POS sync" that acts only through API tokens an admin makes for it, and never signs in).
 *   staff.email stays NOT NULL UNIQUE: SQLite cannot relax that without rebuilding the staff table,
 *   which almost every other table references. An integration gets an internal unique handle there
 *   instead (see src/staff/staff-rules.ts); it is never shown, and sign-in looks up people only.
 * - password_links: an invitation or a password reset. Only the SHA-256 of the secret is kept; a
 *   link lasts 7 days and is deleted when used, so it works once.
 *
 * Stands alone: imports nothing of the application.
 */
export function staffAccessSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('staff')
        .addColumn('kind', 'text', (c) => c.notNull().defaultTo('person').check(sql`kind in ('person', 'integration')`))
        .execute();

      await db.schema
        .createTable('password_links')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invite', 'reset')`))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.references('staff.id'))
        .addColumn('expires_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('password_links_staff').on('password_links').column('staff_id').execute();
    },
  };
}
