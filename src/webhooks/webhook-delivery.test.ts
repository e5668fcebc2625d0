import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobWorker } from '../platform/jobs/job-worker.js';
import { purgeEntry } from '../trash/trash-commands.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { startReceiver, type Receiver } from '../test/webhook-receiver.js';
import { webhookDeliverJob } from './webhook-delivery-job.js';
import { signatureHeaderValue } from '../platform/http/signature.js';
import { webhookRetryPolicy } from './webhook-rules.js';

/**
 * Sending: retries with back-off from the job queue (the worker's clock moved instead of waiting),
 * giving up after the last attempt, a replay; redirects not followed, a refused connection and a
 * paused subscription; the delivery log kept through the trash and gone with erasure and purge; and
 * the README's receiver, run as written in a process of its own.
 */

let t: TestApp;
let admin: Client;
let manager: Client;
let receiver: Receiver;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  manager = await t.signIn('manager');
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const log = pino({ level: 'silent' });
const runJobs = () => createJobWorker({ database: t.database, kinds: [webhookDeliverJob], log }).runDue();
const deliveryRow = (id: string) => t.database.db.selectFrom('webhookDeliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const attemptRows = (id: string) => t.database.db.selectFrom('webhookDeliveryAttempts').selectAll().where('deliveryId', '=', id).orderBy('attempt').execute();
const jobOf = async (deliveryId: string) =>
  (await t.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'webhooks.deliver').execute()).filter((j) => (JSON.parse(j.payload) as { deliveryId: string }).deliveryId === deliveryId);
const receivedFor = (deliveryId: string, r: Receiver = receiver) => r.received.filter((x) => x.headers['x-rapport-delivery'] === deliveryId);

async function subscribe(name: string, eventTypes: string[], url = receiver.url): Promise<string> {
  const res = await admin.post('/api/v1/webhooks', { name, url, eventTypes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  receiver.secret = res.body.secret;
  return res.body.id;
}

const ping = async (subscriptionId: string): Promise<string> => (await admin.post(`/api/v1/webhooks/${subscriptionId}/test`)).body.id;

describe('retries', () => {
  it('tries again with back-off: 500, 500, then 200 is three attempts, all in the log', async () => {
    const subscription = await subscribe('Flaky', ['customer.created']);
    receiver.answerNext(500, 500, 200);
    const customer = (await admin.post('/api/v1/customers', { givenName: 'Flora', familyName: 'Retry' })).body.id;
    const [delivery] = await t.database.db.selectFrom('webhookDeliveries').select('id').where('subscriptionId', '=', subscription).execute();
    let now = Date.now();
    const worker = createJobWorker({ database: t.database, kinds: [webhookDeliverJob], log, clock: () => now });

    expect(await worker.runDue()).toBe(1);
    const first = await deliveryRow(delivery!.id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'answered HTTP 500', deliveredAt: null, customerId: customer });
    expect(Date.parse(first.nextAttemptAt!) - Date.parse(first.lastAttemptAt!)).toBeGreaterThanOrEqual(webhookRetryPolicy.retryBaseMs - 1000);
    expect((await jobOf(delivery!.id))[0]).toMatchObject({ state: 'pending', attempts: 1 });
    // Not due yet: the queue holds it for 30 s.
    expect(await worker.runDue()).toBe(0);

    now += 31_000;
    expect(await worker.runDue()).toBe(1);
    expect(await deliveryRow(delivery!.id)).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: 500 });
    now += 30_000;
    expect(await worker.runDue()).toBe(0);
    now += 31_000;
    expect(await worker.runDue()).toBe(1);

    expect(await deliveryRow(delivery!.id)).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null, deliveredAt: expect.any(String) });
    expect((await attemptRows(delivery!.id)).map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
      [1, 500, 'answered HTTP 500'],
      [2, 500, 'answered HTTP 500'],
      [3, 200, null],
    ]);
    expect((await jobOf(delivery!.id))[0]).toMatchObject({ state: 'done', attempts: 3 });
    const got = receivedFor(delivery!.id);
    expect(got.map((r) => [r.verified, r.status])).toEqual([
      [true, 500],
      [true, 500],
      [true, 200],
    ]);
    expect(new Set(got.map((r) => r.event!.id)).size).toBe(1);
    const detail = (await admin.get(`/api/v1/webhook-deliveries/${delivery!.id}`)).body;
    expect(detail.attemptLog.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 500, 200]);
    const page = (await admin.get(`/api/v1/webhooks/${subscription}/deliveries`)).body.items;
    expect(page).toEqual([expect.objectContaining({ id: delivery!.id, status: 'delivered', attempts: 3, lastStatusCode: 200 })]);
    await admin.patch(`/api/v1/webhooks/${subscription}`, { active: false });
  });

  it('gives up after the last attempt, and a replay sends it again', async () => {
    const subscription = await subscribe('Down', ['customer.created']);
    receiver.answerAlways(503);
    const delivery = await ping(subscription);
    let now = Date.now();
    const worker = createJobWorker({ database: t.database, kinds: [webhookDeliverJob], log, clock: () => now });
    for (let attempt = 1; attempt <= webhookRetryPolicy.maxAttempts; attempt++) {
      expect(await worker.runDue(), `attempt ${attempt}`).toBe(1);
      now += webhookRetryPolicy.retryMaxMs + 1000;
    }
    expect(await worker.runDue()).toBe(0);
    expect(await deliveryRow(delivery)).toMatchObject({ status: 'failed', attempts: webhookRetryPolicy.maxAttempts, lastStatusCode: 503, nextAttemptAt: null });
    expect((await jobOf(delivery))[0]).toMatchObject({ state: 'failed', attempts: webhookRetryPolicy.maxAttempts });
    expect((await admin.get(`/api/v1/webhooks/${subscription}/deliveries?status=failed`)).body.items.map((d: { id: string }) => d.id)).toEqual([delivery]);

    receiver.answerAlways(null);
    expect((await admin.post(`/api/v1/webhook-deliveries/${delivery}/replay`)).status).toBe(202);
    await runJobs();
    expect(await deliveryRow(delivery)).toMatchObject({ status: 'delivered', attempts: webhookRetryPolicy.maxAttempts + 1, lastStatusCode: 204 });
    expect(receivedFor(delivery).at(-1)).toMatchObject({ verified: true, status: 204 });
    await admin.patch(`/api/v1/webhooks/${subscription}`, { active: false });
  });
});

