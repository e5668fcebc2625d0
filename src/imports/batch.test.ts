import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

/** The batch endpoints for integrators: matched as an import, one transaction, answered in order; a bad record spoils nothing. */

let t: TestApp;
let clerk: Client;

beforeAll(async () => {
  t = await testApp();
  clerk = await t.signIn('frontline');
});
afterAll(async () => t?.close());

describe('batches', () => {
  it('creates, matches and refuses record by record, in order, and the same batch again changes nothing', async () => {
    const existing = (await clerk.post('/api/v1/customers', { givenName: 'Priya', familyName: 'Patel', emails: [{ address: 'priya@example.org' }] })).body.id;
    const batch = {
      source: 'pos',
      records: [
        { sourceRecordId: 'C-9001', givenName: 'Tomás', familyName: 'Reyes', phones: [{ number: '+1 312 555 0177' }] },
        { sourceRecordId: 'C-9002', givenName: 'Priya', familyName: 'Patel', emails: [{ address: 'Priya@Example.org' }], phones: [{ number: '+1 773 555 0188' }] },
        { sourceRecordId: 'C-9003', givenName: 'Broken', emails: [{ address: 'not-an-email' }] },
      ],
    };
    const customersBefore = await t.database.db.selectFrom('customers').select('id').execute();
    const res = await clerk.post('/api/v1/batch/customers', batch);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items.map((i: { index: number; outcome: string }) => [i.index, i.outcome])).toEqual([
      [0, 'created'],
      [1, 'updated'],
      [2, 'problem'],
    ]);
    expect(res.body.items[1].customerId).toBe(existing);
    expect(res.body.items[2].problems[0].message).toMatch(/not-an-email/);
    // One customer more (Tomás); Priya got her phone and her point-of-sale id; the broken one wrote nothing.
    const customersAfter = await t.database.db.selectFrom('customers').select(['id', 'givenName']).execute();
    expect(customersAfter.length - customersBefore.length).toBe(1);
    expect(customersAfter.find((c) => c.givenName === 'Broken')).toBeUndefined();
    const priya = (await clerk.get(`/api/v1/customers/${existing}`)).body;
    expect(priya.phones.map((p: { e164: string }) => p.e164)).toEqual(['+17735550188']);
    expect(priya.externalIds).toEqual([expect.objectContaining({ source: 'pos', externalId: 'C-9002' })]);

    const again = await clerk.post('/api/v1/batch/customers', batch);
    expect(again.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['unchanged', 'unchanged', 'problem']);
    expect((await t.database.db.selectFrom('customers').select('id').execute()).length).toBe(customersAfter.length);

    const sales = {
      source: 'pos',
      records: [
        { key: { externalId: 'C-9001' }, sourceRecordId: 'R-1', kind: 'purchase', occurredAt: '2026-11-02T15:00:00Z', currency: 'usd', items: [{ description: 'Helmet', quantity: 1, unitPriceMinor: 5900 }] },
        { key: { email: 'nobody@example.com' }, sourceRecordId: 'R-2', kind: 'purchase', occurredAt: '2026-11-02T15:05:00Z', currency: 'USD', amountMinor: 1200 },
      ],
    };
    const sold = await clerk.post('/api/v1/batch/transactions', sales);
    expect(sold.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['created', 'problem']);
    expect(sold.body.items[1].problems[0].message).toMatch(/No customer has nobody@example.com/);
    const tomas = res.body.items[0].customerId;
    expect(await t.database.db.selectFrom('transactions').select(['amountMinor', 'currency', 'sourceRecordId']).where('customerId', '=', tomas).execute()).toEqual([{ amountMinor: 5900, currency: 'USD', sourceRecordId: 'R-1' }]);
    expect((await clerk.post('/api/v1/batch/transactions', sales)).body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['unchanged', 'problem']);
  });

  it('refuses a batch of more than 1,000, or without a source, naming the field', async () => {
    const big = await clerk.post('/api/v1/batch/customers', { source: 'pos', records: Array.from({ length: 1001 }, (_, i) => ({ givenName: `P${i}` })) });
    expect(big.status).toBe(400);
    expect(JSON.stringify(big.body)).toContain('/body/records');
    const noSource = await clerk.post('/api/v1/batch/interactions', { records: [] });
    expect(noSource.status).toBe(400);
    expect(JSON.stringify(noSource.body)).toContain('source');
  });
});
