import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectRows, type HeldRow } from '../platform/database/customer-rows.js';
import { withBooleanFlags } from '../platform/database/schema.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * Merging two records of one customer and undoing it, against real rows: what is left afterwards is
 * checked row by row, on both records, before the merge, after it and after the undo.
 */

let t: TestApp;
let admin: Client;
let manager: Client;
let clerk: Client;
let location: string;
let elsewhere: string;
let pairs = 0;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  location = (await admin.post('/api/v1/locations', { name: 'High Street', timezone: 'Europe/London' })).body.id;
  elsewhere = (await admin.post('/api/v1/locations', { name: 'Riverside', timezone: 'Europe/London' })).body.id;
  manager = await t.signIn('manager', { locationIds: [location], name: 'Maya Manager' });
  clerk = await t.signIn('frontline', { locationIds: [location, elsewhere], name: 'Cal Clerk' });
});
afterAll(async () => t?.close());

const ok = <T extends { status: number; body: unknown }>(res: T, status = 200): T => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res;
};

/** Every row of a customer as stored, keyed by table and key, ignoring nothing. */
async function rowsOf(customerId: string): Promise<Map<string, Record<string, unknown>>> {
  const rows: HeldRow[] = await collectRows(t.database.db, 'customers', customerId);
  return new Map(rows.map((h) => [`${h.table}:${String(h.row.id ?? JSON.stringify(h.row))}`, withBooleanFlags(h.row)]));
}

async function customerPair() {
  pairs += 1;
  const robert = ok(
    await clerk.post('/api/v1/customers', {
      givenName: 'Robert',
      familyName: 'Smith',
      locationId: location,
      emails: [{ address: 'robert.smith@example.com', primary: true }],
      phones: [{ number: '+44 20 7946 0011', primary: true }],
    }),
    201,
  ).body.id as string;
  const bob = ok(
    await clerk.post('/api/v1/customers', {
      givenName: 'Bob',
      familyName: 'Smith',
      preferredName: 'Bob',
      birthday: { year: 1971, month: 4, day: 2 },
      emails: [{ address: 'bob@smith.example', primary: true }],
      phones: [{ number: '+44 7700 900123', primary: true }],
      locationId: elsewhere,
      externalIds: [{ source: 'pos', externalId: `C-100${pairs}` }],
    }),
    201,
  ).body.id as string;
  const other = ok(await clerk.post('/api/v1/customers', { givenName: 'Alice', familyName: 'Smith' }), 201).body.id as string;
  ok(await clerk.post('/api/v1/interactions', { customerId: robert, channel: 'visit', direction: 'inbound', summary: 'Came in about the boiler' }), 201);
  ok(await clerk.post('/api/v1/interactions', { customerId: bob, channel: 'call', direction: 'inbound', summary: 'Asked about the boiler service' }), 201);
  ok(await clerk.post('/api/v1/transactions', { customerId: bob, kind: 'purchase', currency: 'GBP', items: [{ description: 'Boiler service', quantity: 1, unitPriceMinor: 8900 }] }), 201);
  ok(await clerk.post('/api/v1/notes', { customerId: bob, body: 'Prefers mornings', sensitivity: 'private' }), 201);
  ok(await clerk.post('/api/v1/life-events', { customerId: bob, kind: 'birth', title: 'Granddaughter born', involvedCustomerIds: [robert, other] }), 201);
  ok(await clerk.post(`/api/v1/customers/${bob}/relationships`, { relatedCustomerId: other, label: 'husband', relatedLabel: 'wife', household: true }), 201);
  // Linked to each other (someone thought they were brothers): a link the merged customer cannot keep.
  ok(await clerk.post(`/api/v1/customers/${bob}/relationships`, { relatedCustomerId: robert, label: 'brother' }), 201);
  ok(await clerk.put(`/api/v1/customers/${robert}/consent/email`, { status: 'opted_in', givenOn: '2020-01-01' }));
  await new Promise((r) => setTimeout(r, 5));
  ok(await clerk.put(`/api/v1/customers/${bob}/consent/email`, { status: 'opted_out', source: 'newsletter unsubscribe' }));
  ok(await clerk.post('/api/v1/promises', { customerId: bob, what: 'Call back with a quote', dueAt: new Date(Date.now() + 86_400_000).toISOString() }), 201);
  return { robert, bob, other };
}

