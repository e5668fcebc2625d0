import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testPassword, type Client, type TestApp } from '../test/app.js';
import { maxFailuresPerAccount, maxFailuresPerAddress, recordFailure } from './login-throttle.js';

let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await testApp();
  admin = await t.signIn('admin');
});
afterAll(() => t.close());

const login = (email: string, password: string, ip = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
const newAccount = async (email: string) =>
  (await admin.post('/api/v1/staff', { email, name: email.split('@')[0], role: 'frontline', password: testPassword })).body.id as string;

describe('signing in', () => {
  it('sets an HttpOnly SameSite=Lax session cookie and returns a CSRF token', async () => {
    await newAccount('sign.in@example.org');
    const res = await login('Sign.In@Example.org', testPassword);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'rapport_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.expires!.getTime()).toBeGreaterThan(Date.now() + 11 * 3600_000);
    const body = res.json();
    expect(body).toMatchObject({ email: 'sign.in@example.org', role: 'frontline', via: 'session' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.database.db.selectFrom('sessions').selectAll().execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie.value);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    await newAccount('same.answer@example.org');
    const wrong = await login('same.answer@example.org', 'not the password');
    const unknown = await login('nobody.here@example.org', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('refuses bad input', async () => {
    expect((await t.anonymous.post('/api/v1/auth/login', { email: 'x@example.org' })).status).toBe(400);
    expect((await t.anonymous.post('/api/v1/auth/login', { email: 'x@example.org', password: 'p', remember: true })).status).toBe(400);
    expect((await t.anonymous.request('POST', '/api/v1/auth/login', 'email=x', { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
  });
});

describe('throttling failed sign-ins', () => {
  it('answers 429 on the 6th failure for an account, even with the right password, and the same for an unknown email', async () => {
    await newAccount('throttled@example.org');
    for (let i = 1; i <= maxFailuresPerAccount; i++) {
      expect((await login('throttled@example.org', `wrong ${i}`, `10.0.0.${i}`)).statusCode).toBe(401);
      expect((await login('ghost@example.org', `wrong ${i}`, `10.0.1.${i}`)).statusCode).toBe(401);
    }
    const locked = await login('throttled@example.org', testPassword, '10.0.0.99');
    const ghost = await login('ghost@example.org', testPassword, '10.0.1.99');
    expect(locked.statusCode).toBe(429);
    expect(ghost.statusCode).toBe(429);
    expect(locked.json()).toEqual(ghost.json());
    expect(locked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await login('other.account@example.org', 'x', '10.0.0.200')).statusCode).toBe(401);
  });

  it('throttles one address trying many accounts', async () => {
    const ip = '192.0.2.7';
    // Failures recorded directly (each real attempt costs a password hash); the last one goes through HTTP.
    for (let i = 0; i < maxFailuresPerAddress - 1; i++) await recordFailure(t.database.db, `spray${i}@example.org`, ip);
    expect((await login('spray-last@example.org', 'guess', ip)).statusCode).toBe(401);
    expect((await login('spray-next@example.org', 'guess', ip)).statusCode).toBe(429);
    expect((await login('spray-next@example.org', 'guess', '192.0.2.8')).statusCode).toBe(401);
  });

  it('forgets failures after a successful sign-in', async () => {
    await newAccount('forgiven@example.org');
    for (let i = 0; i < maxFailuresPerAccount - 1; i++) await login('forgiven@example.org', 'typo');
    expect((await login('forgiven@example.org', testPassword)).statusCode).toBe(200);
    for (let i = 0; i < maxFailuresPerAccount - 1; i++) await login('forgiven@example.org', 'typo');
    expect((await login('forgiven@example.org', testPassword)).statusCode).toBe(200);
  });
});

/** A raw session: the cookie header and the CSRF token, for requests built by hand. */
async function rawSession(): Promise<{ cookie: string; csrf: string; email: string; staffId: string }> {
  const email = `raw${Math.random().toString(36).slice(2)}@example.org`;
  const staffId = await newAccount(email);
  const res = await login(email, testPassword);
  return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), csrf: res.json().csrfToken, email, staffId };
}
const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload: payload as object } : {}) });

describe('CSRF protection', () => {
  it('refuses a cookie write without the x-csrf-token header or with a wrong one', async () => {
    const { cookie, csrf } = await rawSession();
    const missing = await call('POST', '/api/v1/customers', { cookie }, { displayName: 'CSRF' });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().detail).toMatch(/x-csrf-token/);
    expect((await call('POST', '/api/v1/customers', { cookie, 'x-csrf-token': 'guess' }, { displayName: 'CSRF' })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/customers', { cookie, 'x-csrf-token': csrf }, { displayName: 'CSRF' })).statusCode).toBe(201);
  });

  it('needs no header to read, and hands the token out again at /auth/me', async () => {
    const { cookie, csrf } = await rawSession();
    expect((await call('GET', '/api/v1/customers', { cookie })).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/auth/me', { cookie })).json().csrfToken).toBe(csrf);
  });

  it('does not accept one session’s token for another', async () => {
    const one = await rawSession();
    const two = await rawSession();
    expect((await call('POST', '/api/v1/customers', { cookie: one.cookie, 'x-csrf-token': two.csrf }, { displayName: 'X' })).statusCode).toBe(403);
  });
});

describe('sessions end', () => {
  it('at logout: the cookie is cleared and no longer works', async () => {
    const { cookie, csrf, staffId } = await rawSession();
    const out = await call('POST', '/api/v1/auth/logout', { cookie, 'x-csrf-token': csrf }, {});
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'rapport_session')?.value).toBe('');
    expect((await call('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(401);
    const rows = await t.database.db.selectFrom('auditEvents').select('action').where('entityId', '=', staffId).execute();
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['sign_in', 'sign_out']));
  });

  it('when the account is disabled, and it cannot sign in again', async () => {
    const { cookie, email, staffId } = await rawSession();
    await admin.patch(`/api/v1/staff/${staffId}`, { active: false });
    expect((await call('GET', '/api/v1/auth/me', { cookie })).statusCode).toBe(401);
    expect(await t.database.db.selectFrom('sessions').select('id').where('staffId', '=', staffId).execute()).toEqual([]);
    const again = await login(email, testPassword);
    expect(again.statusCode).toBe(401);
    expect(again.json().detail).toBe('The email or password is wrong.');
  });

  it('after two idle hours, or twelve hours in all', async () => {
    const idle = await rawSession();
    const longAgo = (ms: number) => new Date(Date.now() - ms).toISOString();
    await t.database.db.updateTable('sessions').set({ lastSeenAt: longAgo(2 * 3600_000 + 1000) }).where('staffId', '=', idle.staffId).execute();
    expect((await call('GET', '/api/v1/auth/me', { cookie: idle.cookie })).statusCode).toBe(401);
    const old = await rawSession();
    await t.database.db.updateTable('sessions').set({ expiresAt: longAgo(1000) }).where('staffId', '=', old.staffId).execute();
    expect((await call('GET', '/api/v1/auth/me', { cookie: old.cookie })).statusCode).toBe(401);
    const fresh = await rawSession();
    expect((await call('GET', '/api/v1/auth/me', { cookie: fresh.cookie })).statusCode).toBe(200);
  });
});

describe('who am I', () => {
  it('answers for a session, and 401 without one', async () => {
    const { cookie, staffId } = await rawSession();
    expect((await call('GET', '/api/v1/auth/me', { cookie })).json()).toMatchObject({ id: staffId, role: 'frontline', via: 'session' });
    expect((await t.anonymous.get('/api/v1/auth/me')).status).toBe(401);
  });
});

describe('first-run setup', () => {
  it('creates the first admin once, signs them in, then answers 409', async () => {
    const fresh = await testApp();
    try {
      expect((await fresh.anonymous.get('/api/v1/setup')).body).toEqual({ needed: true });
      expect((await fresh.anonymous.post('/api/v1/setup', { email: 'first@example.org', name: 'First', password: 'short' })).status).toBe(400);
      const made = await fresh.anonymous.post('/api/v1/setup', { email: 'First@Example.org', name: 'First Admin', password: testPassword });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ email: 'first@example.org', role: 'admin', via: 'session' });
      const cookie = made.raw.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      expect((await fresh.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).json().role).toBe('admin');
      expect((await fresh.anonymous.get('/api/v1/setup')).body).toEqual({ needed: false });
      const again = await fresh.anonymous.post('/api/v1/setup', { email: 'second@example.org', name: 'Second', password: testPassword });
      expect(again.status).toBe(409);
      expect(await fresh.database.db.selectFrom('staff').select('email').execute()).toEqual([{ email: 'first@example.org' }]);
      const [row] = await fresh.database.db.selectFrom('auditEvents').selectAll().where('action', '=', 'setup').execute();
      // The first admin made themself: the row names them.
      expect(row).toMatchObject({ entityType: 'staff', staffId: row!.entityId });
      expect(row!.diff).not.toMatch(/password|scrypt/i);
    } finally {
      await fresh.close();
    }
  });
});
