import type { DatabaseHandle, Db } from '../database/connect.js';
import { newId } from '../ids.js';
import { recurringKey, type JobKind, type JobLog } from './job-queue.js';
import { afterFailure, defaultRetryPolicy, describeFailure, type RetryPolicy } from './job-rules.js';
import { claimDueJob, deleteDoneJobs, hasUnfinishedJob, insertJob, markDone, markFailed, markRetry, renewLease, type JobRow } from './job-store.js';

/**
 * Runs queued jobs in the background of a server process: polls for a due job (one indexed query
 * about once a second), claims it with a lease, runs its kind's handler, then marks it done, or
 * schedules a retry with exponential back-off, or, after the last attempt, marks it failed and keeps
 * it for inspection. The lease is renewed while the handler works; if the process dies, the lease
 * runs out and another worker (or this one after a restart) runs the job again: at least once, so
 * handlers must be idempotent. Jobs run one at a time per worker.
 */

export interface JobWorkerOptions {
  database: Pick<DatabaseHandle, 'db' | 'engine'>;
  /** Every kind this process can run (src/app/jobs.ts); jobs of other kinds are left alone. */
  kinds: readonly JobKind[];
  log: JobLog;
  /** How long to wait when nothing is due. */
  pollMs?: number;
  /** How long a claim holds a job before another worker may take it; renewed every third of it. */
  leaseMs?: number;
  /** Done jobs are deleted after this long (failed ones are kept). */
  keepDoneMs?: number;
  /** Milliseconds since the epoch; tests move it instead of sleeping. */
  clock?: () => number;
}

export interface JobWorker {
  /** Starts polling in the background. */
  start(): void;
  /** Stops polling and waits for the job in flight to finish. */
  stop(): Promise<void>;
  /** Runs the jobs due now, one after another, and says how many ran (the polling loop's body; tests call it). */
  runDue(): Promise<number>;
}

const hour = 60 * 60_000;

