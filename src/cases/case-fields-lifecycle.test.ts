import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAll } from '../cli/export-command.js';
import { collectRows, type HeldRow } from '../platform/database/customer-rows.js';
import { withBooleanFlags } from '../platform/database/schema.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * The fields a case's type wants (case_fields, issue 11) go wherever their case goes, through the
 * registry of customer tables and no code of their own: to the trash and back with the case and with
 * the customer, to the survivor of a merge and back with its undo, out in the customer's export and
 * their copy of their data, and away with erasure. Each step is checked row by row.
 */

let t: TestApp;
let admin: Client;
let manager: Client;
let clerk: Client;
let people = 0;

const ok = <T extends { status: number; body: unknown }>(res: T, status = 200): T => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res;
};
const fieldRows = (caseId: string) => t.database.db.selectFrom('caseFields').selectAll().where('caseId', '=', caseId).orderBy('position').execute();
async function rowsOf(customerId: string): Promise<Map<string, Record<string, unknown>>> {
  const rows: HeldRow[] = await collectRows(t.database.db, 'customers', customerId);
  return new Map(rows.map((h) => [`${h.table}:${String(h.row.id ?? JSON.stringify(h.row))}`, withBooleanFlags(h.row)]));
}

/** A customer with an urgent roadside case: two fields typed at the call, one filled in later, two still missing. */
async function customerWithCase(name: string) {
  people += 1;
  const phone = `(217) 555-${String(100 + people).padStart(4, '0')}`;
  const [givenName, familyName] = name.split(' ');
  const customerId = ok(await clerk.post('/api/v1/customers', { givenName, familyName, phones: [{ number: phone }] }), 201).body.id as string;
  const opened = ok(
    await clerk.post('/api/v1/urgent-cases', { callbackNumber: phone, situation: 'Flat tyre on the ring road', helpNeeded: 'Wheel change', type: 'roadside', fields: { registration: 'KB 448', vehicle: 'Blue Corolla' } }),
    201,
  ).body;
  expect(opened.customerId).toBe(customerId);
  ok(await clerk.patch(`/api/v1/cases/${opened.id}/fields`, { fields: { colour: 'Blue' } }));
  const rows = await fieldRows(opened.id);
  expect(rows.map((r) => [r.fieldKey, r.value, r.customerId])).toEqual([
    ['registration', 'KB 448', customerId],
    ['vehicle', 'Blue Corolla', customerId],
    ['membership', null, customerId],
    ['colour', 'Blue', customerId],
    ['mileage', null, customerId],
  ]);
  return { customerId, caseId: opened.id as string, rows };
}

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  manager = await t.signIn('manager', { name: 'Maya Manager' });
  clerk = await t.signIn('frontline', { name: 'Nina Night' });
});
afterAll(() => t.close());

describe("a case's fields", () => {
  it('go to the trash with their case and come back exactly, and with their customer too', async () => {
    const { customerId, caseId, rows } = await customerWithCase('Katie Brennan');

    const receipt = ok(await manager.delete(`/api/v1/cases/${caseId}`)).body;
    expect(await fieldRows(caseId)).toEqual([]);
    const entry = ok(await manager.get(`/api/v1/trash/${receipt.trashId}`)).body;
    expect(entry.contents).toEqual(expect.arrayContaining([{ heading: 'Details recorded on cases', count: 5 }]));
    ok(await manager.post(`/api/v1/trash/${receipt.trashId}/restore`));
    expect(await fieldRows(caseId)).toEqual(rows);
    const detail = ok(await clerk.get(`/api/v1/cases/${caseId}`)).body;
    expect(detail.fields.map((f: { key: string; value: string | null }) => [f.key, f.value])).toEqual(rows.map((r) => [r.fieldKey, r.value]));

    const before = await rowsOf(customerId);
    const whole = ok(await admin.delete(`/api/v1/customers/${customerId}`)).body;
    expect(await fieldRows(caseId)).toEqual([]);
    ok(await manager.post(`/api/v1/trash/${whole.trashId}/restore`));
    expect(await fieldRows(caseId)).toEqual(rows);
    expect(await rowsOf(customerId)).toEqual(before);
  });

  it('move to the survivor of a merge and back to their own customer when it is undone', async () => {
    const kept = await customerWithCase('Robert Smith');
    const merged = await customerWithCase('Bob Smith');
    const keptBefore = await rowsOf(kept.customerId);
    const mergedBefore = await rowsOf(merged.customerId);

    const receipt = ok(await manager.post(`/api/v1/customers/${kept.customerId}/merge`, { mergedId: merged.customerId, reason: 'Same phone at the till' })).body;
    expect((await fieldRows(merged.caseId)).map((r) => r.customerId)).toEqual(Array(5).fill(kept.customerId));
    expect((await fieldRows(kept.caseId)).map((r) => r.customerId)).toEqual(Array(5).fill(kept.customerId));
    expect((await fieldRows(merged.caseId)).map((r) => [r.fieldKey, r.value])).toEqual(merged.rows.map((r) => [r.fieldKey, r.value]));

    ok(await manager.post(`/api/v1/merges/${receipt.mergeId}/undo`));
    expect(await fieldRows(merged.caseId)).toEqual(merged.rows);
    expect(await fieldRows(kept.caseId)).toEqual(kept.rows);
    const mergedAfter = await rowsOf(merged.customerId);
    for (const [key, row] of mergedBefore) if (key.startsWith('caseFields:')) expect(mergedAfter.get(key), key).toEqual(row);
    const keptAfter = await rowsOf(kept.customerId);
    for (const [key, row] of keptBefore) if (key.startsWith('caseFields:')) expect(keptAfter.get(key), key).toEqual(row);
  });

  it('are in the export and in the customer’s copy of their data, and erasure takes them away', async () => {
    const { customerId, caseId } = await customerWithCase('Zeb Quartermaine');

    // `rapport export`: the case's record carries its fields, in the order the type asks for them.
    const lines: string[] = [];
    await exportAll(t.database.db, new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    }));
    const records = lines.map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    const exported = records.find((r) => r.type === 'case' && r.data.id === caseId);
    expect(exported, JSON.stringify([...new Set(records.map((r) => r.type))])).toBeDefined();
    expect((exported!.data.fields as { fieldKey: string; value: string | null }[]).map((f) => [f.fieldKey, f.value])).toEqual([
      ['registration', 'KB 448'],
      ['vehicle', 'Blue Corolla'],
      ['membership', null],
      ['colour', 'Blue'],
      ['mileage', null],
    ]);

    const answer = ok(await manager.get(`/api/v1/customers/${customerId}/subject-access`)).body as unknown;
    const copy = typeof answer === 'string' ? answer : JSON.stringify(answer);
    expect(copy).toContain('Blue Corolla');
    expect(copy).toContain('KB 448');

    ok(await admin.post(`/api/v1/customers/${customerId}/erase`, { reason: 'Asked to be forgotten' }));
    expect(await fieldRows(caseId)).toEqual([]);
    const everywhere = await t.database.db.selectFrom('caseFields').select('id').where('customerId', '=', customerId).execute();
    expect(everywhere).toEqual([]);
  });
});
