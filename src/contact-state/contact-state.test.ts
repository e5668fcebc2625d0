import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type Response, type TestApp } from '../test/app.js';
import { rebuildContactStates } from './contact-state-store.js';
import { ago } from '../brief/brief-words.js';

/**
 * Waiting customers and keeping in touch over HTTP, on the engine the tests run on: the lists and
 * the cadence endpoints with bad input and roles, the state kept right through every write path
 * (log, correct, delete to the trash and restore, erasure, a move to another location), the lookup
 * and the brief reading it, and a rebuild giving the very table live maintenance kept.
 */

let t: TestApp;
let admin: Client;
let clerk: Client;
let manager: Client;
let north: string;
let south: string;
let priya: Client;

const unknownId = '01900000-0000-7000-8000-000000000000';
const daysAgo = (n: number, hour = 10, minute = 0) => {
  const at = new Date(Date.now() - n * 86_400_000);
  at.setUTCHours(hour, minute, 0, 0);
  return at.toISOString();
};
const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000).toISOString();

async function customer(name: string, locationId: string | null = null): Promise<string> {
  const res = await clerk.post('/api/v1/customers', { displayName: name, ...(locationId ? { locationId } : {}) });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function contact(customerId: string, channel: string, direction: 'inbound' | 'outbound', occurredAt: string, summary = `${channel} ${direction}`, by = clerk) {
  const res = await by.post('/api/v1/interactions', { customerId, channel, direction, occurredAt, summary });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Every page of the waiting list (optionally one location), in order. */
async function waitingList(query = '', limit = 2): Promise<{ customerId: string; waitingSince: string; messages: number; channels: string[] }[]> {
  const all = [];
  let cursor: string | null = null;
  do {
    const res: Response = await clerk.get(`/api/v1/waiting?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    all.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
}
const waitingIds = async (query = '') => (await waitingList(query)).map((w) => w.customerId);
const stateOf = (customerId: string) => t.database.db.selectFrom('contactStates').selectAll().where('customerId', '=', customerId).executeTakeFirst();

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  north = (await admin.post('/api/v1/locations', { name: 'North Branch' })).body.id;
  south = (await admin.post('/api/v1/locations', { name: 'South Branch' })).body.id;
  clerk = await t.signIn('frontline', { name: 'Clara Clerk', locationIds: [north] });
  priya = await t.signIn('frontline', { name: 'Priya Nair', locationIds: [north] });
  manager = await t.signIn('manager', { name: 'Grace Okafor', locationIds: [north] });
});
afterAll(() => t.close());

describe('waiting for an answer', () => {
  it('shows one person for a voicemail and an email, waiting since the first, until anyone answers on any channel (S7)', async () => {
    const diane = await customer('Diane Foster', north);
    await contact(diane, 'service_call', 'outbound', daysAgo(8), 'Swapped her router');
    const voicemail = daysAgo(1, 16, 5);
    await contact(diane, 'voicemail', 'inbound', voicemail, 'Internet drops every evening');
    await contact(diane, 'email', 'inbound', daysAgo(1, 16, 22), 'Same problem, with screenshots');
    const mine = (await waitingList()).filter((w) => w.customerId === diane);
    expect(mine).toEqual([expect.objectContaining({ waitingSince: voicemail, messages: 2, channels: ['voicemail', 'email'] })]);
    const page = await clerk.get(`/api/v1/waiting?locationId=${north}`);
    expect(page.body.items.find((w: { customerId: string }) => w.customerId === diane)).toMatchObject({
      displayName: 'Diane Foster',
      locationId: north,
      locationName: 'North Branch',
      firstSummary: 'Internet drops every evening',
      lastContactStaffName: 'Clara Clerk',
    });

    // The lookup marks her, and the brief says so from the same state.
    const found = await clerk.get('/api/v1/search?q=diane%20foster');
    expect(found.body.items[0]).toMatchObject({ id: diane, waitingSince: voicemail });
    const owed = (await clerk.get(`/api/v1/customers/${diane}/brief`)).body.sections.find((s: { key: string }) => s.key === 'owed');
    // "yesterday", or "8 hours ago" just after midnight: the brief's own words for that moment.
    expect(owed).toMatchObject({ attention: true, sentences: [`Waiting for an answer since ${ago(voicemail, new Date())}: a voicemail and an email.`] });

    // A newsletter is no answer; a call back is.
    await contact(diane, 'newsletter', 'outbound', hoursAgo(2), 'Monthly news');
    expect(await waitingIds()).toContain(diane);
    await contact(diane, 'call', 'outbound', hoursAgo(1), 'Called back: booked an engineer');
    expect(await waitingIds()).not.toContain(diane);
    expect((await clerk.get('/api/v1/search?q=diane%20foster')).body.items[0].waitingSince).toBeNull();
  });

  it('lists the longest waiting first, pages without repeats, and filters by location', async () => {
    const a = await customer('Amy Early', north);
    const b = await customer('Ben Later', south);
    const c = await customer('Cat Latest', north);
    await contact(b, 'sms', 'inbound', daysAgo(20));
    await contact(a, 'letter', 'inbound', daysAgo(30));
    await contact(c, 'web_form', 'inbound', daysAgo(10));
    const everyone = await waitingList();
    const order = everyone.map((w) => w.customerId);
    expect(new Set(order).size).toBe(order.length);
    expect(order.filter((id) => [a, b, c].includes(id))).toEqual([a, b, c]);
    expect([...everyone].sort((x, y) => x.waitingSince.localeCompare(y.waitingSince) || x.customerId.localeCompare(y.customerId))).toEqual(everyone);
    expect((await waitingIds(`&locationId=${north}`)).filter((id) => [a, b, c].includes(id))).toEqual([a, c]);
    expect(await waitingIds(`&locationId=${south}`)).toEqual([b]);
  });

  it('follows the customer to another location', async () => {
    const moving = await customer('Mo Ving', north);
    await contact(moving, 'chat', 'inbound', daysAgo(2));
    expect(await waitingIds(`&locationId=${north}`)).toContain(moving);
    expect((await clerk.patch(`/api/v1/customers/${moving}`, { locationId: south })).status).toBe(200);
    expect(await waitingIds(`&locationId=${north}`)).not.toContain(moving);
    expect(await waitingIds(`&locationId=${south}`)).toContain(moving);
    await clerk.patch(`/api/v1/customers/${moving}`, { locationId: null });
    expect((await stateOf(moving))!.locationId).toBeNull();
  });

  it('follows corrections: a reply moved before the message, a message turned into a reply', async () => {
    const id = await customer('Cora Rection');
    const message = await contact(id, 'email', 'inbound', daysAgo(3));
    const reply = await contact(id, 'email', 'outbound', daysAgo(2));
    expect(await waitingIds()).not.toContain(id);
    expect((await clerk.patch(`/api/v1/interactions/${reply}`, { occurredAt: daysAgo(4) })).status).toBe(200);
    expect((await stateOf(id))!.waitingSince).toBe(daysAgo(3));
    expect((await clerk.patch(`/api/v1/interactions/${message}`, { direction: 'outbound' })).status).toBe(200);
    expect((await stateOf(id))!.waitingSince).toBeNull();
    expect((await clerk.patch(`/api/v1/interactions/${message}`, { direction: 'inbound', channel: 'visit' })).status).toBe(200);
    expect((await stateOf(id))!.waitingSince).toBeNull();
  });

  it('follows deleting a reply to the trash and restoring it, and deleting and restoring the customer', async () => {
    const id = await customer('Tess Trash', north);
    await contact(id, 'voicemail', 'inbound', daysAgo(5));
    const reply = await contact(id, 'call', 'outbound', daysAgo(4));
    expect(await waitingIds()).not.toContain(id);
    const receipt = await manager.delete(`/api/v1/interactions/${reply}`);
    expect(receipt.status).toBe(200);
    expect((await stateOf(id))!.waitingSince).toBe(daysAgo(5));
    expect((await manager.post(`/api/v1/trash/${receipt.body.trashId}/restore`)).status).toBe(200);
    expect((await stateOf(id))!.waitingSince).toBeNull();

    await contact(id, 'sms', 'inbound', daysAgo(1));
    expect(await waitingIds()).toContain(id);
    const gone = await admin.delete(`/api/v1/customers/${id}`);
    expect(gone.status).toBe(200);
    expect(await stateOf(id)).toBeUndefined();
    expect(await waitingIds()).not.toContain(id);
    expect((await manager.post(`/api/v1/trash/${gone.body.trashId}/restore`)).status).toBe(200);
    expect((await stateOf(id))!).toMatchObject({ waitingSince: daysAgo(1), locationId: north });
    expect(await waitingIds(`&locationId=${north}`)).toContain(id);
  });

  it('forgets an erased customer', async () => {
    const id = await customer('Erin Erased', north);
    await contact(id, 'email', 'inbound', daysAgo(2));
    await priya.put(`/api/v1/customers/${id}/keep-in-touch`, { everyDays: 30 });
    expect(await waitingIds()).toContain(id);
    expect((await admin.post(`/api/v1/customers/${id}/erase`, { reason: 'Asked to be forgotten' })).status).toBe(200);
    expect(await stateOf(id)).toBeUndefined();
    expect(await waitingIds()).not.toContain(id);
  });

  it('refuses bad input and answers 401 without sign-in', async () => {
    for (const query of ['limit=0', 'limit=201', 'locationId=nope', 'cursor=bad', 'extra=1', `cursor=${Buffer.from('["yesterday","x"]').toString('base64url')}`]) {
      const res = await clerk.get(`/api/v1/waiting?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const unknown = await clerk.get(`/api/v1/waiting?locationId=${unknownId}`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('/query/locationId');
    expect((await t.anonymous.get('/api/v1/waiting')).status).toBe(401);
  });
});

describe('keeping in touch', () => {
  it('sets a cadence and an owner (you by default), audited once, and clears it', async () => {
    const helen = await customer('Helen Park', north);
    await contact(helen, 'meeting', 'outbound', daysAgo(122), 'Quarterly review', priya);
    const set = await clerk.put(`/api/v1/customers/${helen}/keep-in-touch`, { everyDays: 90, ownerId: priya.staffId });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ customerId: helen, everyDays: 90, ownerId: priya.staffId, ownerName: 'Priya Nair', lastContactAt: daysAgo(122), due: true, waitingSince: null });
    expect(set.body.dueAt).toBe(new Date(Date.parse(daysAgo(122)) + 90 * 86_400_000).toISOString());
    expect((await clerk.put(`/api/v1/customers/${helen}/keep-in-touch`, { everyDays: 90, ownerId: priya.staffId })).status).toBe(200);
    const audit = await t.database.db.selectFrom('auditEvents').selectAll().where('entityType', '=', 'keep_in_touch').where('customerId', '=', helen).execute();
    expect(audit.map((a) => [a.action, a.staffId])).toEqual([['create', clerk.staffId]]);
    expect(JSON.parse(audit[0]!.diff!).after).toEqual({ everyDays: 90, ownerId: priya.staffId });

    const mine = await priya.put(`/api/v1/customers/${helen}/keep-in-touch`, { everyDays: 60 });
    expect(mine.body).toMatchObject({ everyDays: 60, ownerId: priya.staffId });
    const nobody = await priya.put(`/api/v1/customers/${helen}/keep-in-touch`, { everyDays: 60, ownerId: null });
    expect(nobody.body).toMatchObject({ ownerId: null, ownerName: null });
    expect((await clerk.get(`/api/v1/customers/${helen}/keep-in-touch`)).body).toEqual(nobody.body);

    const cleared = await clerk.delete(`/api/v1/customers/${helen}/keep-in-touch`);
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ everyDays: null, ownerId: null, dueAt: null, due: false, lastContactAt: daysAgo(122) });
    expect((await clerk.delete(`/api/v1/customers/${helen}/keep-in-touch`)).status).toBe(200);
    const trail = await t.database.db.selectFrom('auditEvents').select('action').where('entityType', '=', 'keep_in_touch').where('customerId', '=', helen).orderBy('at').orderBy('id').execute();
    expect(trail.map((a) => a.action)).toEqual(['create', 'update', 'update', 'delete']);
    const history = await clerk.get(`/api/v1/customers/${helen}/history`);
    expect(history.status).toBe(200);
  });

  it("lists the owner's customers past their cadence, and a manager's locations'; any contact or purchase takes them off (S8)", async () => {
    const helen = await customer('Helena Due', north);
    const other = await customer('Otto Southern', south);
    await contact(helen, 'call', 'outbound', daysAgo(122), 'Check-in', priya);
    await contact(other, 'call', 'outbound', daysAgo(200), 'Check-in', priya);
    await priya.put(`/api/v1/customers/${helen}/keep-in-touch`, { everyDays: 90 });
    await priya.put(`/api/v1/customers/${other}/keep-in-touch`, { everyDays: 90, ownerId: null });
    const dueFor = async (client: Client, query = '') => {
      const res = await client.get(`/api/v1/keep-in-touch/due?limit=200${query}`);
      expect(res.status, query).toBe(200);
      return res.body.items as { customerId: string; ownerName: string | null; everyDays: number; lastContactAt: string; dueAt: string }[];
    };
    expect((await dueFor(priya)).find((d) => d.customerId === helen)).toMatchObject({ ownerName: 'Priya Nair', everyDays: 90, lastContactAt: daysAgo(122), locationName: 'North Branch' });
    expect((await dueFor(priya)).map((d) => d.customerId)).not.toContain(other);
    expect((await dueFor(clerk)).map((d) => d.customerId)).not.toContain(helen);
    const team = (await dueFor(manager, '&view=team')).map((d) => d.customerId);
    expect(team).toContain(helen);
    expect(team).not.toContain(other);
    expect((await dueFor(admin, '&view=team')).map((d) => d.customerId)).toEqual(expect.arrayContaining([helen, other]));
    expect((await dueFor(admin, `&view=team&locationId=${south}`)).map((d) => d.customerId)).toEqual([other]);

    // The brief says it to the owner, with attention.
    const owed = (await priya.get(`/api/v1/customers/${helen}/brief`)).body.sections.find((s: { key: string }) => s.key === 'owed');
    expect(owed).toMatchObject({ attention: true });
    expect(owed.sentences).toContain('Last seen 4 months ago; you keep in touch every 3 months, so they are due a contact.');

    // A mailing does not count; a purchase does.
    await contact(helen, 'direct_mail', 'outbound', hoursAgo(3), 'Mailing');
    expect((await dueFor(priya)).map((d) => d.customerId)).toContain(helen);
    const bought = await clerk.post('/api/v1/transactions', { customerId: helen, kind: 'purchase', currency: 'USD', amountMinor: 1200 });
    expect(bought.status).toBe(201);
    expect((await dueFor(priya)).map((d) => d.customerId)).not.toContain(helen);
    // Deleting the purchase to the trash puts her back; a visit takes her off again.
    expect((await manager.delete(`/api/v1/transactions/${bought.body.id}`)).status).toBe(200);
    expect((await dueFor(priya)).map((d) => d.customerId)).toContain(helen);
    await contact(helen, 'visit', 'inbound', hoursAgo(1), 'Came in to say hello');
    expect((await dueFor(priya)).map((d) => d.customerId)).not.toContain(helen);
  });

  it('pages the due list in order', async () => {
    const owner = await t.signIn('frontline', { name: 'Paula Pager' });
    const ids = [];
    for (let i = 0; i < 5; i += 1) {
      const id = await customer(`Page ${i}`);
      await contact(id, 'call', 'outbound', daysAgo(100 + i), 'Hello');
      await owner.put(`/api/v1/customers/${id}/keep-in-touch`, { everyDays: 30 });
      ids.unshift(id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await owner.get(`/api/v1/keep-in-touch/due?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((d: { customerId: string }) => d.customerId));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
  });

  it('refuses bad input, a team view to frontline staff, and another manager\'s location', async () => {
    const id = await customer('Bad Input');
    for (const body of [{}, { everyDays: 0 }, { everyDays: 3651 }, { everyDays: 1.5 }, { everyDays: '90' }, { everyDays: 90, ownerId: 'me' }, { everyDays: 90, extra: 1 }]) {
      const res = await clerk.put(`/api/v1/customers/${id}/keep-in-touch`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const integration = (await admin.post('/api/v1/staff/integrations', { name: 'POS sync', role: 'frontline' })).body.id;
    const disabled = await t.signIn('frontline', { name: 'Gone Away' });
    await admin.patch(`/api/v1/staff/${disabled.staffId}`, { active: false });
    for (const ownerId of [unknownId, integration, disabled.staffId]) {
      const res = await clerk.put(`/api/v1/customers/${id}/keep-in-touch`, { everyDays: 30, ownerId });
      expect(res.status, ownerId).toBe(422);
      expect(res.body.errors[0].path).toBe('/body/ownerId');
    }
    expect((await clerk.get(`/api/v1/customers/${id}/keep-in-touch`)).body.everyDays).toBeNull();
    for (const res of [
      await clerk.get(`/api/v1/customers/${unknownId}/keep-in-touch`),
      await clerk.put(`/api/v1/customers/${unknownId}/keep-in-touch`, { everyDays: 30 }),
      await clerk.delete(`/api/v1/customers/${unknownId}/keep-in-touch`),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await clerk.get('/api/v1/customers/nope/keep-in-touch')).status).toBe(400);
    expect((await clerk.get('/api/v1/keep-in-touch/due?view=team')).status).toBe(403);
    expect((await manager.get(`/api/v1/keep-in-touch/due?view=team&locationId=${south}`)).status).toBe(403);
    expect((await manager.get(`/api/v1/keep-in-touch/due?view=team&locationId=${unknownId}`)).status).toBe(422);
    expect((await clerk.get(`/api/v1/keep-in-touch/due?locationId=${north}`)).status).toBe(422);
    expect((await clerk.get('/api/v1/keep-in-touch/due?view=everyone')).status).toBe(400);
    expect((await clerk.get('/api/v1/keep-in-touch/due?cursor=x')).status).toBe(400);
    expect((await t.anonymous.get('/api/v1/keep-in-touch/due')).status).toBe(401);
    expect((await t.anonymous.put(`/api/v1/customers/${id}/keep-in-touch`, { everyDays: 30 })).status).toBe(401);
    // A read-only API token may read but not set.
    const token = (await admin.post('/api/v1/tokens', { name: 'read', scope: 'read' })).body.secret;
    const headers = { authorization: `Bearer ${token}` };
    expect((await t.anonymous.request('GET', '/api/v1/waiting', undefined, { headers })).status).toBe(200);
    expect((await t.anonymous.request('PUT', `/api/v1/customers/${id}/keep-in-touch`, { everyDays: 30 }, { headers })).status).toBe(403);
  });
});

describe('the stored state', () => {
  it('is the same after a rebuild from the source rows as live maintenance kept it', async () => {
    const db = t.database.db;
    const snapshot = async () => (await db.selectFrom('contactStates').selectAll().orderBy('customerId').execute()).map((r) => ({ ...r, waitingCount: Number(r.waitingCount) }));
    const live = await snapshot();
    expect(live.length).toBeGreaterThan(10);
    expect(live.some((r) => r.waitingSince) && live.some((r) => r.keepDueAt)).toBe(true);
    await db.deleteFrom('contactStates').execute();
    const result = await rebuildContactStates(db, { batch: 7 });
    expect(result.finished).toBe(true);
    expect(await snapshot()).toEqual(live);
    // A row that drifted (written by hand) is put right.
    await db.updateTable('contactStates').set({ waitingSince: null, waitingCount: 0 }).execute();
    await rebuildContactStates(db);
    expect(await snapshot()).toEqual(live);
  });

  it('stays right when messages and answers for one customer arrive at once', async () => {
    const id = await customer('Busy Line');
    const writes = [];
    for (let i = 0; i < 12; i += 1) {
      writes.push(clerk.post('/api/v1/interactions', { customerId: id, channel: i % 3 ? 'email' : 'voicemail', direction: i === 3 || i === 7 ? 'outbound' : 'inbound', occurredAt: daysAgo(20 - i), summary: `message ${i}` }));
    }
    for (const res of await Promise.all(writes)) expect(res.status).toBe(201);
    const live = await stateOf(id);
    await t.database.db.deleteFrom('contactStates').where('customerId', '=', id).execute();
    await t.database.db.transaction().execute(async (trx) => (await import('./contact-state-store.js')).refreshContactState(trx, id));
    expect(await stateOf(id)).toEqual(live);
    expect(live).toMatchObject({ waitingSince: daysAgo(12), waitingCount: 4 });
  });
});