export function createJobWorker(options: JobWorkerOptions): JobWorker {
  const { db, engine } = options.database;
  const log = options.log;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const keepDoneMs = options.keepDoneMs ?? 7 * 24 * hour;
  const clock = options.clock ?? Date.now;
  const iso = (ms = 0) => new Date(clock() + ms).toISOString();

  const kinds = new Map<string, JobKind>();
  for (const kind of options.kinds) {
    if (kinds.has(kind.kind)) throw new Error(`job kind ${kind.kind} is declared twice`);
    if (kind.everyMs !== undefined && !(kind.everyMs > 0)) throw new Error(`job kind ${kind.kind}: everyMs must be positive`);
    kinds.set(kind.kind, kind);
  }
  const kindNames = [...kinds.keys()];
  const policyOf = (kind: JobKind): RetryPolicy => ({
    maxAttempts: kind.maxAttempts ?? defaultRetryPolicy.maxAttempts,
    retryBaseMs: kind.retryBaseMs ?? defaultRetryPolicy.retryBaseMs,
    retryMaxMs: kind.retryMaxMs ?? defaultRetryPolicy.retryMaxMs,
  });

  /** Makes sure a recurring kind has an occurrence pending or running; a new one is due at `runAt`. */
  async function keepOccurrence(trx: Db, kind: JobKind, runAt: string): Promise<void> {
    const key = recurringKey(kind.kind);
    if (await hasUnfinishedJob(trx, key)) return;
    await insertJob(trx, { id: newId(), kind: kind.kind, payload: 'null', runAt, key, createdAt: iso() });
  }

  /**
   * Ends a run with one of the store's marks; for a recurring kind the next occurrence is added in
   * the same transaction, so that a crash cannot leave the kind with none.
   */
  async function finish(kind: JobKind, mark: (trx: Db) => Promise<boolean>, recurs: boolean): Promise<boolean> {
    if (!recurs || kind.everyMs === undefined) return mark(db);
    const everyMs = kind.everyMs;
    return db.transaction().execute(async (trx) => {
      const ended = await mark(trx);
      if (ended) await keepOccurrence(trx, kind, iso(everyMs));
      return ended;
    });
  }

  async function run(job: JobRow): Promise<void> {
    const kind = kinds.get(job.kind);
    const token = job.claimToken;
    if (!kind || !token) return; // cannot happen: claims name known kinds and set a token
    const policy = policyOf(kind);
    const jobLog = log.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    const recurs = job.key === recurringKey(kind.kind);

    if (job.attempts > policy.maxAttempts) {
      // Its last attempt was claimed by a worker that never finished it (the process died).
      const error = `attempt ${job.attempts - 1} of ${policy.maxAttempts} never finished: its worker stopped before the lease ran out`;
      await finish(kind, (trx) => markFailed(trx, job.id, token, iso(), error), recurs);
      jobLog.error({ error }, 'job failed');
      return;
    }

    const heartbeat = setInterval(() => {
      renewLease(db, job.id, token, iso(leaseMs)).then(
        (held) => held || jobLog.warn('job lease lost: another worker has taken the job over'),
        (error: unknown) => jobLog.warn({ err: error }, 'could not renew the job lease'),
      );
    }, Math.max(1, Math.floor(leaseMs / 3)));
    heartbeat.unref();
    let failure: { error: unknown } | undefined;
    try {
      await kind.handler({ db, payload: JSON.parse(job.payload) as unknown, attempt: job.attempts, jobId: job.id, log: jobLog });
    } catch (error) {
      failure = { error };
    } finally {
      clearInterval(heartbeat);
    }

    if (!failure) {
      const ended = await finish(kind, (trx) => markDone(trx, job.id, token, iso()), recurs);
      if (ended) jobLog.debug('job done');
      else jobLog.warn('job finished after its lease ran out: another worker runs it again');
      return;
    }
    const error = describeFailure(failure.error);
    const next = afterFailure(job.attempts, policy);
    if (next === 'give up') {
      await finish(kind, (trx) => markFailed(trx, job.id, token, iso(), error), recurs);
      jobLog.error({ err: failure.error }, `job failed after ${job.attempts} attempts`);
    } else {
      await markRetry(db, job.id, token, iso(next.retryInMs), error);
      jobLog.warn({ err: failure.error, retryInMs: next.retryInMs }, 'job attempt failed: will retry');
    }
  }

  let stopping = false;
  let scheduled = false;
  let prunedAt = -Infinity;

  async function runDue(): Promise<number> {
    if (kindNames.length === 0) return 0;
    if (!scheduled) {
      for (const kind of kinds.values()) if (kind.everyMs !== undefined) await keepOccurrence(db, kind, iso());
      scheduled = true;
    }
    if (clock() - prunedAt >= hour) {
      await deleteDoneJobs(db, iso(-keepDoneMs));
      prunedAt = clock();
    }
    let ran = 0;
    while (!stopping) {
      const job = await claimDueJob(db, engine, { kinds: kindNames, now: iso(), leaseUntil: iso(leaseMs), token: newId() });
      if (!job) break;
      await run(job);
      ran++;
    }
    return ran;
  }

  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  async function poll(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      try {
        await runDue();
        failures = 0;
      } catch (error) {
        failures++;
        log.error({ err: error }, 'job worker: could not reach the queue');
      }
      if (stopping) break;
      // A database that is down is asked less and less often, up to every 30 s.
      await sleep(Math.min(30_000, pollMs * 2 ** Math.min(failures, 10)));
    }
  }

  return {
    start() {
      if (loop || kindNames.length === 0) return;
      loop = poll();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
    runDue,
  };
}

/** A worker already polling. */
export function startJobWorker(options: JobWorkerOptions): JobWorker {
  const worker = createJobWorker(options);
  worker.start();
  return worker;
}
