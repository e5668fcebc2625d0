import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';

let t: TestApp;
let earl: Client;
let clerk: Client;
let adviser: Client;
let manager: Client;

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const sentences = (body: { sections: { sentences: string[] }[] }) => body.sections.flatMap((s) => s.sentences).join(' ');

beforeAll(async () => {
  t = await testApp();
  earl = await t.signIn('frontline', { name: 'Earl' });
  clerk = await t.signIn('frontline', { name: 'Dana' });
  adviser = await t.signIn('frontline', { name: 'Ade' });
  manager = await t.signIn('manager', { name: 'Mona' });
});
afterAll(() => t.close());

async function jim() {
  const { body } = await earl.post('/api/v1/customers', { givenName: 'Jim', familyName: 'Alvarez', pronouns: 'he/him' });
  const id = body.id as string;
  await earl.post('/api/v1/projects', { customerId: id, title: 'bathroom tiling', status: 'active' });
  const purchase = await earl.post('/api/v1/transactions', {
    customerId: id,
    kind: 'purchase',
    currency: 'USD',
    occurredAt: daysAgo(5),
    items: [{ description: 'Sanded grout, grey', quantity: 1, unitPriceMinor: 2399 }],
  });
  await earl.post('/api/v1/transactions', { customerId: id, kind: 'return', currency: 'USD', amountMinor: 2399, occurredAt: daysAgo(4), relatedTransactionId: purchase.body.id });
  await earl.post('/api/v1/interactions', { customerId: id, channel: 'visit', direction: 'inbound', occurredAt: daysAgo(3), summary: 'Bought the wrong grout; exchange pending.', mood: 'happy' });
  return id;
}

describe('GET /customers/:id/brief', () => {
  it("tells the next clerk who Jim is (S1)", async () => {
    const id = await jim();
    const res = await clerk.get(`/api/v1/customers/${id}/brief`);
    expect(res.status).toBe(200);
    expect(res.body.greetAs).toBe('Jim');
    const text = sentences(res.body);
    expect(text).toContain('Greet him as Jim.');
    expect(text).toContain('Working on bathroom tiling.');
    expect(text).toContain('Last contact with Earl 3 days ago (a visit, in good spirits): Bought the wrong grout; exchange pending.');
    expect(text).toMatch(/a return of \$23\.99 4 days ago/);
    expect(text).toContain('You have not dealt with Jim before.');
    expect(res.body.sections.map((s: { key: string }) => s.key)).toEqual(['greeting', 'who', 'life', 'owed', 'last', 'since']);
  });

  it('says what changed since the reader last dealt with the customer', async () => {
    const id = await jim();
    // Earl logged everything; since his own last write nobody else touched Jim.
    expect(sentences((await earl.get(`/api/v1/customers/${id}/brief`)).body)).toMatch(/Nothing new since you last dealt with Jim/);
    await clerk.post('/api/v1/interactions', { customerId: id, channel: 'call', direction: 'outbound', summary: 'Grout is in.' });
    expect(sentences((await earl.get(`/api/v1/customers/${id}/brief`)).body)).toMatch(/Since you last dealt with Jim .*: Dana logged a call\./);
  });

  it('shows a shared life event to the teller but a private note only to its author and managers (S2)', async () => {
    const { body: margaret } = await adviser.post('/api/v1/customers', { givenName: 'Margaret', familyName: 'Okafor', preferredName: 'Maggie' });
    const { body: son } = await adviser.post('/api/v1/customers', { givenName: 'Tobi', familyName: 'Okafor' });
    await adviser.post(`/api/v1/customers/${margaret.id}/relationships`, { relatedCustomerId: son.id, label: 'parent', relatedLabel: 'son', household: true });
    await adviser.post('/api/v1/life-events', {
      customerId: margaret.id,
      involvedCustomerIds: [son.id],
      kind: 'school_start',
      title: 'son started college',
      date: { year: 2026, month: 9 },
    });
    await adviser.post('/api/v1/notes', { customerId: margaret.id, body: 'Loan in arrears since March.', pinned: true, sensitivity: 'private' });

    const teller = sentences((await clerk.get(`/api/v1/customers/${margaret.id}/brief`)).body);
    expect(teller).toContain('Greet them as Maggie.');
    expect(teller).toContain('Son started college (September 2026).');
    expect(teller).toContain('Household: Tobi Okafor (son).');
    expect(teller).not.toContain('arrears');

    expect(sentences((await adviser.get(`/api/v1/customers/${margaret.id}/brief`)).body)).toContain('Loan in arrears since March. [private]');
    expect(sentences((await manager.get(`/api/v1/customers/${margaret.id}/brief`)).body)).toContain('Loan in arrears since March. [private]');
  });

  it('flags a customer waiting for an answer and money owed', async () => {
    const { body } = await clerk.post('/api/v1/customers', { displayName: 'Wendy Waits' });
    await clerk.post('/api/v1/interactions', { customerId: body.id, channel: 'voicemail', direction: 'inbound', occurredAt: daysAgo(1), summary: 'Heater broken' });
    await clerk.post('/api/v1/interactions', { customerId: body.id, channel: 'email', direction: 'inbound', occurredAt: daysAgo(1), summary: 'Heater still broken' });
    await clerk.post('/api/v1/transactions', { customerId: body.id, kind: 'invoice', currency: 'USD', amountMinor: 15000 });
    await clerk.post('/api/v1/transactions', { customerId: body.id, kind: 'payment', currency: 'USD', amountMinor: 5000 });
    const owed = (await clerk.get(`/api/v1/customers/${body.id}/brief`)).body.sections.find((s: { key: string }) => s.key === 'owed');
    expect(owed.attention).toBe(true);
    expect(owed.sentences).toEqual(['Waiting for an answer since yesterday: a voicemail and an email.', 'Owes $100.00.']);
    await clerk.post('/api/v1/interactions', { customerId: body.id, channel: 'call', direction: 'outbound', summary: 'Booked a repair' });
    const after = (await clerk.get(`/api/v1/customers/${body.id}/brief`)).body.sections.find((s: { key: string }) => s.key === 'owed');
    expect(after.sentences).toEqual(['Owes $100.00.']);
  });

  it('answers 404 for an unknown customer and 401 without sign-in', async () => {
    expect((await clerk.get('/api/v1/customers/01900000-0000-7000-8000-000000000000/brief')).status).toBe(404);
    expect((await t.anonymous.get('/api/v1/customers/01900000-0000-7000-8000-000000000000/brief')).status).toBe(401);
  });
});