describe('merging two records of one customer', () => {
  it('moves every record, keeps every contact point and id, and undo puts both back exactly, keeping later edits where they were made', async () => {
    const { robert, bob, other } = await customerPair();
    const robertBefore = await rowsOf(robert);
    const bobBefore = await rowsOf(bob);
    const otherBefore = await rowsOf(other);

    const preview = ok(await manager.get(`/api/v1/customers/${robert}/merge-preview?with=${bob}`)).body;
    // Robert has no birthday or preferred name: Bob's are kept; the same family name stays; of two
    // locations (both as complete) the more recently changed record's, Bob's.
    expect(preview.choices).toMatchObject({ birthday: 'merged', preferredName: 'merged', familyName: 'survivor', locationId: 'merged' });
    expect(preview.records).toEqual(expect.arrayContaining([{ heading: 'Contacts (calls, visits, messages)', count: 1 }, { heading: 'Email addresses', count: 1 }]));

    const receipt = ok(await manager.post(`/api/v1/customers/${robert}/merge`, { mergedId: bob, choices: { givenName: 'survivor', locationId: 'survivor' }, reason: 'Same phone at the till' })).body;
    expect(receipt).toMatchObject({ survivorId: robert, mergedId: bob });

    // Bob is gone; Robert has everything.
    expect((await manager.get(`/api/v1/customers/${bob}`)).status).toBe(404);
    const merged = ok(await manager.get(`/api/v1/customers/${robert}`)).body;
    expect(merged).toMatchObject({ givenName: 'Robert', familyName: 'Smith', preferredName: 'Bob', birthday: { year: 1971, month: 4, day: 2 }, locationId: location });
    expect(merged.emails.map((e: { address: string; primary: boolean }) => [e.address, e.primary]).sort()).toEqual([
      ['bob@smith.example', false],
      ['robert.smith@example.com', true],
    ]);
    expect(merged.phones.filter((p: { primary: boolean }) => p.primary)).toHaveLength(1);
    expect(merged.externalIds).toEqual([expect.objectContaining({ source: 'pos', externalId: 'C-1001' })]);
    expect(merged.relationships).toEqual([expect.objectContaining({ relatedCustomerId: other, label: 'husband' })]);
    const after = await rowsOf(robert);
    expect(await rowsOf(bob)).toEqual(new Map());
    for (const [key, row] of bobBefore) {
      if (key.startsWith('customers:')) continue;
      const now = after.get(key);
      if (key.startsWith('relationships:') && row.relatedCustomerId === robert) expect(now, 'the link between the two is set aside').toBeUndefined();
      else if (key.startsWith('consents:')) expect(now, 'the newer consent stays').toMatchObject({ status: 'opted_out', customerId: robert });
      else if (key.startsWith('lifeEventCustomers:')) continue; // keyed by customer: checked below
      else expect(now, key).toMatchObject({ ...row, ...('customerId' in row && row.customerId === bob ? { customerId: robert } : {}), ...(row.isPrimary ? { isPrimary: false } : {}) } as object);
    }
    const consents = [...after.values()].filter((r) => r.channel === 'email' && 'status' in r);
    expect(consents).toHaveLength(1);
    const involved = await t.database.db.selectFrom('lifeEventCustomers').select(['customerId']).where('customerId', 'in', [robert, bob]).execute();
    expect(involved).toEqual([{ customerId: robert }]);
    // The private note moved and is still private: its author sees it, the manager of the merged
    // customer's location does not (the note was written at Riverside).
    expect((await manager.get(`/api/v1/notes?customerId=${robert}`)).body.items).toEqual([]);
    expect((await clerk.get(`/api/v1/notes?customerId=${robert}`)).body.items).toEqual([expect.objectContaining({ body: 'Prefers mornings' })]);
    // The lookup finds the merged customer by the other record's email.
    expect((await clerk.get('/api/v1/search?q=bob%40smith.example')).body.items.map((i: { id: string }) => i.id)).toEqual([robert]);

    // Later edits: a new contact on Robert and a new preferred name stay with Robert after the undo.
    ok(await clerk.patch(`/api/v1/customers/${robert}`, { preferredName: 'Rob' }));
    const later = ok(await clerk.post('/api/v1/interactions', { customerId: robert, channel: 'email', direction: 'outbound', summary: 'Sent the quote' }), 201).body.id;

    expect((await clerk.post(`/api/v1/merges/${receipt.mergeId}/undo`)).status).toBe(403);
    const undone = ok(await manager.post(`/api/v1/merges/${receipt.mergeId}/undo`)).body;
    expect(undone).toMatchObject({ survivorId: robert, mergedId: bob });
    expect((await manager.post(`/api/v1/merges/${receipt.mergeId}/undo`)).status).toBe(409);

    // Bob exactly as he was, row by row.
    expect(await rowsOf(bob)).toEqual(bobBefore);
    expect(await rowsOf(other)).toEqual(otherBefore);
    // Robert as he was, with what was done on him since: the new contact and his new preferred name
    // (the merge gave him Bob's birthday and preferred name; the birthday goes back, the edit stays).
    const robertNow = await rowsOf(robert);
    const { updatedAt: _u, updatedBy: _b, ...robertRow } = robertBefore.get(`customers:${robert}`)!;
    expect(robertNow.get(`customers:${robert}`)).toMatchObject({ ...robertRow, preferredName: 'Rob' });
    expect(robertNow.get(`interactions:${later}`)).toMatchObject({ customerId: robert, summary: 'Sent the quote' });
    for (const [key, row] of robertBefore) if (!key.startsWith('customers:')) expect(robertNow.get(key), key).toEqual(row);
    expect([...robertNow.keys()].filter((k) => !robertBefore.has(k))).toEqual([`interactions:${later}`]);

    // The history says what happened, and the list of merges says it was undone.
    const merges = ok(await clerk.get(`/api/v1/customers/${robert}/merges`)).body.items;
    expect(merges).toEqual([expect.objectContaining({ id: receipt.mergeId, mergedId: bob, mergedName: 'Bob Smith', reason: 'Same phone at the till', createdByName: 'Maya Manager', undoneAt: expect.any(String) })]);
  });

  it('keeps a number, an email, an address written two ways and a shared employer once, gives the other record its own back on undo, and puts the pair back in the queue', async () => {
    const textiles = ok(await clerk.post('/api/v1/customers', { kind: 'organization', displayName: 'Okafor Textiles' }), 201).body.id as string;
    const jane = ok(
      await clerk.post('/api/v1/customers', {
        givenName: 'Jane',
        familyName: 'Okafor',
        emails: [{ address: 'jane.okafor@example.com', primary: true }],
        phones: [{ number: '+44 20 7946 0958', label: 'home', primary: true }],
        addresses: [{ line1: '12 Elm St, Apt 4', city: 'London', postalCode: 'N1 9GU', country: 'GB' }],
      }),
      201,
    ).body.id as string;
    const jayne = ok(
      await clerk.post('/api/v1/customers', {
        givenName: 'Jayne',
        familyName: 'Okafor',
        emails: [{ address: 'Jane.Okafor@Example.COM', primary: true }],
        phones: [
          { number: '+442079460958', label: 'work', primary: true },
          { number: '+44 7700 900461', label: 'mobile' },
        ],
        addresses: [{ line1: '12 Elm Street', line2: 'Apt. 4', city: 'London', postalCode: 'N19GU', country: 'GB' }],
      }),
      201,
    ).body.id as string;
    for (const person of [jane, jayne]) ok(await clerk.post(`/api/v1/customers/${person}/relationships`, { relatedCustomerId: textiles, label: 'Buyer', relatedLabel: 'employer' }), 201);
    const janeBefore = await rowsOf(jane);
    const jayneBefore = await rowsOf(jayne);
    const jayneMobile = [...jayneBefore.values()].find((r) => r.e164 === '+447700900461')!;

    // The preview counts what moves: the mobile, not the number and email Jane has already.
    const preview = ok(await manager.get(`/api/v1/customers/${jane}/merge-preview?with=${jayne}`)).body;
    expect(preview.records).toEqual([{ heading: 'Phone numbers', count: 1 }]);
    const receipt = ok(await manager.post(`/api/v1/customers/${jane}/merge`, { mergedId: jayne })).body;
    expect(receipt.setAside).toBe(4);

    // Jane keeps her own rows as they were, and gains only the mobile.
    const after = await rowsOf(jane);
    for (const [key, row] of janeBefore) if (!key.startsWith('customers:')) expect(after.get(key), key).toEqual(row);
    const phones = [...after.values()].filter((r) => 'e164' in r);
    expect(phones.map((p) => [p.e164, p.label, p.isPrimary]).sort()).toEqual([
      ['+442079460958', 'home', true],
      ['+447700900461', 'mobile', false],
    ]);
    expect(phones.find((p) => p.e164 === '+447700900461')).toMatchObject({ ...jayneMobile, customerId: jane });
    expect([...after.values()].filter((r) => 'normalized' in r).map((e) => e.address)).toEqual(['jane.okafor@example.com']);
    expect([...after.values()].filter((r) => 'postalCode' in r).map((a) => a.line1)).toEqual(['12 Elm St, Apt 4']);
    expect([...after.values()].filter((r) => 'relatedCustomerId' in r).map((l) => [l.customerId, l.relatedCustomerId])).toEqual([[jane, textiles]]);

    // Undone: Jayne exactly as she was, the number and email she had written her way with her.
    ok(await manager.post(`/api/v1/merges/${receipt.mergeId}/undo`));
    expect(await rowsOf(jayne)).toEqual(jayneBefore);
    const janeNow = await rowsOf(jane);
    expect([...janeNow.keys()].sort()).toEqual([...janeBefore.keys()].sort());
    for (const [key, row] of janeBefore) {
      const { updatedAt: _at, updatedBy: _by, ...rest } = row;
      expect(janeNow.get(key), key).toMatchObject(key.startsWith('customers:') ? rest : row);
    }

    // Back in the duplicates queue, with the reasons, until someone decides again.
    const queued = ok(await manager.get(`/api/v1/duplicates?customerId=${jane}`)).body.items;
    const pair = queued.find((p: { first: { id: string }; second: { id: string } }) => [p.first.id, p.second.id].includes(jayne));
    expect(pair).toMatchObject({ foundBy: 'unmerge' });
    expect(pair.reasons.length).toBeGreaterThan(0);
    ok(await manager.post(`/api/v1/customers/${jane}/distinct`, { otherId: jayne }), 204);
    expect(ok(await manager.get(`/api/v1/duplicates?customerId=${jane}`)).body.items).toEqual([]);
  });

  it('is for managers, refuses itself, a missing record and a pair said to be different people, naming the field', async () => {
    const { robert, bob } = await customerPair();
    expect((await clerk.post(`/api/v1/customers/${robert}/merge`, { mergedId: bob })).status).toBe(403);
    const self = await manager.post(`/api/v1/customers/${robert}/merge`, { mergedId: robert });
    expect(self.status).toBe(422);
    expect(JSON.stringify(self.body)).toContain('/body/mergedId');
    const missing = await manager.post(`/api/v1/customers/${robert}/merge`, { mergedId: '01900000-0000-7000-8000-000000000000' });
    expect(missing.status).toBe(422);
    expect(JSON.stringify(missing.body)).toContain('/body/mergedId');
    expect((await manager.post(`/api/v1/customers/${robert}/merge`, { mergedId: bob, choices: { shoeSize: 'merged' } })).status).toBe(400);

    ok(await clerk.post(`/api/v1/customers/${bob}/distinct`, { otherId: robert, reason: 'Father and son' }), 204);
    const refused = await manager.post(`/api/v1/customers/${robert}/merge`, { mergedId: bob });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('not the same person');
    // Nothing moved.
    expect((await manager.get(`/api/v1/customers/${bob}`)).status).toBe(200);
    expect((await t.database.db.selectFrom('merges').select('id').where('mergedCustomerId', '=', bob).execute())).toEqual([]);
  });

  it('cannot be undone while the customer merged into is in the trash, and can once they are back', async () => {
    const { robert, bob } = await customerPair();
    const bobBefore = await rowsOf(bob);
    const { mergeId } = ok(await manager.post(`/api/v1/customers/${robert}/merge`, { mergedId: bob })).body;
    const trashed = ok(await admin.delete(`/api/v1/customers/${robert}`)).body;
    const refused = await manager.post(`/api/v1/merges/${mergeId}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('restore them first');
    ok(await admin.post(`/api/v1/trash/${trashed.trashId}/restore`));
    ok(await manager.post(`/api/v1/merges/${mergeId}/undo`));
    expect(await rowsOf(bob)).toEqual(bobBefore);
  });

  it('is forgotten with the customer when they are erased: the merge record held the other record’s data', async () => {
    const { robert, bob } = await customerPair();
    ok(await manager.post(`/api/v1/customers/${robert}/merge`, { mergedId: bob }));
    ok(await admin.post(`/api/v1/customers/${robert}/erase`, { reason: 'Asked to be forgotten' }));
    expect(await t.database.db.selectFrom('merges').select('id').where('survivorCustomerId', '=', robert).execute()).toEqual([]);
    expect(await t.database.db.selectFrom('merges').select('id').where('mergedCustomerId', '=', bob).execute()).toEqual([]);
  });
});
