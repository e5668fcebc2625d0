/**
 * Every hot path at scale against the bare-database limit (issue 13, items 2 and 3), on a database
 * made by bench/scale-data.ts (its manifest beside it, bench/scale-manifest.ts):
 *   npx tsx bench/hot-paths.ts --file bench/results/scale.sqlite
 *   npx tsx bench/hot-paths.ts --url postgres://postgres@127.0.0.1:5432/scale
 *   [--samples 300] [--warmup 20] [--inputs 50] [--load-seconds 20] [--connections 50]
 *   [--startup-runs 5] [--settle-seconds 10] [--out bench/results/hot-paths.<engine>.json]
 *
 * Latency, each request three ways in the same run, round-robin across paths after a warm-up:
 *   (a) Rapport: the real app (buildApp on the database, signed in as the manifest's staff) over HTTP
 *       on 127.0.0.1, its server-side time taken at the socket (demo-server's serverTimes);
 *   (b) the bare driver: the SQL statements that request ran (captured from Kysely's query log on a
 *       second app over the same database, bench/statement-capture.ts) replayed through better-sqlite3
 *       / pg (prepared once / named), writes between begin and rollback;
 *   (c) a minimal Fastify server (bench/bare-server.ts: one route, no hooks, no schemas, no session)
 *       running the same statements through the bare driver, over HTTP, timed as (a).
 * Inputs cycle over `--inputs` customers (names, ...) per path; request i of a path and replay i are
 * the same input.
 *
 * Throughput: `rapport serve` (the built CLI, a child process) and the minimal server (a child
 * process) under `--connections` concurrent connections of autocannon for `--load-seconds` each: the
 * lookup (names from the manifest, half of them misspelt) and the brief of ordinary customers. The
 * serve process's memory: VmHWM after the brief's load.
 *
 * Start-up: bench/startup.ts's measureStartup (spawn until health answers, RSS idle after 10 s).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app/app.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/platform/database/connect.js';
import type { App } from '../src/platform/http/types.js';
import { startBareServer, type Replays } from './bare-server.js';
import { machine, repo, serverTimes, signInByFetch, summary, type Session, type Summary } from './demo-server.js';
import { forkBareServer, loadOf, spawnServe, type Load } from './hot-paths-load.js';
import { readManifest, type ScaleManifest } from './scale-manifest.js';
import { capturer, isPostgres, openBareDriver, poolSize, type BareDriver, type Captured, type Target } from './statement-capture.js';
import { measureStartup, memoryOf, type StartupResult } from './startup.js';

export interface HotPathOptions {
  target: Target;
  /** Measured requests per path and way (300). */
  samples?: number;
  /** Unmeasured rounds first (20). */
  warmup?: number;
  /** Distinct inputs per path: customers, names (50). */
  inputs?: number;
  /** Each autocannon load, in seconds (20); 0 skips the loads. */
  loadSeconds?: number;
  connections?: number;
  /** Starts of `rapport serve` (5); 0 skips them. */
  startupRuns?: number;
  /** Idle time before the start-up's memory is read (10 000 ms). */
  settleMs?: number;
  /** Told of progress. */
  log?: (line: string) => void;
}

export interface PathResult {
  key: string;
  label: string;
  write: boolean;
  /** Statements per request, over the captured requests: min and max. */
  statements: { min: number; max: number };
  rapport: Summary;
  bare: Summary;
  minimal: Summary;
  /** Rapport ÷ bare driver and Rapport ÷ minimal Fastify, at p50 and p99. */
  ratio: { bare: { p50: number; p99: number }; minimal: { p50: number; p99: number } };
  /** Requests that did not answer 2xx, per way. */
  failed: { rapport: number; minimal: number };
  /** Statements replayed by the bare driver in the measured rounds, and captured for those rounds. */
  replayed: number;
  expectedReplays: number;
}

export interface LoadResult {
  key: 'lookup' | 'brief';
  label: string;
  rapport: Load;
  minimal: Load;
  /** Rapport's requests per second ÷ the minimal server's. */
  ratio: number;
}

