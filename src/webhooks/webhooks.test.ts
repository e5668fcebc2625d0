import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobWorker } from '../platform/jobs/job-worker.js';
import { tokenClient } from '../test/bearer.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { startReceiver, type Receiver } from '../test/webhook-receiver.js';
import { webhookDeliverJob } from './webhook-delivery-job.js';

/**
 * The webhook API, for admins: subscriptions made, changed, paused and deleted (the secret shown
 * once), a ping to check a receiver, the delivery log paged and filtered, one delivery with its body
 * and attempts, a replay. Bad input names the field; nobody but an admin gets in, and subscriptions
 * are changed by a person signed in, never with an API token.
 */

let t: TestApp;
let admin: Client;
let manager: Client;
let clerk: Client;
let receiver: Receiver;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  manager = await t.signIn('manager');
  clerk = await t.signIn('frontline');
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

const runJobs = () => createJobWorker({ database: t.database, kinds: [webhookDeliverJob], log: pino({ level: 'silent' }) }).runDue();
const auditOf = (entityId: string) => t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).orderBy('id').execute();
const receivedFor = (deliveryId: string) => receiver.received.filter((r) => r.headers['x-rapport-delivery'] === deliveryId);
const subscriptionRow = (id: string) => t.database.db.selectFrom('webhookSubscriptions').selectAll().where('id', '=', id).executeTakeFirst();

async function subscribe(over: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/webhooks', { name: 'Accounting sync', url: receiver.url, eventTypes: ['customer.created'], ...over });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string; name: string };
}

