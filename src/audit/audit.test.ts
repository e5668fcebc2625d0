import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationTokenClient } from '../test/bearer.js';
import { testApp, testPassword, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let admin: Client;
let clerk: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  clerk = await t.signIn('frontline', { name: 'Cleo Clerk' });
});
afterAll(() => t.close());

type Item = { id: string; at: string; action: string; entityType: string; entityId: string | null; staffId: string | null; staffName: string | null; tokenId: string | null; customerId: string | null; diff: any };
const audit = async (query = ''): Promise<Item[]> => {
  const res = await admin.get(`/api/v1/audit${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
};

describe('the audit trail', () => {
  it('shows every change made here: sign-in, customer create and update, staff create, token create and revoke', async () => {
    const since = new Date().toISOString();
    const person = await t.signIn('frontline', { name: 'Sam Signin' });
    const customer = await person.post('/api/v1/customers', { displayName: 'Mina Audit', emails: [{ address: 'mina@example.org' }] });
    await person.patch(`/api/v1/customers/${customer.body.id}`, { preferredName: 'Mimi' });
    const staff = await admin.post('/api/v1/staff', { email: 'newbie@example.org', name: 'Newbie', role: 'frontline', password: testPassword });
    const token = await admin.post('/api/v1/tokens', { name: 'CI', scope: 'read' });
    await admin.delete(`/api/v1/tokens/${token.body.id}`);

    const items = await audit(`?from=${encodeURIComponent(since)}&limit=200`);
    const seen = items.map((i) => `${i.action} ${i.entityType} ${i.staffName ?? 'system'}`).reverse();
    expect(seen).toEqual(
      expect.arrayContaining([
        'sign_in staff Sam Signin',
        'create customer Sam Signin',
        'create email Sam Signin',
        'update customer Sam Signin',
        'create staff Ada Admin',
        'create api_token Ada Admin',
        'revoke api_token Ada Admin',
      ]),
    );
    const update = items.find((i) => i.action === 'update' && i.entityId === customer.body.id)!;
    expect(update).toMatchObject({ staffId: person.staffId, customerId: customer.body.id, tokenId: null });
    expect(update.diff).toEqual({ before: { preferredName: null }, after: { preferredName: 'Mimi' } });
    const staffRow = items.find((i) => i.entityId === staff.body.id)!;
    expect(staffRow.diff.after).toMatchObject({ email: 'newbie@example.org', role: 'frontline' });
    expect(JSON.stringify(items)).not.toMatch(/passwordHash|scrypt\$|correct horse/);
    expect(JSON.stringify(items)).not.toContain(token.body.secret);
    for (const item of items) expect(Date.parse(item.at)).toBeGreaterThanOrEqual(Date.parse(since));
  });

  it('filters by entity, customer, staff member and time', async () => {
    const a = await clerk.post('/api/v1/customers', { displayName: 'Filter A' });
    const b = await admin.post('/api/v1/customers', { displayName: 'Filter B' });
    await clerk.patch(`/api/v1/customers/${a.body.id}`, { pronouns: 'she/her' });

    const byCustomer = await audit(`?customerId=${a.body.id}`);
    expect(byCustomer.map((i) => i.action)).toEqual(['update', 'create']);
    expect((await audit(`?entityType=customer&entityId=${b.body.id}`)).map((i) => i.action)).toEqual(['create']);
    const byClerk = await audit(`?staffId=${clerk.staffId}&entityType=customer`);
    expect(byClerk.every((i) => i.staffId === clerk.staffId && i.entityType === 'customer')).toBe(true);
    expect(byClerk.map((i) => i.entityId)).not.toContain(b.body.id);

    const all = await audit(`?customerId=${a.body.id}`);
    const created = all.at(-1)!;
    expect((await audit(`?customerId=${a.body.id}&to=${encodeURIComponent(created.at)}`)).map((i) => i.id)).toContain(created.id);
    expect(await audit(`?customerId=${a.body.id}&to=2000-01-01T00:00:00Z`)).toEqual([]);
    expect(await audit(`?customerId=${a.body.id}&from=2999-01-01T00:00:00%2B01:00`)).toEqual([]);
  });

  it('pages newest first without repeats or gaps', async () => {
    const all = await audit('?limit=200');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Item[]; nextCursor: string | null } } = await admin.get(`/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((i) => i.id));
    const times = all.map((i) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses bad filters and anyone but admins', async () => {
    for (const query of ['?from=yesterday', '?customerId=42', '?limit=500', '?cursor=x', '?colour=red']) {
      expect((await admin.get(`/api/v1/audit${query}`)).status, query).toBe(400);
    }
    expect((await clerk.get('/api/v1/audit')).status).toBe(403);
    expect((await (await t.signIn('manager')).get('/api/v1/audit')).status).toBe(403);
  });

  it('records the token a write was made with', async () => {
    // A token acts as the person who made it or as an integration account (src/tokens).
    const token = await integrationTokenClient(t, admin, 'read_write', { name: 'Till Sync' });
    const made = await token.post('/api/v1/customers', { displayName: 'Token Made' });
    const [row] = await audit(`?customerId=${made.body.id}`);
    expect(row).toMatchObject({ action: 'create', staffId: token.staffId, staffName: 'Till Sync', tokenId: token.tokenId });
  });

  it('cannot be edited or deleted through the product', () => {
    const writes = t.app.routeAccess.filter((r) => r.method !== 'GET' && (r.url.includes('/audit') || r.url.endsWith('/history')));
    expect(writes).toEqual([]);
  });
});

