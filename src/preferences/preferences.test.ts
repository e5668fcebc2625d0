import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
let otherClerk: Client;
let manager: Client;
let customerId: string;
const missing = '01900000-0000-7000-8000-000000000000';

const audits = (entityId: string) =>
  t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).where('entityType', '=', 'preference').orderBy('at').orderBy('id').execute();
const greeting = async (id: string, as: Client) =>
  ((await as.get(`/api/v1/customers/${id}/brief`)).body.sections.find((s: { key: string }) => s.key === 'greeting').sentences as string[]).join(' ');

beforeAll(async () => {
  t = await testApp();
  const admin = await t.signIn('admin');
  const branch = (await admin.post('/api/v1/locations', { name: 'Branch' })).body.id as string;
  clerk = await t.signIn('frontline', { locationIds: [branch] });
  otherClerk = await t.signIn('frontline', { locationIds: [branch] });
  manager = await t.signIn('manager', { locationIds: [branch] });
  customerId = (await clerk.post('/api/v1/customers', { displayName: 'Maggie Chen', locationId: branch })).body.id;
});
afterAll(() => t.close());

describe('writing preferences', () => {
  it('records a preference with defaults, a location header and an audit row', async () => {
    const res = await clerk.post('/api/v1/preferences', { customerId, topic: ' Appointments ', preference: 'mornings, never Mondays' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/preferences/${res.body.id}`);
    expect(res.body).toMatchObject({ customerId, topic: 'Appointments', preference: 'mornings, never Mondays', provenance: 'told_us', sensitivity: 'normal', createdBy: clerk.staffId });
    const rows = await audits(res.body.id);
    expect(rows).toEqual([expect.objectContaining({ action: 'create', staffId: clerk.staffId, customerId })]);
    expect(JSON.parse(rows[0]!.diff!).after).toMatchObject({ topic: 'Appointments', preference: 'mornings, never Mondays', provenance: 'told_us' });
    expect((await otherClerk.get(`/api/v1/preferences/${res.body.id}`)).body).toEqual(res.body);
  });

  it('names each wrong field with 400', async () => {
    const cases: [unknown, string][] = [
      [{ customerId }, '/body/preference'],
      [{ preference: 'tea' }, '/body/customerId'],
      [{ customerId, preference: 5 }, '/body/preference'],
      [{ customerId, preference: '' }, '/body/preference'],
      [{ customerId, preference: 'x'.repeat(501) }, '/body/preference'],
      [{ customerId, preference: 'tea', topic: 'x'.repeat(101) }, '/body/topic'],
      [{ customerId, preference: 'tea', provenance: 'gossip' }, '/body/provenance'],
      [{ customerId, preference: 'tea', sensitivity: 'secret' }, '/body/sensitivity'],
      [{ customerId, preference: 'tea', colour: 'red' }, '/body/colour'],
      [{ customerId: 'nope', preference: 'tea' }, '/body/customerId'],
    ];
    for (const [body, path] of cases) {
      const res = await clerk.post('/api/v1/preferences', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('refuses a blank preference, an unknown customer or location with 422, saving nothing', async () => {
    const blank = await clerk.post('/api/v1/preferences', { customerId, preference: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.errors[0].path).toBe('/body/preference');
    const unknown = await clerk.post('/api/v1/preferences', { customerId: missing, preference: 'tea' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('/body/customerId');
    const place = await clerk.post('/api/v1/preferences', { customerId, preference: 'tea', sensitivity: 'private', audienceLocationId: missing });
    expect(place.status).toBe(422);
    expect(place.body.errors[0].path).toBe('/body/audienceLocationId');
    expect(await t.database.db.selectFrom('preferences').select('id').where('preference', '=', 'tea').execute()).toEqual([]);
  });

  it('changes a preference and how we know it, auditing only what changed', async () => {
    const { body: p } = await clerk.post('/api/v1/preferences', { customerId, topic: 'Statements', preference: 'on paper' });
    const res = await otherClerk.patch(`/api/v1/preferences/${p.id}`, { preference: 'on paper, by post', provenance: 'our_records', topic: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ topic: null, preference: 'on paper, by post', provenance: 'our_records', updatedBy: otherClerk.staffId });
    const update = (await audits(p.id)).find((a) => a.action === 'update')!;
    expect(JSON.parse(update.diff!)).toEqual({
      before: { topic: 'Statements', preference: 'on paper', provenance: 'told_us' },
      after: { topic: null, preference: 'on paper, by post', provenance: 'our_records' },
    });
    expect((await clerk.patch(`/api/v1/preferences/${p.id}`, { preference: ' ' })).status).toBe(422);
    expect((await clerk.patch(`/api/v1/preferences/${p.id}`, { provenance: 'rumour' })).status).toBe(400);
    expect((await clerk.patch(`/api/v1/preferences/${p.id}`, { customerId })).status).toBe(400);
    expect((await clerk.patch(`/api/v1/preferences/${missing}`, { preference: 'x' })).status).toBe(404);
  });

  it('lets a manager delete to the trash, not frontline staff, and restore it', async () => {
    const { body: p } = await clerk.post('/api/v1/preferences', { customerId, preference: 'Delete me' });
    expect((await clerk.delete(`/api/v1/preferences/${p.id}`)).status).toBe(403);
    const deleted = await manager.delete(`/api/v1/preferences/${p.id}`);
    expect(deleted).toMatchObject({ status: 200, body: { trashId: expect.any(String), entityType: 'preference', entityId: p.id } });
    expect((await clerk.get(`/api/v1/preferences/${p.id}`)).status).toBe(404);
    expect((await manager.delete(`/api/v1/preferences/${p.id}`)).status).toBe(404);
    const entry = (await manager.get(`/api/v1/trash?customerId=${customerId}`)).body.items.find((e: { id: string }) => e.id === deleted.body.trashId);
    expect(entry.label).toBe('Preference: Delete me');
    expect((await manager.post(`/api/v1/trash/${deleted.body.trashId}/restore`)).status).toBe(200);
    expect((await clerk.get(`/api/v1/preferences/${p.id}`)).body).toEqual(p);
    expect((await clerk.get('/api/v1/preferences/nope')).status).toBe(400);
  });
});

describe('private preferences and the list', () => {
  it('hides a private preference from other frontline staff everywhere, shows it to its author and managers', async () => {
    const { body: c } = await clerk.post('/api/v1/customers', { displayName: 'Private Prefs' });
    const { body: open } = await clerk.post('/api/v1/preferences', { customerId: c.id, topic: 'Coffee', preference: 'black' });
    const { body: hidden } = await clerk.post('/api/v1/preferences', { customerId: c.id, topic: 'Health', preference: 'seated counter, bad knee', sensitivity: 'private' });
    const listed = async (as: Client) => (await as.get(`/api/v1/preferences?customerId=${c.id}`)).body.items.map((p: { id: string }) => p.id);
    expect(await listed(clerk)).toEqual([open.id, hidden.id]);
    expect(await listed(otherClerk)).toEqual([open.id]);
    expect(await listed(await t.signIn('manager'))).toEqual([open.id, hidden.id]);
    expect((await otherClerk.get(`/api/v1/preferences/${hidden.id}`)).status).toBe(404);
    expect((await otherClerk.patch(`/api/v1/preferences/${hidden.id}`, { preference: 'x' })).status).toBe(404);
    expect(await greeting(c.id, otherClerk)).toContain('Prefers — Coffee: black.');
    expect(await greeting(c.id, otherClerk)).not.toContain('knee');
    expect(await greeting(c.id, clerk)).toContain('Health: seated counter, bad knee [private]');
  });

  it('pages in the order they were learnt, without repeats or gaps, and checks the query', async () => {
    const { body: c } = await clerk.post('/api/v1/customers', { displayName: 'Many Prefs' });
    for (let i = 0; i < 5; i++) await clerk.post('/api/v1/preferences', { customerId: c.id, preference: `preference ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { preference: string }[]; nextCursor: string | null } } = await clerk.get(`/api/v1/preferences?customerId=${c.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((p) => p.preference));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['preference 0', 'preference 1', 'preference 2', 'preference 3', 'preference 4']);
    expect((await clerk.get('/api/v1/preferences')).status).toBe(400);
    expect((await clerk.get(`/api/v1/preferences?customerId=${missing}`)).status).toBe(404);
    const bad = await clerk.get(`/api/v1/preferences?customerId=${c.id}&cursor=garbage`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/query/cursor');
  });

  it('says a preference from our records tactfully in the brief', async () => {
    const { body: c } = await clerk.post('/api/v1/customers', { displayName: 'Tactful Prefs' });
    await clerk.post('/api/v1/preferences', { customerId: c.id, topic: 'Appointments', preference: 'mornings, never Mondays' });
    await clerk.post('/api/v1/preferences', { customerId: c.id, topic: 'Branch', preference: 'Millbrook', provenance: 'other_system' });
    expect(await greeting(c.id, clerk)).toContain('Prefers — Appointments: mornings, never Mondays; Branch: Millbrook (from another system, let them mention it).');
  });
});
