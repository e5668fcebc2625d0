import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { purgeExpiredTrash } from './trash-purge-job.js';
import { collectRows } from '../platform/database/customer-rows.js';

/**
 * Nothing is lost by a delete: a deleted record and everything that hung from it wait in the trash,
 * leave every list, search and brief at once, and come back exactly as they were.
 */

let t: TestApp;
let clerk: Client;
let manager: Client;
let admin: Client;
let branch: string;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  branch = (await admin.post('/api/v1/locations', { name: 'Main Street branch' })).body.id;
  clerk = await t.signIn('frontline', { locationIds: [branch] });
  manager = await t.signIn('manager', { locationIds: [branch] });
});
afterAll(() => t.close());

const ok = <T>(res: { status: number; body: T }, status = 200): T => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
};

/** A customer with something in every table that can hang from one. */
async function richCustomer(name: string) {
  const [given, family] = name.split(' ');
  const c = ok(
    await clerk.post('/api/v1/customers', {
      givenName: given,
      familyName: family,
      locationId: branch,
      phones: [{ number: '(217) 555-0142' }, { number: '217 555 0143', label: 'work' }],
      emails: [{ address: `${given!.toLowerCase()}@example.com` }],
      addresses: [{ line1: '12 Elm Street', city: 'Springfield' }],
      externalIds: [{ source: 'pos', externalId: `POS-${given}` }],
    }),
    201,
  );
  const son = ok(await clerk.post('/api/v1/customers', { givenName: 'Danny', familyName: family }), 201);
  ok(await clerk.post(`/api/v1/customers/${c.id}/relationships`, { relatedCustomerId: son.id, label: 'parent', relatedLabel: 'child', household: true }), 201);
  ok(await clerk.post('/api/v1/interactions', { customerId: c.id, channel: 'visit', direction: 'inbound', summary: 'Asked about grout', occurredAt: '2026-11-20T10:00:00Z' }), 201);
  const purchase = ok(
    await clerk.post('/api/v1/transactions', {
      customerId: c.id,
      kind: 'purchase',
      currency: 'USD',
      occurredAt: '2026-11-21T10:00:00Z',
      items: [{ description: 'Grout, white', quantity: 2, unitPriceMinor: 1299 }],
    }),
    201,
  );
  ok(
    await clerk.post('/api/v1/transactions', {
      customerId: c.id,
      kind: 'refund',
      currency: 'USD',
      amountMinor: 1299,
      occurredAt: '2026-11-22T10:00:00Z',
      relatedTransactionId: purchase.id,
    }),
    201,
  );
  ok(await clerk.post('/api/v1/life-events', { customerId: c.id, kind: 'school_start', title: 'Son started college', involvedCustomerIds: [son.id] }), 201);
  ok(await clerk.post('/api/v1/projects', { customerId: c.id, title: 'Bathroom tiling' }), 201);
  ok(await clerk.post('/api/v1/notes', { customerId: c.id, body: 'Prefers mornings', pinned: true }), 201);
  ok(await clerk.post('/api/v1/notes', { customerId: c.id, body: 'Loan arrears', sensitivity: 'private' }), 201);
  return { id: c.id as string, sonId: son.id as string };
}

/** What a person sees of a customer: profile, timeline, brief (without the moment it was written), search. */
async function viewOf(client: Client, id: string, q: string) {
  const brief = (await client.get(`/api/v1/customers/${id}/brief`)).body;
  return {
    customer: (await client.get(`/api/v1/customers/${id}`)).body,
    timeline: (await client.get(`/api/v1/customers/${id}/timeline`)).body,
    brief: brief.sections,
    search: (await client.get(`/api/v1/search?q=${encodeURIComponent(q)}`)).body.items.map((i: { id: string; reasons: unknown }) => [i.id, i.reasons]),
  };
}

