import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../platform/ids.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
const missing = '01900000-0000-7000-8000-000000000000';
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 0, day, hour)).toISOString();

interface Item {
  kind: string;
  id: string;
  at: string;
  title: string;
  [field: string]: unknown;
}

const newCustomer = async (displayName: string): Promise<string> => (await clerk.post('/api/v1/customers', { displayName })).body.id;
const authored = (time: string) => ({ createdAt: time, updatedAt: time, createdBy: clerk.staffId, updatedBy: clerk.staffId });

/** Interactions and transactions are written straight to the tables: the timeline only reads them. */
async function addInteraction(customerId: string, occurredAt: string, fields: { channel?: string; direction?: 'inbound' | 'outbound'; summary?: string; mood?: string | null } = {}) {
  const id = newId();
  await t.database.db
    .insertInto('interactions')
    .values({ id, customerId, channel: fields.channel ?? 'visit', direction: fields.direction ?? 'inbound', occurredAt, summary: fields.summary ?? 'dropped in', staffId: clerk.staffId, locationId: null, mood: fields.mood ?? null, outcome: null, ...authored(occurredAt) })
    .execute();
  return id;
}

async function addTransaction(customerId: string, occurredAt: string, amountMinor = 4250, items: number[] = [], note: string | null = null) {
  const id = newId();
  await t.database.db
    .insertInto('transactions')
    .values({ id, customerId, kind: 'purchase', occurredAt, amountMinor, currency: 'USD', reference: 'R-1', relatedTransactionId: null, staffId: clerk.staffId, locationId: null, note, ...authored(occurredAt) })
    .execute();
  for (const [position, price] of items.entries()) {
    await t.database.db.insertInto('transactionItems').values({ id: newId(), transactionId: id, customerId, position, description: `item ${position}`, sku: null, quantity: position + 1, unitPriceMinor: price }).execute();
  }
  return id;
}

async function addNote(customerId: string, createdAt: string, body = 'a note', extra: Record<string, unknown> = {}) {
  const { body: note } = await clerk.post('/api/v1/notes', { customerId, body, ...extra });
  await t.database.db.updateTable('notes').set({ createdAt }).where('id', '=', note.id).execute();
  return note.id as string;
}

async function addLifeEvent(customerId: string, createdAt: string, input: Record<string, unknown> = {}) {
  const res = await clerk.post('/api/v1/life-events', { customerId, kind: 'other', title: 'something happened', ...input });
  expect(res.status).toBe(201);
  await t.database.db.updateTable('lifeEvents').set({ createdAt }).where('id', '=', res.body.id).execute();
  return res.body.id as string;
}

