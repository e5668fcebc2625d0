import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAll } from '../cli/export-command.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * Hand-off rows and the customer registry (src/platform/database/customer-tables.ts), row by row:
 * erasing a customer in a hand-off deletes their hand-off rows (the customer in it, its lines, its
 * case and promise links, its reads) and leaves its other customers' intact; merging a customer in a
 * hand-off into another moves their rows to the survivor, and undoing the merge moves them back; the
 * export and the subject access list them.
 */

let t: TestApp;
let admin: Client;
let night: Client;
let day: Client;
let wardManager: Client;
let ward: string;
const db = () => t.database.db;

const tables = ['handoffCustomers', 'handoffNotes', 'handoffCases', 'handoffPromises', 'handoffReads'] as const;
type Rows = Record<(typeof tables)[number], Record<string, unknown>[]>;

/** Every hand-off row of some customers, table by table, in a stable order. */
async function handoffRowsOf(customerIds: string[]): Promise<Rows> {
  const out = {} as Rows;
  for (const table of tables) {
    const rows = (await db().selectFrom(table).selectAll().where('customerId', 'in', customerIds).execute()) as Record<string, unknown>[];
    out[table] = rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}
const moved = (rows: Rows, from: string, to: string): Rows =>
  Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.map((r) => (r.customerId === from ? { ...r, customerId: to } : r)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))])) as Rows;
const count = (rows: Rows) => Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  ward = (await admin.post('/api/v1/locations', { name: 'Ward 6', timezone: 'America/Chicago' })).body.id;
  night = await t.signIn('frontline', { locationIds: [ward], name: 'Joy Mensah' });
  day = await t.signIn('frontline', { locationIds: [ward], name: 'Ben Castillo' });
  wardManager = await t.signIn('manager', { locationIds: [ward], name: 'Ruth Adeyemi' });
});
afterAll(() => t.close());

/** Two customers handed over together, each with a case, a promise, lines (one private), accepted and read. */
async function handedOver(a: { givenName: string; familyName: string }, b: { givenName: string; familyName: string }) {
  const first = (await night.post('/api/v1/customers', { ...a, locationId: ward })).body.id as string;
  const second = (await night.post('/api/v1/customers', { ...b, locationId: ward })).body.id as string;
  const ids = { first, second, cases: {} as Record<string, string>, promises: {} as Record<string, string> };
  for (const c of [first, second]) {
    ids.cases[c] = (await night.post('/api/v1/cases', { customerId: c, subject: `Case of ${c}` })).body.id;
    ids.promises[c] = (await night.post('/api/v1/promises', { customerId: c, what: `Call ${c}`, dueOn: '2031-02-01' })).body.id;
  }
  const part = (c: string) => ({
    customerId: c,
    caseIds: [ids.cases[c]],
    notes: [
      { topic: 'told', body: `Told ${c} the plan` },
      { topic: 'sensitivities', body: `Private about ${c}`, sensitivity: 'private' },
    ],
  });
  const res = await night.post('/api/v1/handoffs', { toStaffId: day.staffId, customers: [part(first), part(second)] });
  expect(res.status).toBe(201);
  expect((await day.post(`/api/v1/handoffs/${res.body.id}/accept`)).status).toBe(200);
  for (const c of [first, second]) expect((await day.post(`/api/v1/handoffs/${res.body.id}/read`, { customerId: c })).status).toBe(200);
  return { ...ids, handoffId: res.body.id as string };
}