describe('a customer history', () => {
  it('shows everyone signed in who changed what', async () => {
    const c = await clerk.post('/api/v1/customers', { displayName: 'History Person' });
    await admin.patch(`/api/v1/customers/${c.body.id}`, { pronouns: 'they/them' });
    const res = await clerk.get(`/api/v1/customers/${c.body.id}/history`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: Item) => [i.action, i.staffName])).toEqual([
      ['update', 'Ada Admin'],
      ['create', 'Cleo Clerk'],
    ]);
    expect(res.body.items[0].diff).toEqual({ before: { pronouns: null }, after: { pronouns: 'they/them' } });
    expect((await clerk.get('/api/v1/customers/01900000-0000-7000-8000-000000000000/history')).status).toBe(404);
    expect((await clerk.get(`/api/v1/customers/${c.body.id}/history?cursor=zz`)).status).toBe(400);
  });

  it('leaves out private notes and life events the reader may not see, whatever changed on them', async () => {
    const north = (await admin.post('/api/v1/locations', { name: 'North' })).body.id;
    const south = (await admin.post('/api/v1/locations', { name: 'South' })).body.id;
    const author = await t.signIn('frontline', { name: 'Pat Author' });
    const colleague = await t.signIn('frontline');
    const northManager = await t.signIn('manager', { locationIds: [north] });
    const southManager = await t.signIn('manager', { locationIds: [south] });
    const c = await author.post('/api/v1/customers', { displayName: 'Private Matters', locationId: north });
    const open = await author.post('/api/v1/notes', { customerId: c.body.id, body: 'Likes tea' });
    const secret = await author.post('/api/v1/notes', { customerId: c.body.id, body: 'Loan arrears', sensitivity: 'private' });
    expect(secret.status).toBe(201);
    expect((await author.patch(`/api/v1/notes/${secret.body.id}`, { body: 'Loan arrears, paying back' })).status).toBe(200);
    const event = await author.post('/api/v1/life-events', { customerId: c.body.id, kind: 'illness', title: 'Surgery in May', sensitivity: 'private' });
    expect(event.status).toBe(201);
    const madePublic = await author.post('/api/v1/notes', { customerId: c.body.id, body: 'Divorce pending', sensitivity: 'private' });
    await author.patch(`/api/v1/notes/${madePublic.body.id}`, { sensitivity: 'normal' });

    const hidden = [secret.body.id, event.body.id, madePublic.body.id];
    const historyOf = async (client: Client) => {
      const res = await client.get(`/api/v1/customers/${c.body.id}/history?limit=2`);
      const items: Item[] = [...res.body.items];
      let cursor = res.body.nextCursor;
      while (cursor) {
        const next = await client.get(`/api/v1/customers/${c.body.id}/history?limit=2&cursor=${cursor}`);
        expect(next.body.items.length).toBeGreaterThan(0);
        items.push(...next.body.items);
        cursor = next.body.nextCursor;
      }
      return items;
    };
    for (const reader of [colleague, southManager]) {
      const items = await historyOf(reader);
      expect(items.map((i) => i.entityId)).toContain(open.body.id);
      for (const id of hidden) expect(items.map((i) => i.entityId)).not.toContain(id);
      expect(JSON.stringify(items)).not.toMatch(/arrears|Surgery|Divorce/);
    }
    for (const reader of [author, northManager, admin]) {
      const ids = (await historyOf(reader)).map((i) => i.entityId);
      for (const id of hidden) expect(ids).toContain(id);
      expect(ids.filter((id) => id === secret.body.id)).toHaveLength(2);
    }
  });
});
