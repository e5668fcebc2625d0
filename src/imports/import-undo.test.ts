import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataTables, type TableName } from '../platform/database/customer-tables.js';
import { createJobWorker } from '../platform/jobs/job-worker.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { importCheckJob, importRunJob, importUndoJob } from './import-jobs.js';
import { runUndo } from './import-undo.js';

/**
 * An import undone through its job, checked row by row: every customer, contact point, note and
 * link the import created is gone (to the trash), and a customer who was there before and only
 * filled in has every row as it was. The undo goes in batches: one stopped half-way goes on where it
 * stopped, and once done, running it again changes nothing.
 */

let t: TestApp;
let manager: Client;

beforeAll(async () => {
  t = await testApp();
  const admin = await t.signIn('admin');
  const shop = (await admin.post('/api/v1/locations', { name: 'Corner Bakery', timezone: 'America/Chicago' })).body.id;
  manager = await t.signIn('manager', { locationIds: [shop], name: 'Ulla Manager' });
});
afterAll(async () => t?.close());

const worker = () => createJobWorker({ database: t.database, kinds: [importCheckJob, importRunJob, importUndoJob], log: pino({ level: 'silent' }) });

const file = [
  'First Name,Last Name,Nickname,Birthday,Notes,Organization Name,E-mail 1 - Value,Phone 1 - Value',
  'Odile,Quennell,Odie,1979-05-02,Prefers the first bake.,Quennell Catering,odile@quennell.example,(312) 555-0301',
  'Tomasz,Wierzbicki,,1990-11-20,Orders rye on Fridays.,Wierzbicki Couriers,tomasz@wierzbicki.example,(312) 555-0302',
  'Ines,Thornquist,,,,,ines@thornquist.example,(312) 555-0303',
].join('\n');

/** Every row of every table of customer facts that names this customer, as text, in order. */
async function rowsOf(customerId: string): Promise<string[]> {
  const rows: string[] = [];
  for (const spec of dataTables) {
    for (const column of spec.customerColumns) {
      const found = await t.database.db.selectFrom(spec.table as 'emails').selectAll().where(column as 'customerId', '=', customerId).execute();
      for (const row of found) {
        // Filling in and emptying again touches the customer's last change, nothing else.
        const { updatedAt: _at, updatedBy: _by, ...kept } = row as Record<string, unknown>;
        rows.push(`${spec.table}.${column} ${JSON.stringify(spec.table === 'customers' ? kept : row)}`);
      }
    }
  }
  return rows.sort();
}

async function importFile(): Promise<string> {
  const upload = await manager.request('POST', '/api/v1/imports?fileName=bakery.csv&source=bakery-till&preset=google', Buffer.from(file), { headers: { 'content-type': 'text/csv' } });
  expect(upload.status, JSON.stringify(upload.body)).toBe(202);
  await worker().runDue();
  expect((await manager.post(`/api/v1/imports/${upload.body.id}/commit`)).status).toBe(202);
  await worker().runDue();
  expect((await manager.get(`/api/v1/imports/${upload.body.id}`)).body.status).toBe('done');
  return upload.body.id;
}

