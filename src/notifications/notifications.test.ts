import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewRow } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { integrationTokenClient, tokenClient } from '../test/bearer.js';
import { projectEndsSource } from '../test/reminder-fixtures.js';
import { insertNewNotifications } from './notification-store.js';
import { notifyDueReminders } from './reminder-scan.js';

/** The notifications API: one's own only, newest first, the unread count, marking read; and what erasure and the trash do to them. */

let t: TestApp;
let frontline: Client;
let manager: Client;
let admin: Client;
const unknownId = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  t = await testApp();
  [frontline, manager, admin] = [await t.signIn('frontline'), await t.signIn('manager'), await t.signIn('admin')];
});
afterAll(() => t.close());

let counter = 0;
/** Notifications for a staff member, one second apart, the last the newest. */
async function notify(staffId: string, count: number, customerId: string | null = null): Promise<string[]> {
  const base = Date.parse('2026-03-01T09:00:00.000Z') + counter * 1000;
  const rows: NewRow<'notifications'>[] = Array.from({ length: count }, (_, i) => ({
    id: newId(),
    key: `api-test:${counter}:${i}`,
    kind: 'test.api',
    staffId,
    customerId,
    title: `Reminder ${counter}.${i}`,
    body: 'Call them back.',
    link: customerId ? `/customers/${customerId}` : '/',
    createdAt: new Date(base + i * 1000).toISOString(),
  }));
  counter += count;
  await insertNewNotifications(t.database.db, rows);
  return rows.map((r) => r.id);
}

