import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTestDatabase, type SharedTestDatabase } from '../../test/shared-database.js';
import { enqueue, type JobKind } from './job-queue.js';
import { findJob, listJobs } from './job-store.js';
import { createJobWorker } from './job-worker.js';

/**
 * The queue across processes: each handle here is what a separate server process would hold (a
 * connection of its own to one SQLite file, or a pool of its own on one PostgreSQL schema).
 */

let shared: SharedTestDatabase;
beforeAll(async () => {
  shared = await sharedTestDatabase();
});
afterAll(() => shared.drop());

const log = pino({ level: 'silent' });

describe('the job queue across processes', () => {
  it('still runs a job enqueued before a restart', async () => {
    const before = await shared.open();
    const id = await before.db.transaction().execute((trx) => enqueue(trx, { kind: 'd.survivor', payload: { note: 'kept' } }));
    await before.close();

    const after = await shared.open();
    try {
      const payloads: unknown[] = [];
      const kinds: JobKind[] = [{ kind: 'd.survivor', handler: async ({ payload }) => void payloads.push(payload) }];
      expect(await createJobWorker({ database: after, kinds, log }).runDue()).toBe(1);
      expect(payloads).toEqual([{ note: 'kept' }]);
      expect((await findJob(after.db, id))?.state).toBe('done');
    } finally {
      await after.close();
    }
  });

  it('runs each of 200 jobs exactly once when two workers on two handles race for them', async () => {
    const [one, two] = [await shared.open(), await shared.open()];
    try {
      const total = 200;
      await one.db.transaction().execute(async (trx) => {
        for (let n = 0; n < total; n++) await enqueue(trx, { kind: 'd.count', payload: n });
      });
      const runs = new Map<string, number>();
      const byWorker = { one: 0, two: 0 };
      const counting = (name: keyof typeof byWorker): JobKind[] => [
        {
          kind: 'd.count',
          handler: async ({ jobId }) => {
            runs.set(jobId, (runs.get(jobId) ?? 0) + 1);
            byWorker[name]++;
            // Yield, so that the other worker gets its turn while this job is still running.
            await new Promise((resolve) => setImmediate(resolve));
          },
        },
      ];
      const workers = [
        createJobWorker({ database: one, kinds: counting('one'), log, pollMs: 5 }),
        createJobWorker({ database: two, kinds: counting('two'), log, pollMs: 5 }),
      ];
      await Promise.all(workers.map((w) => w.runDue()));
      for (const w of workers) await w.stop();

      const jobs = await listJobs(one.db, { kind: 'd.count' });
      expect(jobs).toHaveLength(total);
      expect(jobs.every((job) => job.state === 'done' && job.attempts === 1)).toBe(true);
      expect(runs.size).toBe(total);
      expect([...runs.values()].every((count) => count === 1)).toBe(true);
      // Both took part: the race was real.
      expect(byWorker.one).toBeGreaterThan(0);
      expect(byWorker.two).toBeGreaterThan(0);
      expect(byWorker.one + byWorker.two).toBe(total);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
