import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Matching's profile of each customer (src/matching/match-keys-store.ts): the customer as matching
 * compares them (names folded and split, phones in E.164, emails and addresses normalised, ids),
 * kept as one JSON row beside their blocking keys. Reading a candidate is then one row by its key
 * instead of the customer and four tables of contact points, and no phone is parsed again.
 * Customers already there get theirs from the rebuild job (matching.rebuild-keys) that writes keys
 * and profiles together; until then matching reads them the long way.
 *
 * Standalone: this file imports nothing of the application.
 */
export function matchProfilesSchema(_engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('match_profiles')
        .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
        .addColumn('profile', 'text', (c) => c.notNull())
        .execute();
      const now = new Date().toISOString();
      await sql`insert into jobs (id, kind, payload, key, state, run_at, attempts, created_at)
        select ${randomUUID()}, 'matching.rebuild-keys', 'null', 'matching.rebuild-keys', 'pending', ${now}, 0, ${now}
        where exists (select 1 from customers)
        and not exists (select 1 from jobs where key = 'matching.rebuild-keys' and state in ('pending', 'running'))`.execute(db);
    },
  };
}