const timeline = async (customerId: string, query = ''): Promise<{ items: Item[]; nextCursor: string | null }> => {
  const res = await clerk.get(`/api/v1/customers/${customerId}/timeline${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline', { name: 'Earl Jones' });
});
afterAll(() => t.close());

describe('one stream per customer', () => {
  it('shows every kind newest first, each with a human line and the fields a screen needs', async () => {
    const jim = await newCustomer('Jim Alvarez');
    const visit = await addInteraction(jim, at(10), { summary: 'asked about grout', mood: 'cheerful' });
    const sale = await addTransaction(jim, at(12), 4250, [2000, 2250]);
    const college = await addLifeEvent(jim, at(15), { kind: 'school_start', title: 'Son started college', date: { year: 2026, month: 9 } });
    const note = await addNote(jim, at(8), 'Likes the blue tiles\nand hates waiting', { pinned: true });
    const { items, nextCursor } = await timeline(jim);
    expect(nextCursor).toBeNull();
    expect(items).toEqual([
      { kind: 'life_event', id: college, at: at(15), title: 'Life event: Son started college (September 2026)', detail: null, lifeEventKind: 'school_start', customerId: jim, date: { year: 2026, month: 9, day: null }, sensitivity: 'normal', provenance: 'told_us' },
      { kind: 'transaction', id: sale, at: at(12), title: 'Purchase $42.50 (2 items)', detail: null, transactionKind: 'purchase', amountMinor: 4250, currency: 'USD', itemCount: 2, items: [{ description: 'item 0', quantity: 1 }, { description: 'item 1', quantity: 2 }], reference: 'R-1' },
      { kind: 'interaction', id: visit, at: at(10), title: 'Visit, inbound: asked about grout', detail: null, channel: 'visit', direction: 'inbound', mood: 'cheerful', outcome: null, staffId: clerk.staffId, staffName: 'Earl Jones' },
      { kind: 'note', id: note, at: at(8), title: 'Note: Likes the blue tiles', detail: 'Likes the blue tiles\nand hates waiting', pinned: true, sensitivity: 'normal', provenance: 'told_us' },
    ]);
  });

  it('carries the whole text of an entry whose title shortens it, and nothing when the title says it all', async () => {
    const ana = await newCustomer('Whole Text');
    const long = `Talked through the whole bathroom: ${'tile, grout and spacers; '.repeat(6)}and the vanity.`;
    const visit = await addInteraction(ana, at(1), { summary: long });
    const short = await addInteraction(ana, at(2), { summary: '  dropped in  ' });
    const sale = await addTransaction(ana, at(3), 2397, [], '  Unsanded grout, bright white  ');
    const plain = await addTransaction(ana, at(4), 100, [], '   ');
    const note = await addNote(ana, at(5), 'First line\nsecond line');
    const byId = new Map((await timeline(ana)).items.map((i) => [i.id, i]));
    expect(byId.get(visit)).toMatchObject({ title: expect.stringMatching(/…$/), detail: long });
    expect([...(byId.get(visit)!.title as string)].length).toBeLessThanOrEqual('Visit, inbound: '.length + 80);
    expect(byId.get(short)).toMatchObject({ title: 'Visit, inbound: dropped in', detail: null });
    expect(byId.get(sale)).toMatchObject({ title: 'Purchase $23.97', detail: 'Unsanded grout, bright white' });
    expect(byId.get(plain)).toMatchObject({ detail: null });
    expect(byId.get(note)).toMatchObject({ title: 'Note: First line', detail: 'First line\nsecond line' });
  });

  it('filters by kinds, and names an unknown kind', async () => {
    const ana = await newCustomer('Ana');
    await addInteraction(ana, at(1));
    await addTransaction(ana, at(2));
    await addNote(ana, at(3));
    await addLifeEvent(ana, at(4));
    const kinds = async (query: string) => (await timeline(ana, query)).items.map((i) => i.kind);
    expect(await kinds('')).toEqual(['life_event', 'note', 'transaction', 'interaction']);
    expect(await kinds('?kinds=note,life_event')).toEqual(['life_event', 'note']);
    expect(await kinds('?kinds=interaction')).toEqual(['interaction']);
    expect(await kinds('?kinds=transaction,%20interaction,transaction')).toEqual(['transaction', 'interaction']);
    expect(await kinds('?kinds=')).toHaveLength(4);
    const bad = await clerk.get(`/api/v1/customers/${ana}/timeline?kinds=note,gossip`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: '/query/kinds', message: expect.stringContaining('"gossip"') }]);
  });

  it('answers 404 for an unknown customer and 400 for a malformed id, cursor or limit', async () => {
    expect((await clerk.get(`/api/v1/customers/${missing}/timeline`)).status).toBe(404);
    const malformed = await clerk.get('/api/v1/customers/nope/timeline');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('/params/id');
    const ana = await newCustomer('Cursor Tester');
    for (const query of ['?cursor=garbage', '?limit=0', '?limit=201', '?limit=ten', '?colour=red']) {
      expect((await clerk.get(`/api/v1/customers/${ana}/timeline${query}`)).status, query).toBe(400);
    }
    expect((await t.anonymous.get(`/api/v1/customers/${ana}/timeline`)).status).toBe(401);
  });

  it('shows a life event on the timeline of every customer it involves, and no one else’s', async () => {
    const mother = await newCustomer('Helen Park');
    const son = await newCustomer('Daniel Park');
    const daughter = await newCustomer('Mina Park');
    const stranger = await newCustomer('Stranger');
    const event = await addLifeEvent(mother, at(20), { kind: 'moved_home', title: 'Moved to Leeds', involvedCustomerIds: [son, daughter] });
    for (const id of [mother, son, daughter]) {
      expect((await timeline(id)).items).toEqual([expect.objectContaining({ kind: 'life_event', id: event, customerId: mother, title: 'Life event: Moved to Leeds' })]);
    }
    expect((await timeline(stranger)).items).toEqual([]);
  });
});

describe('paging', () => {
  it('walks more than two pages with a cursor, across kinds and equal times, with no repeats or gaps', async () => {
    const busy = await newCustomer('Busy Customer');
    const same = at(5, 9);
    const made: { id: string; at: string }[] = [];
    const push = async (time: string, id: Promise<string>) => made.push({ id: await id, at: time });
    for (let i = 0; i < 4; i++) await push(same, addInteraction(busy, same, { summary: `same time ${i}` }));
    await push(same, addTransaction(busy, same, 100));
    await push(same, addNote(busy, same, 'same time note'));
    await push(same, addLifeEvent(busy, same));
    for (let day = 1; day <= 4; day++) await push(at(day), addInteraction(busy, at(day)));
    for (let day = 6; day <= 8; day++) await push(at(day), addTransaction(busy, at(day), day * 100));
    await push(at(9), addNote(busy, at(9)));
    await push(at(3, 12), addLifeEvent(busy, at(3, 12)));
    const expected = [...made].sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1)).map((m) => m.id);

    const whole = await timeline(busy, '?limit=200');
    expect(whole.items.map((i) => i.id)).toEqual(expected);
    expect(whole.nextCursor).toBeNull();
    for (const limit of [1, 3, 4, 7]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await timeline(busy, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / limit));
    }
  });

  it('pages within the kinds asked for', async () => {
    const c = await newCustomer('Kinds Pager');
    for (let day = 1; day <= 5; day++) {
      await addInteraction(c, at(day));
      await addNote(c, at(day, 11));
    }
    const seen: Item[] = [];
    let cursor: string | null = null;
    do {
      const page = await timeline(c, `?kinds=note&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((i) => i.kind)).toEqual(Array(5).fill('note'));
    expect(seen.map((i) => i.at)).toEqual([5, 4, 3, 2, 1].map((d) => at(d, 11)));
  });
});