describe('undoing an import', () => {
  it('takes away what it created and puts back what it filled in, row by row, in batches that resume', async () => {
    // Odile was here before, with her email only: the import fills in her nickname and birthday and adds the rest.
    const odile = (await manager.post('/api/v1/customers', { givenName: 'Odile', familyName: 'Quennell', emails: [{ address: 'odile@quennell.example' }] })).body.id as string;
    const odileBefore = await rowsOf(odile);
    const customersBefore = await t.database.db.selectFrom('customers').select('id').orderBy('id').execute();

    const id = await importFile();
    const writes = await t.database.db.selectFrom('importWrites').select(['seq', 'action', 'tableName', 'rowId', 'customerId', 'before']).where('importId', '=', id).orderBy('seq').execute();
    const tables = new Set(writes.filter((w) => w.action === 'created').map((w) => w.tableName));
    for (const table of ['customers', 'phones', 'notes', 'relationships']) expect(tables, table).toContain(table);
    expect(writes.filter((w) => w.action === 'filled').map((w) => w.rowId)).toEqual([odile]);
    const filled = (await manager.get(`/api/v1/customers/${odile}`)).body;
    expect(filled).toMatchObject({ preferredName: 'Odie', birthday: { year: 1979, month: 5, day: 2 } });
    expect(await rowsOf(odile)).not.toEqual(odileBefore);

    // Asked for: under way, with nothing undone yet; then stopped after its first batch (a crash).
    const asked = await manager.post(`/api/v1/imports/${id}/undo`);
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body).toMatchObject({ status: 'undoing', totalRows: writes.length, processedRows: 0, undoneAt: null });
    const crash = new Error('killed');
    await expect(runUndo(t.database.db, id, { batchSize: 2, progress: () => { throw crash; } })).rejects.toBe(crash);
    const stopped = (await manager.get(`/api/v1/imports/${id}`)).body;
    expect(stopped).toMatchObject({ status: 'undoing', processedRows: 2, totalRows: writes.length });
    // Asked again while under way: the same answer, nothing started twice.
    expect((await manager.post(`/api/v1/imports/${id}/undo`)).body).toMatchObject({ status: 'undoing', processedRows: 2 });

    // The job goes on from there to the end.
    await worker().runDue();
    const undone = (await manager.get(`/api/v1/imports/${id}`)).body;
    expect(undone).toMatchObject({ status: 'undone', processedRows: writes.length, undoneAt: expect.any(String), undo: { cleared: 2 } });

    // What is left, row by row: the customers as before the import; every row it created gone, to the trash.
    expect(await t.database.db.selectFrom('customers').select('id').orderBy('id').execute()).toEqual(customersBefore);
    for (const w of writes.filter((x) => x.action === 'created')) {
      const row = await t.database.db.selectFrom(w.tableName as TableName as 'emails').select('id').where('id', '=', w.rowId).executeTakeFirst();
      expect(row, `${w.tableName} ${w.rowId}`).toBeUndefined();
    }
    const trashed = await t.database.db.selectFrom('trashEntries').select(['entityType', 'entityId']).where('entityId', 'in', writes.map((w) => w.rowId)).execute();
    expect(trashed).toHaveLength(undone.undo.trashed);
    expect(trashed.filter((e) => e.entityType === 'customer').map((e) => e.entityId).sort()).toEqual(writes.filter((w) => w.action === 'created' && w.tableName === 'customers').map((w) => w.rowId).sort());
    expect(await rowsOf(odile)).toEqual(odileBefore);
    expect((await manager.get(`/api/v1/customers/${odile}`)).body).toMatchObject({ preferredName: null, birthday: null });

    // Audited: who asked, and what it did when it finished.
    const audit = await t.database.db.selectFrom('auditEvents').select(['staffId', 'diff']).where('entityType', '=', 'import').where('entityId', '=', id).where('action', '=', 'update').orderBy('at').orderBy('id').execute();
    const diffs = audit.map((a) => JSON.parse(a.diff ?? 'null'));
    expect(diffs.slice(-2)).toEqual([
      { before: { status: 'done' }, after: { status: 'undoing' } },
      { before: { status: 'undoing' }, after: { status: 'undone', trashed: undone.undo.trashed, cleared: 2 } },
    ]);
    expect(audit.slice(-2).map((a) => a.staffId)).toEqual([manager.staffId, manager.staffId]);

    // Done once: running it again, or asking again, changes nothing.
    expect(await runUndo(t.database.db, id)).toEqual(undone.undo);
    const again = await manager.post(`/api/v1/imports/${id}/undo`);
    expect(again.status).toBe(409);
    expect(await t.database.db.selectFrom('trashEntries').select('id').where('entityId', 'in', writes.map((w) => w.rowId)).execute()).toHaveLength(undone.undo.trashed);
    expect((await manager.post('/api/v1/imports/00000000-0000-7000-8000-000000000000/undo')).status).toBe(404);
  });

  it('leaves a field someone changed since the import as they left it', async () => {
    const ines = (await manager.post('/api/v1/customers', { givenName: 'Ines', familyName: 'Thornquist', emails: [{ address: 'ines.t@thornquist.example' }] })).body.id as string;
    const file2 = ['First Name,Last Name,Nickname,E-mail 1 - Value', 'Ines,Thornquist,Nessa,ines.t@thornquist.example'].join('\n');
    const upload = await manager.request('POST', '/api/v1/imports?fileName=nick.csv&source=bakery-till&preset=google', Buffer.from(file2), { headers: { 'content-type': 'text/csv' } });
    await worker().runDue();
    await manager.post(`/api/v1/imports/${upload.body.id}/commit`);
    await worker().runDue();
    expect((await manager.get(`/api/v1/customers/${ines}`)).body.preferredName).toBe('Nessa');
    expect((await manager.patch(`/api/v1/customers/${ines}`, { preferredName: 'Nes' })).status).toBe(200);
    expect((await manager.post(`/api/v1/imports/${upload.body.id}/undo`)).status).toBe(202);
    await worker().runDue();
    expect((await manager.get(`/api/v1/imports/${upload.body.id}`)).body).toMatchObject({ status: 'undone', undo: { trashed: 0, cleared: 0 } });
    expect((await manager.get(`/api/v1/customers/${ines}`)).body.preferredName).toBe('Nes');
  });
});