describe('deleting a customer', () => {
  it('moves them and everything recorded about them to the trash, and a restore gives back exactly what was there', async () => {
    const { id, sonId } = await richCustomer('Maggie Chen');
    const rowsBefore = await collectRows(t.database.db, 'customers', id);
    expect(new Set(rowsBefore.map((r) => r.table))).toEqual(
      new Set(['customers', 'emails', 'phones', 'addresses', 'externalIds', 'relationships', 'interactions', 'transactions', 'transactionItems', 'lifeEvents', 'lifeEventCustomers', 'projects', 'notes']),
    );
    const seenBefore = await viewOf(manager, id, 'maggie chen');
    expect(seenBefore.search.map((s: [string]) => s[0])).toContain(id);

    const receipt = ok(await admin.delete(`/api/v1/customers/${id}`));
    expect(receipt).toMatchObject({ entityType: 'customer', entityId: id });

    // Gone from every table, list, search and brief at once.
    expect(await collectRows(t.database.db, 'customers', id)).toEqual([]);
    expect((await manager.get(`/api/v1/customers/${id}`)).status).toBe(404);
    expect((await manager.get(`/api/v1/customers/${id}/brief`)).status).toBe(404);
    expect((await manager.get('/api/v1/search?q=maggie%20chen')).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await manager.get('/api/v1/search?q=217-555-0142')).body.items).toEqual([]);
    expect((await manager.get(`/api/v1/customers/${sonId}`)).body.relationships).toEqual([]);
    expect((await manager.get(`/api/v1/customers/${sonId}/timeline?kinds=life_event`)).body.items).toEqual([]);
    const customers = await t.database.db.selectFrom('customers').select('id').where('id', '=', id).execute();
    expect(customers).toEqual([]);

    // In the trash, for managers, with what comes back with it.
    const listed = ok(await manager.get(`/api/v1/trash?customerId=${id}`));
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ id: receipt.trashId, entityType: 'customer', label: 'Maggie Chen', rowCount: rowsBefore.length, deletedByName: expect.any(String) });
    const entry = ok(await manager.get(`/api/v1/trash/${receipt.trashId}`));
    expect(entry.contents).toEqual(expect.arrayContaining([{ heading: 'Notes', count: 2 }, { heading: 'Phone numbers', count: 2 }]));
    expect((await clerk.get('/api/v1/trash')).status).toBe(403);
    expect((await clerk.post(`/api/v1/trash/${receipt.trashId}/restore`)).status).toBe(403);

    const restored = ok(await manager.post(`/api/v1/trash/${receipt.trashId}/restore`));
    expect(restored).toMatchObject({ entityType: 'customer', entityId: id, customerId: id, restored: rowsBefore.length, heldBack: [], dropped: [] });
    // Row by row, exactly as it was.
    expect(await collectRows(t.database.db, 'customers', id)).toEqual(rowsBefore);
    const seenAfter = await viewOf(manager, id, 'maggie chen');
    expect(seenAfter.customer).toEqual(seenBefore.customer);
    expect(seenAfter.timeline).toEqual(seenBefore.timeline);
    expect(seenAfter.search).toEqual(seenBefore.search);
    // The brief is the same but for "since you last saw them", which now says a manager restored them.
    expect(seenAfter.brief.filter((s: { key: string }) => s.key !== 'since')).toEqual(seenBefore.brief.filter((s: { key: string }) => s.key !== 'since'));
    expect((await manager.get(`/api/v1/trash/${receipt.trashId}`)).status).toBe(404);

    const history = ok(await admin.get(`/api/v1/audit?customerId=${id}&entityType=customer`));
    expect(history.items.slice(0, 2).map((i: { action: string }) => i.action)).toEqual(['restore', 'delete']);
  });

  it('holds back a link to a customer deleted since, and brings it back with them', async () => {
    const a = ok(await clerk.post('/api/v1/customers', { displayName: 'Ann Held' }), 201);
    const b = ok(await clerk.post('/api/v1/customers', { displayName: 'Bob Held' }), 201);
    ok(await clerk.post(`/api/v1/customers/${a.id}/relationships`, { relatedCustomerId: b.id, label: 'spouse', relatedLabel: 'spouse', household: true }), 201);
    const trashA = ok(await admin.delete(`/api/v1/customers/${a.id}`)).trashId;
    const trashB = ok(await admin.delete(`/api/v1/customers/${b.id}`)).trashId;

    const first = ok(await manager.post(`/api/v1/trash/${trashA}/restore`));
    expect(first.heldBack).toEqual([{ table: 'relationships', trashId: trashB }]);
    expect((await manager.get(`/api/v1/customers/${a.id}`)).body.relationships).toEqual([]);
    expect(ok(await manager.get(`/api/v1/trash/${trashB}`)).rowCount).toBe(2);

    ok(await manager.post(`/api/v1/trash/${trashB}/restore`));
    const links = (await manager.get(`/api/v1/customers/${a.id}`)).body.relationships;
    expect(links).toMatchObject([{ relatedCustomerId: b.id, label: 'spouse', household: true }]);
  });

  it('will not restore an external id another customer has taken since, and restores nothing then', async () => {
    const c = ok(await clerk.post('/api/v1/customers', { displayName: 'Pos Person', externalIds: [{ source: 'pos', externalId: 'TAKEN-1' }] }), 201);
    const trashId = ok(await admin.delete(`/api/v1/customers/${c.id}`)).trashId;
    const other = ok(await clerk.post('/api/v1/customers', { displayName: 'New Owner', externalIds: [{ source: 'pos', externalId: 'TAKEN-1' }] }), 201);
    const refused = await manager.post(`/api/v1/trash/${trashId}/restore`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('pos TAKEN-1');
    expect(refused.body.detail).toContain(other.id);
    expect((await manager.get(`/api/v1/customers/${c.id}`)).status).toBe(404);
    expect(ok(await manager.get(`/api/v1/trash/${trashId}`)).rowCount).toBe(2);
  });
});

