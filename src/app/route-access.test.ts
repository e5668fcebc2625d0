import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, integrationTokenClient, tokenClient, type TokenClient } from '../test/bearer.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { hasRole, type Role } from '../platform/auth/roles.js';
import Fastify from 'fastify';
import { enforceAccess, type RouteAccess } from '../platform/http/access.js';
import type { App } from '../platform/http/types.js';

/**
 * Walks every route under /api/v1 as the access hook recorded it. Nothing is open by omission:
 * a route with no credentials answers 401 unless it is one of the few public ones, and each role
 * (and a read-only token) is refused exactly where the declared access says so.
 */
let t: TestApp;
let routes: RouteAccess[];
const dummyId = '01900000-0000-7000-8000-000000000000';
const publicRoutes = [
  'GET /api/v1/health',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/accept-link',
  // A customer opening the link to their own promise (src/promises/): signed, expiring, revocable.
  'POST /api/v1/promise-links/open',
  // The phone system's webhook (src/phone/): no session, but every request signed with the shared secret; 404 while that is unset.
  'POST /api/v1/phone/calls',
];

const concrete = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, dummyId).replace(/\*$/, 'x');
const key = (r: RouteAccess) => `${r.method} ${r.url}`;
const withBody = (method: string) => method !== 'GET' && method !== 'DELETE' && method !== 'HEAD' && method !== 'OPTIONS';
/** Logging out ends the client's session, so it is walked last. */
const logoutLast = (a: RouteAccess, b: RouteAccess) => Number(a.url.endsWith('/auth/logout')) - Number(b.url.endsWith('/auth/logout'));

beforeAll(async () => {
  t = await testApp();
  routes = [...t.app.routeAccess].filter((r) => r.url.startsWith('/api/v1')).sort(logoutLast);
});
afterAll(() => t.close());

describe('the route table', () => {
  it('records every route with its access, and every one is under /api/v1', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.length).toBe(t.app.routeAccess.length);
    for (const route of ['GET /api/v1/staff', 'POST /api/v1/tokens', 'GET /api/v1/audit', 'GET /api/v1/customers/:id/history']) {
      expect(routes.map(key)).toContain(route);
    }
  });

  it('matches the reviewed snapshot, so any change of access shows as a diff', async () => {
    const lines = [...routes]
      .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method))
      .map((r) => `${r.method.padEnd(6)} ${r.url.padEnd(60)} ${r.access}`);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/route-access.txt');
  });

  it('cannot hold a route that declares no access: registering one fails', async () => {
    const bare = Fastify();
    const table = enforceAccess(bare as unknown as App);
    bare.get('/declared', { config: { access: 'manager' } }, async () => 'ok');
    expect(() => bare.get('/forgotten', async () => 'open')).toThrow(/GET \/forgotten must declare config.access/);
    expect(table).toEqual([{ method: 'GET', url: '/declared', access: 'manager' }]);
    await bare.close();
  });

  it("has only health, setup, sign-in, choosing a password with a one-time link, a customer's promise link and the signed phone webhook public", () => {
    expect(routes.filter((r) => r.access === 'public').map(key).sort()).toEqual([...publicRoutes].sort());
  });
});

describe('without credentials', () => {
  it('answers 401 problem+json on every route that is not public', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const res = await t.anonymous.request(route.method as 'GET', concrete(route.url), withBody(route.method) ? {} : undefined);
      const type = String(res.headers['content-type']);
      if (res.status !== 401 || !type.startsWith('application/problem+json') || res.body.status !== 401) {
        failures.push(`${key(route)} -> ${res.status} ${type}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 401 with a wrong cookie or an unknown token too', async () => {
    const res = await t.anonymous.request('GET', '/api/v1/auth/me', undefined, { headers: { cookie: 'rapport_session=forged' } });
    expect(res.status).toBe(401);
    expect((await bearer(t, 'rpt_not-a-token').get('/api/v1/customers')).status).toBe(401);
    expect((await t.anonymous.request('GET', '/api/v1/customers', undefined, { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });
});

describe('the role matrix', () => {
  type Caller = { label: string; role: Role; client: Client | TokenClient; readOnly: boolean };
  const callers: Caller[] = [];

  beforeAll(async () => {
    const admin = await t.signIn('admin');
    const frontline = await t.signIn('frontline');
    const manager = await t.signIn('manager');
    callers.push(
      { label: 'frontline session', role: 'frontline', client: frontline, readOnly: false },
      { label: 'manager session', role: 'manager', client: manager, readOnly: false },
      { label: 'admin session', role: 'admin', client: admin, readOnly: false },
      { label: 'admin read-only token', role: 'admin', client: await tokenClient(t, admin, 'read'), readOnly: true },
      { label: 'frontline integration read-write token', role: 'frontline', client: await integrationTokenClient(t, admin, 'read_write', { role: 'frontline' }), readOnly: false },
    );
  });

  /** The access hook's own refusals; a handler may still answer 403 for a reason of its own. */
  const refusedByAccess = (detail: unknown) => /role or higher|read-only/.test(String(detail));

  it('refuses each caller exactly where the declared access is above its role, or it may not write', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      for (const caller of callers) {
        const res = await caller.client.request(route.method as 'GET', concrete(route.url), withBody(route.method) ? {} : undefined);
        const roleRefused = route.access !== 'public' && !hasRole(caller.role, route.access);
        const writeRefused = route.access !== 'public' && caller.readOnly && route.method !== 'GET';
        const expected = roleRefused || writeRefused ? 403 : 'allowed';
        const got = res.status === 403 && refusedByAccess(res.body.detail) ? 403 : res.status === 401 ? 401 : 'allowed';
        if (got !== expected || res.status >= 500) failures.push(`${caller.label}: ${key(route)} -> ${res.status} ${res.body?.detail ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('says which role is needed', async () => {
    const res = await (await t.signIn('manager')).get('/api/v1/audit');
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toBe('This needs the admin role or higher.');
    const reader = callers.find((c) => c.readOnly)!.client;
    expect((await reader.post('/api/v1/customers', { displayName: 'Nope' })).body.detail).toBe('This API token is read-only.');
  });
});
