import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
let manager: Client;
let customerId: string;
let otherCustomerId: string;
let locationId: string;

const unknownId = '01900000-0000-7000-8000-000000000000';
const base = () => ({ customerId, channel: 'call', direction: 'inbound', summary: 'Asked about the lawnmower repair' });
const auditOf = (entityId: string) =>
  t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).orderBy('at').orderBy('id').execute();
const countInteractions = async () =>
  Number((await t.database.db.selectFrom('interactions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline', { name: 'Clara Clerk' });
  manager = await t.signIn('manager', { name: 'Manny Manager' });
  customerId = (await clerk.post('/api/v1/customers', { displayName: 'Jim Alvarez' })).body.id;
  otherCustomerId = (await clerk.post('/api/v1/customers', { displayName: 'Helen Park' })).body.id;
  locationId = newId();
  const now = nowIso();
  await t.database.db
    .insertInto('locations')
    .values({ id: locationId, name: 'Main Street', address: null, timezone: null, createdAt: now, updatedAt: now, createdBy: null, updatedBy: null })
    .execute();
});
afterAll(() => t.close());

describe('logging an interaction', () => {
  it('records who, when and what, defaulting the staff member to the writer and the time to now', async () => {
    const started = nowIso();
    const res = await clerk.post('/api/v1/interactions', { ...base(), summary: '  Asked about the lawnmower repair  ', mood: 'worried', locationId });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/interactions/${res.body.id}`);
    expect(res.body).toMatchObject({
      customerId,
      channel: 'call',
      direction: 'inbound',
      summary: 'Asked about the lawnmower repair',
      staffId: clerk.staffId,
      staffName: 'Clara Clerk',
      locationId,
      mood: 'worried',
      outcome: null,
      createdBy: clerk.staffId,
      updatedBy: clerk.staffId,
    });
    expect(res.body.occurredAt >= started && res.body.occurredAt <= nowIso()).toBe(true);
    const read = await clerk.get(`/api/v1/interactions/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('normalises the time to UTC and credits another staff member when named', async () => {
    const res = await clerk.post('/api/v1/interactions', {
      ...base(),
      channel: 'visit',
      direction: 'outbound',
      occurredAt: '2024-03-01T10:15:00+02:00',
      staffId: manager.staffId,
      outcome: 'Booked a service',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ occurredAt: '2024-03-01T08:15:00.000Z', staffId: manager.staffId, staffName: 'Manny Manager', createdBy: clerk.staffId, outcome: 'Booked a service' });
  });

  it('accepts every channel and keeps injection strings and non-Latin text exactly as typed', async () => {
    for (const channel of ['call', 'voicemail', 'email', 'visit', 'meeting', 'sms', 'chat', 'letter', 'web_form', 'direct_mail', 'newsletter', 'invoice_sent', 'service_call', 'other']) {
      expect((await clerk.post('/api/v1/interactions', { ...base(), channel })).status, channel).toBe(201);
    }
    for (const summary of ["Robert'); DROP TABLE interactions;--", '<script>alert(1)</script>', '王小明 came by; ça va', '%_\\']) {
      const res = await clerk.post('/api/v1/interactions', { ...base(), summary, outcome: summary });
      expect(res.status).toBe(201);
      const read = await clerk.get(`/api/v1/interactions/${res.body.id}`);
      expect([read.body.summary, read.body.outcome]).toEqual([summary, summary]);
    }
  });

  it('audits the create with the actor', async () => {
    const res = await clerk.post('/api/v1/interactions', base());
    const audit = await auditOf(res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entityType: 'interaction', staffId: clerk.staffId, customerId });
    expect(JSON.parse(audit[0]!.diff!).after).toMatchObject({ summary: 'Asked about the lawnmower repair', channel: 'call' });
  });
});

describe('bad input', () => {
  it('names missing fields and wrong types with 400', async () => {
    const missing = await clerk.post('/api/v1/interactions', {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['/body/customerId', '/body/channel', '/body/direction', '/body/summary']),
    );
    const wrong = await clerk.post('/api/v1/interactions', { ...base(), channel: 'pigeon', direction: 'sideways', mood: 'ecstatic', summary: 42, occurredAt: 'yesterday', extra: 1 });
    expect(wrong.status).toBe(400);
    const paths = wrong.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/body/channel', '/body/direction', '/body/mood', '/body/summary', '/body/occurredAt', '/body/extra']));
    expect(wrong.body.errors.find((e: { path: string }) => e.path === '/body/channel').message).toMatch(/must be one of: call, voicemail, email/);
  });

  it('refuses a blank summary, an overlong one, and impossible dates', async () => {
    const blank = await clerk.post('/api/v1/interactions', { ...base(), summary: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.errors[0].path).toBe('/body/summary');
    expect((await clerk.post('/api/v1/interactions', { ...base(), summary: 'x'.repeat(2001) })).status).toBe(400);
    expect((await clerk.post('/api/v1/interactions', { ...base(), summary: 'x'.repeat(2000) })).status).toBe(201);
    for (const occurredAt of ['2024-04-31T10:00:00Z', '2024-03-01T10:00:00']) {
      expect((await clerk.post('/api/v1/interactions', { ...base(), occurredAt })).status, occurredAt).toBe(400);
    }
    for (const occurredAt of ['2016-12-31T23:59:60Z', '0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z']) {
      const res = await clerk.post('/api/v1/interactions', { ...base(), occurredAt });
      expect(res.status, occurredAt).toBe(422);
      expect(res.body.errors[0].path).toBe('/body/occurredAt');
    }
  });

  it('refuses unknown customers, staff and locations with 422 naming the field, and saves nothing', async () => {
    const before = await countInteractions();
    for (const [field, body] of [
      ['customerId', { ...base(), customerId: unknownId }],
      ['staffId', { ...base(), staffId: unknownId }],
      ['locationId', { ...base(), locationId: unknownId }],
    ] as const) {
      const res = await clerk.post('/api/v1/interactions', body);
      expect(res.status, field).toBe(422);
      expect(res.body.errors[0].path).toBe(`/body/${field}`);
    }
    expect(await countInteractions()).toBe(before);
  });

  it('answers 404 for an unknown id and 400 for a malformed one on every route', async () => {
    for (const res of [
      await clerk.get(`/api/v1/interactions/${unknownId}`),
      await clerk.patch(`/api/v1/interactions/${unknownId}`, { summary: 'x' }),
      await manager.delete(`/api/v1/interactions/${unknownId}`),
    ]) {
      expect(res.status).toBe(404);
    }
    for (const res of [
      await clerk.get('/api/v1/interactions/nope'),
      await clerk.patch('/api/v1/interactions/nope', { summary: 'x' }),
      await manager.delete('/api/v1/interactions/nope'),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('/params/id');
    }
  });

  it('needs a signed-in staff member', async () => {
    expect((await t.anonymous.get('/api/v1/interactions')).status).toBe(401);
    expect((await t.anonymous.post('/api/v1/interactions', base())).status).toBe(401);
  });
});

describe('correcting and deleting', () => {
  it('patches fields, clears optional ones with null, and audits only what changed', async () => {
    const { body } = await clerk.post('/api/v1/interactions', { ...base(), mood: 'angry', outcome: 'Promised a call back', locationId });
    const res = await manager.patch(`/api/v1/interactions/${body.id}`, { summary: ' Called back, all sorted ', mood: 'happy', outcome: null, locationId: null, staffId: manager.staffId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ summary: 'Called back, all sorted', mood: 'happy', outcome: null, locationId: null, staffName: 'Manny Manager', createdBy: clerk.staffId, updatedBy: manager.staffId, customerId });
    const audit = await auditOf(body.id);
    expect(audit.map((a) => [a.action, a.staffId])).toEqual([
      ['create', clerk.staffId],
      ['update', manager.staffId],
    ]);
    const diff = JSON.parse(audit[1]!.diff!);
    expect(diff.before).toMatchObject({ mood: 'angry', summary: 'Asked about the lawnmower repair' });
    expect(diff.after).toMatchObject({ mood: 'happy', summary: 'Called back, all sorted' });
    expect(Object.keys(diff.after)).not.toContain('channel');
  });

  it('will not move an interaction to another customer, nor accept bad patches, and leaves it untouched', async () => {
    const { body } = await clerk.post('/api/v1/interactions', base());
    const move = await clerk.patch(`/api/v1/interactions/${body.id}`, { customerId: otherCustomerId });
    expect(move.status).toBe(400);
    expect(move.body.errors[0]).toEqual({ path: '/body/customerId', message: 'is not a known field' });
    const blank = await clerk.patch(`/api/v1/interactions/${body.id}`, { summary: 'Changed', outcome: 'x', staffId: unknownId });
    expect(blank.status).toBe(422);
    expect(blank.body.errors[0].path).toBe('/body/staffId');
    expect((await clerk.patch(`/api/v1/interactions/${body.id}`, { summary: ' ' })).status).toBe(422);
    expect((await clerk.patch(`/api/v1/interactions/${body.id}`, { locationId: unknownId })).status).toBe(422);
    expect((await clerk.patch(`/api/v1/interactions/${body.id}`, { staffId: null })).status).toBe(400);
    const read = await clerk.get(`/api/v1/interactions/${body.id}`);
    expect(read.body).toEqual(body);
    expect(await auditOf(body.id)).toHaveLength(1);
  });

  it('lets a manager delete but not frontline staff, and audits the delete', async () => {
    const { body } = await clerk.post('/api/v1/interactions', base());
    expect((await clerk.delete(`/api/v1/interactions/${body.id}`)).status).toBe(403);
    expect((await clerk.get(`/api/v1/interactions/${body.id}`)).status).toBe(200);
    expect(await manager.delete(`/api/v1/interactions/${body.id}`)).toMatchObject({ status: 200, body: { trashId: expect.any(String) } });
    expect((await clerk.get(`/api/v1/interactions/${body.id}`)).status).toBe(404);
    const audit = await auditOf(body.id);
    expect(audit.at(-1)).toMatchObject({ action: 'delete', staffId: manager.staffId, customerId });
  });
});

describe('listing', () => {
  it('lists a customer newest first, filters by channel, and pages without repeats or gaps', async () => {
    const { body: customer } = await clerk.post('/api/v1/customers', { displayName: 'Pager Person' });
    const times = ['2024-01-05T09:00:00Z', '2024-01-03T09:00:00Z', '2024-01-04T09:00:00Z', '2024-01-04T09:00:00Z', '2024-01-01T09:00:00Z', '2024-01-02T09:00:00Z', '2024-01-04T09:00:00Z'];
    const ids: string[] = [];
    for (const [i, occurredAt] of times.entries()) {
      const res = await clerk.post('/api/v1/interactions', { ...base(), customerId: customer.id, occurredAt, channel: i % 2 ? 'email' : 'call', summary: `#${i}` });
      ids.push(res.body.id);
    }
    const expected = times
      .map((time, i) => ({ time, id: ids[i]! }))
      .sort((a, b) => b.time.localeCompare(a.time) || b.id.localeCompare(a.id))
      .map((x) => x.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await clerk.get(
        `/api/v1/interactions?customerId=${customer.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
    const emails = await clerk.get(`/api/v1/interactions?customerId=${customer.id}&channel=email`);
    expect(emails.body.items.map((i: { summary: string }) => i.summary).sort()).toEqual(['#1', '#3', '#5']);
    expect(emails.body.items.every((i: { staffName: string }) => i.staffName === 'Clara Clerk')).toBe(true);
    const others = await clerk.get(`/api/v1/interactions?customerId=${otherCustomerId}`);
    expect(others.body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses a bad cursor, channel, customer id or limit with 400', async () => {
    for (const query of ['cursor=garbage', 'channel=pigeon', 'customerId=nope', 'limit=0', 'limit=201', 'limit=x', 'sort=asc']) {
      expect((await clerk.get(`/api/v1/interactions?${query}`)).status, query).toBe(400);
    }
  });
});
