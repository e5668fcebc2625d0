import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
let manager: Client;
let customerId: string;
const missing = '01900000-0000-7000-8000-000000000000';

const audits = (entityId: string) =>
  t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).where('entityType', '=', 'project').orderBy('at').orderBy('id').execute();

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline');
  manager = await t.signIn('manager');
  customerId = (await clerk.post('/api/v1/customers', { displayName: 'Jim Alvarez' })).body.id;
});
afterAll(() => t.close());

describe('recording projects', () => {
  it('creates a project with defaults and audits it', async () => {
    const res = await clerk.post('/api/v1/projects', { customerId, title: 'Fixing up a two-story house', startedOn: '2019-05-01' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/projects/${res.body.id}`);
    expect(res.body).toMatchObject({ customerId, title: 'Fixing up a two-story house', status: 'active', startedOn: '2019-05-01', endedOn: null, detail: null, createdBy: clerk.staffId });
    const [audit] = await audits(res.body.id);
    expect(audit).toMatchObject({ action: 'create', staffId: clerk.staffId, customerId });
    expect((await clerk.get(`/api/v1/projects/${res.body.id}`)).body).toEqual(res.body);
  });

  it('keeps non-Latin and injection text exactly', async () => {
    const res = await clerk.post('/api/v1/projects', { customerId, title: 'Baño: azulejos 🛁', detail: "'; DROP TABLE projects;--\n<i>grout</i>" });
    expect(res.status).toBe(201);
    const read = await clerk.get(`/api/v1/projects/${res.body.id}`);
    expect(read.body).toMatchObject({ title: 'Baño: azulejos 🛁', detail: "'; DROP TABLE projects;--\n<i>grout</i>" });
  });

  it('names each wrong field with 400, impossible calendar dates included', async () => {
    const cases: [unknown, string][] = [
      [{ customerId }, '/body/title'],
      [{ title: 'x' }, '/body/customerId'],
      [{ customerId, title: 'x', status: 'finished' }, '/body/status'],
      [{ customerId, title: 'x', startedOn: '2023-02-29' }, '/body/startedOn'],
      [{ customerId, title: 'x', endedOn: '2024-13-01' }, '/body/endedOn'],
      [{ customerId, title: 'x', startedOn: 'last spring' }, '/body/startedOn'],
      [{ customerId, title: 'x', detail: 42 }, '/body/detail'],
      [{ customerId, title: 'x', owner: 'me' }, '/body/owner'],
      [{ customerId: 'abc', title: 'x' }, '/body/customerId'],
    ];
    for (const [body, path] of cases) {
      const res = await clerk.post('/api/v1/projects', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
    }
  });

  it('refuses an end before the start, a blank title and an unknown customer with 422', async () => {
    const ended = await clerk.post('/api/v1/projects', { customerId, title: 'x', startedOn: '2024-03-02', endedOn: '2024-03-01' });
    expect(ended.status).toBe(422);
    expect(ended.body.errors[0].path).toBe('/body/endedOn');
    const sameDay = await clerk.post('/api/v1/projects', { customerId, title: 'x', startedOn: '2024-03-02', endedOn: '2024-03-02' });
    expect(sameDay.status).toBe(201);
    expect((await clerk.post('/api/v1/projects', { customerId, title: ' ' })).status).toBe(422);
    const unknown = await clerk.post('/api/v1/projects', { customerId: missing, title: 'x' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('/body/customerId');
  });

  it('answers 404 for unknown projects and 400 for malformed ids', async () => {
    expect((await clerk.get(`/api/v1/projects/${missing}`)).status).toBe(404);
    expect((await clerk.patch(`/api/v1/projects/${missing}`, { status: 'done' })).status).toBe(404);
    expect((await manager.delete(`/api/v1/projects/${missing}`)).status).toBe(404);
    expect((await clerk.get('/api/v1/projects/x')).status).toBe(400);
    expect((await clerk.patch('/api/v1/projects/x', { status: 'done' })).status).toBe(400);
  });
});

describe('changing, listing and deleting projects', () => {
  it('patches status and dates, checks the dates against the stored ones, and audits the change', async () => {
    const { body: p } = await clerk.post('/api/v1/projects', { customerId, title: 'Bathroom tiling', startedOn: '2026-03-01' });
    const done = await clerk.patch(`/api/v1/projects/${p.id}`, { status: 'done', endedOn: '2026-03-20', detail: 'Used the white grout' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', endedOn: '2026-03-20', detail: 'Used the white grout', updatedBy: clerk.staffId });
    const update = (await audits(p.id)).find((a) => a.action === 'update')!;
    expect(JSON.parse(update.diff!)).toEqual({
      before: { status: 'active', endedOn: null, detail: null },
      after: { status: 'done', endedOn: '2026-03-20', detail: 'Used the white grout' },
    });
    const late = await clerk.patch(`/api/v1/projects/${p.id}`, { startedOn: '2026-04-01' });
    expect(late.status).toBe(422);
    expect(late.body.errors[0].path).toBe('/body/startedOn');
    const early = await clerk.patch(`/api/v1/projects/${p.id}`, { endedOn: '2026-02-01' });
    expect(early.body.errors[0].path).toBe('/body/endedOn');
    const cleared = await clerk.patch(`/api/v1/projects/${p.id}`, { startedOn: null, detail: null });
    expect(cleared.body).toMatchObject({ startedOn: null, endedOn: '2026-03-20', detail: null });
    expect((await clerk.patch(`/api/v1/projects/${p.id}`, { status: 'gone' })).status).toBe(400);
    expect((await clerk.patch(`/api/v1/projects/${p.id}`, { title: '' })).status).toBe(400);
  });

  it('lists a customer’s projects newest first, by status, in pages', async () => {
    const { body: c } = await clerk.post('/api/v1/customers', { displayName: 'Project Lister' });
    const statuses = ['active', 'paused', 'done', 'active', 'abandoned', 'active'];
    for (const [i, status] of statuses.entries()) await clerk.post('/api/v1/projects', { customerId: c.id, title: `p${i}`, status });
    const all = await clerk.get(`/api/v1/projects?customerId=${c.id}`);
    expect(all.body.items.map((p: { title: string }) => p.title)).toEqual(['p5', 'p4', 'p3', 'p2', 'p1', 'p0']);
    const active = await clerk.get(`/api/v1/projects?customerId=${c.id}&status=active`);
    expect(active.body.items.map((p: { title: string }) => p.title)).toEqual(['p5', 'p3', 'p0']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { title: string }[]; nextCursor: string | null } } = await clerk.get(
        `/api/v1/projects?customerId=${c.id}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((p) => p.title));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['p5', 'p4', 'p3', 'p2', 'p1', 'p0']);
    expect((await clerk.get(`/api/v1/projects?customerId=${c.id}&status=finished`)).status).toBe(400);
    expect((await clerk.get(`/api/v1/projects?customerId=${missing}`)).status).toBe(404);
    expect((await clerk.get('/api/v1/projects')).status).toBe(400);
  });

  it('lets a manager delete, not frontline staff, and audits it', async () => {
    const { body: p } = await clerk.post('/api/v1/projects', { customerId, title: 'Deck' });
    expect((await clerk.delete(`/api/v1/projects/${p.id}`)).status).toBe(403);
    expect(await manager.delete(`/api/v1/projects/${p.id}`)).toMatchObject({ status: 200, body: { trashId: expect.any(String) } });
    expect((await clerk.get(`/api/v1/projects/${p.id}`)).status).toBe(404);
    expect((await audits(p.id)).map((a) => a.action)).toEqual(['create', 'delete']);
  });
});
