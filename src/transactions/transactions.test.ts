import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let clerk: Client;
let manager: Client;
let customerId: string;
let locationId: string;

const unknownId = '01900000-0000-7000-8000-000000000000';
const base = () => ({ customerId, kind: 'purchase', currency: 'USD', amountMinor: 1999 });
const auditOf = (entityId: string) =>
  t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).orderBy('at').orderBy('id').execute();
const count = async (table: 'transactions' | 'transactionItems') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const paths = (res: { body: { errors: { path: string }[] } }) => res.body.errors.map((e) => e.path);

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline', { name: 'Clara Clerk' });
  manager = await t.signIn('manager', { name: 'Manny Manager' });
  customerId = (await clerk.post('/api/v1/customers', { displayName: 'Jim Alvarez' })).body.id;
  locationId = newId();
  const now = nowIso();
  await t.database.db
    .insertInto('locations')
    .values({ id: locationId, name: 'Main Street', address: null, timezone: null, createdAt: now, updatedAt: now, createdBy: null, updatedBy: null })
    .execute();
});
afterAll(() => t.close());

describe('recording a transaction', () => {
  it('records a purchase with items, upper-cases the currency and adds up the amount when it is left out', async () => {
    const res = await clerk.post('/api/v1/transactions', {
      customerId,
      kind: 'purchase',
      currency: 'usd',
      occurredAt: '2024-06-01T18:30:00-04:00',
      reference: ' R-1001 ',
      locationId,
      items: [
        { description: 'Hose, per metre', sku: 'H-12', quantity: 2.5, unitPriceMinor: 399 },
        { description: '  Brass nozzle ', quantity: 1, unitPriceMinor: 1250 },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/transactions/${res.body.id}`);
    expect(res.body).toMatchObject({
      customerId,
      kind: 'purchase',
      currency: 'USD',
      amountMinor: 2248, // 2.5 x 399 = 997.5, + 1250 = 2247.5, rounded half up
      occurredAt: '2024-06-01T22:30:00.000Z',
      reference: 'R-1001',
      note: null,
      locationId,
      staffId: clerk.staffId,
      staffName: 'Clara Clerk',
      relatedTransactionId: null,
      createdBy: clerk.staffId,
      updatedBy: clerk.staffId,
    });
    expect(res.body.items).toEqual([
      { id: expect.any(String), position: 0, description: 'Hose, per metre', sku: 'H-12', quantity: 2.5, unitPriceMinor: 399 },
      { id: expect.any(String), position: 1, description: 'Brass nozzle', sku: null, quantity: 1, unitPriceMinor: 1250 },
    ]);
    const read = await clerk.get(`/api/v1/transactions/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('keeps a given amount over the items (a discount), defaults the time to now, and credits a named staff member', async () => {
    const started = nowIso();
    const res = await clerk.post('/api/v1/transactions', {
      ...base(),
      kind: 'invoice',
      amountMinor: 900,
      staffId: manager.staffId,
      items: [{ description: 'Service', quantity: 1, unitPriceMinor: 1000 }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ amountMinor: 900, staffId: manager.staffId, staffName: 'Manny Manager', createdBy: clerk.staffId });
    expect(res.body.occurredAt >= started && res.body.occurredAt <= nowIso()).toBe(true);
  });

  it('stores injection strings and non-Latin text exactly as typed', async () => {
    for (const text of ["Robert'); DROP TABLE transactions;--", '<img src=x onerror=alert(1)>', 'Łódź 王小明', '%_\\']) {
      const res = await clerk.post('/api/v1/transactions', { ...base(), reference: text, note: text, items: [{ description: text, sku: text, quantity: 1, unitPriceMinor: 1 }] });
      expect(res.status).toBe(201);
      const read = await clerk.get(`/api/v1/transactions/${res.body.id}`);
      expect([read.body.reference, read.body.note, read.body.items[0].description, read.body.items[0].sku]).toEqual([text, text, text, text]);
    }
  });

  it('audits the create with the actor, items included', async () => {
    const res = await clerk.post('/api/v1/transactions', { ...base(), items: [{ description: 'Rake', quantity: 1, unitPriceMinor: 1999 }] });
    const audit = await auditOf(res.body.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entityType: 'transaction', staffId: clerk.staffId, customerId });
    expect(JSON.parse(audit[0]!.diff!).after).toMatchObject({ kind: 'purchase', amountMinor: 1999, currency: 'USD', items: [{ description: 'Rake', quantity: 1 }] });
  });
});

describe('bad input', () => {
  it('names missing fields and wrong types with 400', async () => {
    const missing = await clerk.post('/api/v1/transactions', {});
    expect(missing.status).toBe(400);
    expect(paths(missing)).toEqual(expect.arrayContaining(['/body/customerId', '/body/kind', '/body/currency']));
    const wrong = await clerk.post('/api/v1/transactions', {
      ...base(),
      kind: 'gift',
      currency: 'US$',
      amountMinor: 19.99,
      occurredAt: 'last week',
      items: [{ description: 'x', quantity: 0, unitPriceMinor: -1 }, { quantity: '1', unitPriceMinor: 1.5 }],
      tip: 5,
    });
    expect(wrong.status).toBe(400);
    expect(paths(wrong)).toEqual(
      expect.arrayContaining([
        '/body/kind',
        '/body/currency',
        '/body/amountMinor',
        '/body/occurredAt',
        '/body/items/0/quantity',
        '/body/items/0/unitPriceMinor',
        '/body/items/1/description',
        '/body/items/1/quantity',
        '/body/items/1/unitPriceMinor',
        '/body/tip',
      ]),
    );
    for (const amountMinor of [0, -5, '100']) {
      expect((await clerk.post('/api/v1/transactions', { ...base(), amountMinor })).status, String(amountMinor)).toBe(400);
    }
  });

  it('refuses a currency code that is not ISO 4217 with 422 naming it', async () => {
    const res = await clerk.post('/api/v1/transactions', { ...base(), currency: 'XYZ' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: '/body/currency', message: 'XYZ is not an ISO 4217 currency code' }]);
    expect((await clerk.post('/api/v1/transactions', { ...base(), currency: 'eur' })).body.currency).toBe('EUR');
  });

  it('needs an amount or items that add up to something (422 /body/amountMinor)', async () => {
    for (const body of [
      { customerId, kind: 'payment', currency: 'USD' },
      { customerId, kind: 'payment', currency: 'USD', items: [] },
      { customerId, kind: 'purchase', currency: 'USD', items: [{ description: 'Free sample', quantity: 1, unitPriceMinor: 0 }] },
    ]) {
      const res = await clerk.post('/api/v1/transactions', body);
      expect(res.status).toBe(422);
      expect(paths(res)).toEqual(['/body/amountMinor']);
    }
  });

  it('refuses unknown customers, staff and locations with 422 naming the field', async () => {
    for (const [field, body] of [
      ['customerId', { ...base(), customerId: unknownId }],
      ['staffId', { ...base(), staffId: unknownId }],
      ['locationId', { ...base(), locationId: unknownId }],
    ] as const) {
      const res = await clerk.post('/api/v1/transactions', body);
      expect(res.status, field).toBe(422);
      expect(paths(res)).toEqual([`/body/${field}`]);
    }
  });

  it('saves no transaction and no items when the second item is invalid', async () => {
    const [transactions, items, audits] = [await count('transactions'), await count('transactionItems'), (await t.database.db.selectFrom('auditEvents').select('id').execute()).length];
    for (const [item, path] of [
      [{ description: 'Glue', quantity: 1.0005, unitPriceMinor: 100 }, '/body/items/1/quantity'],
      [{ description: '   ', quantity: 1, unitPriceMinor: 100 }, '/body/items/1/description'],
    ] as const) {
      const res = await clerk.post('/api/v1/transactions', { customerId, kind: 'purchase', currency: 'USD', items: [{ description: 'Tape', quantity: 1, unitPriceMinor: 250 }, item] });
      expect(res.status).toBe(422);
      expect(paths(res)).toEqual([path]);
    }
    expect(await count('transactions')).toBe(transactions);
    expect(await count('transactionItems')).toBe(items);
    expect((await t.database.db.selectFrom('auditEvents').select('id').execute()).length).toBe(audits);
  });

  it('answers 404 for an unknown id and 400 for a malformed one on every route', async () => {
    for (const res of [
      await clerk.get(`/api/v1/transactions/${unknownId}`),
      await clerk.patch(`/api/v1/transactions/${unknownId}`, { note: 'x' }),
      await manager.delete(`/api/v1/transactions/${unknownId}`),
    ]) {
      expect(res.status).toBe(404);
    }
    for (const res of [
      await clerk.get('/api/v1/transactions/nope'),
      await clerk.patch('/api/v1/transactions/nope', { note: 'x' }),
      await manager.delete('/api/v1/transactions/nope'),
    ]) {
      expect(res.status).toBe(400);
      expect(paths(res)).toEqual(['/params/id']);
    }
  });

  it('needs a signed-in staff member', async () => {
    expect((await t.anonymous.get('/api/v1/transactions')).status).toBe(401);
    expect((await t.anonymous.post('/api/v1/transactions', base())).status).toBe(401);
  });
});
