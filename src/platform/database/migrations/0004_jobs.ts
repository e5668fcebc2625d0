import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The job queue (src/platform/jobs/): background work kept in the database, so that it survives a
 * restart and several server processes can share it.
 * - state: pending (waiting for a worker), running (claimed), done, failed (gave up; kept for inspection);
 * - run_at: when a worker may next take the job: its scheduled time while pending, the end of its
 *   lease while running (a worker that dies leaves a running job that becomes due again), so one
 *   index on (state, run_at) answers "what is due";
 * - claim_token: fresh for each claim; finishing requires it, so a worker whose lease ran out cannot
 *   overwrite the run that replaced it;
 * - key: at most one job per key waits for its first run (the partial unique index), which makes
 *   enqueueing idempotent without making a request that arrives mid-run disappear.
 */
export function jobsSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('key', 'text')
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('pending', 'running', 'done', 'failed')`))
        .addColumn('run_at', time, (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('claim_token', 'text')
        .addColumn('last_error', 'text')
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('started_at', time)
        .addColumn('finished_at', time)
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();
      await sql`create unique index jobs_waiting_key on jobs (key) where state = 'pending' and attempts = 0`.execute(db);
    },
  };
}
