import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertNewCustomers, prepareNewCustomer } from '../customers/new-customers.js';
import { createJobWorker } from '../platform/jobs/job-worker.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { mailingUploadJob } from './mailing-jobs.js';

/**
 * A newsletter tool's send log of 100,000 rows (every subscriber, once per issue of a quarter's
 * newsletters) through the API: taken at once (202), gone through by the background job in batches,
 * each of the 3,000 customers logged once, and each line naming no customer reported with its line.
 */

let t: TestApp;
let manager: Client;
const customers = 3000;
const rows = 100_000;
const ids: string[] = [];

beforeAll(async () => {
  t = await testApp();
  manager = await t.signIn('manager');
  const ctx = { actor: null, phoneRegion: 'US' };
  for (let i = 0; i < customers; i += 500) {
    const prepared = Array.from({ length: 500 }, (_, j) => prepareNewCustomer(ctx, { displayName: `Subscriber ${i + j}`, emails: [{ address: `subscriber${i + j}@example.com` }] }));
    await t.database.db.transaction().execute((trx) => insertNewCustomers(trx, ctx, prepared));
    ids.push(...prepared.map((p) => p.customer.id));
  }
});
afterAll(() => t.close());

describe('a file of 100,000 rows', () => {
  it('is logged in the background, each customer once, every unplaced line reported', async () => {
    const mailing = (await manager.post('/api/v1/mailings', { name: 'Quarterly newsletter', channel: 'newsletter', sentAt: '2026-10-01' })).body.id as string;
    // Every 1000th line is a subscriber who is not a customer.
    const line = (i: number) => (i % 1000 === 999 ? `stranger${i}@example.com,Opened` : `subscriber${(i - Math.floor(i / 1000)) % customers}@example.com,Opened`);
    const csv = `Email,Status\n${Array.from({ length: rows }, (_, i) => line(i)).join('\n')}\n`;
    const res = await manager.request('POST', `/api/v1/mailings/${mailing}/recipients?fileName=send-log.csv`, Buffer.from(csv), { headers: { 'content-type': 'text/csv' } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await createJobWorker({ database: t.database, kinds: [mailingUploadJob], log: pino({ level: 'silent' }) }).runDue();
    const done = (await manager.get(`/api/v1/mailings/${mailing}/uploads/${res.body.id}`)).body;
    const strangers = rows / 1000;
    expect(done).toMatchObject({ status: 'done', totalRows: rows, processedRows: rows, logged: customers, already: rows - strangers - customers, problemRows: strangers });
    const logged = await t.database.db.selectFrom('interactions').select(['customerId', 'channel', 'occurredAt']).where('mailingId', '=', mailing).execute();
    expect(logged).toHaveLength(customers);
    expect(new Set(logged.map((r) => r.customerId))).toEqual(new Set(ids));
    expect(logged.every((r) => r.channel === 'newsletter' && r.occurredAt === '2026-10-01T12:00:00.000Z')).toBe(true);
    const problems = (await manager.get(`/api/v1/mailings/${mailing}/uploads/${res.body.id}/problems?limit=200`)).body.items as { line: number; message: string }[];
    expect(problems).toHaveLength(strangers);
    // Line 1 is the header: row i is on line i + 2.
    expect(problems.map((p) => p.line)).toEqual(Array.from({ length: strangers }, (_, k) => 1000 * k + 999 + 2));
    expect(problems[0]!.message).toBe('No customer has the email stranger999@example.com.');
    expect((await manager.get(`/api/v1/mailings/${mailing}`)).body.recipients).toBe(customers);
  }, 300_000);
});
