import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../test/bearer.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

/** What the admin screen of the audit trail reads: filters by action as well, and names with each entry. */

let t: TestApp;
let admin: Client;
let clerk: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  clerk = await t.signIn('frontline', { name: 'Cleo Clerk' });
});
afterAll(() => t.close());

interface Item {
  id: string;
  action: string;
  entityType: string;
  entityId: string | null;
  entityName: string | null;
  staffId: string | null;
  staffName: string | null;
  tokenId: string | null;
  tokenName: string | null;
  customerId: string | null;
  customerName: string | null;
}
const audit = async (query: string): Promise<Item[]> => {
  const res = await admin.get(`/api/v1/audit${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items;
};

describe('the audit trail for its admin screen', () => {
  it('filters by action, alone or with who and which customer', async () => {
    const a = await clerk.post('/api/v1/customers', { displayName: 'Action Alpha' });
    const b = await admin.post('/api/v1/customers', { displayName: 'Action Beta' });
    await clerk.patch(`/api/v1/customers/${a.body.id}`, { pronouns: 'she/her' });
    await admin.patch(`/api/v1/customers/${a.body.id}`, { pronouns: 'they/them' });
    await admin.patch(`/api/v1/customers/${b.body.id}`, { pronouns: 'he/him' });

    const updates = await audit('?action=update&entityType=customer');
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates.every((i) => i.action === 'update' && i.entityType === 'customer')).toBe(true);
    expect((await audit(`?action=update&customerId=${a.body.id}`)).map((i) => i.staffName)).toEqual(['Ada Admin', 'Cleo Clerk']);
    expect((await audit(`?action=update&customerId=${a.body.id}&staffId=${clerk.staffId}`)).map((i) => [i.action, i.staffName])).toEqual([['update', 'Cleo Clerk']]);
    expect((await audit(`?action=create&customerId=${a.body.id}`)).map((i) => i.entityType)).toEqual(['customer']);
    expect(await audit(`?action=delete&customerId=${a.body.id}`)).toEqual([]);
    expect((await audit(`?action=sign_in&staffId=${clerk.staffId}`)).map((i) => [i.action, i.entityId])).toEqual([['sign_in', clerk.staffId]]);
  });

  it('names the customer, the staff member, the token and what the entry is about, as they are called now', async () => {
    const customer = await clerk.post('/api/v1/customers', { displayName: 'Named Person' });
    await clerk.patch(`/api/v1/customers/${customer.body.id}`, { givenName: 'Nora', familyName: 'Named' });
    const [update, created] = await audit(`?customerId=${customer.body.id}&entityType=customer`);
    expect(update).toMatchObject({ action: 'update', customerName: 'Nora Named', entityName: null, staffName: 'Cleo Clerk', tokenName: null });
    expect(created).toMatchObject({ action: 'create', customerName: 'Nora Named' });

    const location = await admin.post('/api/v1/locations', { name: 'Old Name' });
    await admin.patch(`/api/v1/locations/${location.body.id}`, { name: 'New Name' });
    expect((await audit(`?entityType=location&entityId=${location.body.id}`)).map((i) => [i.action, i.entityName, i.customerName])).toEqual([
      ['update', 'New Name', null],
      ['create', 'New Name', null],
    ]);

    const [signIn] = await audit(`?action=sign_in&staffId=${clerk.staffId}`);
    expect(signIn).toMatchObject({ entityType: 'staff', entityName: 'Cleo Clerk' });

    const token = await admin.post('/api/v1/tokens', { name: 'POS sync', scope: 'read_write' });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const [tokenMade] = await audit(`?entityType=api_token&entityId=${token.body.id}`);
    expect(tokenMade).toMatchObject({ action: 'create', entityName: 'POS sync', staffName: 'Ada Admin' });
    const pos = bearer(t, token.body.secret, token.body.id);
    const made = await pos.post('/api/v1/customers', { displayName: 'From The Till' });
    expect(made.status).toBe(201);
    const [viaToken] = await audit(`?customerId=${made.body.id}`);
    expect(viaToken).toMatchObject({ tokenId: token.body.id, tokenName: 'POS sync', customerName: 'From The Till', staffName: 'Ada Admin' });
  });

  it('refuses a malformed action', async () => {
    for (const query of ['?action=', '?action=DROP%20TABLE', `?action=${'a'.repeat(41)}`]) {
      expect((await admin.get(`/api/v1/audit${query}`)).status, query).toBe(400);
    }
    expect(await audit('?action=no_such_action')).toEqual([]);
  });
});
