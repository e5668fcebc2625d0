import { sql, type Selectable } from 'kysely';
import type { Db } from '../database/connect.js';
import type { Engine } from '../database/engine.js';
import type { JobTable } from '../database/schema.js';

/**
 * Every query of the job queue. Times are ISO strings passed in by the caller (the worker's clock),
 * so that tests can move time without sleeping. A running job is identified by its id and the token
 * of its claim: each write that ends or extends a run names both, and does nothing (returns false)
 * when the lease ran out and another worker took the job over.
 */

export type JobRow = Selectable<JobTable>;

export interface NewJob {
  id: string;
  kind: string;
  /** JSON text. */
  payload: string;
  runAt: string;
  key: string | null;
  createdAt: string;
}

/**
 * Adds a job, unless `key` is set and a job with that key is still waiting for its first run: then
 * that job's id is returned and nothing is added. On PostgreSQL a concurrent enqueue of the same key
 * waits for the other transaction and then finds its job.
 */
export async function insertJob(db: Db, job: NewJob): Promise<string> {
  // The waiting job can be claimed between the insert that hit it and the look-up: then insert again.
  for (let tries = 0; ; tries++) {
    const inserted = await db
      .insertInto('jobs')
      .values({ ...job, state: 'pending', attempts: 0 })
      // The predicate is the partial index's (migration 0004) word for word, as both engines require.
      .onConflict((oc) => oc.column('key').where(sql<boolean>`state = 'pending' and attempts = 0`).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return inserted.id;
    const waiting = await db
      .selectFrom('jobs')
      .select('id')
      .where('key', '=', job.key)
      .where('state', '=', 'pending')
      .where('attempts', '=', 0)
      .executeTakeFirst();
    if (waiting) return waiting.id;
    if (tries >= 3) throw new Error(`could not enqueue job ${job.kind} with key ${job.key ?? '(none)'}`);
  }
}

/** Whether a job with this key is pending or running (a recurring job's occurrence, say). */
export async function hasUnfinishedJob(db: Db, key: string): Promise<boolean> {
  const row = await db.selectFrom('jobs').select('id').where('key', '=', key).where('state', 'in', ['pending', 'running']).limit(1).executeTakeFirst();
  return row !== undefined;
}

export interface Claim {
  /** Only jobs of these kinds: a process without a kind's handler leaves its jobs to one that has it. */
  kinds: readonly string[];
  now: string;
  leaseUntil: string;
  token: string;
}

/**
 * Takes the job that has been due longest, pending or running with an expired lease, in one
 * statement: on PostgreSQL `for update skip locked` lets concurrent claims pass each other instead of
 * taking the same row; on SQLite the update holds the single write lock from start to end, so a
 * second claimer (another connection, another process) sees the row already taken.
 */
export async function claimDueJob(db: Db, engine: Engine, claim: Claim): Promise<JobRow | undefined> {
  if (claim.kinds.length === 0) return undefined;
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where('state', 'in', ['pending', 'running'])
    .where('runAt', '<=', claim.now)
    .where('kind', 'in', claim.kinds)
    .orderBy('runAt')
    .orderBy('id')
    .limit(1)
    .$if(engine === 'postgres', (q) => q.forUpdate().skipLocked());
  return db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      attempts: eb('attempts', '+', 1),
      runAt: claim.leaseUntil,
      claimToken: claim.token,
      startedAt: claim.now,
    }))
    .where('id', 'in', due)
    .returningAll()
    .executeTakeFirst();
}

/** Pushes the end of a lease further while the handler is still working. */
export async function renewLease(db: Db, id: string, token: string, leaseUntil: string): Promise<boolean> {
  const result = await db.updateTable('jobs').set({ runAt: leaseUntil }).where('id', '=', id).where('claimToken', '=', token).where('state', '=', 'running').executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function markDone(db: Db, id: string, token: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'done', finishedAt: now, claimToken: null, lastError: null })
    .where('id', '=', id)
    .where('claimToken', '=', token)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Puts a failed run back in the queue, to run again at `runAt`. */
export async function markRetry(db: Db, id: string, token: string, runAt: string, error: string): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'pending', runAt, claimToken: null, lastError: error })
    .where('id', '=', id)
    .where('claimToken', '=', token)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives up on a job; the row stays, with its last error, for a person to look at. */
export async function markFailed(db: Db, id: string, token: string, now: string, error: string): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'failed', finishedAt: now, claimToken: null, lastError: error })
    .where('id', '=', id)
    .where('claimToken', '=', token)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Forgets jobs done before `before`; failed jobs are kept. */
export async function deleteDoneJobs(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('jobs').where('state', '=', 'done').where('finishedAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function findJob(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listJobs(db: Db, filter: { kind?: string; state?: JobRow['state'] } = {}): Promise<JobRow[]> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .$if(filter.kind !== undefined, (q) => q.where('kind', '=', filter.kind!))
    .$if(filter.state !== undefined, (q) => q.where('state', '=', filter.state!))
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}
