import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * Private notes and life events across every read path: the record, the lists and the timeline.
 * A private fact is seen by its author, admins and managers of the home location of the customer
 * it belongs to; to anyone else it does not exist (404, never listed, never counted).
 */

let t: TestApp;
let author: Client;
let viewers: Record<string, { client: Client; sees: boolean }>;
let customer: string;
let son: string;
let privateNote: string;
let privateEvent: string;
let normalNote: string;
let longPrivateNote: string;
const longPrivateBody = 'Arrears detail\nMissed the first and the second payment; plan agreed.';

const ids = (items: { id: string }[]) => items.map((i) => i.id);

async function addLocation(name: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await t.database.db.insertInto('locations').values({ id, name, address: null, timezone: null, createdAt: now, updatedAt: now, createdBy: null, updatedBy: null }).execute();
  return id;
}

beforeAll(async () => {
  t = await testApp();
  const [branch, otherBranch] = [await addLocation('North branch'), await addLocation('South branch')];
  author = await t.signIn('frontline');
  viewers = {
    'the author': { client: author, sees: true },
    'another frontline clerk': { client: await t.signIn('frontline'), sees: false },
    'a manager of the customer location': { client: await t.signIn('manager', { locationIds: [otherBranch, branch] }), sees: true },
    'a manager of another location': { client: await t.signIn('manager', { locationIds: [otherBranch] }), sees: false },
    'an admin': { client: await t.signIn('admin', { locationIds: [otherBranch] }), sees: true },
  };
  customer = (await author.post('/api/v1/customers', { displayName: 'Helen Park' })).body.id;
  son = (await author.post('/api/v1/customers', { displayName: 'Daniel Park' })).body.id;
  expect((await author.patch(`/api/v1/customers/${customer}`, { locationId: branch })).body.locationId).toBe(branch);
  // The son's home is the other branch: the event is the mother's, so her branch decides.
  await author.patch(`/api/v1/customers/${son}`, { locationId: otherBranch });
  normalNote = (await author.post('/api/v1/notes', { customerId: customer, body: 'Son started college' })).body.id;
  privateNote = (await author.post('/api/v1/notes', { customerId: customer, body: 'Loan arrears', sensitivity: 'private' })).body.id;
  longPrivateNote = (await author.post('/api/v1/notes', { customerId: customer, body: longPrivateBody, sensitivity: 'private' })).body.id;
  const event = await author.post('/api/v1/life-events', {
    customerId: customer,
    kind: 'illness',
    title: 'Diagnosis',
    sensitivity: 'private',
    involvedCustomerIds: [son],
  });
  expect(event.status).toBe(201);
  privateEvent = event.body.id;
});
afterAll(() => t.close());

describe('who sees a private note or life event', () => {
  const cases = ['the author', 'another frontline clerk', 'a manager of the customer location', 'a manager of another location', 'an admin'];

  it.each(cases)('%s: the records themselves', async (who) => {
    const { client, sees } = viewers[who]!;
    expect((await client.get(`/api/v1/notes/${privateNote}`)).status).toBe(sees ? 200 : 404);
    expect((await client.get(`/api/v1/life-events/${privateEvent}`)).status).toBe(sees ? 200 : 404);
    expect((await client.get(`/api/v1/notes/${normalNote}`)).status).toBe(200);
  });

  it.each(cases)('%s: the lists, on every involved customer', async (who) => {
    const { client, sees } = viewers[who]!;
    const notes = (await client.get(`/api/v1/notes?customerId=${customer}`)).body.items;
    expect(ids(notes)).toEqual(sees ? [longPrivateNote, privateNote, normalNote] : [normalNote]);
    for (const id of [customer, son]) {
      const events = (await client.get(`/api/v1/life-events?customerId=${id}`)).body.items;
      expect(ids(events)).toEqual(sees ? [privateEvent] : []);
    }
  });

  it.each(cases)('%s: the timeline of each customer involved', async (who) => {
    const { client, sees } = viewers[who]!;
    const mine = ids((await client.get(`/api/v1/customers/${customer}/timeline`)).body.items);
    expect(mine.includes(privateNote)).toBe(sees);
    expect(mine.includes(privateEvent)).toBe(sees);
    expect(mine).toContain(normalNote);
    const sons = ids((await client.get(`/api/v1/customers/${son}/timeline`)).body.items);
    expect(sons).toEqual(sees ? [privateEvent] : []);
  });

  it.each(cases)('%s: the whole text of entries on the timeline', async (who) => {
    const { client, sees } = viewers[who]!;
    const items: { id: string; detail: string | null }[] = (await client.get(`/api/v1/customers/${customer}/timeline`)).body.items;
    expect(items.find((i) => i.id === longPrivateNote)?.detail ?? null).toBe(sees ? longPrivateBody : null);
    expect(JSON.stringify(items).includes('the second payment')).toBe(sees);
  });

  it('a manager with no locations looks after every location', async () => {
    const everywhere = await t.signIn('manager');
    expect((await everywhere.get(`/api/v1/notes/${privateNote}`)).status).toBe(200);
  });
});

