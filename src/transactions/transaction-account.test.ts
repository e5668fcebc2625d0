import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { createTransaction } from './transaction-commands.js';

let t: TestApp;
let clerk: Client;
let manager: Client;

const unknownId = '01900000-0000-7000-8000-000000000000';
const newCustomer = async (displayName: string): Promise<string> => (await clerk.post('/api/v1/customers', { displayName })).body.id;
const record = async (customerId: string, kind: string, amountMinor: number, extra: Record<string, unknown> = {}) => {
  const res = await clerk.post('/api/v1/transactions', { customerId, kind, amountMinor, currency: 'USD', ...extra });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
};
const errorPaths = (res: { body: { errors: { path: string }[] } }) => res.body.errors.map((e) => e.path);

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline');
  manager = await t.signIn('manager');
});
afterAll(() => t.close());

describe('related transactions', () => {
  it('lets a refund point at a purchase of the same customer in the same currency', async () => {
    const customer = await newCustomer('Refund Rita');
    const purchase = await record(customer, 'purchase', 5000);
    const refund = await clerk.post('/api/v1/transactions', { customerId: customer, kind: 'refund', amountMinor: 5000, currency: 'usd', relatedTransactionId: purchase });
    expect(refund.status).toBe(201);
    expect((await clerk.get(`/api/v1/transactions/${refund.body.id}`)).body.relatedTransactionId).toBe(purchase);
    const invoice = await record(customer, 'invoice', 700);
    expect(await record(customer, 'payment', 700, { relatedTransactionId: invoice })).toBeTruthy();
  });

  it('refuses another customer’s, another currency’s, an unknown or an ill-fitting transaction with 422', async () => {
    const customer = await newCustomer('Careful Carl');
    const stranger = await newCustomer('Someone Else');
    const theirs = await record(stranger, 'purchase', 1000);
    const euros = await record(customer, 'purchase', 1000, { currency: 'EUR' });
    const payment = await record(customer, 'payment', 1000);
    const before = Number((await t.database.db.selectFrom('transactions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    for (const [relatedTransactionId, message] of [
      [theirs, /another customer/],
      [euros, /is in EUR, not USD/],
      [unknownId, /does not exist/],
      [payment, /must point at a purchase or invoice/],
    ] as const) {
      const res = await clerk.post('/api/v1/transactions', { customerId: customer, kind: 'refund', amountMinor: 1000, currency: 'USD', relatedTransactionId });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: '/body/relatedTransactionId', message: expect.stringMatching(message) }]);
    }
    const returned = await clerk.post('/api/v1/transactions', { customerId: customer, kind: 'return', amountMinor: 1000, currency: 'USD', relatedTransactionId: payment });
    expect(returned.status).toBe(422);
    expect((await clerk.post('/api/v1/transactions', { customerId: customer, kind: 'refund', amountMinor: 1, currency: 'USD', relatedTransactionId: 'nope' })).status).toBe(400);
    expect(Number((await t.database.db.selectFrom('transactions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(before);
  });

  it('keeps links valid through patches: no self-links, no kind or currency change that breaks a refund', async () => {
    const customer = await newCustomer('Patchy Pat');
    const purchase = await record(customer, 'purchase', 3000);
    const refund = await record(customer, 'refund', 3000, { relatedTransactionId: purchase });
    const self = await clerk.patch(`/api/v1/transactions/${purchase}`, { relatedTransactionId: purchase });
    expect(self.status).toBe(422);
    expect(self.body.errors[0]).toEqual({ path: '/body/relatedTransactionId', message: 'a transaction cannot point at itself' });
    const kind = await clerk.patch(`/api/v1/transactions/${purchase}`, { kind: 'payment' });
    expect(kind.status).toBe(422);
    expect(errorPaths(kind)).toEqual(['/body/kind']);
    const currency = await clerk.patch(`/api/v1/transactions/${purchase}`, { currency: 'EUR' });
    expect(currency.status).toBe(422);
    expect(errorPaths(currency)).toEqual(['/body/currency']);
    const refundCurrency = await clerk.patch(`/api/v1/transactions/${refund}`, { currency: 'EUR' });
    expect(refundCurrency.status).toBe(422);
    expect(errorPaths(refundCurrency)).toEqual(['/body/relatedTransactionId']);
    expect((await clerk.patch(`/api/v1/transactions/${purchase}`, { kind: 'invoice' })).status).toBe(200);
    expect((await clerk.patch(`/api/v1/transactions/${refund}`, { relatedTransactionId: null })).body.relatedTransactionId).toBeNull();
    expect((await clerk.patch(`/api/v1/transactions/${purchase}`, { kind: 'payment', currency: 'EUR' })).status).toBe(200);
  });

  it('will not delete a transaction another points at (409) until that one goes', async () => {
    const customer = await newCustomer('Deleting Dee');
    const purchase = await record(customer, 'purchase', 3000);
    const refund = await record(customer, 'refund', 3000, { relatedTransactionId: purchase });
    const blocked = await manager.delete(`/api/v1/transactions/${purchase}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body.detail).toContain(refund);
    expect(await manager.delete(`/api/v1/transactions/${refund}`)).toMatchObject({ status: 200, body: { trashId: expect.any(String) } });
    expect(await manager.delete(`/api/v1/transactions/${purchase}`)).toMatchObject({ status: 200, body: { trashId: expect.any(String) } });
  });
});

describe('GET /customers/:id/account', () => {
  it('works out balance owed and lifetime value per currency, never mixing them', async () => {
    const customer = await newCustomer('Account Annie');
    expect((await clerk.get(`/api/v1/customers/${customer}/account`)).body).toEqual({ currencies: [] });
    const bought = await record(customer, 'purchase', 12_000);
    await record(customer, 'return', 2_000, { relatedTransactionId: bought });
    await record(customer, 'refund', 2_000, { relatedTransactionId: bought });
    const invoice = await record(customer, 'invoice', 50_000);
    await record(customer, 'payment', 30_000, { relatedTransactionId: invoice });
    await record(customer, 'credit', 5_000, { relatedTransactionId: invoice });
    await record(customer, 'invoice', 9_999, { currency: 'eur' });
    await record(customer, 'return', 1_234, { currency: 'GBP' });
    await record(await newCustomer('Not Annie'), 'invoice', 77_777);
    const res = await clerk.get(`/api/v1/customers/${customer}/account`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      currencies: [
        { currency: 'EUR', balanceOwedMinor: 9_999, lifetimeValueMinor: 9_999 },
        { currency: 'GBP', balanceOwedMinor: 0, lifetimeValueMinor: 0 },
        // LTV 12,000 + 50,000 - 2,000 - 5,000; owed 50,000 - 30,000 - 5,000
        { currency: 'USD', balanceOwedMinor: 15_000, lifetimeValueMinor: 55_000 },
      ],
    });
  });

  it('handles amounts beyond 32 bits', async () => {
    const customer = await newCustomer('Big Spender');
    await record(customer, 'invoice', 9_000_000_000_000);
    await record(customer, 'invoice', 9_000_000_000_000);
    await record(customer, 'payment', 1);
    expect((await clerk.get(`/api/v1/customers/${customer}/account`)).body.currencies).toEqual([
      { currency: 'USD', balanceOwedMinor: 17_999_999_999_999, lifetimeValueMinor: 18_000_000_000_000 },
    ]);
  });

  it('answers 404 for an unknown customer, 400 for a malformed id, 401 without sign-in', async () => {
    expect((await clerk.get(`/api/v1/customers/${unknownId}/account`)).status).toBe(404);
    const malformed = await clerk.get('/api/v1/customers/nope/account');
    expect(malformed.status).toBe(400);
    expect(errorPaths(malformed)).toEqual(['/params/id']);
    expect((await t.anonymous.get(`/api/v1/customers/${unknownId}/account`)).status).toBe(401);
  });
});

describe('one write, one transaction', () => {
  it('leaves no transaction, items or audit row when the surrounding database transaction fails', async () => {
    const customerId = await newCustomer('Rolled Back');
    const ctx = { actor: null, phoneRegion: 'US' };
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await createTransaction(trx, ctx, { customerId, kind: 'purchase', currency: 'USD', items: [{ description: 'Paint', quantity: 2, unitPriceMinor: 800 }] });
        throw new Error('something after it failed');
      }),
    ).rejects.toThrow('something after it failed');
    const db = t.database.db;
    expect(await db.selectFrom('transactions').select('id').where('customerId', '=', customerId).execute()).toEqual([]);
    expect(await db.selectFrom('transactionItems').select('id').where('customerId', '=', customerId).execute()).toEqual([]);
    expect(await db.selectFrom('auditEvents').select('id').where('customerId', '=', customerId).where('entityType', '=', 'transaction').execute()).toEqual([]);
  });
});
