import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, countRows } from '../demo/seed-demo.js';
import type { Database } from '../platform/database/schema.js';
import { testApp, type TestApp } from '../test/app.js';
import { exportAll, scrub, sources } from './export-command.js';

let t: TestApp;
let lines: string[];
let records: { type: string; data: Record<string, unknown> }[];
let tokenSecret: string;
let promiseLinkToken: string;
let sessionCookie: string;
let csrfToken: string;

/** Collects what the export writes, a chunk at a time, with back-pressure like a slow pipe. */
function collector(into: string[]) {
  let buffered = '';
  return new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      into.push(...parts);
      setImmediate(done);
    },
  });
}

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.database.db, { password: 'export test password', force: false, seed: 3, phoneRegion: 'US', customers: 40 });
  const admin = await t.signIn('admin');
  const token = await admin.post('/api/v1/tokens', { name: 'POS sync', scope: 'read' });
  expect(token.status).toBe(201);
  tokenSecret = token.body.secret;
  // A customer's link to their own promise: its secret and the hash kept of it never leave.
  const promise = await t.database.db.selectFrom('promises').select('id').where('status', '=', 'open').limit(1).executeTakeFirstOrThrow();
  const link = await admin.post(`/api/v1/promises/${promise.id}/links`, {});
  expect(link.status).toBe(201);
  promiseLinkToken = link.body.token;
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'earl@demo.example', password: 'export test password' } });
  sessionCookie = login.cookies[0]!.value;
  csrfToken = JSON.parse(login.body).csrfToken;
  lines = [];
  const out = collector(lines);
  await exportAll(t.database.db, out, { pageSize: 7 });
  await new Promise<void>((resolve) => out.end(resolve));
  records = lines.map((line) => JSON.parse(line));
}, 120_000);
afterAll(() => t.close());

const countOf = (type: string) => records.filter((r) => r.type === type).length;

describe('rapport export', () => {
  it('writes one {type, data} record per line', () => {
    expect(lines.length).toBeGreaterThan(100);
    for (const record of records) expect(Object.keys(record)).toEqual(['type', 'data']);
  });

  it('round-trips the count of every table, paging through ids', async () => {
    for (const source of sources) {
      expect(countOf(source.type), source.type).toBe(await countRows(t.database.db, source.table as keyof Database));
    }
    const ids = records.filter((r) => r.type === 'customer').map((r) => String(r.data.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(countOf('customer')).toBeGreaterThanOrEqual(40);
  });

  it('carries transaction items and the people a life event involves', async () => {
    const items = records.filter((r) => r.type === 'transaction').flatMap((r) => r.data.items as unknown[]);
    expect(items.length).toBe(await countRows(t.database.db, 'transactionItems'));
    const involved = records.filter((r) => r.type === 'lifeEvent').flatMap((r) => r.data.involvedCustomerIds as unknown[]);
    expect(involved.length).toBe(await countRows(t.database.db, 'lifeEventCustomers'));
    const note = records.find((r) => r.type === 'note' && r.data.sensitivity === 'private');
    expect(note?.data).toMatchObject({ pinned: false, body: expect.stringMatching(/arrears/) });
    const audit = records.find((r) => r.type === 'auditEvent' && r.data.entityType === 'customer');
    expect(typeof audit?.data.diff).toBe('object');
  });

  it('never contains a password hash, a session, a CSRF token or an API token secret', async () => {
    const db = t.database.db;
    const secrets = [
      ...(await db.selectFrom('staff').select('passwordHash').execute()).map((r) => r.passwordHash),
      ...(await db.selectFrom('sessions').select(['id', 'csrfToken']).execute()).flatMap((r) => [r.id, r.csrfToken]),
      ...(await db.selectFrom('apiTokens').select('tokenHash').execute()).map((r) => r.tokenHash),
      ...(await db.selectFrom('promiseLinks').select('secretHash').execute()).map((r) => r.secretHash),
      promiseLinkToken,
      tokenSecret,
      sessionCookie,
      csrfToken,
    ];
    expect(secrets.length).toBeGreaterThan(10);
    expect(records.filter((r) => r.type === 'promise').flatMap((r) => r.data.links as unknown[])).toHaveLength(1);
    const everything = lines.join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/scrypt\$|passwordHash|tokenHash|csrf/i);
    const staff = records.filter((r) => r.type === 'staff');
    expect(staff.length).toBe(await countRows(db, 'staff'));
    expect(staff[0]!.data).toEqual(expect.objectContaining({ email: expect.any(String), locationIds: expect.any(Array), active: true }));
  });

  it('exports an integration account with its kind and no email (the internal handle never leaves)', async () => {
    const admin = await t.signIn('admin');
    const made = await admin.post('/api/v1/staff/integrations', { name: 'Till sync', role: 'frontline' });
    expect(made.status).toBe(201);
    const again: string[] = [];
    const out = collector(again);
    await exportAll(t.database.db, out);
    await new Promise<void>((resolve) => out.end(resolve));
    const line = again.map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> }).find((r) => r.type === 'staff' && r.data.id === made.body.id);
    expect(line?.data).toMatchObject({ kind: 'integration', email: null, name: 'Till sync' });
    expect(again.join('\n')).not.toContain(`integration:${made.body.id}`);
  });

  it('scrubs credential-looking fields from free-form audit diffs at any depth', () => {
    expect(scrub({ after: { name: 'A', passwordHash: 'x', nested: [{ tokenHash: 'y', csrfToken: 'z', ok: 1 }] } })).toEqual({ after: { name: 'A', nested: [{ ok: 1 }] } });
  });
});
