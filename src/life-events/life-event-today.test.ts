import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * Today's "News worth acknowledging", over HTTP on real data: whose news each staff member sees,
 * the privacy rule and tact, and "Noted" taking an item off for good.
 */

let t: TestApp;
let admin: Client;
let recorder: Client; // a colleague at North who hears the news
let clerk: Client; // frontline at North
let southClerk: Client;
let northManager: Client;
let allManager: Client; // a manager with no locations
let north: string;
let south: string;
let maggie: string;
let sam: string;
let jim: string;
const missing = '01900000-0000-7000-8000-000000000000';

const day = (daysAgo: number) => {
  const d = new Date(Date.now() - daysAgo * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

interface Item {
  id: string;
  customerId: string;
  customerName: string;
  title: string;
  detail: string | null;
  at: string;
  attention: boolean;
  action: { label: string; method: string; path: string } | null;
}

async function news(client: Client): Promise<Item[]> {
  const res = await client.get('/api/v1/today');
  expect(res.status).toBe(200);
  const section = res.body.sections.find((s: { key: string }) => s.key === 'life_events');
  expect(section.status).toBe('ok');
  return section.items;
}
const ids = async (client: Client) => (await news(client)).map((i) => i.id);

async function record(client: Client, body: Record<string, unknown>): Promise<string> {
  const res = await client.post('/api/v1/life-events', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  north = (await admin.post('/api/v1/locations', { name: 'North branch' })).body.id;
  south = (await admin.post('/api/v1/locations', { name: 'South branch' })).body.id;
  recorder = await t.signIn('frontline', { locationIds: [north], name: 'Tom Becker' });
  clerk = await t.signIn('frontline', { locationIds: [north], name: 'Priya Nair' });
  southClerk = await t.signIn('frontline', { locationIds: [south] });
  northManager = await t.signIn('manager', { locationIds: [north] });
  allManager = await t.signIn('manager');
  maggie = (await admin.post('/api/v1/customers', { displayName: 'Maggie Chen', locationId: north })).body.id;
  sam = (await admin.post('/api/v1/customers', { displayName: 'Sam Ortiz', locationId: south })).body.id;
  jim = (await admin.post('/api/v1/customers', { displayName: 'Jim Alvarez' })).body.id;
});
afterAll(() => t.close());

describe('news worth acknowledging', () => {
  it('suggests a colleague’s recent news of a customer as a human action, with one action', async () => {
    const id = await record(recorder, { customerId: maggie, kind: 'school_start', title: 'Her son Daniel started college', date: day(2) });
    const [item] = (await news(clerk)).filter((i) => i.id === id);
    expect(item).toEqual({
      id,
      customerId: maggie,
      customerName: 'Maggie Chen',
      title: 'Maggie Chen’s son Daniel started college',
      detail: 'Ask how it is going and how they are settling in. They told Tom Becker.',
      at: expect.stringMatching(/T12:00:00\.000Z$/),
      attention: false,
      action: { label: 'Noted', method: 'POST', path: `/life-events/${id}/acknowledge` },
    });
    // Who heard it first-hand is not told their own news.
    expect(await ids(recorder)).not.toContain(id);
  });

  it('covers the customers of the staff member’s locations and those they dealt with; a manager’s locations, or all', async () => {
    const atNorth = await record(recorder, { customerId: maggie, kind: 'new_job', title: 'Started at the county hospital' });
    const atSouth = await record(southClerk, { customerId: sam, kind: 'moved_home', title: 'Moved to Elm Street' });
    const nowhere = await record(recorder, { customerId: jim, kind: 'retirement', title: 'Retired from the fire service' });

    expect(await ids(clerk)).toEqual(expect.arrayContaining([atNorth]));
    expect(await ids(clerk)).not.toContain(atSouth);
    expect(await ids(clerk)).not.toContain(nowhere);
    expect(await ids(southClerk)).not.toContain(atNorth);
    expect(await ids(northManager)).toEqual(expect.arrayContaining([atNorth]));
    expect(await ids(northManager)).not.toContain(atSouth);
    expect(await ids(allManager)).toEqual(expect.arrayContaining([atNorth, atSouth, nowhere]));

    // Jim belongs to no location: he is the clerk's customer once the clerk has dealt with him.
    expect((await clerk.post('/api/v1/interactions', { customerId: jim, channel: 'visit', direction: 'inbound', summary: 'Bought a ladder' })).status).toBe(201);
    expect(await ids(clerk)).toContain(nowhere);
    expect(await ids(southClerk)).not.toContain(nowhere);

    const res = await northManager.get('/api/v1/today');
    expect(res.body.scope).toEqual({ kind: 'locations', locationIds: [north], description: 'Customers of your location' });
    expect((await allManager.get('/api/v1/today')).body.scope.kind).toBe('all');
    expect((await clerk.get('/api/v1/today')).body.scope).toEqual({ kind: 'mine', locationIds: [north], description: 'Customers of your location and those you have dealt with' });
  });

  it('is tactful: nothing from our records, nothing old, nothing of kind other; grief and illness gently', async () => {
    const records = await record(recorder, { customerId: maggie, kind: 'new_job', title: 'Salary now paid in by the hospital', provenance: 'our_records' });
    const system = await record(recorder, { customerId: maggie, kind: 'moved_home', title: 'New address from the credit bureau', provenance: 'other_system' });
    const other = await record(recorder, { customerId: maggie, kind: 'other', title: 'Took out a car loan' });
    const old = await record(recorder, { customerId: maggie, kind: 'marriage', title: 'Married David', date: { year: 2004, month: 6 } });
    const longAgo = await record(recorder, { customerId: maggie, kind: 'birth', title: 'Daughter was born', date: day(200) });
    const grief = await record(recorder, { customerId: maggie, kind: 'bereavement', title: 'Her father died', date: day(5) });
    const seen = await news(clerk);
    for (const id of [records, system, other, old, longAgo]) expect(seen.map((i) => i.id)).not.toContain(id);
    expect(seen.find((i) => i.id === grief)).toMatchObject({ title: 'Maggie Chen’s father died', detail: 'If the moment is right, offer your condolences gently. They told Tom Becker.' });
  });

  it('keeps to the privacy rule: a private fact only for those who may read it, and never a private illness or bereavement', async () => {
    const baby = await record(recorder, { customerId: maggie, kind: 'birth', title: 'Expecting a baby in spring', sensitivity: 'private' });
    const illness = await record(recorder, { customerId: maggie, kind: 'illness', title: 'Cancer treatment', sensitivity: 'private' });
    expect(await ids(clerk)).not.toContain(baby);
    expect(await ids(southClerk)).not.toContain(baby);
    const managerSees = await news(northManager);
    expect(managerSees.find((i) => i.id === baby)?.title).toBe('Maggie Chen: Expecting a baby in spring [private]');
    for (const client of [clerk, northManager, allManager, admin]) expect(await ids(client)).not.toContain(illness);
    // One may not acknowledge what one may not read.
    expect((await clerk.post(`/api/v1/life-events/${baby}/acknowledge`)).status).toBe(404);

    // The manager's acknowledgement is as private as the event.
    expect((await northManager.post(`/api/v1/life-events/${baby}/acknowledge`)).status).toBe(200);
    const notes = (client: Client) => client.get(`/api/v1/notes?customerId=${maggie}&limit=200`).then((r) => r.body.items.map((n: { body: string }) => n.body));
    expect(await notes(northManager)).toContain('Acknowledged their news: Expecting a baby in spring.');
    expect(await notes(clerk)).not.toContain('Acknowledged their news: Expecting a baby in spring.');
  });
});

describe('Noted', () => {
  it('takes the item off the staff member’s Today for good, and leaves a note on the customer’s timeline', async () => {
    const id = await record(recorder, { customerId: maggie, kind: 'graduation', title: 'Daughter Amy graduated in nursing', date: day(1) });
    expect(await ids(clerk)).toContain(id);
    const [item] = (await news(clerk)).filter((i) => i.id === id);

    const res = await clerk.request(item!.action!.method as 'POST', `/api/v1${item!.action!.path}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ lifeEventId: id, staffId: clerk.staffId, acknowledgedAt: expect.any(String) });
    expect(await ids(clerk)).not.toContain(id);
    // Others still have it to acknowledge themselves.
    expect(await ids(northManager)).toContain(id);

    const timeline = (await clerk.get(`/api/v1/customers/${maggie}/timeline?kinds=note`)).body.items;
    expect(timeline.filter((n: { detail: string | null; title: string }) => `${n.title} ${n.detail}`.includes('Acknowledged their news: Daughter Amy graduated in nursing.'))).toHaveLength(1);
    // The colleague who recorded it reads in the brief that someone has been in touch about it since.
    const brief = (await recorder.get(`/api/v1/customers/${maggie}/brief`)).body;
    expect(brief.sections.find((s: { key: string }) => s.key === 'since').sentences.join(' ')).toContain('Priya Nair added a note');

    // Again: the same answer, no second note.
    const again = await clerk.post(`/api/v1/life-events/${id}/acknowledge`);
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(res.body.acknowledgedAt);
    const after = (await clerk.get(`/api/v1/notes?customerId=${maggie}&limit=200`)).body.items.filter((n: { body: string }) => n.body.includes('Amy graduated'));
    expect(after).toHaveLength(1);

    // It does not come back when the event is changed, nor after it went to the trash and back.
    expect((await recorder.patch(`/api/v1/life-events/${id}`, { title: 'Daughter Amy graduated in nursing, with honours' })).status).toBe(200);
    const trashed = await northManager.delete(`/api/v1/life-events/${id}`);
    expect(trashed.status).toBe(200);
    expect(await ids(northManager)).not.toContain(id);
    expect((await northManager.post(`/api/v1/trash/${trashed.body.trashId}/restore`)).status).toBe(200);
    expect(await ids(northManager)).toContain(id);
    expect(await ids(clerk)).not.toContain(id);
  });

  it('goes with the customer’s data when they are erased', async () => {
    const customer = (await admin.post('/api/v1/customers', { displayName: 'Zeb Quill', locationId: north })).body.id;
    const id = await record(recorder, { customerId: customer, kind: 'moved_home', title: 'Moved to the coast' });
    expect((await clerk.post(`/api/v1/life-events/${id}/acknowledge`)).status).toBe(200);
    const rows = () => t.database.db.selectFrom('lifeEventAcknowledgements').select('staffId').where('customerId', '=', customer).execute();
    expect(await rows()).toEqual([{ staffId: clerk.staffId }]);
    expect((await admin.post(`/api/v1/customers/${customer}/erase`, { reason: 'Asked by letter' })).status).toBe(200);
    expect(await rows()).toEqual([]);
  });

  it('refuses what is not a suggestion, and bad ids', async () => {
    const records = await record(recorder, { customerId: maggie, kind: 'new_job', title: 'Payroll moved to us', provenance: 'our_records' });
    const res = await clerk.post(`/api/v1/life-events/${records}/acknowledge`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: '/params/id', message: expect.stringContaining('not one Rapport suggests') }]);
    expect((await clerk.post(`/api/v1/life-events/${missing}/acknowledge`)).status).toBe(404);
    const bad = await clerk.post('/api/v1/life-events/not-an-id/acknowledge');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await t.anonymous.post(`/api/v1/life-events/${records}/acknowledge`)).status).toBe(401);
    expect(await t.database.db.selectFrom('lifeEventAcknowledgements').select('staffId').where('lifeEventId', '=', records).execute()).toEqual([]);
  });

  it('lists the newest first, at most eight, and counts the rest', async () => {
    const customer = (await admin.post('/api/v1/customers', { displayName: 'Busy Family', locationId: south })).body.id;
    const made: string[] = [];
    for (let i = 0; i < 11; i += 1) made.push(await record(admin, { customerId: customer, kind: 'birth', title: `Grandchild ${i} was born`, date: day(i) }));
    const res = await southClerk.get('/api/v1/today');
    const section = res.body.sections.find((s: { key: string }) => s.key === 'life_events');
    const listed = section.items.filter((i: Item) => i.customerId === customer).map((i: Item) => i.id);
    expect(listed).toEqual(made.slice(0, 8));
    expect(section.more).toBeGreaterThanOrEqual(3);
  });

  it('stops counting after a bounded read, and says the count is a floor', async () => {
    const customer = (await admin.post('/api/v1/customers', { displayName: 'Very Busy Family', locationId: south })).body.id;
    for (let i = 0; i < 30; i += 1) await record(admin, { customerId: customer, kind: 'birth', title: `Great-grandchild ${i} was born`, date: day(i % 10) });
    const section = (await southClerk.get('/api/v1/today')).body.sections.find((s: { key: string }) => s.key === 'life_events');
    expect(section.items).toHaveLength(8);
    expect(section).toMatchObject({ more: 4, moreAtLeast: true });
    // A short list is counted exactly.
    const few = (await clerk.get('/api/v1/today')).body.sections.find((s: { key: string }) => s.key === 'life_events');
    expect(few.moreAtLeast).toBe(false);
  });
});
