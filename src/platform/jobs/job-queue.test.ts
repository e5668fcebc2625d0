import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database/connect.js';
import { testDatabase } from '../../test/database.js';
import { newId } from '../ids.js';
import { enqueue } from './job-queue.js';
import { claimDueJob, findJob, listJobs } from './job-store.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

class RolledBack extends Error {}

describe('enqueue', () => {
  it('adds a job only when the transaction that asked for it commits', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueue(trx, { kind: 'test.rollback', payload: { n: 1 } });
        throw new RolledBack();
      }),
    ).rejects.toThrow(RolledBack);
    expect(await listJobs(database.db, { kind: 'test.rollback' })).toEqual([]);

    const id = await database.db.transaction().execute((trx) => enqueue(trx, { kind: 'test.rollback', payload: { n: 2 } }));
    const [job] = await listJobs(database.db, { kind: 'test.rollback' });
    expect(job).toMatchObject({ id, state: 'pending', attempts: 0, payload: '{"n":2}', key: null, lastError: null });
  });

  it('keeps one waiting job per key, and a fresh one once it has started', async () => {
    const first = await enqueue(database.db, { kind: 'test.keyed', key: 'purge' });
    const again = await database.db.transaction().execute((trx) => enqueue(trx, { kind: 'test.keyed', key: 'purge' }));
    expect(again).toBe(first);
    const other = await enqueue(database.db, { kind: 'test.keyed', key: 'another' });
    expect(other).not.toBe(first);
    expect(await listJobs(database.db, { kind: 'test.keyed' })).toHaveLength(2);

    // Once the job runs, a request made meanwhile must not be lost: it gets a job of its own.
    const now = new Date().toISOString();
    const claimed = await claimDueJob(database.db, database.engine, { kinds: ['test.keyed'], now, leaseUntil: now, token: newId() });
    expect(claimed?.id).toBe(first);
    const during = await enqueue(database.db, { kind: 'test.keyed', key: 'purge' });
    expect(during).not.toBe(first);
    expect(await enqueue(database.db, { kind: 'test.keyed', key: 'purge' })).toBe(during);
  });

  it('stores the time it is due and the payload as JSON', async () => {
    const runAt = '2031-05-06T07:08:09.010Z';
    const id = await enqueue(database.db, { kind: 'test.later', runAt: new Date(runAt), payload: { customerId: 'c1', tags: ['a', 'b'] } });
    const job = await findJob(database.db, id);
    expect(job?.runAt).toBe(runAt);
    expect(JSON.parse(job?.payload ?? '')).toEqual({ customerId: 'c1', tags: ['a', 'b'] });
    expect((await findJob(database.db, await enqueue(database.db, { kind: 'test.later' })))?.payload).toBe('null');
  });
});
