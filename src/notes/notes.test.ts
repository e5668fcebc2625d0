import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
let manager: Client;
let customerId: string;
const missing = '01900000-0000-7000-8000-000000000000';

const audits = (entityId: string) =>
  t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).where('entityType', '=', 'note').orderBy('at').orderBy('id').execute();

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline');
  manager = await t.signIn('manager');
  customerId = (await clerk.post('/api/v1/customers', { displayName: 'Helen Park' })).body.id;
});
afterAll(() => t.close());

describe('writing notes', () => {
  it('creates a note with defaults, a location header and an audit row', async () => {
    const res = await clerk.post('/api/v1/notes', { customerId, body: 'Prefers mornings' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/notes/${res.body.id}`);
    expect(res.body).toMatchObject({ customerId, body: 'Prefers mornings', pinned: false, sensitivity: 'normal', createdBy: clerk.staffId });
    const rows = await audits(res.body.id);
    expect(rows).toEqual([expect.objectContaining({ action: 'create', staffId: clerk.staffId, customerId })]);
    expect(JSON.parse(rows[0]!.diff!).after).toMatchObject({ body: 'Prefers mornings', sensitivity: 'normal' });
    expect((await clerk.get(`/api/v1/notes/${res.body.id}`)).body).toEqual(res.body);
  });

  it('keeps non-Latin text, markup, injection strings and spacing exactly as typed', async () => {
    const bodies = ['王小明 prefers tea 🍵', 'Σωκράτης', "Robert'); DROP TABLE notes;--", '<script>alert(1)</script>', '  two\nlines  '];
    for (const body of bodies) {
      const res = await clerk.post('/api/v1/notes', { customerId, body });
      expect(res.status).toBe(201);
      expect((await clerk.get(`/api/v1/notes/${res.body.id}`)).body.body).toBe(body);
    }
  });

  it('names each wrong field with 400', async () => {
    const cases: [unknown, string][] = [
      [{ customerId }, '/body/body'],
      [{ body: 'x' }, '/body/customerId'],
      [{ customerId, body: 5 }, '/body/body'],
      [{ customerId, body: 'x', pinned: 'yes' }, '/body/pinned'],
      [{ customerId, body: 'x', sensitivity: 'secret' }, '/body/sensitivity'],
      [{ customerId, body: 'x', colour: 'red' }, '/body/colour'],
      [{ customerId: 'nope', body: 'x' }, '/body/customerId'],
      [{ customerId, body: 'x'.repeat(20_001) }, '/body/body'],
      [{ customerId, body: '' }, '/body/body'],
    ];
    for (const [body, path] of cases) {
      const res = await clerk.post('/api/v1/notes', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('refuses a blank note and an unknown customer with 422, saving nothing', async () => {
    const blank = await clerk.post('/api/v1/notes', { customerId, body: '  \n ' });
    expect(blank.status).toBe(422);
    expect(blank.body.errors[0].path).toBe('/body/body');
    const unknown = await clerk.post('/api/v1/notes', { customerId: missing, body: 'x' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('/body/customerId');
    expect(await t.database.db.selectFrom('notes').select('id').where('customerId', '=', missing).execute()).toEqual([]);
  });

  it('answers 404 for an unknown note and 400 for a malformed id', async () => {
    expect((await clerk.get(`/api/v1/notes/${missing}`)).status).toBe(404);
    expect((await clerk.patch(`/api/v1/notes/${missing}`, { pinned: true })).status).toBe(404);
    expect((await manager.delete(`/api/v1/notes/${missing}`)).status).toBe(404);
    const malformed = await clerk.get('/api/v1/notes/nope');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('/params/id');
  });
});

describe('changing and deleting notes', () => {
  it('pins, edits and changes sensitivity, auditing only what changed', async () => {
    const { body: note } = await clerk.post('/api/v1/notes', { customerId, body: 'Son off to college' });
    const res = await clerk.patch(`/api/v1/notes/${note.id}`, { pinned: true, body: 'Son started college' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ pinned: true, body: 'Son started college', sensitivity: 'normal', updatedBy: clerk.staffId });
    const update = (await audits(note.id)).find((a) => a.action === 'update')!;
    expect(JSON.parse(update.diff!)).toEqual({ before: { pinned: false, body: 'Son off to college' }, after: { pinned: true, body: 'Son started college' } });
    expect((await clerk.patch(`/api/v1/notes/${note.id}`, { pinned: 'no' })).status).toBe(400);
    expect((await clerk.patch(`/api/v1/notes/${note.id}`, { body: '   ' })).status).toBe(422);
    expect((await clerk.patch(`/api/v1/notes/${note.id}`, { customerId })).status).toBe(400);
  });

  it('lets a manager delete, not frontline staff, and audits without the text', async () => {
    const { body: note } = await clerk.post('/api/v1/notes', { customerId, body: 'Delete me' });
    expect((await clerk.delete(`/api/v1/notes/${note.id}`)).status).toBe(403);
    expect(await manager.delete(`/api/v1/notes/${note.id}`)).toMatchObject({ status: 200, body: { trashId: expect.any(String) } });
    expect((await clerk.get(`/api/v1/notes/${note.id}`)).status).toBe(404);
    expect((await manager.delete(`/api/v1/notes/${note.id}`)).status).toBe(404);
    const deleted = (await audits(note.id)).find((a) => a.action === 'delete')!;
    expect(deleted.staffId).toBe(manager.staffId);
    expect(deleted.diff).not.toContain('Delete me');
  });
});

describe('listing notes', () => {
  it('lists pinned first, then newest, filters by pinned, and pages without repeats or gaps', async () => {
    const { body: c } = await clerk.post('/api/v1/customers', { displayName: 'List Me' });
    const made: { id: string; pinned: boolean }[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await clerk.post('/api/v1/notes', { customerId: c.id, body: `note ${i}`, pinned: i % 3 === 0 });
      made.push({ id: res.body.id, pinned: res.body.pinned });
    }
    const all = await clerk.get(`/api/v1/notes?customerId=${c.id}`);
    expect(all.body.items.map((n: { body: string }) => n.body)).toEqual(['note 6', 'note 3', 'note 0', 'note 5', 'note 4', 'note 2', 'note 1']);
    const pinned = await clerk.get(`/api/v1/notes?customerId=${c.id}&pinned=true`);
    expect(pinned.body.items.map((n: { body: string }) => n.body)).toEqual(['note 6', 'note 3', 'note 0']);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { body: string }[]; nextCursor: string | null } } = await clerk.get(
        `/api/v1/notes?customerId=${c.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((n) => n.body));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.body.items.map((n: { body: string }) => n.body));
  });

  it('needs a known customer, a valid cursor and a boolean pinned', async () => {
    expect((await clerk.get('/api/v1/notes')).status).toBe(400);
    expect((await clerk.get(`/api/v1/notes?customerId=${missing}`)).status).toBe(404);
    expect((await clerk.get(`/api/v1/notes?customerId=${customerId}&cursor=garbage`)).status).toBe(400);
    const pinned = await clerk.get(`/api/v1/notes?customerId=${customerId}&pinned=maybe`);
    expect(pinned.status).toBe(400);
    expect(pinned.body.errors[0].path).toBe('/query/pinned');
    expect((await clerk.get(`/api/v1/notes?customerId=${customerId}&limit=0`)).status).toBe(400);
  });
});
