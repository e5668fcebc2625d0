import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database/connect.js';
import { testDatabase } from '../../test/database.js';
import { newId } from '../ids.js';
import { enqueue, recurringKey, type JobContext, type JobKind } from './job-queue.js';
import { claimDueJob, findJob, listJobs, markDone } from './job-store.js';
import { createJobWorker, type JobWorkerOptions } from './job-worker.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

const log = pino({ level: 'silent' });

/** A clock the test moves by hand: retries and leases without sleeping. */
function manualClock() {
  let now = Date.now();
  return { now: () => now, advance: (ms: number) => void (now += ms), iso: () => new Date(now).toISOString() };
}

function worker(kinds: JobKind[], extra: Partial<JobWorkerOptions> = {}) {
  return createJobWorker({ database, kinds, log, ...extra });
}

describe('the job worker', () => {
  it('runs a due job once with its payload, and leaves jobs not yet due', async () => {
    const clock = manualClock();
    const seen: Array<Pick<JobContext, 'payload' | 'attempt' | 'jobId'>> = [];
    const kinds: JobKind[] = [{ kind: 'w.echo', handler: async ({ payload, attempt, jobId }) => void seen.push({ payload, attempt, jobId }) }];
    const id = await enqueue(database.db, { kind: 'w.echo', payload: { hello: 'world' }, runAt: clock.iso() });
    const later = await enqueue(database.db, { kind: 'w.echo', runAt: new Date(clock.now() + 5000) });
    const w = worker(kinds, { clock: clock.now });

    expect(await w.runDue()).toBe(1);
    expect(seen).toEqual([{ payload: { hello: 'world' }, attempt: 1, jobId: id }]);
    expect(await findJob(database.db, id)).toMatchObject({ state: 'done', attempts: 1, claimToken: null, finishedAt: clock.iso() });
    expect(await w.runDue()).toBe(0);

    clock.advance(5000);
    expect(await w.runDue()).toBe(1);
    expect((await findJob(database.db, later))?.state).toBe('done');
  });

  it('retries a failing job with exponential back-off, then marks it failed and keeps its error', async () => {
    const clock = manualClock();
    const attempts: number[] = [];
    const kinds: JobKind[] = [
      {
        kind: 'w.flaky',
        maxAttempts: 3,
        retryBaseMs: 1000,
        handler: async ({ attempt }) => {
          attempts.push(attempt);
          throw new Error(`remote said no (${attempt})`);
        },
      },
    ];
    const id = await enqueue(database.db, { kind: 'w.flaky', runAt: clock.iso() });
    const w = worker(kinds, { clock: clock.now });

    expect(await w.runDue()).toBe(1);
    expect(await findJob(database.db, id)).toMatchObject({ state: 'pending', attempts: 1, runAt: new Date(clock.now() + 1000).toISOString() });
    expect((await findJob(database.db, id))?.lastError).toContain('remote said no (1)');

    clock.advance(999);
    expect(await w.runDue()).toBe(0);
    clock.advance(1);
    expect(await w.runDue()).toBe(1);
    // Twice the wait after the second failure.
    expect((await findJob(database.db, id))?.runAt).toBe(new Date(clock.now() + 2000).toISOString());
    clock.advance(1999);
    expect(await w.runDue()).toBe(0);
    clock.advance(1);
    expect(await w.runDue()).toBe(1);

    const failed = await findJob(database.db, id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 3, finishedAt: clock.iso(), claimToken: null });
    expect(failed?.lastError).toContain('remote said no (3)');
    clock.advance(60 * 60_000);
    expect(await w.runDue()).toBe(0);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('marks a job done when a retry succeeds', async () => {
    const clock = manualClock();
    const kinds: JobKind[] = [
      {
        kind: 'w.second-time',
        retryBaseMs: 10,
        handler: async ({ attempt }) => {
          if (attempt === 1) throw new Error('not yet');
        },
      },
    ];
    const id = await enqueue(database.db, { kind: 'w.second-time', runAt: clock.iso() });
    const w = worker(kinds, { clock: clock.now });
    await w.runDue();
    clock.advance(10);
    await w.runDue();
    expect(await findJob(database.db, id)).toMatchObject({ state: 'done', attempts: 2, lastError: null });
  });

  it('runs a job again when the worker that claimed it died and its lease ran out', async () => {
    const clock = manualClock();
    const runs: number[] = [];
    const kinds: JobKind[] = [{ kind: 'w.orphan', handler: async ({ attempt }) => void runs.push(attempt) }];
    const id = await enqueue(database.db, { kind: 'w.orphan', runAt: clock.iso() });
    // A worker claims it and is never heard from again.
    const deadToken = newId();
    const dead = await claimDueJob(database.db, database.engine, {
      kinds: ['w.orphan'],
      now: clock.iso(),
      leaseUntil: new Date(clock.now() + 30_000).toISOString(),
      token: deadToken,
    });
    expect(dead?.id).toBe(id);

    const w = worker(kinds, { clock: clock.now, leaseMs: 30_000 });
    expect(await w.runDue()).toBe(0);
    clock.advance(29_999);
    expect(await w.runDue()).toBe(0);
    clock.advance(1);
    expect(await w.runDue()).toBe(1);
    expect(runs).toEqual([2]);
    expect(await findJob(database.db, id)).toMatchObject({ state: 'done', attempts: 2 });

    // Should the dead worker wake up, its claim no longer counts.
    expect(await markDone(database.db, id, deadToken, clock.iso())).toBe(false);
  });

  it('marks a job failed, without running it, when its last attempt was claimed by a worker that died', async () => {
    const clock = manualClock();
    let ran = false;
    const kinds: JobKind[] = [{ kind: 'w.crasher', maxAttempts: 1, handler: async () => void (ran = true) }];
    const id = await enqueue(database.db, { kind: 'w.crasher', runAt: clock.iso() });
    await claimDueJob(database.db, database.engine, { kinds: ['w.crasher'], now: clock.iso(), leaseUntil: clock.iso(), token: newId() });
    clock.advance(1);
    expect(await worker(kinds, { clock: clock.now }).runDue()).toBe(1);
    expect(ran).toBe(false);
    const failed = await findJob(database.db, id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 2 });
    expect(failed?.lastError).toMatch(/never finished/);
  });

  it('keeps exactly one occurrence of a recurring kind, the next after each run', async () => {
    const clock = manualClock();
    let runs = 0;
    let fail = false;
    const kinds: JobKind[] = [
      {
        kind: 'w.tick',
        everyMs: 10_000,
        maxAttempts: 1,
        handler: async () => {
          runs++;
          if (fail) throw new Error('tick failed');
        },
      },
    ];
    const unfinished = async () => (await listJobs(database.db, { kind: 'w.tick' })).filter((j) => j.state === 'pending' || j.state === 'running');

    const w = worker(kinds, { clock: clock.now });
    expect(await w.runDue()).toBe(1);
    expect(runs).toBe(1);
    const [next] = await unfinished();
    expect(await unfinished()).toHaveLength(1);
    expect(next).toMatchObject({ state: 'pending', key: recurringKey('w.tick'), runAt: new Date(clock.now() + 10_000).toISOString() });

    // A second process starting up finds the occurrence and adds none.
    expect(await worker(kinds, { clock: clock.now }).runDue()).toBe(0);
    expect(await unfinished()).toHaveLength(1);

    clock.advance(9_999);
    expect(await w.runDue()).toBe(0);
    clock.advance(1);
    expect(await w.runDue()).toBe(1);
    expect(await unfinished()).toHaveLength(1);

    // An occurrence that fails for good still leaves the next one scheduled.
    fail = true;
    clock.advance(10_000);
    expect(await w.runDue()).toBe(1);
    expect(await unfinished()).toHaveLength(1);
    expect((await listJobs(database.db, { kind: 'w.tick', state: 'failed' })).length).toBe(1);
    expect(runs).toBe(3);
  });

  it('leaves jobs of kinds it has no handler for', async () => {
    const clock = manualClock();
    const id = await enqueue(database.db, { kind: 'w.unknown', runAt: clock.iso() });
    expect(await worker([{ kind: 'w.known', handler: async () => {} }], { clock: clock.now }).runDue()).toBe(0);
    expect((await findJob(database.db, id))?.state).toBe('pending');
  });

  it('refuses a kind declared twice', () => {
    const handler = async () => {};
    expect(() => worker([{ kind: 'w.twice', handler }, { kind: 'w.twice', handler }])).toThrow(/declared twice/);
  });

  it('renews the lease of a long job, so that another worker does not take it over', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const kinds: JobKind[] = [
      {
        kind: 'w.long',
        handler: async () => {
          runs++;
          running++;
          if (running > 1) overlapped = true;
          await new Promise((resolve) => setTimeout(resolve, 1500));
          running--;
        },
      },
    ];
    const id = await enqueue(database.db, { kind: 'w.long' });
    // The job runs for about four leases. A lease long enough that a busy test machine's pauses (a
    // lease of 90 ms was once overtaken in CI) do not outlast it between two renewals.
    const a = worker(kinds, { leaseMs: 400, pollMs: 10 });
    const b = worker(kinds, { leaseMs: 400, pollMs: 10 });
    a.start();
    b.start();
    const deadline = Date.now() + 10_000;
    while ((await findJob(database.db, id))?.state !== 'done' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all([a.stop(), b.stop()]);
    expect(await findJob(database.db, id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(runs).toBe(1);
    expect(overlapped).toBe(false);
  });

  it('waits for the job in flight when stopped', async () => {
    let release: () => void = () => {};
    let started: () => void = () => {};
    const hasStarted = new Promise<void>((resolve) => (started = resolve));
    const kinds: JobKind[] = [
      {
        kind: 'w.slow',
        handler: async () => {
          started();
          await new Promise<void>((resolve) => (release = resolve));
        },
      },
    ];
    const id = await enqueue(database.db, { kind: 'w.slow' });
    const w = worker(kinds, { pollMs: 10 });
    w.start();
    await hasStarted;
    let stopped = false;
    const stopping = w.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await findJob(database.db, id))?.state).toBe('done');
  });
});