describe('webhook subscriptions', () => {
  it('shows the secret once, stores it to sign with, and never lists it or audits it', async () => {
    const res = await admin.post('/api/v1/webhooks', { name: '  Accounting sync ', url: ` ${receiver.url} `, eventTypes: ['case.changed', 'customer.created'] });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.location).toBe(`/api/v1/webhooks/${res.body.id}`);
    expect(res.body).toMatchObject({ name: 'Accounting sync', url: receiver.url, eventTypes: ['customer.created', 'case.changed'], active: true, createdBy: admin.staffId, updatedBy: admin.staffId });
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    const row = await subscriptionRow(res.body.id);
    expect(row).toMatchObject({ name: 'Accounting sync', url: receiver.url, eventTypes: '["customer.created","case.changed"]', secret: res.body.secret, createdBy: admin.staffId });
    expect(Boolean(row!.active)).toBe(true);

    const one = await admin.get(`/api/v1/webhooks/${res.body.id}`);
    expect(Object.keys(one.body).sort()).toEqual(['active', 'createdAt', 'createdBy', 'eventTypes', 'id', 'name', 'updatedAt', 'updatedBy', 'url']);
    const listed = await admin.get('/api/v1/webhooks');
    expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(res.body.id);
    expect(JSON.stringify(listed.body)).not.toContain(res.body.secret);
    expect(JSON.stringify(one.body)).not.toContain(res.body.secret);

    const [audit] = await auditOf(res.body.id);
    expect(audit).toMatchObject({ action: 'create', entityType: 'webhook_subscription', staffId: admin.staffId });
    expect(JSON.parse(audit!.diff!)).toEqual({ after: { name: 'Accounting sync', url: receiver.url, eventTypes: ['customer.created', 'case.changed'], active: true } });
    expect(audit!.diff).not.toContain(res.body.secret);
  });

  it('refuses a bad address, no events, a repeated or unknown event and a blank name, naming the field', async () => {
    const base = { name: 'Sync', url: receiver.url, eventTypes: ['customer.created'] };
    const cases: [Record<string, unknown>, number, string, RegExp][] = [
      [{ url: 'ftp://files.example.com/in' }, 422, '/body/url', /https:\/\/ or http:\/\/ \(not ftp\)/],
      [{ url: 'https://sync:hunter2@example.com/hook' }, 422, '/body/url', /user name or password/],
      [{ url: 'example.com/hook' }, 422, '/body/url', /not a web address/],
      [{ url: 'https://example.com/hook#part' }, 422, '/body/url', /fragment/],
      [{ url: '   ' }, 422, '/body/url', /give the address/],
      [{ eventTypes: [] }, 422, '/body/eventTypes', /at least one/],
      [{ eventTypes: ['case.changed', 'case.changed'] }, 422, '/body/eventTypes/1', /twice/],
      [{ name: '   ' }, 422, '/body/name', /blank/],
      [{ eventTypes: ['customer.deleted'] }, 400, '/body/eventTypes/0', /./],
      [{ url: 5 }, 400, '/body/url', /./],
    ];
    const before = await t.database.db.selectFrom('webhookSubscriptions').select('id').execute();
    for (const [over, status, path, message] of cases) {
      const res = await admin.post('/api/v1/webhooks', { ...base, ...over });
      expect(res.status, JSON.stringify(over)).toBe(status);
      const error = res.body.errors.find((e: { path: string }) => e.path === path);
      expect(error, `${JSON.stringify(over)}: ${JSON.stringify(res.body.errors)}`).toBeDefined();
      expect(error.message).toMatch(message);
    }
    const missing = await admin.post('/api/v1/webhooks', { name: 'Sync', eventTypes: ['customer.created'] });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.errors)).toContain('url');
    expect(await t.database.db.selectFrom('webhookSubscriptions').select('id').execute()).toEqual(before);
  });

  it('changes the address, the events and the name, pauses and resumes, each audited', async () => {
    const { id, secret } = await subscribe({ name: 'CRM mirror' });
    const res = await admin.patch(`/api/v1/webhooks/${id}`, { url: `${receiver.url}?v=2`, eventTypes: ['promise.changed', 'interaction.logged'], active: false });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ url: `${receiver.url}?v=2`, eventTypes: ['interaction.logged', 'promise.changed'], active: false, name: 'CRM mirror' });
    const row = await subscriptionRow(id);
    expect(row).toMatchObject({ url: `${receiver.url}?v=2`, eventTypes: '["interaction.logged","promise.changed"]', secret, updatedBy: admin.staffId });
    expect(Boolean(row!.active)).toBe(false);
    const audits = await auditOf(id);
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audits[1]!.diff!)).toEqual({
      before: { url: receiver.url, eventTypes: ['customer.created'], active: true },
      after: { url: `${receiver.url}?v=2`, eventTypes: ['interaction.logged', 'promise.changed'], active: false },
    });

    expect((await admin.patch(`/api/v1/webhooks/${id}`, { active: true })).body.active).toBe(true);
    const bad = await admin.patch(`/api/v1/webhooks/${id}`, { url: 'mailto:ops@example.com' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: '/body/url', message: expect.stringContaining('not mailto') }]);
    expect((await admin.patch(`/api/v1/webhooks/${id}`, { eventTypes: [] })).status).toBe(422);
    expect((await subscriptionRow(id))!.url).toBe(`${receiver.url}?v=2`);
    expect((await admin.patch('/api/v1/webhooks/019a0000-0000-7000-8000-000000000000', { active: false })).status).toBe(404);
  });

  it('deletes a subscription with its log, audited', async () => {
    const { id } = await subscribe();
    const ping = (await admin.post(`/api/v1/webhooks/${id}/test`)).body.id;
    expect((await admin.delete(`/api/v1/webhooks/${id}`)).status).toBe(204);
    expect(await subscriptionRow(id)).toBeUndefined();
    expect(await t.database.db.selectFrom('webhookDeliveries').select('id').where('id', '=', ping).execute()).toEqual([]);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['create', 'delete']);
    // Its waiting job finds nothing to send.
    await runJobs();
    expect(receivedFor(ping)).toEqual([]);
    expect((await admin.get(`/api/v1/webhooks/${id}`)).status).toBe(404);
    expect((await admin.delete(`/api/v1/webhooks/${id}`)).status).toBe(404);
  });

  it('lets only admins in, and changes subscriptions only for a person signed in', async () => {
    const { id } = await subscribe();
    const delivery = (await admin.post(`/api/v1/webhooks/${id}/test`)).body.id;
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/webhooks'],
      ['POST', '/api/v1/webhooks', { name: 'x', url: receiver.url, eventTypes: ['customer.created'] }],
      ['GET', `/api/v1/webhooks/${id}`],
      ['PATCH', `/api/v1/webhooks/${id}`, { active: false }],
      ['DELETE', `/api/v1/webhooks/${id}`],
      ['POST', `/api/v1/webhooks/${id}/test`, {}],
      ['GET', `/api/v1/webhooks/${id}/deliveries`],
      ['GET', `/api/v1/webhook-deliveries/${delivery}`],
      ['POST', `/api/v1/webhook-deliveries/${delivery}/replay`, {}],
    ];
    for (const [method, url, body] of calls) {
      for (const client of [manager, clerk]) expect((await client.request(method as 'GET', url, body)).status, `${client.role} ${method} ${url}`).toBe(403);
      expect((await t.anonymous.request(method as 'GET', url, body)).status, `anonymous ${method} ${url}`).toBe(401);
    }
    const token = await tokenClient(t, admin, 'read_write');
    expect((await token.get('/api/v1/webhooks')).status).toBe(200);
    expect((await token.get(`/api/v1/webhooks/${id}/deliveries`)).status).toBe(200);
    for (const [method, url, body] of calls.filter(([m, u]) => m !== 'GET' && !u.includes('/test') && !u.includes('/replay'))) {
      const res = await token.request(method as 'POST', url, body);
      expect(res.status, `token ${method} ${url}`).toBe(403);
      expect(res.body.detail).toMatch(/person signed in/);
    }
    expect(Boolean((await subscriptionRow(id))!.active)).toBe(true);
  });
});

