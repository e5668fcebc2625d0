import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../customers/customer-commands.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import { migrateToLatest, openDatabase } from '../platform/database/connect.js';
import { createProject } from '../projects/project-commands.js';
import { cliDatabase, runCli } from '../test/cli.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { fieldLabel } from './subject-access-html.js';

/** Subject access: everything Rapport holds about one customer, as JSON and as a page, for those entitled to all of it. */

let t: TestApp;
let admin: Client;
let clerk: Client;
let manager: Client;
let otherManager: Client;
let branch: string;
let other: string;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  branch = (await admin.post('/api/v1/locations', { name: 'Harbour branch' })).body.id;
  other = (await admin.post('/api/v1/locations', { name: 'Hill branch' })).body.id;
  clerk = await t.signIn('frontline', { locationIds: [branch], name: 'Tom Teller' });
  manager = await t.signIn('manager', { locationIds: [branch], name: 'Mia Manager' });
  otherManager = await t.signIn('manager', { locationIds: [other] });
});
afterAll(() => t.close());

async function maggie() {
  const c = await clerk.post('/api/v1/customers', {
    givenName: 'Margaret',
    familyName: 'Chen',
    preferredName: 'Maggie',
    locationId: branch,
    phones: [{ number: '(217) 555-0100' }],
    emails: [{ address: 'maggie@example.com' }],
  });
  expect(c.status).toBe(201);
  const id = c.body.id as string;
  await clerk.post('/api/v1/notes', { customerId: id, body: 'Son started college in September <script>alert(1)</script>' });
  await manager.post('/api/v1/notes', { customerId: id, body: 'Loan arrears: payment plan agreed', sensitivity: 'private' });
  const gone = (await clerk.post('/api/v1/projects', { customerId: id, title: 'Kitchen extension' })).body.id;
  expect((await manager.delete(`/api/v1/projects/${gone}`)).status).toBe(200);
  await clerk.post('/api/v1/interactions', { customerId: id, channel: 'call', direction: 'inbound', summary: 'Asked about savings rates', occurredAt: '2026-11-10T09:30:00Z' });
  return id;
}

