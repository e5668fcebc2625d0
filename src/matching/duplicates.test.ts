import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { scanForDuplicates } from './duplicate-scan.js';

/**
 * Matching against the database: a new customer who may be someone already there is created anyway
 * and says who (with the reasons); the pair waits in the duplicates queue until merged or said to be
 * two people; family members sharing a phone and an email are never suggested; a scan of the whole
 * database finds pairs written straight to the tables.
 */

let t: TestApp;
let manager: Client;
let clerk: Client;
let admin: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  const shop = (await admin.post('/api/v1/locations', { name: 'Corner Shop', timezone: 'America/New_York' })).body.id;
  manager = await t.signIn('manager', { locationIds: [shop] });
  clerk = await t.signIn('frontline', { locationIds: [shop] });
});
afterAll(async () => t?.close());

const create = async (body: Record<string, unknown>) => {
  const res = await clerk.post('/api/v1/customers', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; mayBe: { customerId: string; band: string; reasons: { field: string; words: string }[] }[] };
};

describe('matching a new customer', () => {
  it('creates them, says who they may be with the reasons, and queues the pair', async () => {
    const jane = await create({ givenName: 'Jane', familyName: 'Doe', phones: [{ number: '+1 212 555 0101' }], birthday: { year: 1980, month: 5, day: 17 } });
    expect(jane.mayBe).toEqual([]);
    const again = await create({ givenName: 'Jayne', familyName: 'Doe', phones: [{ number: '(212) 555-0101' }] });
    expect(again.mayBe).toEqual([expect.objectContaining({ customerId: jane.id, band: 'review' })]);
    const words = again.mayBe[0]!.reasons.map((r) => r.words).join('; ');
    expect(words).toMatch(/same phone/i);
    expect(words).toMatch(/family name/i);

    const queue = (await manager.get(`/api/v1/duplicates?customerId=${jane.id}`)).body;
    expect(queue.items).toEqual([expect.objectContaining({ foundBy: 'create' })]);
    expect([queue.items[0].first.id, queue.items[0].second.id].sort()).toEqual([jane.id, again.id].sort());
    expect((await clerk.get('/api/v1/duplicates')).status).toBe(403);

    // Said to be two people: out of the queue, and not suggested again by a scan.
    expect((await clerk.post(`/api/v1/customers/${again.id}/distinct`, { otherId: jane.id, reason: 'Cousins' })).status).toBe(204);
    expect((await manager.get(`/api/v1/duplicates?customerId=${jane.id}`)).body.items).toEqual([]);
    await scanForDuplicates(t.database.db);
    expect((await manager.get(`/api/v1/duplicates?customerId=${jane.id}`)).body.items).toEqual([]);
  });

  it('tells apart two records of the same name in the queue: where each came from, its email and phone, when it was added', async () => {
    const till = await create({
      givenName: 'Robert',
      familyName: 'Kowalczyk',
      phones: [{ number: '+1 312 555 0177' }],
      emails: [{ address: 'old.rk@example.com' }, { address: 'rk@example.com', primary: true }],
      externalIds: [{ source: 'pos', externalId: 'P-20931' }],
    });
    const desk = await create({
      givenName: 'Robert',
      familyName: 'Kowalczyk',
      phones: [{ number: '(312) 555-0188' }, { number: '(312) 555-0177', primary: true }],
      externalIds: [
        { source: 'service-desk', externalId: 'SD-7' },
        { source: 'newsletter', externalId: 'N-4410' },
      ],
    });
    expect(desk.mayBe.map((m) => m.customerId)).toContain(till.id);
    const res = await manager.get(`/api/v1/duplicates?customerId=${till.id}`);
    expect(res.status).toBe(200);
    const [pair] = res.body.items as { first: { id: string; addedAt: string }; second: { id: string; addedAt: string } }[];
    const side = (id: string) => (pair!.first.id === id ? pair!.first : pair!.second);
    expect(side(till.id)).toEqual({
      id: till.id,
      displayName: 'Robert Kowalczyk',
      addedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      email: 'rk@example.com',
      phone: '+1 312 555 0177',
      externalIds: [{ source: 'pos', externalId: 'P-20931' }],
    });
    expect(side(desk.id)).toEqual({
      id: desk.id,
      displayName: 'Robert Kowalczyk',
      addedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      email: null,
      phone: '(312) 555-0177',
      externalIds: [
        { source: 'newsletter', externalId: 'N-4410' },
        { source: 'service-desk', externalId: 'SD-7' },
      ],
    });
    expect(Date.parse(side(desk.id).addedAt)).toBeGreaterThanOrEqual(Date.parse(side(till.id).addedAt));
  });

  it('never suggests family members who share a phone and an email', async () => {
    const mum = await create({ givenName: 'Maria', familyName: 'Lopez', phones: [{ number: '+1 212 555 0199' }], emails: [{ address: 'lopez.family@example.com' }] });
    const son = await create({ givenName: 'Diego', familyName: 'Lopez', phones: [{ number: '212-555-0199' }], emails: [{ address: 'Lopez.Family@example.com' }] });
    expect(son.mayBe).toEqual([]);
    expect((await manager.get(`/api/v1/duplicates?customerId=${mum.id}`)).body.items).toEqual([]);
  });

  it('finds by scan a pair written without the commands, and a merge takes it out of the queue', async () => {
    const bob = await create({ givenName: 'Bob', familyName: 'Kowalski', emails: [{ address: 'bob.k@example.org' }] });
    // A second record as an old import might have left it: same email, the full name.
    const robert = await create({ givenName: 'Robert', familyName: 'Kowalski' });
    expect(robert.mayBe).toEqual([]);
    await t.database.db.insertInto('emails').values({ id: '01900000-0000-7000-8000-0000000000e1', customerId: robert.id, address: 'BOB.K@example.org', normalized: 'bob.k@example.org', label: null, isPrimary: true, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), createdBy: null, updatedBy: null }).execute();
    // The keys are the lookup's to keep: a record written behind its back has none until reindexed.
    const { reindexCustomer } = await import('../search/search-indexer.js');
    await reindexCustomer(t.database.db, robert.id);
    const scanned = await scanForDuplicates(t.database.db);
    expect(scanned.pairs).toBeGreaterThanOrEqual(1);
    const queue = (await manager.get(`/api/v1/duplicates?customerId=${bob.id}`)).body.items;
    expect(queue).toEqual([expect.objectContaining({ foundBy: 'scan' })]);
    expect(queue[0].reasons.map((r: { words: string }) => r.words).join('; ')).toMatch(/nickname/i);

    expect((await manager.post(`/api/v1/customers/${bob.id}/merge`, { mergedId: robert.id })).status).toBe(200);
    expect((await manager.get(`/api/v1/duplicates?customerId=${bob.id}`)).body.items).toEqual([]);
  });

  it('takes the pair out of the queue with a deleted customer and puts it back when they are restored', async () => {
    const ines = await create({ givenName: 'Inès', familyName: 'Moreau', phones: [{ number: '+1 212 555 0199' }] });
    const again = await create({ givenName: 'Ines', familyName: 'Moreau', phones: [{ number: '(212) 555-0199' }] });
    const pairOf = async () =>
      (await manager.get(`/api/v1/duplicates?customerId=${ines.id}`)).body.items.map((p: { first: { id: string }; second: { id: string } }) => [p.first.id, p.second.id].sort().join(' '));
    const pair = [ines.id, again.id].sort().join(' ');
    expect(await pairOf()).toEqual([pair]);
    const receipt = await admin.delete(`/api/v1/customers/${again.id}`);
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(200);
    expect(await pairOf()).toEqual([]);
    expect((await admin.post(`/api/v1/trash/${receipt.body.trashId}/restore`)).status).toBe(200);
    expect(await pairOf()).toEqual([pair]);
  });
});