export interface HotPathResult {
  engine: 'sqlite' | 'postgres';
  where: string;
  customers: number;
  busyCustomers: number;
  /** Interactions of the very busy customers measured: the fewest and the most. */
  busyInteractions: { min: number; max: number };
  manifest: { seed: number; generatedAt: string; rows: Record<string, number> };
  options: { samples: number; warmup: number; inputs: number; loadSeconds: number; connections: number; startupRuns: number; settleMs: number };
  machine: ReturnType<typeof machine>;
  startedAt: string;
  finishedAt: string;
  /** The load average (1, 5, 15 minutes) when the run began; `machine` holds the one at its end. */
  loadavgAtStart: number[];
  paths: PathResult[];
  load: LoadResult[];
  /** Memory of `rapport serve` under the brief's load: VmRSS and VmHWM (MiB) right after it. */
  memoryUnderLoad: { rssMiB: number; peakRssMiB: number } | null;
  startup: StartupResult | null;
  /** A part that could not be measured (the load, the start-up), and why: the other figures stand. */
  errors: string[];
  /** The command that produced it, when `npm run bench` ran it. */
  command?: string;
}

interface Request {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
}

interface PathDef {
  key: string;
  label: string;
  write: boolean;
  who: 'frontline' | 'manager';
  inputs: number;
  request(i: number): Request;
}

/** A misspelling of a name, deterministic: two letters of the last word swapped, or one dropped. */
export function misspell(name: string, i: number): string {
  const words = name.split(' ');
  const last = words.at(-1)!;
  if (last.length < 4) return name;
  const at = 1 + (i % (last.length - 2));
  const changed = i % 2 ? last.slice(0, at) + last[at + 1] + last[at] + last.slice(at + 2) : last.slice(0, at) + last.slice(at + 1);
  return [...words.slice(0, -1), changed].join(' ');
}

/** Lookups: names from the manifest, every other one misspelt. */
export const lookupQueries = (manifest: ScaleManifest, count: number): string[] =>
  manifest.sampleNames.slice(0, count).map((name, i) => (i % 2 ? misspell(name, i) : name));