describe('deleting one record', () => {
  it('restores a note, and refuses while its customer is in the trash, naming them', async () => {
    const c = ok(await clerk.post('/api/v1/customers', { displayName: 'Nora Note' }), 201);
    const note = ok(await clerk.post('/api/v1/notes', { customerId: c.id, body: 'Allergic to latex gloves', pinned: true }), 201);
    const noteTrash = ok(await manager.delete(`/api/v1/notes/${note.id}`)).trashId;
    expect((await clerk.get(`/api/v1/notes?customerId=${c.id}`)).body.items).toEqual([]);
    // Its history says a note was added and deleted, and no longer what it said.
    const history = ok(await clerk.get(`/api/v1/customers/${c.id}/history`));
    expect(JSON.stringify(history)).not.toContain('latex');
    expect(history.items.map((i: { action: string; entityType: string }) => `${i.action} ${i.entityType}`)).toEqual(['delete note', 'create note', 'create customer']);

    const customerTrash = ok(await admin.delete(`/api/v1/customers/${c.id}`)).trashId;
    const refused = await manager.post(`/api/v1/trash/${noteTrash}/restore`);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('Nora Note is in the trash: restore it first, then this.');

    ok(await manager.post(`/api/v1/trash/${customerTrash}/restore`));
    ok(await manager.post(`/api/v1/trash/${noteTrash}/restore`));
    expect((await clerk.get(`/api/v1/notes/${note.id}`)).body).toEqual(note);
    expect(JSON.stringify((await clerk.get(`/api/v1/customers/${c.id}/history`)).body)).toContain('latex');
  });

  it('gives a restored primary phone its place back', async () => {
    const c = ok(await clerk.post('/api/v1/customers', { displayName: 'Pia Phone', phones: [{ number: '555 100 2000' }, { number: '555 100 3000' }] }), 201);
    const [primary, second] = c.phones as { id: string; primary: boolean }[];
    ok(await manager.delete(`/api/v1/customers/${c.id}/phones/${primary!.id}`));
    expect((await clerk.get(`/api/v1/customers/${c.id}`)).body.phones).toMatchObject([{ id: second!.id, primary: true }]);
    const entry = ok(await manager.get(`/api/v1/trash?customerId=${c.id}&entityType=phone`)).items[0];
    ok(await manager.post(`/api/v1/trash/${entry.id}/restore`));
    expect((await clerk.get(`/api/v1/customers/${c.id}`)).body.phones).toEqual(c.phones);
  });

  it('keeps a deleted private note to its audience: other managers neither see nor restore it', async () => {
    const elsewhere = ok(await admin.post('/api/v1/locations', { name: 'Riverside branch' }), 201).id;
    const otherManager = await t.signIn('manager', { locationIds: [elsewhere] });
    const c = ok(await clerk.post('/api/v1/customers', { displayName: 'Priya Private', locationId: branch }), 201);
    const note = ok(await clerk.post('/api/v1/notes', { customerId: c.id, body: 'Grieving her father', sensitivity: 'private' }), 201);
    const trashId = ok(await manager.delete(`/api/v1/notes/${note.id}`)).trashId;
    expect(ok(await manager.get(`/api/v1/trash?customerId=${c.id}`)).items).toHaveLength(1);
    expect(ok(await otherManager.get(`/api/v1/trash?customerId=${c.id}`)).items).toEqual([]);
    expect((await otherManager.get(`/api/v1/trash/${trashId}`)).status).toBe(404);
    expect((await otherManager.post(`/api/v1/trash/${trashId}/restore`)).status).toBe(404);
    // The customer's own trash entry counts only what the reader may see.
    const customerTrash = ok(await admin.delete(`/api/v1/customers/${c.id}`)).trashId;
    expect(ok(await otherManager.get(`/api/v1/trash/${customerTrash}`)).contents).toEqual([{ heading: 'Customer', count: 1 }]);
    ok(await otherManager.post(`/api/v1/trash/${customerTrash}/restore`));
  });

  it('answers 404 for an unknown entry and 400 for a bad id', async () => {
    expect((await manager.post('/api/v1/trash/01900000-0000-7000-8000-000000000000/restore')).status).toBe(404);
    expect((await manager.get('/api/v1/trash/nope')).status).toBe(400);
    expect((await manager.get('/api/v1/trash?cursor=zz')).status).toBe(400);
  });
});

