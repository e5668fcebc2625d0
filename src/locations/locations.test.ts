import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { isKnownTimezone, sameName } from './location-rules.js';

let t: TestApp;
let admin: Client;
let clerk: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  clerk = await t.signIn('frontline');
});
afterAll(() => t.close());

describe('location rules', () => {
  it('knows IANA time zones', () => {
    expect(isKnownTimezone('Europe/London')).toBe(true);
    expect(isKnownTimezone('America/Chicago')).toBe(true);
    expect(isKnownTimezone('Mars/Olympus')).toBe(false);
  });
  it('compares names ignoring case and outer spaces', () => {
    expect(sameName(' North Branch', 'north branch ')).toBe(true);
    expect(sameName('North', 'South')).toBe(false);
  });
});

describe('locations', () => {
  it('are created by admins, with an audit row', async () => {
    const res = await admin.post('/api/v1/locations', { name: ' Harbour Street ', address: '1 Harbour St', timezone: 'Europe/London' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/locations/${res.body.id}`);
    expect(res.body).toMatchObject({ name: 'Harbour Street', address: '1 Harbour St', timezone: 'Europe/London', createdBy: admin.staffId });
    const audit = await t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', res.body.id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entityType: 'location', staffId: admin.staffId })]);
    expect(JSON.parse(audit[0]!.diff!).after).toMatchObject({ name: 'Harbour Street' });
  });

  it('are listed and read by everyone signed in', async () => {
    await admin.post('/api/v1/locations', { name: 'Apple Row' });
    const list = await clerk.get('/api/v1/locations');
    expect(list.status).toBe(200);
    expect(list.body.items.map((l: { name: string }) => l.name)).toEqual(['Apple Row', 'Harbour Street']);
    const one = await clerk.get(`/api/v1/locations/${list.body.items[0].id}`);
    expect(one.body).toMatchObject({ name: 'Apple Row', address: null, timezone: null });
    const page = await clerk.get('/api/v1/locations?limit=1');
    expect(page.body.items).toHaveLength(1);
    const next = await clerk.get(`/api/v1/locations?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].name).toBe('Harbour Street');
    expect(next.body.nextCursor).toBeNull();
  });

  it('are changed by admins only, with before and after audited', async () => {
    const { body } = await admin.post('/api/v1/locations', { name: 'Old Mill', address: 'Mill Lane' });
    expect((await clerk.patch(`/api/v1/locations/${body.id}`, { name: 'New Mill' })).status).toBe(403);
    expect((await clerk.post('/api/v1/locations', { name: 'Sneaky' })).status).toBe(403);
    const res = await admin.patch(`/api/v1/locations/${body.id}`, { name: 'New Mill', address: null, timezone: 'America/New_York' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'New Mill', address: null, timezone: 'America/New_York', updatedBy: admin.staffId });
    const audit = await t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', body.id).where('action', '=', 'update').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.diff!)).toEqual({
      before: { name: 'Old Mill', address: 'Mill Lane', timezone: null },
      after: { name: 'New Mill', address: null, timezone: 'America/New_York' },
    });
  });

  it('refuses bad input', async () => {
    const { body } = await admin.post('/api/v1/locations', { name: 'Quay' });
    expect((await admin.post('/api/v1/locations', {})).status).toBe(400);
    expect((await admin.post('/api/v1/locations', { name: '' })).status).toBe(400);
    expect((await admin.post('/api/v1/locations', { name: '   ' })).status).toBe(422);
    expect((await admin.post('/api/v1/locations', { name: 'X', colour: 'red' })).status).toBe(400);
    const zone = await admin.post('/api/v1/locations', { name: 'Y', timezone: 'Mars/Olympus' });
    expect(zone.status).toBe(422);
    expect(zone.body.errors[0].path).toBe('/body/timezone');
    const clash = await admin.post('/api/v1/locations', { name: 'QUAY' });
    expect(clash.status).toBe(409);
    expect((await admin.patch(`/api/v1/locations/${body.id}`, { name: 'quay' })).status).toBe(200);
    const unchanged = await admin.patch(`/api/v1/locations/${body.id}`, { name: 'quay', address: null });
    expect(unchanged.body.name).toBe('quay');
    const actions = await t.database.db.selectFrom('auditEvents').select('action').where('entityId', '=', body.id).execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'update']);
    expect((await admin.patch(`/api/v1/locations/${body.id}`, { name: 'harbour street' })).status).toBe(409);
    expect((await admin.patch('/api/v1/locations/01900000-0000-7000-8000-000000000000', { name: 'Z' })).status).toBe(404);
    expect((await clerk.get('/api/v1/locations/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await clerk.get('/api/v1/locations/nope')).status).toBe(400);
  });
});
