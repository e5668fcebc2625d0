import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/app.js';
import { loadConfig } from '../platform/config.js';
import type { DatabaseHandle, Db } from '../platform/database/connect.js';
import { tokenClient } from '../test/bearer.js';
import { sharedTestDatabase, type SharedTestDatabase } from '../test/shared-database.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { compactAfterErasure } from './erasure-compact-job.js';

/**
 * Erasure removes a customer's personal data everywhere, the audit trail's before and after
 * included, and leaves a tombstone: their contacts and purchases still count, without what was said
 * or bought. Proven by reading every column of every table afterwards, on both engines, and on
 * SQLite the database file itself.
 */

let t: TestApp;
let admin: Client;
let clerk: Client;
let manager: Client;

const needles = ['Zebulon', 'zebulon', 'Quartermain', 'quartermain', 'Zebby', '2175550199', '555-0199', 'zeb.q@example.com', 'Wallaby', 'ZQ-991', 'divorce', 'arrears', 'graduated', 'kitchen remodel', 'asked about tiles', 'custom tiles', 'paid in cash'];

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
  const branch = (await admin.post('/api/v1/locations', { name: 'Erasure branch' })).body.id;
  clerk = await t.signIn('frontline', { locationIds: [branch] });
  manager = await t.signIn('manager', { locationIds: [branch] });
});
afterAll(() => t.close());

/** Every value of every table, as text, for looking through. */
async function everything(db: Db, engine: string): Promise<string> {
  const plain = db.withoutPlugins();
  const tables =
    engine === 'postgres'
      ? (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(plain)).rows
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(plain)).rows;
  expect(tables.length).toBeGreaterThan(20);
  const parts: string[] = [];
  for (const { name } of tables) parts.push(name, JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(plain)).rows));
  return parts.join('\n');
}

/** A customer with personal data in every kind of record, and a relative who must keep theirs. */
async function zebulon(client: Client) {
  const ok = (res: { status: number; body: { id: string } }) => {
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };
  const id = ok(
    await client.post('/api/v1/customers', {
      givenName: 'Zebulon',
      familyName: 'Quartermain',
      preferredName: 'Zebby',
      phones: [{ number: '(217) 555-0199' }],
      emails: [{ address: 'zeb.q@example.com' }],
      addresses: [{ line1: '42 Wallaby Way', city: 'Sydney' }],
      externalIds: [{ source: 'pos', externalId: 'ZQ-991' }],
    }),
  );
  // Renamed once: the old spelling lives in the audit trail too.
  expect((await client.patch(`/api/v1/customers/${id}`, { familyName: 'Quartermaine' })).status).toBe(200);
  const relative = ok(await client.post('/api/v1/customers', { givenName: 'Rita', familyName: 'Relative', phones: [{ number: '217 555 0123' }] }));
  ok(await client.post(`/api/v1/customers/${id}/relationships`, { relatedCustomerId: relative, label: 'spouse', relatedLabel: 'spouse', household: true }));
  ok(await client.post('/api/v1/notes', { customerId: id, body: 'Going through a divorce' }));
  ok(await client.post('/api/v1/notes', { customerId: id, body: 'Loan arrears since June', sensitivity: 'private' }));
  const deleted = ok(await client.post('/api/v1/notes', { customerId: id, body: 'Zebulon mentioned his divorce lawyer' }));
  ok(await client.post('/api/v1/life-events', { customerId: id, kind: 'graduation', title: 'Daughter graduated', involvedCustomerIds: [relative] }));
  ok(await client.post('/api/v1/projects', { customerId: id, title: 'Quartermaine kitchen remodel' }));
  ok(await client.post('/api/v1/interactions', { customerId: id, channel: 'visit', direction: 'inbound', summary: 'Zebulon asked about tiles', occurredAt: '2026-11-01T10:00:00Z' }));
  ok(
    await client.post('/api/v1/transactions', {
      customerId: id,
      kind: 'purchase',
      currency: 'USD',
      occurredAt: '2026-11-02T10:00:00Z',
      note: 'paid in cash',
      items: [{ description: 'Quartermaine custom tiles', quantity: 3, unitPriceMinor: 2500 }],
    }),
  );
  return { id, relative, deleted };
}