describe('what is not sent', () => {
  it('follows no redirect: a 3xx is a failed attempt, and the address it names gets nothing', async () => {
    const elsewhere = await startReceiver();
    try {
      const subscription = await subscribe('Moved', ['customer.created']);
      receiver.answerAlways(302, { location: elsewhere.url });
      const delivery = await ping(subscription);
      await runJobs();
      expect(await deliveryRow(delivery)).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 302 });
      expect((await deliveryRow(delivery)).lastError).toBe(`answered 302, a redirect to ${elsewhere.url}: redirects are not followed; give the subscription the final address`);
      expect(elsewhere.received).toEqual([]);
      await admin.patch(`/api/v1/webhooks/${subscription}`, { active: false });
    } finally {
      receiver.answerAlways(null);
      await elsewhere.close();
    }
  });

  it('records a refused connection as a failed attempt', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const subscription = await subscribe('Nobody home', ['customer.created'], `http://127.0.0.1:${port}/hooks`);
    const delivery = await ping(subscription);
    await runJobs();
    const row = await deliveryRow(delivery);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(row.lastError).toMatch(/^could not connect: ECONNREFUSED/);
    await admin.patch(`/api/v1/webhooks/${subscription}`, { active: false });
  });

  it('sends nothing to a subscription paused while its delivery waited', async () => {
    const subscription = await subscribe('Paused later', ['customer.created']);
    const delivery = await ping(subscription);
    await admin.patch(`/api/v1/webhooks/${subscription}`, { active: false });
    await runJobs();
    expect(receivedFor(delivery)).toEqual([]);
    expect(await deliveryRow(delivery)).toMatchObject({ status: 'failed', attempts: 0, lastError: 'Not sent: the subscription is paused. Replay it once the subscription is active again.' });
    expect(await attemptRows(delivery)).toEqual([]);
  });
});