describe('erasing a customer in a hand-off', () => {
  it('deletes their hand-off rows, every one, and leaves the other customer’s and the hand-off itself intact', async () => {
    const h = await handedOver({ givenName: 'Erin', familyName: 'Erased' }, { givenName: 'Kai', familyName: 'Kept' });
    const erasedBefore = await handoffRowsOf([h.first]);
    const keptBefore = await handoffRowsOf([h.second]);
    const full = { handoffCustomers: 1, handoffNotes: 2, handoffCases: 1, handoffPromises: 1, handoffReads: 1 };
    expect(count(erasedBefore)).toEqual(full);
    expect(count(keptBefore)).toEqual(full);

    const res = await admin.post(`/api/v1/customers/${h.first}/erase`, { reason: 'Asked to be forgotten' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    expect(count(await handoffRowsOf([h.first]))).toEqual({ handoffCustomers: 0, handoffNotes: 0, handoffCases: 0, handoffPromises: 0, handoffReads: 0 });
    // None of the erased rows is left anywhere, under any customer.
    for (const table of tables) {
      for (const row of erasedBefore[table]) {
        const key = 'id' in row ? db().selectFrom(table).select('customerId').where('id' as never, '=', row.id as never) : db().selectFrom('handoffReads').select('customerId').where('handoffCustomerId', '=', row.handoffCustomerId as string).where('staffId', '=', row.staffId as string);
        expect(await key.execute(), `${table} ${JSON.stringify(row)}`).toEqual([]);
      }
    }
    expect(await handoffRowsOf([h.second])).toEqual(keptBefore);
    expect(await db().selectFrom('handoffs').select(['id', 'status']).where('id', '=', h.handoffId).execute()).toEqual([{ id: h.handoffId, status: 'accepted' }]);
    const shown = (await wardManager.get(`/api/v1/handoffs/${h.handoffId}`)).body;
    expect(shown.customers.map((c: { customerId: string }) => c.customerId)).toEqual([h.second]);
    expect(JSON.stringify(shown)).not.toContain(h.first);
  });
});

describe('merging a customer in a hand-off', () => {
  it('moves their hand-off rows to the survivor, row by row, and the undo moves them back exactly', async () => {
    const h = await handedOver({ givenName: 'Mona', familyName: 'Merged' }, { givenName: 'Otto', familyName: 'Other' });
    const survivor = (await night.post('/api/v1/customers', { givenName: 'Mona', familyName: 'Merged-Smith', locationId: ward })).body.id as string;
    const mergedBefore = await handoffRowsOf([h.first]);
    const otherBefore = await handoffRowsOf([h.second]);
    expect(await handoffRowsOf([survivor])).toEqual({ handoffCustomers: [], handoffNotes: [], handoffCases: [], handoffPromises: [], handoffReads: [] });

    const receipt = await wardManager.post(`/api/v1/customers/${survivor}/merge`, { mergedId: h.first, reason: 'One person, two records' });
    expect(receipt.status, JSON.stringify(receipt.body)).toBe(200);
    expect(count(await handoffRowsOf([h.first]))).toEqual({ handoffCustomers: 0, handoffNotes: 0, handoffCases: 0, handoffPromises: 0, handoffReads: 0 });
    expect(await handoffRowsOf([survivor])).toEqual(moved(mergedBefore, h.first, survivor));
    expect(await handoffRowsOf([h.second])).toEqual(otherBefore);
    const shown = (await wardManager.get(`/api/v1/handoffs/${h.handoffId}`)).body;
    expect(shown.customers.map((c: { customerId: string }) => c.customerId)).toEqual([survivor, h.second]);
    expect(shown.customers[0].notes.map((n: { body: string }) => n.body)).toEqual([`Told ${h.first} the plan`, `Private about ${h.first}`]);

    const undone = await wardManager.post(`/api/v1/merges/${receipt.body.mergeId}/undo`);
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(await handoffRowsOf([h.first])).toEqual(mergedBefore);
    expect(await handoffRowsOf([h.second])).toEqual(otherBefore);
    expect(count(await handoffRowsOf([survivor]))).toEqual({ handoffCustomers: 0, handoffNotes: 0, handoffCases: 0, handoffPromises: 0, handoffReads: 0 });
  });
});

describe('the export and the subject access', () => {
  it('list a customer’s hand-off rows: the customer in it, its lines, its cases, the promises moved, who read it', async () => {
    const h = await handedOver({ givenName: 'Sue', familyName: 'Subject' }, { givenName: 'Nat', familyName: 'Neighbour' });
    const rows = await handoffRowsOf([h.first]);
    const item = rows.handoffCustomers[0]!;

    const report = await wardManager.get(`/api/v1/customers/${h.first}/subject-access`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    // One group per table, each row as stored (the ward's manager may read the private line too).
    const types = { handoffCustomers: 'handoffCustomer', handoffNotes: 'handoffNote', handoffCases: 'handoffCase', handoffPromises: 'handoffPromise', handoffReads: 'handoffRead' } as const;
    const sorted = (list: Record<string, unknown>[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    for (const table of tables) {
      const group = report.body.records.find((g: { type: string }) => g.type === types[table]);
      expect(group, table).toBeDefined();
      expect(sorted(group.items), table).toEqual(sorted(rows[table]));
    }
    expect(report.body.records.find((g: { type: string }) => g.type === 'handoffCustomer').heading).toBe('Hand-offs between staff');
    expect(rows.handoffCustomers[0]).toMatchObject({ id: item.id, handoffId: h.handoffId });
    // Nothing of the other customer in the hand-off.
    expect(JSON.stringify(report.body.records)).not.toContain(h.second);

    // The full export (`rapport export`): the customer in the hand-off, with its rows nested.
    let text = '';
    const out = new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
    await exportAll(db(), out);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    const exported = lines.filter((l) => l.type === 'handoffCustomer' && l.data.customerId === h.first).map((l) => l.data);
    const drop = (r: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k)));
    expect(exported).toEqual([
      {
        ...item,
        notes: sorted(rows.handoffNotes.map((n) => drop(n, 'handoffCustomerId', 'customerId'))),
        caseIds: rows.handoffCases.map((c) => c.caseId),
        promisesMoved: rows.handoffPromises.map((p) => drop(p, 'handoffCustomerId', 'customerId')),
        reads: rows.handoffReads.map((r) => drop(r, 'handoffCustomerId', 'customerId')),
      },
    ].map((e) => ({ ...e, notes: expect.arrayContaining(e.notes) })));
    expect((exported[0]!.notes as unknown[]).length).toBe(2);
  });
});
