import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testPassword, type Client, type TestApp } from '../test/app.js';
import { updateStaff } from './staff-commands.js';

let t: TestApp;
let admin: Client;
let clerk: Client;
let manager: Client;
let locationId: string;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  clerk = await t.signIn('frontline', { name: 'Cleo Clerk' });
  manager = await t.signIn('manager', { name: 'Max Manager' });
  locationId = (await admin.post('/api/v1/locations', { name: 'Harbour Street' })).body.id;
});
afterAll(() => t.close());

const login = (email: string, password = testPassword) => t.anonymous.post('/api/v1/auth/login', { email, password });

describe('creating staff accounts', () => {
  it('lets an admin create one, never returning the password or its hash', async () => {
    const res = await admin.post('/api/v1/staff', { email: 'Nia@Example.org', name: 'Nia Novak', role: 'frontline', password: testPassword, locationIds: [locationId] });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/staff/${res.body.id}`);
    expect(res.body).toMatchObject({ email: 'nia@example.org', name: 'Nia Novak', role: 'frontline', active: true, locationIds: [locationId], createdBy: admin.staffId });
    expect(JSON.stringify(res.body)).not.toMatch(/"password"|passwordHash|scrypt/i);
    expect(res.body).toMatchObject({ kind: 'person', hasPassword: true });
    expect((await login('NIA@example.org')).status).toBe(200);
    const row = await t.database.db.selectFrom('staff').select('passwordHash').where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(testPassword);
  });

  it('refuses bad input with the field named', async () => {
    const cases: [unknown, number, string][] = [
      [{ email: 'not-an-email', name: 'X', role: 'frontline', password: testPassword }, 400, '/body/email'],
      [{ email: 'x@example.org', name: 'X', role: 'boss', password: testPassword }, 400, '/body/role'],
      [{ email: 'x@example.org', name: 'X', role: 'frontline', password: 'short' }, 400, '/body/password'],
      [{ email: 'x@example.org', name: 'X', role: 'frontline', password: testPassword, extra: 1 }, 400, '/body/extra'],
      [{ email: 'x@example.org', name: 'X', role: 'frontline', password: testPassword, locationIds: ['01900000-0000-7000-8000-000000000000'] }, 422, '/body/locationIds/0'],
      [{ email: 'nia@EXAMPLE.org', name: 'Again', role: 'frontline', password: testPassword }, 409, '/body/email'],
    ];
    for (const [body, status, path] of cases) {
      const res = await admin.post('/api/v1/staff', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('is for admins only', async () => {
    expect((await manager.post('/api/v1/staff', { email: 'm@example.org', name: 'M', role: 'admin', password: testPassword })).status).toBe(403);
    expect((await clerk.patch(`/api/v1/staff/${clerk.staffId}`, { role: 'admin' })).status).toBe(403);
  });
});

describe('listing staff', () => {
  it('shows admins emails and locations', async () => {
    const res = await admin.get('/api/v1/staff');
    expect(res.status).toBe(200);
    const nia = res.body.items.find((s: { name: string }) => s.name === 'Nia Novak');
    expect(nia).toMatchObject({ email: 'nia@example.org', locationIds: [locationId] });
    expect(res.body.items.every((s: object) => !('passwordHash' in s))).toBe(true);
  });

  it('shows everyone else only id, name, role and active', async () => {
    for (const client of [clerk, manager]) {
      const res = await client.get('/api/v1/staff');
      expect(res.status).toBe(200);
      for (const item of res.body.items) expect(Object.keys(item).sort()).toEqual(['active', 'id', 'name', 'role']);
      const one = await client.get(`/api/v1/staff/${admin.staffId}`);
      expect(one.body).toEqual({ id: admin.staffId, name: 'Ada Admin', role: 'admin', active: true });
    }
    expect((await admin.get(`/api/v1/staff/${clerk.staffId}`)).body.email).toMatch(/@test\.example$/);
  });

  it('pages by name with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await admin.get(`/api/v1/staff?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((s) => s.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const all = (await admin.get('/api/v1/staff?limit=200')).body.items.map((s: { id: string }) => s.id);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
    expect((await admin.get('/api/v1/staff?cursor=nonsense')).status).toBe(400);
    expect((await admin.get('/api/v1/staff?limit=0')).status).toBe(400);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await clerk.get('/api/v1/staff/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    expect((await clerk.get('/api/v1/staff/42')).status).toBe(400);
  });
});

describe('changing staff accounts', () => {
  it('changes name, role and locations', async () => {
    const created = await admin.post('/api/v1/staff', { email: 'ravi@example.org', name: 'Ravi', role: 'frontline', password: testPassword });
    const res = await admin.patch(`/api/v1/staff/${created.body.id}`, { name: 'Ravi Rao', role: 'manager', locationIds: [locationId] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Ravi Rao', role: 'manager', locationIds: [locationId], updatedBy: admin.staffId });
    expect((await admin.patch(`/api/v1/staff/${created.body.id}`, { locationIds: [] })).body.locationIds).toEqual([]);
  });

  it('disables an account: it cannot sign in and its sessions end', async () => {
    const victim = await t.signIn('frontline');
    expect((await victim.get('/api/v1/auth/me')).status).toBe(200);
    const res = await admin.patch(`/api/v1/staff/${victim.staffId}`, { active: false });
    expect(res.body.active).toBe(false);
    expect((await victim.get('/api/v1/auth/me')).status).toBe(401);
    const email = res.body.email;
    const refused = await login(email);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('The email or password is wrong.');
    await admin.patch(`/api/v1/staff/${victim.staffId}`, { active: true });
    expect((await login(email)).status).toBe(200);
  });

  it('resets a password: the old one stops working and sessions end', async () => {
    const person = await t.signIn('frontline');
    const email = (await admin.get(`/api/v1/staff/${person.staffId}`)).body.email;
    expect((await admin.patch(`/api/v1/staff/${person.staffId}`, { password: 'a brand new passphrase' })).status).toBe(200);
    expect((await person.get('/api/v1/auth/me')).status).toBe(401);
    expect((await login(email)).status).toBe(401);
    expect((await login(email, 'a brand new passphrase')).status).toBe(200);
  });

  it('does not let an admin lock themselves out', async () => {
    expect((await admin.patch(`/api/v1/staff/${admin.staffId}`, { active: false })).status).toBe(422);
    expect((await admin.patch(`/api/v1/staff/${admin.staffId}`, { role: 'frontline' })).body.errors[0].path).toBe('/body/role');
  });

  it('refuses unknown ids, fields and locations', async () => {
    expect((await admin.patch('/api/v1/staff/01900000-0000-7000-8000-000000000000', { name: 'X' })).status).toBe(404);
    expect((await admin.patch(`/api/v1/staff/${clerk.staffId}`, { email: 'new@example.org' })).status).toBe(400);
    expect((await admin.patch(`/api/v1/staff/${clerk.staffId}`, { active: 'no' })).status).toBe(400);
    expect((await admin.patch(`/api/v1/staff/${clerk.staffId}`, { locationIds: ['01900000-0000-7000-8000-000000000000'] })).status).toBe(422);
  });
});

describe('keeping Rapport administrable', () => {
  it('refuses to disable or demote the last active admin (as the CLI would), and allows it while there is another', async () => {
    const t2 = await testApp();
    try {
      const first = await t2.signIn('admin');
      const second = await t2.signIn('admin');
      const db = t2.database.db;
      await db.transaction().execute((trx) => updateStaff(trx, null, second.staffId, { active: false }));
      await expect(db.transaction().execute((trx) => updateStaff(trx, null, first.staffId, { active: false }))).rejects.toMatchObject({
        kind: 'invalid',
        errors: [{ path: '/body/active', message: 'this is the last active admin; make someone else an admin first' }],
      });
      await expect(db.transaction().execute((trx) => updateStaff(trx, null, first.staffId, { role: 'manager' }))).rejects.toMatchObject({ kind: 'invalid' });
      expect((await db.selectFrom('staff').select('active').where('id', '=', first.staffId).executeTakeFirstOrThrow()).active).toBeTruthy();
    } finally {
      await t2.close();
    }
  });

  it('writes no audit row for an update that changes nothing', async () => {
    const t2 = await testApp();
    try {
      const admin = await t2.signIn('admin');
      const clerk = await t2.signIn('frontline');
      const count = async () => (await t2.database.db.selectFrom('auditEvents').select('id').where('action', '=', 'update').execute()).length;
      const before = await count();
      expect((await admin.patch(`/api/v1/staff/${clerk.staffId}`, {})).status).toBe(200);
      expect(await count()).toBe(before);
      expect((await admin.patch(`/api/v1/staff/${clerk.staffId}`, { name: 'Renamed' })).status).toBe(200);
      expect(await count()).toBe(before + 1);
    } finally {
      await t2.close();
    }
  });
});