describe('emptying the trash', () => {
  it('keeps entries for the retention an admin sets, then purges them and what the audit said of them', async () => {
    expect(ok(await manager.get('/api/v1/trash/settings'))).toEqual({ retentionDays: 30 });
    expect((await manager.put('/api/v1/trash/settings', { retentionDays: 7 })).status).toBe(403);
    const bad = await admin.put('/api/v1/trash/settings', { retentionDays: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/body/retentionDays');
    expect(ok(await admin.put('/api/v1/trash/settings', { retentionDays: 7 }))).toEqual({ retentionDays: 7 });

    const c = ok(await clerk.post('/api/v1/customers', { displayName: 'Old Deleted', phones: [{ number: '555 777 0001' }] }), 201);
    const note = ok(await clerk.post('/api/v1/notes', { customerId: c.id, body: 'A very old note' }), 201);
    const oldTrash = ok(await admin.delete(`/api/v1/customers/${c.id}`)).trashId;
    const fresh = ok(await clerk.post('/api/v1/customers', { displayName: 'Fresh Deleted' }), 201);
    const freshTrash = ok(await admin.delete(`/api/v1/customers/${fresh.id}`)).trashId;
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString();
    await t.database.db.updateTable('trashEntries').set({ deletedAt: eightDaysAgo }).where('id', '=', oldTrash).execute();
    const listed = ok(await manager.get(`/api/v1/trash?customerId=${c.id}`)).items[0];
    expect(listed.purgeAfter).toBe(new Date(Date.parse(eightDaysAgo) + 7 * 24 * 3600 * 1000).toISOString());

    ok(await clerk.post('/api/v1/customers', { displayName: 'Deleted Dawson' }), 201);
    expect(await purgeExpiredTrash(t.database.db)).toBe(1);
    expect(await purgeExpiredTrash(t.database.db)).toBe(0);
    expect((await manager.get(`/api/v1/trash/${oldTrash}`)).status).toBe(404);
    expect(await t.database.db.selectFrom('trashRows').select('rowId').where('trashId', '=', oldTrash).execute()).toEqual([]);
    expect((await manager.get(`/api/v1/trash/${freshTrash}`)).status).toBe(200);
    // The audit keeps who did what and when, and forgets what the purged records said.
    const trail = await t.database.db.selectFrom('auditEvents').select(['action', 'entityType', 'entityId', 'diff']).where('customerId', '=', c.id).orderBy('at').orderBy('id').execute();
    expect(trail.map((r) => `${r.action} ${r.entityType}`)).toEqual(['create customer', 'create phone', 'create note', 'delete customer', 'purge customer']);
    expect(trail.filter((r) => r.action !== 'purge').map((r) => r.diff)).toEqual([null, null, null, null]);
    // The number in any form it was written or stored in (not just "555": a random id may hold that).
    expect(JSON.stringify(trail)).not.toMatch(/Old Deleted|A very old note|555\D?777\D?0001|5557770001/);
    expect(trail.some((r) => r.entityId === note.id)).toBe(true);
    // The lookup forgets the purged name, and keeps words others still go by.
    const words = (await t.database.db.selectFrom('searchWords').select('word').where('word', 'in', ['old', 'deleted', 'dawson']).execute()).map((w) => w.word).sort();
    expect(words).toEqual(['dawson', 'deleted']);
    ok(await admin.put('/api/v1/trash/settings', { retentionDays: 30 }));
  });
});
