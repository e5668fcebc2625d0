import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../database/connect.js';
import { newId } from '../ids.js';
import { nowIso, toIso } from '../time.js';
import type { RetryPolicy } from './job-rules.js';
import { insertJob } from './job-store.js';

/**
 * The job queue as features see it: `enqueue` a job, and declare a `JobKind` (the handler for one
 * kind of job) that the application hands to the worker (src/app/jobs.ts).
 *
 * Jobs are rows in the database (table `jobs`), on SQLite and PostgreSQL alike: they survive a
 * restart, and several server processes on one database share them without running a job twice at
 * the same time. Delivery is at least once: a process that dies mid-job leaves it to be run again
 * when its lease ends, so every handler must be idempotent (running it twice does no more than once).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface EnqueueRequest {
  /** Which handler runs it: a dotted name owned by one feature, such as 'trash.purge'. */
  kind: string;
  /** Handed to the handler as parsed JSON; keep it small (ids, not records: the record may change). */
  payload?: JsonValue;
  /** Not before this time; now when absent. */
  runAt?: string | Date;
  /**
   * While a job with this key is still waiting for its first run, enqueueing the same key again
   * returns that job instead of adding one (one pending purge, one pending reindex per customer).
   * A job that has started no longer counts: a request made during a run gets a run of its own.
   */
  key?: string;
}

/**
 * Adds a job, in the caller's transaction when `db` is one: the job exists only if the write that
 * asked for it commits. Returns the job's id (the waiting job's, when `key` matched one).
 */
export function enqueue(db: Db, request: EnqueueRequest): Promise<string> {
  const now = nowIso();
  return insertJob(db, {
    id: newId(),
    kind: request.kind,
    payload: JSON.stringify(request.payload ?? null),
    runAt: request.runAt === undefined ? now : toIso(request.runAt),
    key: request.key ?? null,
    createdAt: now,
  });
}

export type JobLog = FastifyBaseLogger;

export interface JobContext {
  /** The database (not a transaction): a handler opens the transactions it needs. */
  db: Db;
  /**
   * The enqueued payload, parsed. `unknown` on purpose: it was written by whatever version of the
   * code enqueued it, so a handler checks its shape like any other input.
   */
  payload: unknown;
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number;
  jobId: string;
  /** Bound to the job's id and kind. */
  log: JobLog;
}

/** Does the job's work; throwing counts as a failed attempt. Must be idempotent (see above). */
export type JobHandler = (ctx: JobContext) => Promise<void>;

/** One kind of job and how the worker treats it. Retry settings default to `defaultRetryPolicy`. */
export interface JobKind extends Partial<RetryPolicy> {
  kind: string;
  handler: JobHandler;
  /**
   * Recurring: the worker keeps exactly one occurrence of this kind waiting, the first due when the
   * worker starts, each next one `everyMs` after the previous occurrence ended (done or failed).
   */
  everyMs?: number;
}

/** The key that keeps a recurring kind to one occurrence at a time. */
export const recurringKey = (kind: string): string => `every:${kind}`;
