import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAll } from '../cli/export-command.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

/** A location's calendar over HTTP: time zone, weekly opening hours and holidays. */

let t: TestApp;
let admin: Client;
let clerk: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  clerk = await t.signIn('frontline');
});
afterAll(() => t.close());

const closed = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const weekdaysNineToFive = {
  ...closed,
  mon: [{ opens: '09:00', closes: '17:30' }],
  tue: [{ opens: '09:00', closes: '17:30' }],
  wed: [{ opens: '09:00', closes: '17:30' }],
  thu: [{ opens: '09:00', closes: '17:30' }],
  fri: [{ opens: '09:00', closes: '17:30' }],
};
const auditOf = (id: string) => t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', id).orderBy('at').orderBy('id').execute();
let names = 0;
const newLocation = async (extra: Record<string, unknown> = {}) => {
  const res = await admin.post('/api/v1/locations', { name: `Branch ${++names}`, timezone: 'Europe/London', ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
};

describe('a location calendar', () => {
  it('is created with the location and read with it, hours sorted and holidays by date', async () => {
    const res = await admin.post('/api/v1/locations', {
      name: 'Harbour Street',
      timezone: 'Europe/London',
      openingHours: { ...weekdaysNineToFive, sat: [{ opens: '14:00', closes: '16:00' }, { opens: '10:00', closes: '12:30' }] },
      holidays: [
        { date: '2026-12-26', name: 'Boxing Day' },
        { date: '2026-12-25', name: ' Christmas Day ' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.openingHours.sat).toEqual([{ opens: '10:00', closes: '12:30' }, { opens: '14:00', closes: '16:00' }]);
    expect(res.body.openingHours.sun).toEqual([]);
    expect(res.body.holidays).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-26', name: 'Boxing Day' },
    ]);
    const read = await clerk.get(`/api/v1/locations/${res.body.id}`);
    expect(read.body).toEqual(res.body);
    const list = await clerk.get('/api/v1/locations');
    expect(list.body.items.find((l: { id: string }) => l.id === res.body.id)).toEqual(res.body);
    const [created] = await auditOf(res.body.id);
    expect(JSON.parse(created!.diff!).after).toMatchObject({ openingHours: { sat: res.body.openingHours.sat }, holidays: res.body.holidays });
  });

  it('has no hours until they are set (every hour counts), and null clears them', async () => {
    const plain = await admin.post('/api/v1/locations', { name: 'Plain Place' });
    expect(plain.body).toMatchObject({ timezone: null, openingHours: null, holidays: [] });
    const set = await admin.patch(`/api/v1/locations/${plain.body.id}`, { timezone: 'America/Chicago', openingHours: weekdaysNineToFive });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.openingHours).toEqual(weekdaysNineToFive);
    const cleared = await admin.patch(`/api/v1/locations/${plain.body.id}`, { openingHours: null });
    expect(cleared.body.openingHours).toBeNull();
  });

  it('is changed with PATCH in one audited step: only what changed is in the trail', async () => {
    const { id } = await newLocation({ openingHours: weekdaysNineToFive, holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] });
    const saturday = { ...weekdaysNineToFive, sat: [{ opens: '10:00', closes: '13:00' }] };
    const res = await admin.patch(`/api/v1/locations/${id}`, { openingHours: saturday, holidays: [{ date: '2026-12-25', name: 'Christmas Day' }, { date: '2027-01-01', name: "New Year's Day" }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.holidays.map((h: { date: string }) => h.date)).toEqual(['2026-12-25', '2027-01-01']);
    const update = (await auditOf(id)).filter((a) => a.action === 'update');
    expect(update).toHaveLength(1);
    const diff = JSON.parse(update[0]!.diff!);
    expect(Object.keys(diff.after).sort()).toEqual(['holidays', 'openingHours']);
    expect(diff.before.openingHours.sat).toEqual([]);
    expect(diff.after.openingHours.sat).toEqual([{ opens: '10:00', closes: '13:00' }]);
    expect(diff.before.holidays).toHaveLength(1);
    expect(diff.after.holidays).toHaveLength(2);

    // The same calendar again changes nothing and writes no audit row.
    expect((await admin.patch(`/api/v1/locations/${id}`, { openingHours: saturday, holidays: res.body.holidays })).status).toBe(200);
    expect((await auditOf(id)).filter((a) => a.action === 'update')).toHaveLength(1);
    // Removing a holiday.
    const fewer = await admin.patch(`/api/v1/locations/${id}`, { holidays: [{ date: '2027-01-01', name: "New Year's Day" }] });
    expect(fewer.body.holidays).toEqual([{ date: '2027-01-01', name: "New Year's Day" }]);
  });

  it('refuses an overlapping or backwards interval naming it, and saves nothing of that request', async () => {
    const { id, name } = await newLocation({ openingHours: weekdaysNineToFive });
    const overlap = await admin.patch(`/api/v1/locations/${id}`, {
      name: 'Renamed',
      holidays: [{ date: '2026-12-25', name: 'Christmas Day' }],
      openingHours: { ...weekdaysNineToFive, mon: [{ opens: '09:00', closes: '12:00' }, { opens: '11:00', closes: '15:00' }] },
    });
    expect(overlap.status).toBe(422);
    expect(overlap.body.errors).toEqual([{ path: '/body/openingHours/mon/1', message: 'overlaps 09:00–12:00' }]);
    const backwards = await admin.patch(`/api/v1/locations/${id}`, { openingHours: { ...closed, thu: [{ opens: '17:00', closes: '09:00' }] } });
    expect(backwards.body.errors).toEqual([{ path: '/body/openingHours/thu/0/closes', message: 'must be after the opening time 17:00' }]);
    const badTime = await admin.patch(`/api/v1/locations/${id}`, { openingHours: { ...closed, sun: [{ opens: '25:00', closes: '26:00' }] } });
    expect(badTime.status).toBe(422);
    expect(badTime.body.errors.map((e: { path: string }) => e.path)).toEqual(['/body/openingHours/sun/0/opens', '/body/openingHours/sun/0/closes']);

    const after = await admin.get(`/api/v1/locations/${id}`);
    expect(after.body).toMatchObject({ name, openingHours: weekdaysNineToFive, holidays: [] });
    expect((await auditOf(id)).map((a) => a.action)).toEqual(['create']);
  });

  it('reports every broken rule of one request together', async () => {
    const res = await admin.post('/api/v1/locations', {
      name: '   ',
      timezone: 'Mars/Olympus',
      openingHours: { ...closed, fri: [{ opens: '09:00', closes: '09:00' }] },
      holidays: [{ date: '2026-12-25', name: 'A' }, { date: '2026-12-25', name: 'B' }],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['/body/name', '/body/timezone', '/body/openingHours/fri/0/closes', '/body/holidays/1/date']);
  });

  it('needs a valid time zone for hours and holidays', async () => {
    const noZone = await admin.post('/api/v1/locations', { name: 'Zoneless', openingHours: weekdaysNineToFive });
    expect(noZone.status).toBe(422);
    expect(noZone.body.errors).toEqual([{ path: '/body/timezone', message: 'is needed for opening hours and holidays (they are in local time)' }]);
    const holidayOnly = await admin.post('/api/v1/locations', { name: 'Zoneless', holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] });
    expect(holidayOnly.body.errors[0].path).toBe('/body/timezone');

    const { id } = await newLocation({ holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] });
    const clear = await admin.patch(`/api/v1/locations/${id}`, { timezone: null });
    expect(clear.status).toBe(422);
    expect(clear.body.errors[0].path).toBe('/body/timezone');
    const bad = await admin.patch(`/api/v1/locations/${id}`, { timezone: 'Europe/Atlantis' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([{ path: '/body/timezone', message: expect.stringContaining('Europe/Atlantis is not a known IANA time zone') }]);
    // The listed spelling is kept, whatever the case; UTC is a zone too.
    expect((await admin.patch(`/api/v1/locations/${id}`, { timezone: 'asia/tokyo' })).body.timezone).toBe('Asia/Tokyo');
    expect((await admin.patch(`/api/v1/locations/${id}`, { timezone: 'UTC' })).body.timezone).toBe('UTC');
  });

  it('refuses calendars of the wrong shape', async () => {
    const { id } = await newLocation();
    const bodies = [
      { openingHours: { mon: [] } }, // every weekday must be given
      { openingHours: { ...closed, holiday: [] } },
      { openingHours: { ...closed, mon: [{ opens: '09:00' }] } },
      { openingHours: { ...closed, mon: [{ opens: 9, closes: 17 }] } },
      { openingHours: { ...closed, mon: Array.from({ length: 9 }, (_, i) => ({ opens: `0${i}:00`, closes: `0${i}:30` })) } },
      { holidays: [{ date: '25/12/2026', name: 'Christmas' }] },
      { holidays: [{ date: '2026-12-25' }] },
      { holidays: { date: '2026-12-25', name: 'Christmas' } },
    ];
    for (const body of bodies) {
      const res = await admin.patch(`/api/v1/locations/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errors[0].path, JSON.stringify(body)).toMatch(/^\/body\/(openingHours|holidays)/);
    }
    expect((await admin.patch(`/api/v1/locations/${id}`, { holidays: [{ date: '2026-02-30', name: 'Nope' }] })).status).toBe(400);
  });

  it('is changed by admins only', async () => {
    const { id } = await newLocation();
    expect((await clerk.patch(`/api/v1/locations/${id}`, { openingHours: weekdaysNineToFive })).status).toBe(403);
    expect((await clerk.patch(`/api/v1/locations/${id}`, { holidays: [] })).status).toBe(403);
    expect((await (await t.signIn('manager')).patch(`/api/v1/locations/${id}`, { holidays: [] })).status).toBe(403);
  });
});

describe('the holidays of a location', () => {
  it('are listed by date, between two dates, a page at a time, for everyone signed in', async () => {
    const holidays = ['2026-01-01', '2026-04-03', '2026-05-04', '2026-12-25', '2026-12-28', '2027-01-01'].map((date, i) => ({ date, name: `Holiday ${i}` }));
    const { id } = await newLocation({ holidays: [...holidays].reverse() });
    const all = await clerk.get(`/api/v1/locations/${id}/holidays`);
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ items: holidays, nextCursor: null });
    const winter = await clerk.get(`/api/v1/locations/${id}/holidays?from=2026-12-01&to=2026-12-31`);
    expect(winter.body.items.map((h: { date: string }) => h.date)).toEqual(['2026-12-25', '2026-12-28']);
    expect((await clerk.get(`/api/v1/locations/${id}/holidays?from=2026-12-28`)).body.items).toHaveLength(2);
    expect((await clerk.get(`/api/v1/locations/${id}/holidays?to=2026-01-01`)).body.items).toEqual([holidays[0]]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { date: string }[]; nextCursor: string | null } } = await clerk.get(`/api/v1/locations/${id}/holidays?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((h) => h.date));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(holidays.map((h) => h.date));
  });

  it('answer 404 for an unknown location and 400 for bad filters', async () => {
    const { id } = await newLocation();
    expect((await clerk.get(`/api/v1/locations/${id}/holidays`)).body).toEqual({ items: [], nextCursor: null });
    expect((await clerk.get('/api/v1/locations/01900000-0000-7000-8000-000000000000/holidays')).status).toBe(404);
    for (const query of ['?from=tomorrow', '?to=2026-13-01', '?cursor=zz', '?limit=0', '?colour=red']) {
      expect((await clerk.get(`/api/v1/locations/${id}/holidays${query}`)).status, query).toBe(400);
    }
    expect((await t.anonymous.get(`/api/v1/locations/${id}/holidays`)).status).toBe(401);
  });
});

describe('the export', () => {
  it('carries each location with its hours and holidays, as the API shows them', async () => {
    const { id } = await newLocation({ openingHours: weekdaysNineToFive, holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] });
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    await exportAll(t.database.db, out, { pageSize: 3 });
    const lines = chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as { type: string; data: Record<string, unknown> });
    const exported = lines.find((l) => l.type === 'location' && l.data.id === id)!;
    expect(exported.data).toMatchObject({ openingHours: weekdaysNineToFive, holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] });
    expect(lines.filter((l) => l.type === 'location').every((l) => Array.isArray(l.data.holidays))).toBe(true);
  });
});