describe('erasing a customer', () => {
  it('is for admins signed in, with a reason', async () => {
    const { id } = await zebulon(clerk);
    expect((await clerk.post(`/api/v1/customers/${id}/erase`, { reason: 'Asked' })).status).toBe(403);
    expect((await manager.post(`/api/v1/customers/${id}/erase`, { reason: 'Asked' })).status).toBe(403);
    const token = await tokenClient(t, admin, 'read_write');
    expect((await token.post(`/api/v1/customers/${id}/erase`, { reason: 'Asked' })).status).toBe(403);
    const blank = await admin.post(`/api/v1/customers/${id}/erase`, { reason: '   ' });
    expect(blank.status).toBe(422);
    expect(blank.body.errors).toEqual([{ path: '/body/reason', message: 'cannot be blank' }]);
    expect((await admin.post(`/api/v1/customers/${id}/erase`, {})).body.errors[0].path).toBe('/body/reason');
    expect((await admin.post('/api/v1/customers/01900000-0000-7000-8000-000000000000/erase', { reason: 'x' })).status).toBe(404);
    expect((await clerk.get(`/api/v1/customers/${id}`)).status).toBe(200);
    expect((await admin.post(`/api/v1/customers/${id}/erase`, { reason: 'Asked' })).status).toBe(200);
  });

  it('leaves their personal data nowhere in the database, keeps the figures, and records who, when and why', async () => {
    const { id, relative, deleted } = await zebulon(clerk);
    expect((await manager.delete(`/api/v1/notes/${deleted}`)).status).toBe(200);
    const before = await everything(t.database.db, t.database.engine);
    for (const needle of needles) expect(before, needle).toContain(needle);

    const res = await admin.post(`/api/v1/customers/${id}/erase`, { reason: 'Customer asked by letter on 2026-11-28' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ customerId: id, erasureId: expect.any(String), erasedAt: expect.any(String) });

    const after = await everything(t.database.db, t.database.engine);
    for (const needle of needles) expect(after.includes(needle), `${needle} is still in the database`).toBe(false);

    // The tombstone: the customer is gone to everyone, and says since when.
    const read = await clerk.get(`/api/v1/customers/${id}`);
    expect(read.status).toBe(410);
    expect(read.body.detail).toContain('erased on');
    expect((await clerk.get(`/api/v1/customers/${id}/brief`)).status).toBe(404);
    expect((await clerk.get('/api/v1/search?q=zebulon')).body.items).toEqual([]);
    expect((await clerk.get('/api/v1/search?q=2175550199')).body.items).toEqual([]);
    expect((await clerk.get('/api/v1/customers?limit=200')).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await admin.post(`/api/v1/customers/${id}/erase`, { reason: 'again' })).status).toBe(410);

    // The figures stay: one contact and one purchase of 75.00, with nothing of what was said or bought.
    const db = t.database.db;
    const contacts = await db.selectFrom('interactions').select(['channel', 'summary', 'staffId']).where('customerId', '=', id).execute();
    expect(contacts).toEqual([{ channel: 'visit', summary: '[erased]', staffId: clerk.staffId }]);
    const purchases = await db.selectFrom('transactions').select(['kind', 'amountMinor', 'note', 'reference']).where('customerId', '=', id).execute();
    expect(purchases).toEqual([{ kind: 'purchase', amountMinor: 7500, note: null, reference: null }]);
    const items = await db.selectFrom('transactionItems').select(['description', 'quantity']).where('customerId', '=', id).execute();
    expect(items).toEqual([{ description: '[erased]', quantity: 3 }]);
    for (const table of ['emails', 'phones', 'addresses', 'externalIds', 'notes', 'lifeEvents', 'projects'] as const) {
      expect(await db.selectFrom(table).select('id').where('customerId', '=', id).execute(), table).toEqual([]);
    }
    expect(await db.selectFrom('trashEntries').select('id').where('customerId', '=', id).execute()).toEqual([]);
    const tombstone = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(tombstone).toMatchObject({ displayName: 'Erased customer', givenName: null, familyName: null, preferredName: null, erasedAt: res.body.erasedAt });

    // The relative keeps their own record, without the link.
    const rita = await clerk.get(`/api/v1/customers/${relative}`);
    expect(rita.body).toMatchObject({ displayName: 'Rita Relative', relationships: [], phones: [{ number: '217 555 0123' }] });
    expect((await clerk.get(`/api/v1/customers/${relative}/timeline?kinds=life_event`)).body.items).toEqual([]);

    // The audit keeps who did what and when, forgets what it said, and says who erased them and why.
    const trail = await db.selectFrom('auditEvents').select(['action', 'entityType', 'staffId', 'diff']).where('customerId', '=', id).orderBy('at').orderBy('id').execute();
    expect(trail.length).toBeGreaterThan(10);
    const erase = trail.at(-1)!;
    expect(erase).toMatchObject({ action: 'erase', entityType: 'customer', staffId: admin.staffId });
    expect(JSON.parse(erase.diff!).after.reason).toBe('Customer asked by letter on 2026-11-28');
    expect(trail.slice(0, -1).every((r) => r.diff === null)).toBe(true);
    const erasure = await db.selectFrom('erasures').selectAll().where('customerId', '=', id).executeTakeFirstOrThrow();
    expect(erasure).toMatchObject({ erasedBy: admin.staffId, reason: 'Customer asked by letter on 2026-11-28' });
  });

  it('erases a customer who waits in the trash, and what the trash held of them', async () => {
    const { id, relative } = await zebulon(clerk);
    expect((await admin.delete(`/api/v1/customers/${id}`)).status).toBe(200);
    // The relative's trash holds their half of the link too, once the relative is deleted.
    expect((await admin.delete(`/api/v1/customers/${relative}`)).status).toBe(200);
    expect((await admin.post(`/api/v1/customers/${id}/erase`, { reason: 'Asked after deletion' })).status).toBe(200);
    const after = await everything(t.database.db, t.database.engine);
    for (const needle of needles) expect(after.includes(needle), `${needle} is still in the database`).toBe(false);
    expect(after).toContain('Rita');
    const ritaTrash = (await manager.get(`/api/v1/trash?customerId=${relative}`)).body.items;
    expect(ritaTrash).toHaveLength(1);
    expect((await manager.post(`/api/v1/trash/${ritaTrash[0].id}/restore`)).body).toMatchObject({ dropped: [], heldBack: [] });
    expect((await clerk.get(`/api/v1/customers/${relative}`)).body.relationships).toEqual([]);
    expect((await clerk.get(`/api/v1/customers/${id}`)).status).toBe(410);
  });
});

