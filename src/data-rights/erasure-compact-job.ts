import { PostgresAdapter, sql } from 'kysely';
import { customerTables } from '../platform/database/customer-tables.js';
import type { JobKind } from '../platform/jobs/job-queue.js';

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * After an erasure commits, the erased data must not linger in the database files either. On SQLite
 * (which overwrites deleted content with zeros: secure_delete, see connect.ts) the write-ahead log
 * is checkpointed and truncated, so no older copy of a page stays in it; on PostgreSQL the customer
 * tables are vacuumed, so the dead row versions are reclaimed. Idempotent; one pending at a time.
 */
export const compactAfterErasure: JobKind = {
  kind: 'erasure.compact',
  handler: async ({ db }) => {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      const tables = [...new Set([...customerTables.map((s) => snake(s.table)), 'search_words', 'search_word_variants'])];
      for (const table of tables) await sql`vacuum ${sql.table(table)}`.execute(db.withoutPlugins());
    } else {
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    }
  },
};
