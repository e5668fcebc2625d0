import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
let manager: Client;
let mother: string;
let son: string;
let daughter: string;
const missing = '01900000-0000-7000-8000-000000000000';

const involvedRows = async (lifeEventId: string) =>
  (await t.database.db.selectFrom('lifeEventCustomers').select('customerId').where('lifeEventId', '=', lifeEventId).execute()).map((r) => r.customerId).sort();
const audits = (entityId: string) =>
  t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).where('entityType', '=', 'life_event').orderBy('at').orderBy('id').execute();
const sorted = (...ids: string[]) => [...ids].sort();

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline');
  manager = await t.signIn('manager');
  mother = (await clerk.post('/api/v1/customers', { displayName: 'Helen Park' })).body.id;
  son = (await clerk.post('/api/v1/customers', { displayName: 'Daniel Park' })).body.id;
  daughter = (await clerk.post('/api/v1/customers', { displayName: 'Mina Park' })).body.id;
});
afterAll(() => t.close());

describe('recording life events', () => {
  it('creates an event involving several customers, stored with the owner, and audits it', async () => {
    const res = await clerk.post('/api/v1/life-events', {
      customerId: mother,
      kind: 'school_start',
      title: '  Son started college ',
      date: { year: 2026, month: 9 },
      involvedCustomerIds: [son, mother, son],
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/life-events/${res.body.id}`);
    expect(res.body).toMatchObject({
      customerId: mother,
      kind: 'school_start',
      title: 'Son started college',
      date: { year: 2026, month: 9, day: null },
      sensitivity: 'normal',
      involvedCustomerIds: [mother, son],
      createdBy: clerk.staffId,
    });
    expect(await involvedRows(res.body.id)).toEqual(sorted(mother, son));
    const [audit] = await audits(res.body.id);
    expect(audit).toMatchObject({ action: 'create', staffId: clerk.staffId, customerId: mother });
    expect(JSON.parse(audit!.diff!).after).toMatchObject({ title: 'Son started college', involvedCustomerIds: [mother, son] });
    expect((await clerk.get(`/api/v1/life-events/${res.body.id}`)).body).toEqual(res.body);
  });

  it('involves the owner alone when no one else is named, and takes an unknown date', async () => {
    const res = await clerk.post('/api/v1/life-events', { customerId: daughter, kind: 'other', title: 'Learning the cello', date: {} });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ date: null, involvedCustomerIds: [daughter] });
    expect(await involvedRows(res.body.id)).toEqual([daughter]);
  });

  it('keeps non-Latin and injection titles exactly', async () => {
    for (const title of ['搬家到上海', 'Γάμος', "x'); DELETE FROM life_events;--", '<b>new job</b>']) {
      const res = await clerk.post('/api/v1/life-events', { customerId: daughter, kind: 'moved_home', title });
      expect(res.status).toBe(201);
      expect((await clerk.get(`/api/v1/life-events/${res.body.id}`)).body.title).toBe(title);
    }
  });

  it('names each wrong field with 400', async () => {
    const base = { customerId: mother, kind: 'birth', title: 'x' };
    const cases: [unknown, string][] = [
      [{ customerId: mother, kind: 'birth' }, '/body/title'],
      [{ customerId: mother, title: 'x' }, '/body/kind'],
      [{ kind: 'birth', title: 'x' }, '/body/customerId'],
      [{ ...base, kind: 'wedding' }, '/body/kind'],
      [{ ...base, title: 7 }, '/body/title'],
      [{ ...base, sensitivity: 'hidden' }, '/body/sensitivity'],
      [{ ...base, date: { month: 13 } }, '/body/date/month'],
      [{ ...base, date: { year: '2020' } }, '/body/date/year'],
      [{ ...base, date: '2020-01-01' }, '/body/date'],
      [{ ...base, involvedCustomerIds: ['nope'] }, '/body/involvedCustomerIds/0'],
      [{ ...base, involvedCustomerIds: son }, '/body/involvedCustomerIds'],
      [{ ...base, title: 'x'.repeat(201) }, '/body/title'],
      [{ ...base, extra: 1 }, '/body/extra'],
    ];
    for (const [body, path] of cases) {
      const res = await clerk.post('/api/v1/life-events', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
    }
  });

  it('refuses impossible dates, blank titles and unknown customers with 422 naming the part', async () => {
    const base = { customerId: mother, kind: 'birth', title: 'x' };
    const cases: [unknown, string][] = [
      [{ ...base, date: { year: 2023, month: 2, day: 29 } }, '/body/date/day'],
      [{ ...base, date: { month: 4, day: 31 } }, '/body/date/day'],
      [{ ...base, date: { year: 2020, day: 3 } }, '/body/date/day'],
      [{ ...base, title: '   ' }, '/body/title'],
      [{ ...base, customerId: missing }, '/body/customerId'],
      [{ ...base, involvedCustomerIds: [son, missing] }, '/body/involvedCustomerIds/1'],
    ];
    for (const [body, path] of cases) {
      const res = await clerk.post('/api/v1/life-events', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors[0].path).toBe(path);
    }
    const leap = await clerk.post('/api/v1/life-events', { ...base, date: { year: 2024, month: 2, day: 29 } });
    expect(leap.status).toBe(201);
  });

  it('answers 404 for unknown events and 400 for malformed ids', async () => {
    expect((await clerk.get(`/api/v1/life-events/${missing}`)).status).toBe(404);
    expect((await clerk.patch(`/api/v1/life-events/${missing}`, { title: 'x' })).status).toBe(404);
    expect((await manager.delete(`/api/v1/life-events/${missing}`)).status).toBe(404);
    expect((await manager.delete('/api/v1/life-events/123')).status).toBe(400);
    const get = await clerk.get('/api/v1/life-events/123');
    expect(get.status).toBe(400);
    expect(get.body.errors[0].path).toBe('/params/id');
  });
});

describe('changing, listing and deleting life events', () => {
  it('patches fields and who is involved, keeping the owner, and audits the change', async () => {
    const { body: e } = await clerk.post('/api/v1/life-events', { customerId: mother, kind: 'new_job', title: 'New job', involvedCustomerIds: [son] });
    const res = await clerk.patch(`/api/v1/life-events/${e.id}`, {
      kind: 'retirement',
      title: 'Retired',
      date: { year: 2025, month: 6, day: 30 },
      involvedCustomerIds: [daughter],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'retirement', title: 'Retired', date: { year: 2025, month: 6, day: 30 }, involvedCustomerIds: [mother, daughter] });
    expect(await involvedRows(e.id)).toEqual(sorted(mother, daughter));
    const update = (await audits(e.id)).find((a) => a.action === 'update')!;
    expect(JSON.parse(update.diff!)).toMatchObject({ before: { title: 'New job', involvedCustomerIds: [mother, son] }, after: { title: 'Retired' } });
    const cleared = await clerk.patch(`/api/v1/life-events/${e.id}`, { date: null, involvedCustomerIds: [] });
    expect(cleared.body).toMatchObject({ date: null, involvedCustomerIds: [mother] });
    const bad = await clerk.patch(`/api/v1/life-events/${e.id}`, { date: { year: 2023, month: 2, day: 29 } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe('/body/date/day');
    expect((await clerk.patch(`/api/v1/life-events/${e.id}`, { customerId: son })).status).toBe(400);
    expect((await clerk.patch(`/api/v1/life-events/${e.id}`, { involvedCustomerIds: [missing] })).status).toBe(422);
    expect(await involvedRows(e.id)).toEqual([mother]);
  });

  it('lists the events a customer is involved in, theirs or a relative’s, newest first, in pages', async () => {
    const { body: c } = await clerk.post('/api/v1/customers', { displayName: 'Lister' });
    const { body: other } = await clerk.post('/api/v1/customers', { displayName: 'Relative' });
    const titles: string[] = [];
    for (let i = 0; i < 5; i++) {
      const owner = i % 2 ? other.id : c.id;
      await clerk.post('/api/v1/life-events', { customerId: owner, kind: 'anniversary', title: `event ${i}`, involvedCustomerIds: [c.id] });
      titles.unshift(`event ${i}`);
    }
    await clerk.post('/api/v1/life-events', { customerId: other.id, kind: 'other', title: 'not involved' });
    const all = await clerk.get(`/api/v1/life-events?customerId=${c.id}`);
    expect(all.body.items.map((e: { title: string }) => e.title)).toEqual(titles);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { title: string }[]; nextCursor: string | null } } = await clerk.get(
        `/api/v1/life-events?customerId=${c.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((e) => e.title));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(titles);
    expect((await clerk.get(`/api/v1/life-events?customerId=${missing}`)).status).toBe(404);
    expect((await clerk.get('/api/v1/life-events')).status).toBe(400);
    expect((await clerk.get(`/api/v1/life-events?customerId=${c.id}&cursor=abc`)).status).toBe(400);
  });

  it('lets a manager delete, not frontline staff; the involvement goes with it', async () => {
    const { body: e } = await clerk.post('/api/v1/life-events', { customerId: mother, kind: 'illness', title: 'Flu', involvedCustomerIds: [son] });
    expect((await clerk.delete(`/api/v1/life-events/${e.id}`)).status).toBe(403);
    expect(await manager.delete(`/api/v1/life-events/${e.id}`)).toMatchObject({ status: 200, body: { trashId: expect.any(String) } });
    expect((await clerk.get(`/api/v1/life-events/${e.id}`)).status).toBe(404);
    expect(await involvedRows(e.id)).toEqual([]);
    const deleted = (await audits(e.id)).find((a) => a.action === 'delete')!;
    expect(deleted).toMatchObject({ staffId: manager.staffId, customerId: mother });
    expect(deleted.diff).not.toContain('Flu');
  });
});