describe('erasure on disk (SQLite)', () => {
  let shared: SharedTestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    shared = await sharedTestDatabase();
    handle = await shared.open();
  });
  afterAll(async () => {
    await handle.close();
    await shared.drop();
  });

  it('leaves no copy of the erased data in the database file once the job after it has run', async (context) => {
    if (shared.engine !== 'sqlite') context.skip();
    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), phoneRegion: 'US' };
    const app = await buildApp({ config, database: handle, logger: false, rateLimitPerMinute: 100_000, webRoot: null });
    try {
      const setup = await app.inject({ method: 'POST', url: '/api/v1/setup', payload: { email: 'disk@example.com', name: 'Disk Admin', password: 'a long enough password' } });
      expect(setup.statusCode).toBe(201);
      const cookie = setup.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const csrf = JSON.parse(setup.body).csrfToken as string;
      const call = async (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', url: string, payload?: unknown) => {
        const r = await app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(payload ? { payload: payload as object } : {}) });
        return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : null };
      };
      const client = { post: (u: string, b?: unknown) => call('POST', u, b), patch: (u: string, b?: unknown) => call('PATCH', u, b), delete: (u: string) => call('DELETE', u) } as unknown as Client;
      const { id } = await zebulon(client);
      const file = handle.describe.replace(/^sqlite /, '');
      await compactAfterErasure.handler({ db: handle.db, payload: null, attempt: 1, jobId: 'x', log: app.log });
      const bytes = () => Buffer.concat([fs.readFileSync(file), fs.existsSync(`${file}-wal`) ? fs.readFileSync(`${file}-wal`) : Buffer.alloc(0)]).toString('latin1');
      expect(bytes()).toContain('Zebulon');
      expect((await call('POST', `/api/v1/customers/${id}/erase`, { reason: 'On disk too' })).status).toBe(200);
      await compactAfterErasure.handler({ db: handle.db, payload: null, attempt: 1, jobId: 'x', log: app.log });
      const onDisk = bytes();
      for (const needle of needles) expect(onDisk.includes(needle), `${needle} is still in the file`).toBe(false);
    } finally {
      await app.close();
    }
  });
});