describe('the delivery log', () => {
  it('sends a signed ping, and shows the delivery with its exact body and attempt', async () => {
    const { id, secret } = await subscribe({ name: 'Ping target' });
    receiver.secret = secret;
    const res = await admin.post(`/api/v1/webhooks/${id}/test`);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ subscriptionId: id, eventType: 'ping', status: 'pending', attempts: 0, customerId: null, lastStatusCode: null });
    await runJobs();
    const got = receivedFor(res.body.id);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ method: 'POST', path: '/rapport-webhooks', verified: true, status: 204 });
    expect(got[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'x-rapport-event': 'ping', 'x-rapport-delivery': res.body.id });
    expect(got[0]!.event).toEqual({ id: res.body.eventId, type: 'ping', occurredAt: res.body.createdAt, data: { subscriptionId: id, message: 'A test delivery from Rapport.' } });

    const detail = await admin.get(`/api/v1/webhook-deliveries/${res.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, lastError: null, nextAttemptAt: null, deliveredAt: expect.any(String) });
    expect(detail.body.payload).toBe(got[0]!.body);
    expect(detail.body.attemptLog).toEqual([{ attempt: 1, at: detail.body.lastAttemptAt, statusCode: 204, error: null, durationMs: expect.any(Number) }]);
    const [audit] = await auditOf(res.body.id);
    expect(audit).toMatchObject({ action: 'create', entityType: 'webhook_delivery', staffId: admin.staffId });
  });

  it('pages newest first, filters by status, and refuses a bad cursor or status', async () => {
    const { id, secret } = await subscribe({ name: 'Paged' });
    receiver.secret = secret;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await admin.post(`/api/v1/webhooks/${id}/test`)).body.id);
    receiver.answerNext(204, 204, 500);
    await runJobs();
    const first = await admin.get(`/api/v1/webhooks/${id}/deliveries?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((d: { id: string }) => d.id)).toEqual([ids[2], ids[1]]);
    const second = await admin.get(`/api/v1/webhooks/${id}/deliveries?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    const pending = await admin.get(`/api/v1/webhooks/${id}/deliveries?status=pending`);
    expect(pending.body.items).toEqual([expect.objectContaining({ id: ids[2], status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'answered HTTP 500', nextAttemptAt: expect.any(String) })]);
    expect((await admin.get(`/api/v1/webhooks/${id}/deliveries?status=delivered`)).body.items.map((d: { id: string }) => d.id)).toEqual([ids[1], ids[0]]);

    const badCursor = await admin.get(`/api/v1/webhooks/${id}/deliveries?cursor=nonsense`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].path).toBe('/query/cursor');
    const badStatus = await admin.get(`/api/v1/webhooks/${id}/deliveries?status=lost`);
    expect(badStatus.status).toBe(400);
    expect(JSON.stringify(badStatus.body.errors)).toContain('/query/status');
    expect((await admin.get('/api/v1/webhooks/019a0000-0000-7000-8000-000000000000/deliveries')).status).toBe(404);
    expect((await admin.get('/api/v1/webhook-deliveries/019a0000-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('replays a delivered one with the same event id as a new attempt, and refuses while one is waiting or the subscription is paused', async () => {
    const { id, secret } = await subscribe({ name: 'Replayed' });
    receiver.secret = secret;
    const delivery = (await admin.post(`/api/v1/webhooks/${id}/test`)).body;
    const waiting = await admin.post(`/api/v1/webhook-deliveries/${delivery.id}/replay`);
    expect(waiting.status).toBe(409);
    await runJobs();

    const replay = await admin.post(`/api/v1/webhook-deliveries/${delivery.id}/replay`);
    expect(replay.status, JSON.stringify(replay.body)).toBe(202);
    expect(replay.body).toMatchObject({ id: delivery.id, status: 'pending', attempts: 1 });
    await runJobs();
    const [, again] = receivedFor(delivery.id);
    expect(again).toMatchObject({ verified: true, status: 204 });
    expect(again!.headers['x-rapport-delivery']).toBe(delivery.id);
    expect(again!.event!.id).toBe(delivery.eventId);
    const detail = (await admin.get(`/api/v1/webhook-deliveries/${delivery.id}`)).body;
    expect(detail).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(detail.attemptLog.map((a: { attempt: number; statusCode: number }) => [a.attempt, a.statusCode])).toEqual([
      [1, 204],
      [2, 204],
    ]);
    const audits = await auditOf(delivery.id);
    expect(audits.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audits[1]!.diff!)).toMatchObject({ before: { status: 'delivered' }, after: { status: 'pending', replayOf: delivery.eventId } });

    await admin.patch(`/api/v1/webhooks/${id}`, { active: false });
    const paused = await admin.post(`/api/v1/webhook-deliveries/${delivery.id}/replay`);
    expect(paused.status).toBe(409);
    expect(paused.body.detail).toMatch(/Replayed is paused/);
    expect((await admin.post(`/api/v1/webhooks/${id}/test`)).status).toBe(409);
    expect((await admin.post('/api/v1/webhook-deliveries/019a0000-0000-7000-8000-000000000000/replay')).status).toBe(404);
  });

  it('shows the API in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const path of ['/api/v1/webhooks', '/api/v1/webhooks/{id}', '/api/v1/webhooks/{id}/test', '/api/v1/webhooks/{id}/deliveries', '/api/v1/webhook-deliveries/{id}', '/api/v1/webhook-deliveries/{id}/replay']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/webhooks']!.post!.tags).toEqual(['webhooks']);
  });
});