describe('the log holds copies of customer data', () => {
  it('keeps it while the customer is in the trash, and erasure removes every copy of their data', async () => {
    const subscription = await subscribe('Mirror', ['customer.created', 'customer.changed']);
    const id = (await admin.post('/api/v1/customers', { givenName: 'Erin', familyName: 'Erasable', emails: [{ address: 'erin@erasable.example' }] })).body.id;
    await runJobs();
    const copies = () => t.database.db.selectFrom('webhookDeliveries').select(['id', 'eventType', 'payload', 'customerId']).where('originalCustomerId', '=', id).where('subscriptionId', '=', subscription).orderBy('createdAt').orderBy('id').execute();
    expect((await copies()).map((c) => c.eventType)).toEqual(['customer.created']);

    const trashed = await admin.delete(`/api/v1/customers/${id}`);
    expect(trashed.status).toBe(200);
    expect((await copies()).map((c) => c.eventType)).toEqual(['customer.created', 'customer.changed']);
    expect((await manager.post(`/api/v1/trash/${trashed.body.trashId}/restore`)).status).toBe(200);
    await runJobs();
    const kept = await copies();
    expect(kept).toHaveLength(3);
    expect(kept[0]!.payload).toContain('Erasable');

    const erased = await admin.post(`/api/v1/customers/${id}/erase`, { reason: 'Asked to be forgotten' });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    const after = await copies();
    // Only the erasure's own event is left, and it names no one.
    expect(after.map((c) => c.eventType)).toEqual(['customer.changed']);
    expect(JSON.parse(after[0]!.payload).data).toEqual({ action: 'erase', customerId: id, entityType: 'customer', entityId: id });
    const everything = (await t.database.db.selectFrom('webhookDeliveries').select('payload').execute()).map((r) => r.payload).join('\n');
    expect(everything).not.toContain('Erasable');
    expect(everything).not.toContain('erin@erasable.example');
    await runJobs();
    expect(receiver.events().filter((e) => e.data.customerId === id).map((e) => e.data.action)).toEqual(['create', 'delete', 'restore', 'erase']);
    await admin.patch(`/api/v1/webhooks/${subscription}`, { active: false });
  });

  it('is deleted when the customer is purged from the trash', async () => {
    const subscription = await subscribe('Purge mirror', ['customer.created', 'customer.changed']);
    const id = (await admin.post('/api/v1/customers', { givenName: 'Pam', familyName: 'Purged' })).body.id;
    const trashId = (await admin.delete(`/api/v1/customers/${id}`)).body.trashId;
    const ofCustomer = () => t.database.db.selectFrom('webhookDeliveries').select('id').where('subscriptionId', '=', subscription).where((eb) => eb.or([eb('customerId', '=', id), eb('originalCustomerId', '=', id)])).execute();
    expect(await ofCustomer()).toHaveLength(2);
    expect(await t.database.db.transaction().execute((trx) => purgeEntry(trx, trashId))).toBe(true);
    expect(await ofCustomer()).toEqual([]);
    await runJobs();
    expect(receiver.received.filter((r) => r.body.includes('Purged'))).toEqual([]);
    await admin.patch(`/api/v1/webhooks/${subscription}`, { active: false });
  });
});

describe('the README’s receiver', () => {
  const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Webhooks'));
  const script = /```js\n([\s\S]*?)```/.exec(section)?.[1];

  it('runs as written, takes a signed delivery and refuses a forged one', async () => {
    expect(script).toContain('verifyRapportSignature');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-receiver-'));
    let child: ChildProcess | undefined;
    try {
      writeFileSync(path.join(dir, 'rapport-receiver.mjs'), script!);
      const res = await admin.post('/api/v1/webhooks', { name: 'README receiver', url: 'http://127.0.0.1:9/placeholder', eventTypes: ['customer.created'] });
      const secret = res.body.secret as string;
      child = spawn(process.execPath, ['rapport-receiver.mjs'], { cwd: dir, env: { ...process.env, RAPPORT_WEBHOOK_SECRET: secret, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      await expect.poll(() => out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+\//);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)![1]!;
      expect((await admin.patch(`/api/v1/webhooks/${res.body.id}`, { url })).status).toBe(200);

      const customer = (await admin.post('/api/v1/customers', { givenName: 'Rita', familyName: 'Readme' })).body.id;
      await runJobs();
      const [delivery] = await t.database.db.selectFrom('webhookDeliveries').selectAll().where('subscriptionId', '=', res.body.id).execute();
      await expect.poll(() => out).toContain(`customer.created ${delivery!.eventId} customer ${customer}`);
      expect(delivery).toMatchObject({ status: 'delivered', lastStatusCode: 204 });

      const body = delivery!.payload;
      const now = Math.floor(Date.now() / 1000);
      const post = (signature: string, text = body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rapport-signature': signature }, body: text });
      expect((await post(signatureHeaderValue('whsec_not-the-secret', now, body))).status).toBe(400);
      expect((await post(signatureHeaderValue(secret, now, body), body.replace('Rita', 'Rota'))).status).toBe(400);
      expect((await post(signatureHeaderValue(secret, now - 600, body))).status).toBe(400);
      expect((await post('')).status).toBe(400);
      expect((await post(signatureHeaderValue(secret, now, body))).status).toBe(204);
    } finally {
      child?.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
