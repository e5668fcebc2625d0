import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
let manager: Client;
let customerId: string;

/** PATCH, DELETE and listing of /transactions (creating and bad input: transactions.test.ts). */

const unknownId = '01900000-0000-7000-8000-000000000000';
const base = () => ({ customerId, kind: 'purchase', currency: 'USD', amountMinor: 1999 });
const auditOf = (entityId: string) =>
  t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).orderBy('at').orderBy('id').execute();
const paths = (res: { body: { errors: { path: string }[] } }) => res.body.errors.map((e) => e.path);

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline', { name: 'Clara Clerk' });
  manager = await t.signIn('manager', { name: 'Manny Manager' });
  customerId = (await clerk.post('/api/v1/customers', { displayName: 'Jim Alvarez' })).body.id;
});
afterAll(() => t.close());

describe('correcting and deleting', () => {
  it('replaces items, re-adds the amount, and audits the change', async () => {
    const { body } = await clerk.post('/api/v1/transactions', { ...base(), items: [{ description: 'Saw', quantity: 1, unitPriceMinor: 1999 }] });
    const res = await manager.patch(`/api/v1/transactions/${body.id}`, {
      currency: 'eur',
      note: 'Corrected at the till',
      items: [
        { description: 'Saw', quantity: 1, unitPriceMinor: 1799 },
        { description: 'Blade', quantity: 2, unitPriceMinor: 450 },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ currency: 'EUR', amountMinor: 2699, note: 'Corrected at the till', updatedBy: manager.staffId, createdBy: clerk.staffId });
    expect(res.body.items.map((i: { description: string; position: number }) => [i.position, i.description])).toEqual([
      [0, 'Saw'],
      [1, 'Blade'],
    ]);
    expect(await t.database.db.selectFrom('transactionItems').select('id').where('transactionId', '=', body.id).execute()).toHaveLength(2);
    const audit = await auditOf(body.id);
    expect(audit.map((a) => [a.action, a.staffId])).toEqual([
      ['create', clerk.staffId],
      ['update', manager.staffId],
    ]);
    const diff = JSON.parse(audit[1]!.diff!);
    expect(diff.before).toMatchObject({ currency: 'USD', amountMinor: 1999 });
    expect(diff.after).toMatchObject({ currency: 'EUR', amountMinor: 2699 });
    expect(diff.after.items).toHaveLength(2);

    const kept = await clerk.patch(`/api/v1/transactions/${body.id}`, { amountMinor: 2500, reference: null });
    expect(kept.body).toMatchObject({ amountMinor: 2500, reference: null });
    expect(kept.body.items).toHaveLength(2);
    const cleared = await clerk.patch(`/api/v1/transactions/${body.id}`, { items: [] });
    expect(cleared.body).toMatchObject({ amountMinor: 2500, items: [] });
  });

  it('will not move a transaction to another customer, and a failed patch changes nothing', async () => {
    const { body } = await clerk.post('/api/v1/transactions', { ...base(), items: [{ description: 'Drill', quantity: 1, unitPriceMinor: 1999 }] });
    const move = await clerk.patch(`/api/v1/transactions/${body.id}`, { customerId: unknownId });
    expect(move.status).toBe(400);
    expect(move.body.errors[0]).toEqual({ path: '/body/customerId', message: 'is not a known field' });
    const bad = await clerk.patch(`/api/v1/transactions/${body.id}`, {
      note: 'should not stick',
      items: [{ description: 'Drill', quantity: 1, unitPriceMinor: 1 }, { description: 'Bits', quantity: 0.12345, unitPriceMinor: 1 }],
    });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(['/body/items/1/quantity']);
    expect((await clerk.patch(`/api/v1/transactions/${body.id}`, { note: 'nope', staffId: unknownId })).status).toBe(422);
    expect((await clerk.patch(`/api/v1/transactions/${body.id}`, { amountMinor: null })).status).toBe(400);
    expect((await clerk.get(`/api/v1/transactions/${body.id}`)).body).toEqual(body);
    expect(await auditOf(body.id)).toHaveLength(1);
  });

  it('lets a manager delete but not frontline staff; items go too and the delete is audited', async () => {
    const { body } = await clerk.post('/api/v1/transactions', { ...base(), items: [{ description: 'Ladder', quantity: 1, unitPriceMinor: 1999 }] });
    expect((await clerk.delete(`/api/v1/transactions/${body.id}`)).status).toBe(403);
    expect((await clerk.get(`/api/v1/transactions/${body.id}`)).status).toBe(200);
    expect(await manager.delete(`/api/v1/transactions/${body.id}`)).toMatchObject({ status: 200, body: { trashId: expect.any(String) } });
    expect((await clerk.get(`/api/v1/transactions/${body.id}`)).status).toBe(404);
    expect(await t.database.db.selectFrom('transactionItems').select('id').where('transactionId', '=', body.id).execute()).toEqual([]);
    expect((await auditOf(body.id)).at(-1)).toMatchObject({ action: 'delete', staffId: manager.staffId, customerId });
  });
});

describe('listing', () => {
  it('lists a customer newest first, filters by kind, and pages without repeats or gaps', async () => {
    const { body: customer } = await clerk.post('/api/v1/customers', { displayName: 'Pager Person' });
    const times = ['2024-02-05T09:00:00Z', '2024-02-03T09:00:00Z', '2024-02-04T09:00:00Z', '2024-02-04T09:00:00Z', '2024-02-01T09:00:00Z'];
    const ids: string[] = [];
    for (const [i, occurredAt] of times.entries()) {
      ids.push((await clerk.post('/api/v1/transactions', { ...base(), customerId: customer.id, occurredAt, kind: i % 2 ? 'invoice' : 'purchase' })).body.id);
    }
    const expected = times
      .map((time, i) => ({ time, id: ids[i]! }))
      .sort((a, b) => b.time.localeCompare(a.time) || b.id.localeCompare(a.id))
      .map((x) => x.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await clerk.get(
        `/api/v1/transactions?customerId=${customer.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    const invoices = await clerk.get(`/api/v1/transactions?customerId=${customer.id}&kind=invoice`);
    expect(invoices.body.items.map((i: { id: string }) => i.id).sort()).toEqual([ids[1], ids[3]].sort());
    expect(invoices.body.items[0]).toMatchObject({ staffName: 'Clara Clerk', amountMinor: 1999 });
    expect(invoices.body.items[0].items).toBeUndefined();
  });

  it('refuses a bad cursor, kind, customer id or limit with 400', async () => {
    for (const query of ['cursor=garbage', 'kind=gift', 'customerId=nope', 'limit=0', 'limit=201', 'limit=x']) {
      expect((await clerk.get(`/api/v1/transactions?${query}`)).status, query).toBe(400);
    }
  });
});