describe('GET /notifications', () => {
  it("lists only the caller's own, newest first, with the unread count, a page at a time", async () => {
    const mine = await notify(frontline.staffId, 5);
    await notify(manager.staffId, 2);

    const first = await frontline.get('/api/v1/notifications?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.unread).toBe(5);
    expect(first.body.items.map((n: { id: string }) => n.id)).toEqual([mine[4], mine[3]]);
    expect(first.body.items[0]).toEqual({
      id: mine[4],
      kind: 'test.api',
      title: expect.stringMatching(/^Reminder /),
      body: 'Call them back.',
      link: '/',
      customerId: null,
      createdAt: expect.any(String),
      readAt: null,
      emailedAt: null,
    });
    const second = await frontline.get(`/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`);
    const third = await frontline.get(`/api/v1/notifications?limit=2&cursor=${second.body.nextCursor}`);
    expect([...second.body.items, ...third.body.items].map((n: { id: string }) => n.id)).toEqual([mine[2], mine[1], mine[0]]);
    expect(third.body.nextCursor).toBeNull();

    const managers = await manager.get('/api/v1/notifications');
    expect(managers.body.items).toHaveLength(2);
    expect(managers.body.unread).toBe(2);
    expect((await admin.get('/api/v1/notifications')).body).toEqual({ items: [], nextCursor: null, unread: 0 });
  });

  it('refuses bad input', async () => {
    for (const query of ['limit=0', 'limit=201', 'limit=two', 'cursor=not-a-cursor', 'unread=true']) {
      const res = await frontline.get(`/api/v1/notifications?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await frontline.get('/api/v1/notifications?cursor=not-a-cursor')).body.errors[0].path).toBe('/query/cursor');
  });
});

describe('marking read', () => {
  it('marks one of your own read, keeps the first time, and lowers the count', async () => {
    const [older, newer] = await notify(frontline.staffId, 2);
    const unread = (await frontline.get('/api/v1/notifications')).body.unread as number;
    const res = await frontline.post(`/api/v1/notifications/${older}/read`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: older, readAt: expect.any(String) });
    expect((await frontline.get('/api/v1/notifications')).body.unread).toBe(unread - 1);
    const again = await frontline.post(`/api/v1/notifications/${older}/read`);
    expect(again.body.readAt).toBe(res.body.readAt);
    const list = (await frontline.get('/api/v1/notifications?limit=2')).body.items;
    expect(list.map((n: { id: string; readAt: string | null }) => [n.id, n.readAt !== null])).toEqual([
      [newer, false],
      [older, true],
    ]);
  });

  it("cannot reach another's notification, an unknown one, or a malformed id", async () => {
    const [theirs] = await notify(manager.staffId, 1);
    const res = await frontline.post(`/api/v1/notifications/${theirs}/read`);
    expect(res.status).toBe(404);
    expect((await manager.get('/api/v1/notifications')).body.items.find((n: { id: string }) => n.id === theirs).readAt).toBeNull();
    expect((await frontline.post(`/api/v1/notifications/${unknownId}/read`)).status).toBe(404);
    const bad = await frontline.post('/api/v1/notifications/not-an-id/read');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/params/id');
  });

  it('marks all of your own read, and nobody else’s', async () => {
    await notify(manager.staffId, 3);
    const [other] = await notify(admin.staffId, 1);
    const unread = (await manager.get('/api/v1/notifications')).body.unread as number;
    expect(unread).toBeGreaterThanOrEqual(3);
    const res = await manager.post('/api/v1/notifications/read-all');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ marked: unread, unread: 0 });
    expect((await manager.post('/api/v1/notifications/read-all')).body).toEqual({ marked: 0, unread: 0 });
    const admins = (await admin.get('/api/v1/notifications')).body;
    expect(admins.items.find((n: { id: string }) => n.id === other).readAt).toBeNull();
    expect(admins.unread).toBeGreaterThan(0);
  });
});

describe('who may', () => {
  it('answers 401 without credentials', async () => {
    expect((await t.anonymous.get('/api/v1/notifications')).status).toBe(401);
    expect((await t.anonymous.post('/api/v1/notifications/read-all', {})).status).toBe(401);
    expect((await t.anonymous.post(`/api/v1/notifications/${unknownId}/read`, {})).status).toBe(401);
  });

  it("lets an API token read its own account's notifications, and only a read-write token mark them", async () => {
    const read = await tokenClient(t, admin, 'read');
    expect((await read.get('/api/v1/notifications')).status).toBe(200);
    expect((await read.post('/api/v1/notifications/read-all')).status).toBe(403);
    const integration = await integrationTokenClient(t, admin, 'read_write');
    const [id] = await notify(integration.staffId, 1);
    const listed = await integration.get('/api/v1/notifications');
    expect(listed.body.items.map((n: { id: string }) => n.id)).toEqual([id]);
    expect((await integration.post(`/api/v1/notifications/${id}/read`)).status).toBe(200);
  });
});

describe('notifications about a customer who goes', () => {
  const log = pino({ level: 'silent' });

  async function customerWithNotification(name: string): Promise<string> {
    const made = await frontline.post('/api/v1/customers', { displayName: name });
    const customerId = made.body.id as string;
    const project = await frontline.post('/api/v1/projects', { customerId, title: 'Loft conversion', endedOn: '2026-01-01' });
    expect(project.status).toBe(201);
    const result = await notifyDueReminders(t.database.db, [projectEndsSource([frontline.staffId])], { now: new Date(), email: false, log });
    expect(result.notified).toBeGreaterThanOrEqual(1);
    return customerId;
  }

  const rowsAbout = (customerId: string) => t.database.db.selectFrom('notifications').selectAll().where('customerId', '=', customerId).execute();

  it('leave with the customer to the trash (the registry: derived rows are not kept there)', async () => {
    const customerId = await customerWithNotification('Nora Trash');
    expect(await rowsAbout(customerId)).toHaveLength(1);
    expect((await admin.delete(`/api/v1/customers/${customerId}`)).status).toBe(200);
    expect(await rowsAbout(customerId)).toEqual([]);
    const listed = (await frontline.get('/api/v1/notifications?limit=200')).body.items;
    expect(listed.some((n: { customerId: string | null }) => n.customerId === customerId)).toBe(false);
  });

  it('are deleted by erasure, name and all', async () => {
    const customerId = await customerWithNotification('Xavier Erasable');
    expect((await admin.post(`/api/v1/customers/${customerId}/erase`, { reason: 'Asked by letter' })).status).toBe(200);
    expect(await rowsAbout(customerId)).toEqual([]);
    const anywhere = await t.database.db.selectFrom('notifications').select('id').where('title', 'like', '%Xavier%').execute();
    expect(anywhere).toEqual([]);
    // And the scan does not notify about an erased customer again.
    expect((await notifyDueReminders(t.database.db, [projectEndsSource([frontline.staffId])], { now: new Date(), email: false, log })).notified).toBe(0);
  });
});