function pathsOf(manifest: ScaleManifest, inputs: number, frontlineLocation: string, run: string): PathDef[] {
  const ordinary = manifest.ordinaryCustomerIds.slice(0, inputs);
  const busy = manifest.busyCustomerIds.slice(0, inputs);
  const queries = lookupQueries(manifest, inputs);
  if (!ordinary.length || !busy.length || !queries.length) throw new Error('the manifest names no ordinary customers, no busy customers or no names');
  const names = manifest.sampleNames.slice(0, inputs);
  const get = (url: string): Request => ({ method: 'GET', url });
  // Each write's text is new (emails, references): no created customer is a duplicate of an earlier one by email.
  let made = 0;
  return [
    { key: 'lookup', label: 'lookup (GET /search), half misspelt', write: false, who: 'frontline', inputs: queries.length, request: (i) => get(`/api/v1/search?q=${encodeURIComponent(queries[i % queries.length]!)}`) },
    { key: 'brief-ordinary', label: 'brief, ordinary customer', write: false, who: 'frontline', inputs: ordinary.length, request: (i) => get(`/api/v1/customers/${ordinary[i % ordinary.length]}/brief`) },
    { key: 'brief-busy', label: 'brief, very busy customer', write: false, who: 'frontline', inputs: busy.length, request: (i) => get(`/api/v1/customers/${busy[i % busy.length]}/brief`) },
    { key: 'timeline-ordinary', label: 'timeline first page, ordinary customer', write: false, who: 'frontline', inputs: ordinary.length, request: (i) => get(`/api/v1/customers/${ordinary[i % ordinary.length]}/timeline`) },
    { key: 'timeline-busy', label: 'timeline first page, very busy customer', write: false, who: 'frontline', inputs: busy.length, request: (i) => get(`/api/v1/customers/${busy[i % busy.length]}/timeline`) },
    {
      key: 'create-customer',
      label: 'create a customer (POST /customers, duplicate check)',
      write: true,
      who: 'frontline',
      inputs: names.length,
      request: (i) => {
        const words = names[i % names.length]!.split(' ');
        return {
          method: 'POST',
          url: '/api/v1/customers',
          body: { givenName: words[0], familyName: words.slice(1).join(' ') || null, emails: [{ address: `hot-paths-${run}-${made++}@bench.example` }] },
        };
      },
    },
    {
      key: 'log-interaction',
      label: 'log an interaction (POST /interactions)',
      write: true,
      who: 'frontline',
      inputs: ordinary.length,
      request: (i) => ({ method: 'POST', url: '/api/v1/interactions', body: { customerId: ordinary[i % ordinary.length], channel: 'visit', direction: 'inbound', summary: `Came in about the order (hot paths ${run}, ${made++})` } }),
    },
    {
      key: 'record-purchase',
      label: 'record a purchase with 3 items (POST /transactions)',
      write: true,
      who: 'frontline',
      inputs: ordinary.length,
      request: (i) => ({
        method: 'POST',
        url: '/api/v1/transactions',
        body: {
          customerId: ordinary[i % ordinary.length],
          kind: 'purchase',
          currency: 'USD',
          reference: `HP-${run}-${made++}`,
          items: [
            { description: 'Espresso machine', sku: 'EM-200', quantity: 1, unitPriceMinor: 34900 },
            { description: 'Descaler', sku: 'DS-1', quantity: 2, unitPriceMinor: 899 },
            { description: 'Coffee beans, 1 kg', quantity: 1.5, unitPriceMinor: 2400 },
          ],
        },
      }),
    },
    { key: 'today-frontline', label: 'Today, frontline', write: false, who: 'frontline', inputs: 1, request: () => get('/api/v1/today') },
    { key: 'today-manager', label: 'Today, manager', write: false, who: 'manager', inputs: 1, request: () => get('/api/v1/today') },
    { key: 'waiting-frontline', label: 'waiting list, frontline (their location)', write: false, who: 'frontline', inputs: 1, request: () => get(`/api/v1/waiting?limit=50&locationId=${frontlineLocation}`) },
    { key: 'waiting-manager', label: 'waiting list, manager (whole team)', write: false, who: 'manager', inputs: 1, request: () => get('/api/v1/waiting?limit=50') },
  ];
}

const headersOf = (session: Session, method: string, body: unknown): Record<string, string> => ({
  accept: 'application/json',
  cookie: session.cookie,
  ...(method !== 'GET' ? { 'x-csrf-token': session.csrf } : {}),
  ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
});

/** One request over HTTP; its status and the server's own time (taken at the socket). */
async function timedRequest(base: string, request: Request, headers: Record<string, string>, timer: ReturnType<typeof serverTimes>): Promise<{ status: number; ms: number; body: string }> {
  timer.clear();
  const response = await fetch(`${base}${request.url}`, { method: request.method, headers, ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}) });
  const body = await response.text();
  // 'finish' fires once the last byte is handed to the socket: usually before the client has read it.
  for (let spins = 0; spins < 1000 && !timer.times.size; spins++) await new Promise((resolve) => setImmediate(resolve));
  const ms = [...timer.times.values()].flat()[0];
  if (ms === undefined) throw new Error(`${request.method} ${request.url}: no server time was recorded`);
  return { status: response.status, ms, body };
}

const ratio = (a: number, b: number) => +(a / b).toFixed(2);
/** A file inside the repository by its path there, any other by its absolute path. */
const shortPath = (file: string) => {
  const relative = path.relative(repo, path.resolve(file));
  return relative.startsWith('..') ? path.resolve(file) : relative;
};
const targetOf = (target: Target) => (isPostgres(target) ? { databaseUrl: target.url, poolSize } : { sqliteFile: target.file });

