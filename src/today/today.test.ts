import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../app/today.js';
import { actorFromSession, actorFromToken } from '../auth/actor-store.js';
import type { Role } from '../platform/auth/roles.js';
import { enforceAccess } from '../platform/http/access.js';
import { errorHandler } from '../platform/http/error-handler.js';
import type { App } from '../platform/http/types.js';
import { validatorCompiler } from '../platform/http/validation.js';
import { createStaff } from '../staff/staff-commands.js';
import { testApp, testPassword, type Client, type TestApp } from '../test/app.js';
import type { TodayComposition } from './today-compose.js';
import type { TodayItem, TodaySection } from './today-section.js';
import { todayRoutes } from './today-routes.js';

/**
 * GET /api/v1/today: the sections of the composition root in order, each answered on its own (one
 * failing or slow provider leaves its section saying so, logged, and the page stands), a manager's
 * page against a frontline one. Pages made of stand-in providers are served by the real route,
 * access hook and sessions, on the same database as the app.
 */

let t: TestApp;
let counter = 0;

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** A session cookie for a new staff member, signed in through the real app. */
async function session(role: Role, locationIds: string[] = []): Promise<{ cookie: string; staffId: string }> {
  counter += 1;
  const email = `today-${role}-${counter}@test.example`;
  const staffId = await createStaff(t.database.db, null, { email, name: `Today ${role} ${counter}`, role, password: testPassword, locationIds });
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: testPassword } });
  expect(login.statusCode).toBe(200);
  return { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), staffId };
}

/** The Today route alone, with these providers, on the test database; error log lines are kept. */
async function pageOf(composition: TodayComposition) {
  const logged: Record<string, unknown>[] = [];
  const app = Fastify({ logger: { level: 'error', stream: { write: (line: string) => void logged.push(JSON.parse(line)) } } }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  app.decorate('db', t.database.db);
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  await app.register(
    async (api) => {
      enforceAccess(api, [], { fromSession: actorFromSession, fromToken: actorFromToken });
      await api.register(todayRoutes, composition);
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
  const get = async (who: { cookie: string }) => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/today', headers: { cookie: who.cookie } });
    return { status: res.statusCode, body: res.json() };
  };
  return { app, get, logged };
}

const item = (id: string, attention: boolean): TodayItem => ({
  id,
  customerId: id,
  customerName: `Customer ${id}`,
  title: `Item ${id}`,
  detail: null,
  at: '2026-11-20T10:00:00.000Z',
  attention,
  action: { label: 'Mark kept', method: 'POST', path: `/promises/${id}/keep`, body: { note: 'kept' } },
});
const section = (key: TodaySection['key'], items: TodayItem[] = [], more = 0): TodaySection => ({ key, heading: `Heading ${key}`, items, more });

describe('the Today page', () => {
  it('answers every signed-in role with the composition root’s sections, in order', async () => {
    const order = today.sections.map((s) => s.key);
    expect(order.at(-1)).toBe('life_events');
    for (const role of ['frontline', 'manager', 'admin'] as const) {
      const client: Client = await t.signIn(role);
      const res = await client.get('/api/v1/today');
      expect(res.status).toBe(200);
      expect(res.body.sections.map((s: { key: string }) => s.key)).toEqual(order);
      expect(res.body.sections.every((s: { status: string; problem: unknown }) => s.status === 'ok' && s.problem === null)).toBe(true);
      expect(Date.parse(res.body.at)).not.toBeNaN();
    }
    expect((await t.anonymous.get('/api/v1/today')).status).toBe(401);
  });

  it('keeps each section apart: a failing provider leaves its section saying so, logged as an error, and the rest stand', async () => {
    const page = await pageOf({
      sections: [
        { key: 'promises', provider: async () => section('promises', [item('calm', false), item('late', true), item('later', true)], 4) },
        {
          key: 'waiting',
          provider: async () => {
            throw new Error('waiting list exploded');
          },
        },
        { key: 'cases', provider: async () => section('cases') },
        { key: 'life_events', provider: today.sections.find((s) => s.key === 'life_events')!.provider },
      ],
      figures: [],
    });
    const res = await page.get(await session('frontline'));
    expect(res.status).toBe(200);
    expect(res.body.sections.map((s: { key: string; status: string }) => `${s.key} ${s.status}`)).toEqual(['promises ok', 'waiting failed', 'cases ok', 'life_events ok']);
    const [promises, waiting] = res.body.sections;
    // The most pressing first, each group as the provider ordered it; everything the contract says is passed on.
    expect(promises.items.map((i: TodayItem) => i.id)).toEqual(['late', 'later', 'calm']);
    expect(promises.items[0]).toEqual(item('late', true));
    expect(promises.more).toBe(4);
    expect(waiting).toEqual({ key: 'waiting', heading: 'Waiting for an answer', items: [], more: 0, moreAtLeast: false, status: 'failed', problem: 'This list could not be loaded just now. Try again in a moment.' });
    expect(JSON.stringify(res.body)).not.toContain('exploded');
    const error = page.logged.find((l) => l.section === 'waiting');
    expect(error).toMatchObject({ level: 50, msg: 'Today: the section waiting could not be loaded', err: { message: 'waiting list exploded' } });
    await page.app.close();
  });

  it('does not wait for ever on a slow provider', async () => {
    const page = await pageOf({
      sections: [
        // Never answers: without the time limit the request would hang until the test times out.
        { key: 'promises', provider: () => new Promise<TodaySection>(() => undefined) },
        { key: 'cases', provider: async () => section('cases', [item('c1', false)]) },
      ],
      figures: [],
      timeoutMs: 100,
    });
    const who = await session('frontline');
    const res = await page.get(who);
    expect(res.body.sections.map((s: { status: string }) => s.status)).toEqual(['failed', 'ok']);
    expect(page.logged.find((l) => l.section === 'promises')?.err).toMatchObject({ message: expect.stringContaining('took longer than 100 ms') });
    await page.app.close();
  });

  it('gives a manager the figures for their locations, and a frontline member none', async () => {
    const north = (await (await t.signIn('admin')).post('/api/v1/locations', { name: 'North' })).body.id;
    const asked: { role: string; locations: string[] }[] = [];
    const page = await pageOf({
      sections: [{ key: 'promises', provider: async () => section('promises') }],
      figures: [
        async (_db, actor) => {
          asked.push({ role: actor.role, locations: actor.locationIds });
          return { key: 'promises_on_time', label: 'Promises kept on time', value: '92%', detail: '23 of 25 due in the last 90 days', attention: false };
        },
        async () => null,
        async () => {
          throw new Error('no figures today');
        },
      ],
    });
    const manager = await page.get(await session('manager', [north]));
    expect(manager.body.figures).toEqual([{ key: 'promises_on_time', label: 'Promises kept on time', value: '92%', detail: '23 of 25 due in the last 90 days', attention: false }]);
    expect(manager.body.scope).toEqual({ kind: 'locations', locationIds: [north], description: 'Customers of your location' });
    expect(asked).toEqual([{ role: 'manager', locations: [north] }]);
    expect(page.logged.some((l) => l.msg === 'Today: a figure could not be worked out')).toBe(true);

    const frontline = await page.get(await session('frontline', [north]));
    expect(frontline.body.figures).toEqual([]);
    expect(frontline.body.scope.kind).toBe('mine');
    expect(asked).toHaveLength(1);
    expect((await page.get(await session('manager'))).body.scope).toEqual({ kind: 'all', locationIds: [], description: 'Customers of every location' });
    await page.app.close();
  });
});