describe('what a hidden fact looks like to those who may not see it', () => {
  it('answers exactly as for a fact that does not exist, and changes nothing', async () => {
    const { client: clerk } = viewers['another frontline clerk']!;
    const { client: otherManager } = viewers['a manager of another location']!;
    const missing = '01900000-0000-7000-8000-000000000000';
    const hidden = await clerk.get(`/api/v1/notes/${privateNote}`);
    const absent = await clerk.get(`/api/v1/notes/${missing}`);
    expect({ ...hidden.body, detail: hidden.body.detail.replace(privateNote, 'ID') }).toEqual({ ...absent.body, detail: absent.body.detail.replace(missing, 'ID') });
    const auditsBefore = await t.database.db.selectFrom('auditEvents').select('id').execute();
    expect((await clerk.patch(`/api/v1/notes/${privateNote}`, { sensitivity: 'normal' })).status).toBe(404);
    expect((await clerk.patch(`/api/v1/life-events/${privateEvent}`, { sensitivity: 'normal' })).status).toBe(404);
    expect((await otherManager.delete(`/api/v1/notes/${privateNote}`)).status).toBe(404);
    expect((await otherManager.delete(`/api/v1/life-events/${privateEvent}`)).status).toBe(404);
    expect(await t.database.db.selectFrom('auditEvents').select('id').execute()).toHaveLength(auditsBefore.length);
    const stored = await t.database.db.selectFrom('notes').select('sensitivity').where('id', '=', privateNote).executeTakeFirst();
    expect(stored?.sensitivity).toBe('private');
  });

  it('never shows up in a page size or a next cursor', async () => {
    const { client: clerk } = viewers['another frontline clerk']!;
    const notes = await clerk.get(`/api/v1/notes?customerId=${customer}&limit=1`);
    expect(notes.body).toEqual({ items: [expect.objectContaining({ id: normalNote })], nextCursor: null });
    const events = await clerk.get(`/api/v1/life-events?customerId=${son}&limit=1`);
    expect(events.body).toEqual({ items: [], nextCursor: null });
    const timeline = await clerk.get(`/api/v1/customers/${son}/timeline?limit=1`);
    expect(timeline.body).toEqual({ items: [], nextCursor: null });
  });
});

describe('changing who may see a fact', () => {
  it('lets those who see it share it or hide it again, with an audit row each time', async () => {
    const { client: clerk } = viewers['another frontline clerk']!;
    const { client: manager } = viewers['a manager of the customer location']!;
    const { body: note } = await author.post('/api/v1/notes', { customerId: customer, body: 'Grieving', sensitivity: 'private' });
    expect((await clerk.get(`/api/v1/notes/${note.id}`)).status).toBe(404);
    expect((await manager.patch(`/api/v1/notes/${note.id}`, { sensitivity: 'normal' })).body.sensitivity).toBe('normal');
    expect((await clerk.get(`/api/v1/notes/${note.id}`)).status).toBe(200);
    expect((await author.patch(`/api/v1/notes/${note.id}`, { sensitivity: 'private' })).status).toBe(200);
    expect((await clerk.get(`/api/v1/notes/${note.id}`)).status).toBe(404);
    const { body: event } = await author.post('/api/v1/life-events', { customerId: customer, kind: 'bereavement', title: 'Lost her father', sensitivity: 'private' });
    expect((await author.patch(`/api/v1/life-events/${event.id}`, { sensitivity: 'normal' })).status).toBe(200);
    expect((await clerk.get(`/api/v1/life-events/${event.id}`)).body.sensitivity).toBe('normal');
    const rows = await t.database.db.selectFrom('auditEvents').select(['action', 'staffId', 'diff']).where('entityId', 'in', [note.id, event.id]).orderBy('at').orderBy('id').execute();
    expect(rows.map((r) => [r.action, r.staffId])).toEqual([
      ['create', author.staffId],
      ['update', manager.staffId],
      ['update', author.staffId],
      ['create', author.staffId],
      ['update', author.staffId],
    ]);
    expect(JSON.parse(rows[1]!.diff!)).toEqual({ before: { sensitivity: 'private' }, after: { sensitivity: 'normal' } });
  });
});