describe('a copy of everything held about a customer', () => {
  it('gives an admin or a manager who may read all of it every record, what waits in the trash and the history', async () => {
    const id = await maggie();
    const res = await manager.get(`/api/v1/customers/${id}/subject-access`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const report = res.body;
    expect(report).toMatchObject({ customerId: id, displayName: 'Margaret Chen', generatedBy: 'Mia Manager' });
    const group = (type: string) => report.records.find((g: { type: string }) => g.type === type);
    expect(group('customer').items).toMatchObject([{ id, preferredName: 'Maggie' }]);
    expect(group('phone').items).toMatchObject([{ number: '(217) 555-0100', isPrimary: true }]);
    expect(group('note').items.map((n: { body: string }) => n.body).sort()).toEqual(['Loan arrears: payment plan agreed', 'Son started college in September <script>alert(1)</script>']);
    expect(group('interaction').items).toMatchObject([{ summary: 'Asked about savings rates' }]);
    expect(group('project')).toBeUndefined();
    expect(report.trash).toMatchObject([{ entityType: 'project', label: 'Project: Kitchen extension', records: [{ type: 'project', items: [{ title: 'Kitchen extension' }] }] }]);
    expect(report.history.map((h: { action: string; entityType: string }) => `${h.action} ${h.entityType}`)).toEqual(
      expect.arrayContaining(['create customer', 'create phone', 'create note', 'create project', 'delete project', 'create interaction']),
    );
    expect(report.names[clerk.staffId]).toBe('Tom Teller');
    expect(report.names[branch]).toBe('Harbour branch');
    expect((await admin.get(`/api/v1/customers/${id}/subject-access`)).status).toBe(200);
    // Producing it is audited.
    const audit = await admin.get(`/api/v1/audit?customerId=${id}&entityType=customer`);
    expect(audit.body.items.filter((i: { action: string }) => i.action === 'subject_access').map((i: { staffId: string }) => i.staffId)).toEqual([admin.staffId, manager.staffId]);
  });

  it('refuses anyone who may not read all of it, saying who can, and shows nothing', async () => {
    const id = await maggie();
    const refused = await otherManager.get(`/api/v1/customers/${id}/subject-access`);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe(
      'This customer has private records your account may not read, so you cannot give them a complete copy. An admin, or a manager of Harbour branch, can produce it.',
    );
    expect(JSON.stringify(refused.body)).not.toContain('arrears');
    expect((await clerk.get(`/api/v1/customers/${id}/subject-access`)).status).toBe(403);
    expect((await manager.get('/api/v1/customers/01900000-0000-7000-8000-000000000000/subject-access')).status).toBe(404);
    expect((await manager.get(`/api/v1/customers/${id}/subject-access?format=pdf`)).status).toBe(400);
  });

  it('is a readable page with ?format=html: names, words and dates, every value escaped', async () => {
    const id = await maggie();
    const res = await manager.get(`/api/v1/customers/${id}/subject-access?format=html`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename="subject-access-Margaret-Chen.html"');
    const page = String(res.body);
    expect(page).toContain('<h1>Everything we hold about Margaret Chen</h1>');
    expect(page).toContain('<h2>Notes <small>(2)</small></h2>');
    expect(page).toContain('Son started college in September &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>');
    expect(page).toContain('<dt>Private to managers of</dt><dd>Harbour branch</dd>');
    expect(page).toContain('<dt>Created by</dt><dd>Tom Teller</dd>');
    expect(page).toContain('10 November 2026 at 09:30 UTC');
    expect(page).toContain('Deleted, waiting in the trash');
    expect(page).toContain('<h2>Who changed what');
  });

  it('answers 410 for an erased customer: there is nothing more to give', async () => {
    const id = await maggie();
    expect((await admin.post(`/api/v1/customers/${id}/erase`, { reason: 'Asked' })).status).toBe(200);
    expect((await admin.get(`/api/v1/customers/${id}/subject-access`)).status).toBe(410);
  });

  it('names fields in words', () => {
    expect(fieldLabel('occurredAt')).toBe('Occurred at');
    expect(fieldLabel('isPrimary')).toBe('Is primary');
  });
});

describe('rapport export --customer', () => {
  let database: Awaited<ReturnType<typeof cliDatabase>>;
  beforeAll(async () => {
    database = await cliDatabase();
  });
  afterAll(() => database.drop());

  it('writes the report as JSON or as a page, and refuses what it cannot do in one line', async () => {
    // The customer is written straight into the command's database, through the same commands as the API.
    const direct = openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR! });
    let jimId: string;
    try {
      await migrateToLatest(direct);
      const ctx = { actor: null, phoneRegion: 'US' };
      jimId = await direct.db.transaction().execute(async (trx) => {
        const id = await createCustomer(trx, ctx, { givenName: 'Jim', familyName: 'Alvarez', phones: [{ number: '(217) 555-0142' }] });
        await createInteraction(trx, ctx, { customerId: id, channel: 'visit', direction: 'inbound', summary: 'Asked about grout' });
        await createProject(trx, ctx, { customerId: id, title: 'Bathroom tiling' });
        return id;
      });
    } finally {
      await direct.close();
    }
    const jim = { data: { id: jimId } };
    const json = await runCli(['export', '--customer', jim.data.id], database.env);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ customerId: jim.data.id, displayName: 'Jim Alvarez', generatedBy: null });
    expect(report.records.map((g: { type: string }) => g.type)).toEqual(expect.arrayContaining(['customer', 'phone', 'interaction', 'project']));
    const file = path.join(database.env.DATA_DIR!, 'jim.html');
    const html = await runCli(['export', '--customer', jim.data.id, '--format', 'html', '--output', file], database.env);
    expect(html.code, html.stderr).toBe(0);
    expect(html.stderr).toBe(`Wrote everything held about Jim Alvarez to ${file}\n`);
    expect(fs.readFileSync(file, 'utf8')).toContain('<h1>Everything we hold about Jim Alvarez</h1>');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const bad = await runCli(['export', '--format', 'html'], database.env);
    expect(bad).toMatchObject({ code: 1, stderr: 'rapport: --format goes with --customer (the full export is always JSON lines).\n' });
    const missing = await runCli(['export', '--customer', '01900000-0000-7000-8000-000000000000'], database.env);
    expect(missing).toMatchObject({ code: 1, stderr: 'rapport: Customer 01900000-0000-7000-8000-000000000000 was not found.\n' });
  });
});
