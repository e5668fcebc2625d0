/**
 * Today, the waiting list and the keep-in-touch list at a million customers: their server time
 * against bare queries measured in the same run (issue 9: p99 under 50 ms at 1,000,000 customers
 * with 100,000 open promises and cases).
 *   npx tsx bench/today.ts --count 1000000 --file bench/results/today.sqlite
 *   npx tsx bench/today.ts --count 1000000 --url postgres://postgres@127.0.0.1:5432/bench_today
 * Add --reuse to measure a database made by an earlier run (no generation, no rebuild).
 *
 * 1. Generates customers at 40 locations (four US time zones, opening hours) with their history
 *    (bench/history-data.ts: about 2 contacts each, a purchase for one in five), about 10% waiting for
 *    an answer (a third of them on two channels), a keep-in-touch cadence for 10%; open promises for
 *    about 5% and open cases for about 5% (100,000 together at a million), with kept, broken and
 *    cancelled promises and resolved cases behind them, and life events (a few recorded in the last
 *    days), written in bulk through bench/sinks.ts (no audit, no lookup index). A case's stored clock
 *    (target_kind, warn_at, due_at, late_count, first_response_at) is worked out by `caseClocks`, the
 *    rule behind `refreshCaseClock`, from the case's history, thread and its location's calendar.
 * 2. Computes every customer's contact state with `rebuildContactStates`, the code behind
 *    `rapport rebuild`, and reports how long it took.
 * 3. Measures, round-robin, each list as the server answers it (`app.inject` on the real app: routing,
 *    the session check, the queries, serialization; no socket): GET /today for a frontline staff
 *    member, a manager of 1 and of 3 locations and an admin; the promise and case lists; the waiting
 *    and keep-in-touch lists (first pages and pages deep in the list); Today's providers one by one
 *    (a manager of 3 locations, and an admin for the heaviest); beside GET /auth/me (the floor of a
 *    signed-in request) and bare queries: a primary-key read and two index ranges.
 *    It fails (exit 1) if a request does not answer 200, a Today section could not be loaded, or the
 *    frontline's Today lists no promise or no case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { buildApp } from '../src/app/app.js';
import { casesToday } from '../src/cases/case-today.js';
import { keepInTouchDue, waitingOnMe } from '../src/contact-state/contact-state-today.js';
import { rebuildContactStates } from '../src/contact-state/contact-state-store.js';
import { lifeEventsToday } from '../src/life-events/life-event-today.js';
import type { Actor } from '../src/platform/auth/actor.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateToLatest, openDatabase } from '../src/platform/database/connect.js';
import { newId } from '../src/platform/ids.js';
import { promisesOnTime, promisesToday } from '../src/promises/promise-today.js';
import { benchStaffEmail, createBenchStaff, historyData, locationCount, type Targets } from './history-data.js';
import { seeded } from './names.js';
import { postgresSink, sqliteSink } from './sinks.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    file: { type: 'string' },
    url: { type: 'string' },
    per: { type: 'string', default: '400' },
    warmup: { type: 'string', default: '30' },
    seconds: { type: 'string', default: '300' },
    reuse: { type: 'boolean', default: false },
  },
});
if (!args.file && !args.url) throw new Error('give --file for SQLite or --url for PostgreSQL');
const count = Number(args.count);
const password = 'bench password, not a secret';
const random = seeded(11);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
// Promises, cases and life events draw from a stream of their own, so the customers, contacts,
// waiting and keep-in-touch rows are the same as those of the earlier waiting-list benchmark.
const extra = seeded(12);
const dayMs = 86_400_000;
const started = Date.now();
const log = (what: string) => console.log(`${what} (${Math.round((Date.now() - started) / 1000)} s)`);

// ---------------------------------------------------------------- the data

async function generate(targets: Targets) {
  const sink = args.url ? await postgresSink(args.url) : sqliteSink(args.file!);
  const now = Date.now();
  const iso = (t: number) => new Date(t).toISOString();
  const history = await historyData({ sink, random, extra, targets, now });
  for (let i = 0; i < count; i++) {
    const id = newId();
    const l = i % locationCount;
    await sink.add('customers', { id, kind: 'person', display_name: `Customer ${i}`, location_id: history.locations[l]!, created_at: iso(now - 800 * dayMs), updated_at: iso(now) });
    await history.customer(id, l);
    if (i % 100_000 === 0 && i > 0) log(`${i} customers`);
  }
  await sink.close();
  const n = history.counts;
  log(
    `generated ${count} customers, ${n.interactions} contacts, ${n.waiting} waiting, ${n.keeping} with a cadence, ` +
      `${n.promises} promises (${n.openPromises} open, ${n.revisions} changes of date), ${n.cases} cases (${n.openCases} open, ${n.caseEvents} events), ${n.lifeEvents} life events`,
  );
  return { locations: history.locations, staffAt: history.staffAt, managerAt: history.managerAt };
}

// ---------------------------------------------------------------- measuring

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  if (!s.length) return { n: 0 };
  return { n: s.length, p50: +percentile(s, 50).toFixed(2), p95: +percentile(s, 95).toFixed(2), p99: +percentile(s, 99).toFixed(2), max: +s.at(-1)!.toFixed(2) };
};
const cursorOf = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

interface TodayBody {
  figures: { key: string; value: string }[];
  sections: { key: string; items: unknown[]; more: number; status: string }[];
}

async function main() {
  if (args.file && !args.reuse) {
    fs.mkdirSync(path.dirname(args.file), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(args.file + suffix, { force: true });
  }
  let handle = openDatabase(args.url ? { databaseUrl: args.url, poolSize: 4 } : { sqliteFile: args.file! });
  await migrateToLatest(handle);
  const db = () => handle.db;
  let rebuildSeconds: number | null = null;
  let takenOver: number | null = null;
  const email = benchStaffEmail;

  if (!args.reuse) {
    const targets = Object.fromEntries(
      (await db().selectFrom('caseTargets').selectAll().execute()).map((t) => [t.priority, { first: t.firstResponseMinutes, next: t.nextResponseMinutes, resolution: t.resolutionMinutes }]),
    ) as Targets;
    await handle.close();
    const { locations, staffAt, managerAt } = await generate(targets);
    handle = openDatabase(args.url ? { databaseUrl: args.url, poolSize: 4 } : { sqliteFile: args.file! });
    // The signed-in staff of the measurements: one takes over a generated colleague's customers.
    takenOver = (await createBenchStaff(db(), { locations, staffAt, managerAt }, password)).takenOver;
    const t0 = performance.now();
    const rebuilt = await rebuildContactStates(db(), { batch: 1000, onBatch: (done) => done % 100_000 === 0 && log(`contact state of ${done} customers`) });
    rebuildSeconds = +((performance.now() - t0) / 1000).toFixed(1);
    log(`rebuilt the contact state of ${rebuilt.computed} customers in ${rebuildSeconds} s`);
    // As autovacuum would soon: statistics, and the visibility map that index-only scans read.
    if (handle.engine === 'postgres') await sql`vacuum (analyze) contact_states, promises, cases, case_events`.execute(db());
  }

  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), phoneRegion: 'US' };
  const app = await buildApp({ config, database: handle, logger: false, rateLimitPerMinute: 1_000_000_000 });
  await app.ready();
  const cookieOf = async (who: string) => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: who, password } });
    if (login.statusCode !== 200) throw new Error(`sign-in as ${who}: ${login.body}`);
    return login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  };
  const [frontline, manager1, manager3, admin] = await Promise.all([cookieOf(email('frontline', 1)), cookieOf(email('manager', 1)), cookieOf(email('manager', 3)), cookieOf(email('admin', 1))]);
  const actorFor = async (who: string): Promise<Actor> => {
    const staff = await db().selectFrom('staff').select(['id', 'name', 'role']).where('email', '=', who).executeTakeFirstOrThrow();
    const locs = await db().selectFrom('staffLocations').select('locationId').where('staffId', '=', staff.id).execute();
    return { staffId: staff.id, name: staff.name, role: staff.role as Actor['role'], locationIds: locs.map((l) => l.locationId), via: 'session', tokenId: null, canWrite: true };
  };
  const frontlineActor = await actorFor(email('frontline', 1));
  const manager3Actor = await actorFor(email('manager', 3));
  const adminActor = await actorFor(email('admin', 1));

  const locations = (await db().selectFrom('locations').select('id').where('name', 'like', 'Branch %').execute()).map((l) => l.id);
  const totals = await db()
    .selectFrom('contactStates')
    .select((eb) => [eb.fn.countAll<number>().as('states'), eb.fn.count<number>('waitingSince').as('waiting'), eb.fn.count<number>('keepDueAt').as('keeping')])
    .executeTakeFirstOrThrow();
  const nowIso = new Date().toISOString();
  const openStatuses = ['new', 'open', 'waiting_on_customer', 'waiting_on_us'] as const;
  const countOf = async (q: Promise<{ n: number | string | bigint } | undefined>) => Number((await q)?.n ?? 0);
  const due = await db().selectFrom('contactStates').select((eb) => eb.fn.countAll<number>().as('n')).where('keepDueAt', '<=', nowIso).executeTakeFirstOrThrow();
  const customers = await db().selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const promiseCount = db().selectFrom('promises').select((eb) => eb.fn.countAll<number>().as('n'));
  const caseCount = db().selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n'));
  const counts = {
    promises: await countOf(promiseCount.executeTakeFirst()),
    openPromises: await countOf(promiseCount.where('status', '=', 'open').executeTakeFirst()),
    overduePromises: await countOf(promiseCount.where('status', '=', 'open').where('dueBy', '<', nowIso).executeTakeFirst()),
    revisedOpenPromises: await countOf(promiseCount.where('status', '=', 'open').whereRef('originalDueBy', '<', 'dueBy').executeTakeFirst()),
    cases: await countOf(caseCount.executeTakeFirst()),
    openCases: await countOf(caseCount.where('status', 'in', [...openStatuses]).executeTakeFirst()),
    openCasesNearOrPast: await countOf(caseCount.where('status', 'in', [...openStatuses]).where('warnAt', '<=', nowIso).executeTakeFirst()),
    openCasesPast: await countOf(caseCount.where('status', 'in', [...openStatuses]).where('dueAt', '<=', nowIso).executeTakeFirst()),
    openCasesEscalated: await countOf(caseCount.where('status', 'in', [...openStatuses]).where('escalatedTo', 'is not', null).executeTakeFirst()),
    lifeEvents: await countOf(db().selectFrom('lifeEvents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()),
    lifeEventsLast14Days: await countOf(
      db()
        .selectFrom('lifeEvents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('createdAt', '>=', new Date(Date.now() - 14 * dayMs).toISOString())
        .executeTakeFirst(),
    ),
    frontlineOpenPromises: await countOf(promiseCount.where('ownerId', '=', frontlineActor.staffId).where('status', '=', 'open').executeTakeFirst()),
    frontlineOpenCases: await countOf(caseCount.where('ownerId', '=', frontlineActor.staffId).where('status', 'in', [...openStatuses]).executeTakeFirst()),
    escalatedToManagerOf3: await countOf(caseCount.where('escalatedTo', '=', manager3Actor.staffId).where('status', 'in', [...openStatuses]).executeTakeFirst()),
  };
  // Keys deep in the lists, for cursors: a random sample of waiting rows, and of due rows.
  const waitingKeys = await db().selectFrom('contactStates').select(['customerId', 'waitingSince', 'locationId']).where('waitingSince', 'is not', null).where('customerId', 'like', '%7').limit(2000).execute();
  const dueKeys = await db().selectFrom('contactStates').select(['customerId', 'keepDueAt']).where('keepDueAt', '<=', nowIso).where('customerId', 'like', '%3').limit(2000).execute();

  const get = async (url: string, cookie: string) => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  /** Today answers 200 even when a section failed (it says so in the section): that is a failure here. */
  const today = async (cookie: string) => {
    const response = await get('/api/v1/today', cookie);
    return response.body;
  };
  const checkToday = (who: string) => (body: unknown) => {
    const failed = (JSON.parse(body as string) as TodayBody).sections.filter((s) => s.status !== 'ok');
    if (failed.length) throw new Error(`GET /today as ${who}: the sections ${failed.map((s) => s.key).join(', ')} could not be loaded`);
  };
  const me = frontlineActor.staffId;
  type Case = [string, () => Promise<unknown>, ((result: unknown) => void)?];
  const cases: Case[] = [
    ['GET /auth/me (floor of a signed-in request)', () => get('/api/v1/auth/me', frontline)],
    ['bare query: customer by primary key', () => db().selectFrom('customers').selectAll().where('id', '=', pick(waitingKeys).customerId).executeTakeFirst()],
    ['bare query: waiting index range, 51 rows', () => db().selectFrom('contactStates').select(['customerId', 'waitingSince']).where('waitingSince', 'is not', null).orderBy('waitingSince').orderBy('customerId').limit(51).execute()],
    ['bare query: open promises of an owner by due date, 51 rows', () => db().selectFrom('promises').select(['id', 'dueBy']).where('ownerId', '=', me).where('status', '=', 'open').orderBy('dueBy').limit(51).execute()],
    ['GET /today, frontline', () => today(frontline), checkToday('frontline')],
    ['GET /today, manager of 1 location', () => today(manager1), checkToday('a manager of 1 location')],
    ['GET /today, manager of 3 locations', () => today(manager3), checkToday('a manager of 3 locations')],
    ['GET /today, admin (everyone)', () => today(admin), checkToday('an admin')],
    ['GET /promises, mine open, by due date', () => get(`/api/v1/promises?ownerId=${me}&status=open&limit=50`, frontline)],
    ['GET /promises, mine overdue', () => get(`/api/v1/promises?ownerId=${me}&overdue=true&limit=50`, frontline)],
    ['GET /promises, everyone overdue (admin)', () => get('/api/v1/promises?overdue=true&limit=50', admin)],
    ['GET /cases, mine open', () => get(`/api/v1/cases?ownerId=${me}&open=true&limit=50`, frontline)],
    ['GET /cases, escalated to me (manager of 3)', () => get(`/api/v1/cases?escalatedTo=${manager3Actor.staffId}&open=true&limit=50`, manager3)],
    ['GET /cases/figures (manager of 3)', () => get('/api/v1/cases/figures', manager3)],
    ['GET /waiting, whole team, page 1', () => get('/api/v1/waiting?limit=50', frontline)],
    [
      'GET /waiting, whole team, deep page',
      () => {
        const k = pick(waitingKeys);
        return get(`/api/v1/waiting?limit=50&cursor=${cursorOf(k.waitingSince!, k.customerId)}`, frontline);
      },
    ],
    ['GET /waiting, one location, page 1', () => get(`/api/v1/waiting?limit=50&locationId=${pick(locations)}`, frontline)],
    [
      'GET /waiting, one location, deep page',
      () => {
        const k = pick(waitingKeys);
        return get(`/api/v1/waiting?limit=50&locationId=${k.locationId}&cursor=${cursorOf(k.waitingSince!, k.customerId)}`, frontline);
      },
    ],
    ['GET /keep-in-touch/due, mine', () => get('/api/v1/keep-in-touch/due?limit=50', frontline)],
    ['GET /keep-in-touch/due, team of 1 location', () => get('/api/v1/keep-in-touch/due?view=team&limit=50', manager1)],
    ['GET /keep-in-touch/due, team of 3 locations', () => get('/api/v1/keep-in-touch/due?view=team&limit=50', manager3)],
    ['GET /keep-in-touch/due, everyone (admin), page 1', () => get('/api/v1/keep-in-touch/due?view=team&limit=50', admin)],
    [
      'GET /keep-in-touch/due, everyone (admin), deep page',
      () => {
        const k = pick(dueKeys);
        return get(`/api/v1/keep-in-touch/due?view=team&limit=50&cursor=${cursorOf(k.keepDueAt!, k.customerId)}`, admin);
      },
    ],
    ['Today: waiting on me (frontline, function)', () => waitingOnMe(db(), frontlineActor, new Date())],
    ['Today: waiting on me (manager of 3, function)', () => waitingOnMe(db(), manager3Actor, new Date())],
    ['Today: keep in touch due (manager of 3, function)', () => keepInTouchDue(db(), manager3Actor, new Date())],
    ['Today: promises (manager of 3, function)', () => promisesToday(db(), manager3Actor, new Date())],
    ['Today: cases (manager of 3, function)', () => casesToday(db(), manager3Actor, new Date())],
    ['Today: promises (admin, function)', () => promisesToday(db(), adminActor, new Date())],
    ['Today: cases (admin, function)', () => casesToday(db(), adminActor, new Date())],
    ['Today: life events (admin, function)', () => lifeEventsToday(db(), adminActor, new Date())],
    ['Today: life events (manager of 3, function)', () => lifeEventsToday(db(), manager3Actor, new Date())],
    ['Today: on-time figure (manager of 3, function)', () => promisesOnTime(db(), manager3Actor, new Date())],
    ['Today: on-time figure (admin, function)', () => promisesOnTime(db(), adminActor, new Date())],
  ];

  // What Today shows each of them, checked before measuring: no empty answers measured.
  const shown: Record<string, Record<string, string>> = {};
  for (const [who, cookie] of [['frontline', frontline], ['manager of 1', manager1], ['manager of 3', manager3], ['admin', admin]] as const) {
    const body = JSON.parse(await today(cookie)) as TodayBody;
    checkToday(who)(JSON.stringify(body));
    shown[who] = Object.fromEntries([
      ...body.sections.map((s) => [s.key, `${s.items.length} + ${s.more} more`]),
      ...body.figures.map((f) => [f.key, f.value]),
    ]);
  }
  const frontlineToday = JSON.parse(await today(frontline)) as TodayBody;
  const itemsOf = (key: string) => frontlineToday.sections.find((s) => s.key === key)?.items.length ?? 0;
  if (itemsOf('promises') < 1 || itemsOf('cases') < 1) {
    const empty = `the frontline's Today lists ${itemsOf('promises')} promises and ${itemsOf('cases')} cases`;
    // A measurement must not time empty answers. A smoke run's few thousand customers give one staff
    // member a handful of cases, and whether one is near its target depends on the hour the run starts.
    if (count >= 100_000) throw new Error(`${empty}: the bench would measure empty answers`);
    console.log(`${empty} (a small run; a measurement would stop here)`);
  }

  for (let w = 0; w < Number(args.warmup); w++) for (const [, run, check] of cases) check?.(await run());
  const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  const deadline = Date.now() + Number(args.seconds) * 1000;
  const load: number[][] = [os.loadavg()];
  for (let n = 0; n < Number(args.per) && Date.now() < deadline; n++) {
    for (const [name, run, check] of cases) {
      const t0 = performance.now();
      const result = await run();
      times.get(name)!.push(performance.now() - t0);
      check?.(result);
    }
  }
  load.push(os.loadavg());
  console.table([...times].map(([name, t]) => ({ measured: name, ...summary(t) })));
  const firstPage = JSON.parse((await get('/api/v1/waiting?limit=50', frontline)).body) as { items: unknown[] };
  console.log(
    JSON.stringify(
      {
        engine: handle.engine,
        customers: Number(customers.n),
        contactStates: Number(totals.states),
        waiting: Number(totals.waiting),
        withCadence: Number(totals.keeping),
        dueNow: Number(due.n),
        firstPageItems: firstPage.items.length,
        ...counts,
        colleaguesTakenOver: takenOver,
        today: shown,
        rebuildSeconds,
        measuredAt: new Date().toISOString(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadavg: load.map((l) => l.map((x) => +x.toFixed(2))) },
      },
      null,
      1,
    ),
  );
  await app.close();
  await handle.close();
}

await main();
