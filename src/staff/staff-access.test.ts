import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../auth/secrets.js';
import { maxFailuresPerAddress, recordFailure, linkFailureKey } from '../auth/login-throttle.js';
import { bearer, integrationTokenClient } from '../test/bearer.js';
import { testApp, testPassword, type Client, type TestApp } from '../test/app.js';
import { updateStaff } from './staff-commands.js';

/** Invitations, password resets with a one-time link, and integration accounts. */
let t: TestApp;
let admin: Client;
let clerk: Client;
let locationId: string;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin', { name: 'Ada Admin' });
  clerk = await t.signIn('frontline', { name: 'Cleo Clerk' });
  locationId = (await admin.post('/api/v1/locations', { name: 'Harbour Street' })).body.id;
});
afterAll(() => t.close());

let ip = 0;
/** Each call comes from an address of its own unless told, so the link throttle of one test does not reach another. */
const accept = async (token: unknown, password: unknown = 'my own chosen passphrase', remoteAddress = `198.51.100.${++ip % 250}`) => {
  const raw = await t.app.inject({ method: 'POST', url: '/api/v1/auth/accept-link', payload: { token, password } as object, remoteAddress });
  return { status: raw.statusCode, body: raw.json(), raw, cookie: raw.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
};
const login = (email: string, password: string) => t.anonymous.post('/api/v1/auth/login', { email, password });
const tokenOf = (url: string) => decodeURIComponent(new URL(url).hash.replace(/^#token=/, ''));
const auditOf = (entityId: string) => t.database.db.selectFrom('auditEvents').selectAll().where('entityId', '=', entityId).orderBy('id').execute();
const invite = (email: string, extra: object = {}) => admin.post('/api/v1/staff/invitations', { email, name: 'Nia Novak', role: 'frontline', ...extra });

describe('inviting a person', () => {
  it('creates the account without a password and answers a one-time link for 7 days, stored only as its SHA-256', async () => {
    const before = Date.now();
    const res = await invite('Nia@Example.org', { locationIds: [locationId] });
    expect(res.status).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.location).toBe(`/api/v1/staff/${res.body.staff.id}`);
    expect(res.body.staff).toMatchObject({ kind: 'person', email: 'nia@example.org', role: 'frontline', active: true, hasPassword: false, locationIds: [locationId] });
    expect(res.body.link.url).toMatch(/^http:\/\/localhost(:\d+)?\/welcome#token=[A-Za-z0-9_-]{43}$/);
    expect(res.body.link.url.endsWith(res.body.link.path)).toBe(true);
    const expires = Date.parse(res.body.link.expiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(expires - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);
    const secret = tokenOf(res.body.link.url);
    const [row] = await t.database.db.selectFrom('passwordLinks').selectAll().where('staffId', '=', res.body.staff.id).execute();
    expect(row).toMatchObject({ purpose: 'invite', tokenHash: sha256(secret), createdBy: admin.staffId });
    expect(JSON.stringify(row)).not.toContain(secret);
    const audit = await auditOf(res.body.staff.id);
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(audit[0]!.diff).not.toContain(secret);
    expect(audit[0]!.diff).not.toContain(sha256(secret));
    expect(audit[0]!.diff).not.toMatch(/passwordHash|none/);
  });

  it('lets nobody sign in before the link is used, with the usual answer', async () => {
    const res = await invite('waiting@example.org');
    const refused = await login('waiting@example.org', 'none');
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe('The email or password is wrong.');
    expect((await login('waiting@example.org', '')).status).toBe(400);
    expect(res.body.staff.hasPassword).toBe(false);
  });

  it('signs the person in with the password they choose, once', async () => {
    const res = await invite('Ola@Example.org', { name: 'Ola Olsen', role: 'manager' });
    const token = tokenOf(res.body.link.url);
    const done = await accept(token, 'the passphrase I chose');
    expect(done.status).toBe(200);
    expect(done.raw.headers['cache-control']).toBe('no-store');
    expect(done.body).toMatchObject({ id: res.body.staff.id, email: 'ola@example.org', name: 'Ola Olsen', role: 'manager', via: 'session' });
    expect(done.raw.cookies.find((c) => c.name === 'rapport_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: done.cookie } });
    expect(me.json()).toMatchObject({ id: res.body.staff.id, csrfToken: done.body.csrfToken });
    expect((await login('ola@example.org', 'the passphrase I chose')).status).toBe(200);
    expect((await admin.get(`/api/v1/staff/${res.body.staff.id}`)).body.hasPassword).toBe(true);
    // Used: the same answer as a link that never existed.
    const again = await accept(token, 'another passphrase here');
    const unknown = await accept('x'.repeat(43), 'another passphrase here');
    expect(again.status).toBe(422);
    expect(again.body).toEqual(unknown.body);
    expect(again.body.errors).toEqual([{ path: '/body/token', message: expect.stringMatching(/does not work.*Ask an admin for a new one/) }]);
    expect((await login('ola@example.org', 'another passphrase here')).status).toBe(401);
    const actions = (await auditOf(res.body.staff.id)).map((a) => [a.action, a.staffId]);
    expect(actions).toEqual([
      ['create', admin.staffId],
      ['update', res.body.staff.id],
      ['sign_in', res.body.staff.id],
      ['sign_in', res.body.staff.id],
    ]);
    const diffs = JSON.stringify(await auditOf(res.body.staff.id));
    expect(diffs).not.toContain(token);
    expect(diffs).not.toMatch(/scrypt|passphrase I chose/);
  });

  it('answers the same for an expired link or one for a disabled account, and nothing changes', async () => {
    const expired = await invite('late@example.org');
    await t.database.db.updateTable('passwordLinks').set({ expiresAt: new Date(Date.now() - 1000).toISOString() }).where('staffId', '=', expired.body.staff.id).execute();
    const disabled = await invite('gone@example.org');
    await admin.patch(`/api/v1/staff/${disabled.body.staff.id}`, { active: false });
    const unknown = await accept('not-a-real-link');
    for (const res of [expired, disabled]) {
      const answer = await accept(tokenOf(res.body.link.url));
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual(unknown.body);
      expect(answer.raw.headers['set-cookie']).toBeUndefined();
      expect((await admin.get(`/api/v1/staff/${res.body.staff.id}`)).body.hasPassword).toBe(false);
    }
    // Disabling voided the link: enabling the account again does not bring it back.
    await admin.patch(`/api/v1/staff/${disabled.body.staff.id}`, { active: true });
    expect((await accept(tokenOf(disabled.body.link.url))).status).toBe(422);
  });

  it('refuses a bad password or body before looking at the link', async () => {
    const res = await invite('strict@example.org');
    const token = tokenOf(res.body.link.url);
    for (const [body, path] of [
      [{ token, password: 'too short' }, '/body/password'],
      [{ token, password: 'x'.repeat(201) }, '/body/password'],
      [{ password: 'long enough password' }, '/body/token'],
      [{ token, password: 'long enough password', email: 'x@example.org' }, '/body/email'],
    ] as const) {
      const answer = await t.anonymous.post('/api/v1/auth/accept-link', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await accept(token, 'now a good one at last')).status).toBe(200);
  });

  it('throttles an address that keeps trying links that do not work, like sign-in', async () => {
    const address = '203.0.113.9';
    for (let i = 0; i < maxFailuresPerAddress - 1; i++) await recordFailure(t.database.db, linkFailureKey, address);
    const res = await invite('patient@example.org');
    expect((await accept('guess', 'long enough password', address)).status).toBe(422);
    const throttled = await accept(tokenOf(res.body.link.url), 'long enough password', address);
    expect(throttled.status).toBe(429);
    expect(throttled.body.detail).toMatch(/Wait 15 minutes/);
    // Failed sign-ins from that address count too: sign-in is paused there as well.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'patient@example.org', password: 'x' }, remoteAddress: address })).statusCode).toBe(429);
    expect((await accept(tokenOf(res.body.link.url), 'long enough password', '203.0.113.10')).status).toBe(200);
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const count = async () => (await t.database.db.selectFrom('staff').select('id').execute()).length;
    const before = await count();
    const cases: [object, number, string][] = [
      [{ email: 'not-an-email', name: 'X', role: 'frontline' }, 400, '/body/email'],
      [{ email: 'x@example.org', name: 'X', role: 'boss' }, 400, '/body/role'],
      [{ email: 'x@example.org', name: '', role: 'frontline' }, 400, '/body/name'],
      [{ email: 'x@example.org', name: 'X', role: 'frontline', password: testPassword }, 400, '/body/password'],
      [{ email: 'x@example.org', name: 'X', role: 'frontline', locationIds: [locationId, '01900000-0000-7000-8000-000000000000'] }, 422, '/body/locationIds/1'],
      [{ email: 'NIA@example.org', name: 'Again', role: 'frontline' }, 409, '/body/email'],
    ];
    for (const [body, status, path] of cases) {
      const res = await admin.post('/api/v1/staff/invitations', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await count()).toBe(before);
    expect(await t.database.db.selectFrom('passwordLinks').innerJoin('staff', 'staff.id', 'passwordLinks.staffId').select('passwordLinks.id').where('staff.email', '=', 'x@example.org').execute()).toEqual([]);
  });

  it('is for admins signed in only', async () => {
    expect((await clerk.post('/api/v1/staff/invitations', { email: 'c@example.org', name: 'C', role: 'admin' })).status).toBe(403);
    expect((await t.anonymous.post('/api/v1/staff/invitations', { email: 'c@example.org', name: 'C', role: 'admin' })).status).toBe(401);
  });
});

describe('resetting a password with a link', () => {
  it('stops the old password, sessions and tokens at once, and the link sets a new one', async () => {
    const person = await t.signIn('admin', { name: 'Pat Person' });
    const email = (await admin.get(`/api/v1/staff/${person.staffId}`)).body.email;
    const made = await person.post('/api/v1/tokens', { name: 'Pat’s script', scope: 'read' });
    const token = bearer(t, made.body.secret, made.body.id);
    expect((await token.get('/api/v1/customers')).status).toBe(200);

    const res = await admin.post(`/api/v1/staff/${person.staffId}/password-reset`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body.staff).toMatchObject({ id: person.staffId, hasPassword: false, active: true });
    expect(res.body.link.url).toMatch(/\/welcome#token=/);
    expect((await person.get('/api/v1/auth/me')).status).toBe(401);
    expect((await token.get('/api/v1/customers')).status).toBe(401);
    expect((await login(email, testPassword)).status).toBe(401);

    // A second reset voids the first link.
    const second = await admin.post(`/api/v1/staff/${person.staffId}/password-reset`);
    expect((await accept(tokenOf(res.body.link.url))).status).toBe(422);
    const done = await accept(tokenOf(second.body.link.url), 'my fresh passphrase');
    expect(done.status).toBe(200);
    expect((await login(email, 'my fresh passphrase')).status).toBe(200);
    expect((await token.get('/api/v1/customers')).status).toBe(401);

    const audit = await auditOf(person.staffId);
    const reset = audit.find((a) => a.action === 'reset_password')!;
    expect(reset.staffId).toBe(admin.staffId);
    expect(JSON.parse(reset.diff!).after).toMatchObject({ sessionsEnded: 1, tokensRevoked: 1 });
    expect(JSON.stringify(audit)).not.toContain(tokenOf(res.body.link.url));
    expect((await auditOf(made.body.id)).map((a) => a.action)).toEqual(['create', 'revoke']);
  });

  it('keeps PATCH with a password working for the API, and it voids an outstanding link', async () => {
    const res = await invite('patched@example.org');
    expect((await admin.patch(`/api/v1/staff/${res.body.staff.id}`, { password: 'set by the admin directly' })).body.hasPassword).toBe(true);
    expect((await login('patched@example.org', 'set by the admin directly')).status).toBe(200);
    expect((await accept(tokenOf(res.body.link.url))).status).toBe(422);
  });

  it('refuses your own account, an integration, a disabled account and unknown ids', async () => {
    const own = await admin.post(`/api/v1/staff/${admin.staffId}/password-reset`);
    expect(own.status).toBe(422);
    expect(own.body.errors[0]).toEqual({ path: '/params/id', message: expect.stringMatching(/your own password/) });
    const feed = (await admin.post('/api/v1/staff/integrations', { name: 'Till feed', role: 'frontline' })).body.id;
    expect((await admin.post(`/api/v1/staff/${feed}/password-reset`)).body.errors[0].message).toMatch(/Till feed is an integration/);
    const off = await t.signIn('frontline');
    await admin.patch(`/api/v1/staff/${off.staffId}`, { active: false });
    expect((await admin.post(`/api/v1/staff/${off.staffId}/password-reset`)).body.errors[0].message).toMatch(/disabled; enable it first/);
    expect((await admin.post('/api/v1/staff/01900000-0000-7000-8000-000000000000/password-reset')).status).toBe(404);
    expect((await admin.post('/api/v1/staff/42/password-reset')).status).toBe(400);
    expect((await clerk.post(`/api/v1/staff/${off.staffId}/password-reset`)).status).toBe(403);
  });
});

describe('integration accounts', () => {
  it('have a name, role and locations, no email and no password, and show in the staff list as integrations', async () => {
    const res = await admin.post('/api/v1/staff/integrations', { name: 'POS sync', role: 'frontline', locationIds: [locationId] });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/staff/${res.body.id}`);
    expect(res.body).toMatchObject({ kind: 'integration', email: null, name: 'POS sync', role: 'frontline', active: true, hasPassword: false, locationIds: [locationId] });
    const listed = (await admin.get('/api/v1/staff?limit=200')).body.items.find((s: { id: string }) => s.id === res.body.id);
    expect(listed).toMatchObject({ kind: 'integration', email: null });
    const everyone = JSON.stringify((await admin.get('/api/v1/staff?limit=200')).body);
    expect(everyone).not.toContain('integration:');
    const [audit] = await auditOf(res.body.id);
    expect(audit).toMatchObject({ action: 'create', staffId: admin.staffId });
    expect(audit!.diff).not.toContain('integration:');
    expect(JSON.parse(audit!.diff!).after).toMatchObject({ kind: 'integration', email: null, name: 'POS sync' });
  });

  it('can never sign in, not even with its internal handle', async () => {
    const id = (await admin.post('/api/v1/staff/integrations', { name: 'Phone system', role: 'admin' })).body.id;
    const row = await t.database.db.selectFrom('staff').select(['email', 'passwordHash']).where('id', '=', id).executeTakeFirstOrThrow();
    for (const password of [row.passwordHash, 'none', testPassword]) {
      const res = await login(row.email, password);
      expect(res.status).toBe(401);
      expect(res.body.detail).toBe('The email or password is wrong.');
    }
    const patch = await admin.patch(`/api/v1/staff/${id}`, { password: 'a password for a robot' });
    expect(patch.status).toBe(422);
    expect(patch.body.errors[0].path).toBe('/body/password');
    expect(await t.database.db.selectFrom('passwordLinks').select('id').where('staffId', '=', id).execute()).toEqual([]);
  });

  it('change role and locations like anyone, and do not count as the admin who keeps Rapport administrable', async () => {
    const t2 = await testApp();
    try {
      const boss = await t2.signIn('admin');
      const robot = await integrationTokenClient(t2, boss, 'read', { name: 'Admin robot', role: 'admin' });
      const changed = await boss.patch(`/api/v1/staff/${robot.staffId}`, { role: 'manager', locationIds: [] });
      expect(changed.body).toMatchObject({ role: 'manager', kind: 'integration' });
      await boss.patch(`/api/v1/staff/${robot.staffId}`, { role: 'admin' });
      // The robot is an active admin, but cannot sign in: the person stays the last admin.
      await expect(t2.database.db.transaction().execute((trx) => updateStaff(trx, null, boss.staffId, { active: false }))).rejects.toMatchObject({
        errors: [{ path: '/body/active', message: 'this is the last active admin; make someone else an admin first' }],
      });
    } finally {
      await t2.close();
    }
  });

  it('refuse bad input with the field named', async () => {
    expect((await admin.post('/api/v1/staff/integrations', { name: 'X', role: 'robot' })).status).toBe(400);
    expect((await admin.post('/api/v1/staff/integrations', { name: 'X', role: 'frontline', email: 'x@example.org' })).status).toBe(400);
    const place = await admin.post('/api/v1/staff/integrations', { name: 'X', role: 'frontline', locationIds: ['01900000-0000-7000-8000-000000000000'] });
    expect(place.status).toBe(422);
    expect(place.body.errors[0].path).toBe('/body/locationIds/0');
    expect((await clerk.post('/api/v1/staff/integrations', { name: 'X', role: 'frontline' })).status).toBe(403);
  });
});