export async function runHotPaths(options: HotPathOptions): Promise<HotPathResult> {
  const o = {
    samples: options.samples ?? 300,
    warmup: options.warmup ?? 20,
    inputs: options.inputs ?? 50,
    loadSeconds: options.loadSeconds ?? 20,
    connections: options.connections ?? 50,
    startupRuns: options.startupRuns ?? 5,
    settleMs: options.settleMs ?? 10_000,
  };
  const log = options.log ?? (() => undefined);
  const manifest = readManifest(options.target);
  const startedAt = new Date().toISOString();
  const loadavgAtStart = os.loadavg().map((l) => +l.toFixed(2));
  const run = Date.now().toString(36);

  const handle: DatabaseHandle = openDatabase(targetOf(options.target));
  await migrateToLatest(handle);
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), phoneRegion: 'US' };
  const capture = capturer(targetOf(options.target));
  let app: App | null = null;
  let captureApp: App | null = null;
  let driver: BareDriver | null = null;
  let minimal: { url: string; app: FastifyInstance } | null = null;
  try {
    app = await buildApp({ config, database: handle, logger: false, rateLimitPerMinute: 1_000_000_000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    captureApp = await buildApp({ config, database: capture.handle, logger: false, rateLimitPerMinute: 1_000_000_000 });
    await captureApp.ready();

    const sessions = {
      frontline: await signInByFetch(base, manifest.staff.frontline, manifest.password),
      manager: await signInByFetch(base, manifest.staff.manager, manifest.password),
    };
    const me = await fetch(`${base}/api/v1/auth/me`, { headers: headersOf(sessions.frontline, 'GET', undefined) });
    const frontlineLocation = ((await me.json()) as { locationIds: string[] }).locationIds[0];
    if (!frontlineLocation) throw new Error(`${manifest.staff.frontline} works at no location`);
    const paths = pathsOf(manifest, o.inputs, frontlineLocation, run);
    const busyCounts = await handle.db
      .selectFrom('interactions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('customerId', 'in', manifest.busyCustomerIds.slice(0, o.inputs))
      .groupBy('customerId')
      .execute();
    const busyInteractions = { min: Math.min(...busyCounts.map((c) => Number(c.n))), max: Math.max(...busyCounts.map((c) => Number(c.n))) };

    // Capture: every input of every path once, through the second app (the same code, the same database).
    log('capturing the statements of every request');
    const replays: Replays = {};
    for (const p of paths) {
      const requests: Captured[] = [];
      for (let i = 0; i < p.inputs; i++) {
        const r = p.request(i);
        const { result, captured } = await capture.capture(() =>
          captureApp!.inject({ method: r.method, url: r.url, headers: headersOf(sessions[p.who], r.method, r.body), ...(r.body !== undefined ? { payload: JSON.stringify(r.body) } : {}) }),
        );
        if (result.statusCode < 200 || result.statusCode > 299) throw new Error(`${r.method} ${r.url}: ${result.statusCode} ${result.body.slice(0, 300)}`);
        if (!captured.statements.length) throw new Error(`${r.method} ${r.url} ran no statement that could be captured`);
        requests.push(captured);
      }
      replays[p.key] = { write: p.write, requests };
    }

    driver = await openBareDriver(options.target);
    minimal = await startBareServer(driver, replays);
    const rapportTimer = serverTimes(app.server);
    const minimalTimer = serverTimes(minimal.app.server);
    const times = new Map(paths.map((p) => [p.key, { rapport: [] as number[], bare: [] as number[], minimal: [] as number[], failedRapport: 0, failedMinimal: 0, replayed: 0, expected: 0 }]));
    const firstFailure: string[] = [];

    const round = async (n: number, measured: boolean) => {
      for (const p of paths) {
        const t = times.get(p.key)!;
        const r = p.request(n);
        const captured = replays[p.key]!.requests[n % p.inputs]!;
        const a = await timedRequest(base, r, headersOf(sessions[p.who], r.method, r.body), rapportTimer);
        const t0 = performance.now();
        const rows = await driver!.replay(captured, p.write);
        const bareMs = performance.now() - t0;
        const c = await timedRequest(minimal!.url, { method: 'GET', url: `/run/${p.key}/${n % p.inputs}` }, { accept: 'application/json' }, minimalTimer);
        if (!measured) continue;
        const ok = (s: number) => s >= 200 && s <= 299;
        if (!ok(a.status)) {
          t.failedRapport++;
          if (firstFailure.length < 3) firstFailure.push(`${r.method} ${r.url}: ${a.status} ${a.body.slice(0, 200)}`);
        }
        if (!ok(c.status)) {
          t.failedMinimal++;
          if (firstFailure.length < 3) firstFailure.push(`minimal ${p.key}: ${c.status} ${c.body.slice(0, 200)}`);
        }
        t.rapport.push(a.ms);
        t.bare.push(bareMs);
        t.minimal.push(c.ms);
        t.replayed += rows.length;
        t.expected += captured.statements.length;
      }
    };
    log(`warming up: ${o.warmup} rounds of ${paths.length} paths`);
    for (let n = 0; n < o.warmup; n++) await round(n, false);
    log(`measuring: ${o.samples} rounds of ${paths.length} paths, three ways each`);
    for (let n = 0; n < o.samples; n++) {
      await round(n, true);
      if ((n + 1) % 100 === 0) log(`  ${n + 1} rounds`);
    }
    rapportTimer.stop();
    minimalTimer.stop();
    for (const f of firstFailure) log(`failed: ${f}`);

    const pathResults: PathResult[] = paths.map((p) => {
      const t = times.get(p.key)!;
      const rapport = summary(t.rapport);
      const bare = summary(t.bare);
      const min = summary(t.minimal);
      const counts = replays[p.key]!.requests.map((c) => c.statements.length);
      return {
        key: p.key,
        label: p.label,
        write: p.write,
        statements: { min: Math.min(...counts), max: Math.max(...counts) },
        rapport,
        bare,
        minimal: min,
        ratio: { bare: { p50: ratio(rapport.p50, bare.p50), p99: ratio(rapport.p99, bare.p99) }, minimal: { p50: ratio(rapport.p50, min.p50), p99: ratio(rapport.p99, min.p99) } },
        failed: { rapport: t.failedRapport, minimal: t.failedMinimal },
        replayed: t.replayed,
        expectedReplays: t.expected,
      };
    });

    await minimal.app.close();
    minimal = null;
    await app.close();
    app = null;
    await captureApp.close();
    captureApp = null;

    // Throughput: both servers in child processes, one after the other.
    const load: LoadResult[] = [];
    const errors: string[] = [];
    let memoryUnderLoad: HotPathResult['memoryUnderLoad'] = null;
    if (o.loadSeconds > 0) {
      try {
        // The same inputs as the minimal server's captured requests.
        const queries = lookupQueries(manifest, o.inputs);
        const ordinary = manifest.ordinaryCustomerIds.slice(0, o.inputs);
        const briefReplays = replays['brief-ordinary']!;
        const lookupReplays = replays['lookup']!;
        const cycle = (make: (i: number) => string) => {
          let i = 0;
          return () => make(i++);
        };
        log(`rapport serve under load: ${o.connections} connections, ${o.loadSeconds} s each`);
        const serve = await spawnServe(options.target);
        let rapportBrief: Load;
        let rapportLookup: Load;
        try {
          const session = await signInByFetch(serve.url, manifest.staff.frontline, manifest.password);
          const headers = { cookie: session.cookie, accept: 'application/json' };
          const warm = Math.min(5, o.loadSeconds);
          await loadOf(serve.url, cycle((i) => `/api/v1/customers/${ordinary[i % ordinary.length]}/brief`), { seconds: warm, connections: o.connections, headers });
          // The brief first, so VmHWM read right after it is the peak of the brief's load.
          rapportBrief = await loadOf(serve.url, cycle((i) => `/api/v1/customers/${ordinary[i % ordinary.length]}/brief`), { seconds: o.loadSeconds, connections: o.connections, headers });
          memoryUnderLoad = memoryOf(serve.pid);
          rapportLookup = await loadOf(serve.url, cycle((i) => `/api/v1/search?q=${encodeURIComponent(queries[i % queries.length]!)}`), { seconds: o.loadSeconds, connections: o.connections, headers });
        } finally {
          await serve.close();
        }
        log('the minimal server under the same load');
        const bareServer = await forkBareServer(options.target, { brief: briefReplays, lookup: lookupReplays });
        let minimalBrief: Load;
        let minimalLookup: Load;
        try {
          const warm = Math.min(5, o.loadSeconds);
          await loadOf(bareServer.url, cycle((i) => `/run/brief/${i}`), { seconds: warm, connections: o.connections });
          minimalBrief = await loadOf(bareServer.url, cycle((i) => `/run/brief/${i}`), { seconds: o.loadSeconds, connections: o.connections });
          minimalLookup = await loadOf(bareServer.url, cycle((i) => `/run/lookup/${i}`), { seconds: o.loadSeconds, connections: o.connections });
        } finally {
          await bareServer.close();
        }
        load.push(
          { key: 'lookup', label: 'lookup (GET /search), half misspelt', rapport: rapportLookup, minimal: minimalLookup, ratio: ratio(rapportLookup.perSecond, minimalLookup.perSecond) },
          { key: 'brief', label: 'brief, ordinary customers', rapport: rapportBrief, minimal: minimalBrief, ratio: ratio(rapportBrief.perSecond, minimalBrief.perSecond) },
        );
      } catch (error) {
        errors.push(`the load could not be measured: ${error instanceof Error ? error.message : String(error)}`);
        log(errors.at(-1)!);
      }
    }

    let startup: StartupResult | null = null;
    if (o.startupRuns > 0) {
      log(`rapport serve start-up: ${o.startupRuns} runs, memory after ${o.settleMs / 1000} s idle`);
      try {
        startup = await measureStartup({
          database: isPostgres(options.target) ? { kind: 'postgres', url: options.target.url } : { kind: 'sqlite', from: path.resolve(options.target.file) },
          runs: o.startupRuns,
          settleMs: o.settleMs,
          onRun: (r, i) => log(`  start ${i + 1}: ready in ${r.readyMs} ms, idle RSS ${r.rssMiB} MiB`),
        });
      } catch (error) {
        errors.push(`the start-up could not be measured: ${error instanceof Error ? error.message : String(error)}`);
        log(errors.at(-1)!);
      }
    }

    return {
      engine: handle.engine,
      where: isPostgres(options.target) ? handle.describe : shortPath(options.target.file),
      customers: manifest.customers,
      busyCustomers: busyCounts.length,
      busyInteractions,
      manifest: { seed: manifest.seed, generatedAt: manifest.generatedAt, rows: manifest.load.rows },
      options: o,
      machine: machine(),
      startedAt,
      loadavgAtStart,
      finishedAt: new Date().toISOString(),
      paths: pathResults,
      load,
      memoryUnderLoad,
      startup,
      errors,
    };
  } finally {
    await minimal?.app.close();
    await app?.close();
    await captureApp?.close();
    await capture.handle.close();
    await driver?.close();
    await handle.close();
  }
}

/** Whether every figure was produced: every request answered 2xx and replayed what was captured. */
export function problemsOf(result: HotPathResult): string[] {
  const problems: string[] = [...result.errors];
  for (const p of result.paths) {
    if (p.failed.rapport || p.failed.minimal) problems.push(`${p.label}: ${p.failed.rapport} Rapport and ${p.failed.minimal} minimal-server requests did not answer 2xx`);
    if (!p.replayed || p.replayed !== p.expectedReplays) problems.push(`${p.label}: ${p.replayed} statements replayed for ${p.expectedReplays} captured`);
  }
  for (const l of result.load) {
    for (const [who, figure] of [['Rapport', l.rapport], ['the minimal server', l.minimal]] as const) {
      if (!figure.requests) problems.push(`${l.label} under load: ${who} answered no request in ${figure.seconds} s`);
      if (figure.non2xx || figure.errors) problems.push(`${l.label} under load: ${who} had ${figure.non2xx} answers other than 2xx and ${figure.errors} errors (${figure.timeouts} of them timeouts)`);
    }
  }
  return problems;
}

const fixed = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '–');

export function printResult(result: HotPathResult): void {
  console.log(`\n${result.engine}, ${result.customers.toLocaleString('en')} customers (${result.where}); ms, server-side`);
  console.table(
    result.paths.map((p) => ({
      path: p.label,
      statements: p.statements.min === p.statements.max ? p.statements.min : `${p.statements.min}-${p.statements.max}`,
      'Rapport p50': fixed(p.rapport.p50),
      'p99': fixed(p.rapport.p99),
      'bare p50': fixed(p.bare.p50),
      'bare p99': fixed(p.bare.p99),
      'minimal p50': fixed(p.minimal.p50),
      'minimal p99': fixed(p.minimal.p99),
      '÷ bare p50/p99': `${p.ratio.bare.p50} / ${p.ratio.bare.p99}`,
      '÷ minimal p50/p99': `${p.ratio.minimal.p50} / ${p.ratio.minimal.p99}`,
    })),
  );
  if (result.load.length) {
    console.table(
      result.load.flatMap((l) => [
        { load: `${l.label}: Rapport`, 'req/s': l.rapport.perSecond, 'p50 ms': l.rapport.p50, 'p99 ms': l.rapport.p99, requests: l.rapport.requests, 'not 2xx or error': l.rapport.non2xx + l.rapport.errors },
        { load: `${l.label}: minimal server`, 'req/s': l.minimal.perSecond, 'p50 ms': l.minimal.p50, 'p99 ms': l.minimal.p99, requests: l.minimal.requests, 'not 2xx or error': l.minimal.non2xx + l.minimal.errors },
      ]),
    );
  }
  if (result.memoryUnderLoad) console.log(`rapport serve under the brief's load: RSS ${result.memoryUnderLoad.rssMiB} MiB, peak ${result.memoryUnderLoad.peakRssMiB} MiB`);
  if (result.startup) console.log(`rapport serve start-up: ready in ${result.startup.readyMs.median} ms (median; ${result.startup.readyMs.min}-${result.startup.readyMs.max}), idle RSS ${result.startup.rssMiB.median} MiB`);
}

export const resultFileOf = (engine: string) => path.join(repo, 'bench', 'results', `hot-paths.${engine}.json`);

/** The command-line options of a measurement, shared by this script and bench/bench.ts (`npm run bench`). */
export const measurementArgs = {
  samples: { type: 'string', default: '300' },
  warmup: { type: 'string', default: '20' },
  inputs: { type: 'string', default: '50' },
  'load-seconds': { type: 'string', default: '20' },
  connections: { type: 'string', default: '50' },
  'startup-runs': { type: 'string', default: '5' },
  'settle-seconds': { type: 'string', default: '10' },
} as const;

type MeasurementValues = { [K in keyof typeof measurementArgs]: string };

/** Those options as runHotPaths takes them. */
export const measurementOptions = (values: MeasurementValues) => ({
  samples: Number(values.samples),
  warmup: Number(values.warmup),
  inputs: Number(values.inputs),
  loadSeconds: Number(values['load-seconds']),
  connections: Number(values.connections),
  startupRuns: Number(values['startup-runs']),
  settleMs: Number(values['settle-seconds']) * 1000,
});

/** Builds dist/ when its sources changed (what `npm start` does): start-up and load run the built CLI. */
export const ensureBuilt = () => execFileSync(process.execPath, [path.join(repo, 'scripts/build-if-changed.mjs')], { cwd: repo, stdio: 'inherit' });

async function main() {
  const { values } = parseArgs({
    options: {
      file: { type: 'string' },
      url: { type: 'string' },
      ...measurementArgs,
      out: { type: 'string' },
    },
  });
  if (!values.file === !values.url) throw new Error('give --file (SQLite) or --url (PostgreSQL)');
  ensureBuilt();
  const result = await runHotPaths({
    target: values.url ? { url: values.url } : { file: values.file! },
    ...measurementOptions(values),
    log: (line) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`),
  });
  printResult(result);
  const out = values.out ?? resultFileOf(result.engine);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 1)}\n`);
  console.log(`written to ${path.relative(process.cwd(), out)}`);
  const problems = problemsOf(result);
  for (const p of problems) console.error(p);
  if (problems.length) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
