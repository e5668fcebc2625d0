import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff } from '../staff/staff-commands.js';
import { testApp, testPassword } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { loadConfig } from '../platform/config.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { buildApp, logRedactions } from './app.js';
import type { App } from '../platform/http/types.js';

/** The app as served (helmet, limits, a real pino logger), built with options the shared test app does not take. */
let database: DatabaseHandle;
let app: App;
const logLines: string[] = [];

beforeAll(async () => {
  database = await testDatabase();
  const config = { ...loadConfig({ LOG_LEVEL: 'trace' }), secureCookies: true };
  app = await buildApp({
    config,
    database,
    logger: { level: 'trace', redact: logRedactions, stream: { write: (line: string) => void logLines.push(line) } },
    rateLimitPerMinute: 100_000,
  });
  await app.ready();
  await createStaff(database.db, null, { email: 'hard@example.org', name: 'Hard', role: 'admin', password: testPassword });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const signIn = async () => {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'hard@example.org', password: testPassword } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'rapport_session')!;
  return { cookie, header: `rapport_session=${cookie.value}`, csrf: res.json().csrfToken as string };
};

describe('security headers', () => {
  it('do not ask browsers to upgrade to HTTPS on a plain-http install (it would break every asset)', async () => {
    const plain = await testApp();
    try {
      const res = await plain.anonymous.get('/api/v1/health');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    } finally {
      await plain.close();
    }
  });

  it('are sent on API answers, errors included', async () => {
    for (const url of ['/api/v1/health', '/api/v1/customers', '/api/v1/nowhere']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-powered-by']).toBeUndefined();
      // Served behind HTTPS (secure cookies), browsers are told to upgrade any plain-http request.
      expect(res.headers['content-security-policy'], url).toContain('upgrade-insecure-requests');
    }
  });
});

describe('cookies behind HTTPS', () => {
  it('carry the Secure flag when RAPPORT_SECURE_COOKIES is set', async () => {
    const { cookie } = await signIn();
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
  });
});

describe('request size', () => {
  it('answers 413 problem+json for a body over 1 MiB', async () => {
    const { header, csrf } = await signIn();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { cookie: header, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      payload: JSON.stringify({ displayName: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('rate limits', () => {
  it('answer 429 once a client passes the per-minute limit', async () => {
    const limited = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, logger: false, rateLimitPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.inject({ method: 'GET', url: '/api/v1/health' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const other = await limited.inject({ method: 'GET', url: '/api/v1/health', remoteAddress: '198.51.100.4' });
      expect(other.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('logs', () => {
  it('never hold a password, a session cookie, a CSRF token or an API token', async () => {
    logLines.length = 0;
    const { header, csrf, cookie } = await signIn();
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'hard@example.org', password: 'wrong but secret-ish 123' } });
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'hard@example.org', password: 'secret-in-bad-body', extra: 1 } });
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: header, 'x-csrf-token': csrf },
      payload: { name: 'logged?', scope: 'read_write' },
    });
    const secret = token.json().secret as string;
    await app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: `Bearer ${secret}` } });
    await app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: 'Bearer rpt_wrong-token-value' } });
    await app.inject({ method: 'PATCH', url: '/api/v1/staff/01900000-0000-7000-8000-000000000000', headers: { cookie: header, 'x-csrf-token': csrf }, payload: { password: 'another secret password' } });

    const log = logLines.join('');
    expect(logLines.length).toBeGreaterThan(10);
    expect(log).toContain('/api/v1/auth/login');
    for (const value of [testPassword, 'wrong but secret-ish 123', 'secret-in-bad-body', 'another secret password', cookie.value, csrf, secret, 'rpt_wrong-token-value']) {
      expect(log, value).not.toContain(value);
    }
  });
});
