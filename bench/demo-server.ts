/**
 * Shared by bench/lookup-to-brief.ts and bench/api.ts: the real server on 127.0.0.1 (random port) on a
 * fresh SQLite file in a temp dir holding the demo data, a signed-in fetch client, per-request server
 * timings taken at the HTTP socket, percentiles and a description of the machine.
 */
import fs from 'node:fs';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemo, type SeedSummary } from '../src/demo/seed-demo.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/platform/database/connect.js';
import { buildApp } from '../src/app/app.js';
import type { App } from '../src/platform/http/types.js';

export const repo = fileURLToPath(new URL('../', import.meta.url));
export const webDist = path.join(repo, 'web/dist');
export const benchPassword = 'bench password, not a secret';

export interface DemoServer {
  url: string;
  app: App;
  database: DatabaseHandle;
  demo: SeedSummary;
  /** Seconds spent writing the demo data. */
  seedSeconds: number;
  close(): Promise<void>;
}

/** Migrates and seeds a fresh SQLite file (opened exactly as the server opens it), then listens. */
export async function startDemoServer(options: { web: boolean; customers?: number }): Promise<DemoServer> {
  if (options.web && !fs.existsSync(path.join(webDist, 'index.html'))) {
    throw new Error('web/dist/index.html is missing: run `npm run build:web` first');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-'));
  const database = openDatabase({ sqliteFile: path.join(dir, 'rapport.sqlite') });
  await migrateToLatest(database);
  const seeded = performance.now();
  const demo = await seedDemo(database.db, { password: benchPassword, force: false, seed: 1, phoneRegion: 'US', ...(options.customers ? { customers: options.customers } : {}) });
  const seedSeconds = (performance.now() - seeded) / 1000;
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), phoneRegion: 'US' };
  const app = await buildApp({ config, database, logger: false, rateLimitPerMinute: 10_000_000, webRoot: options.web ? webDist : null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    database,
    demo,
    seedSeconds,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function signInByFetch(url: string, email: string, password = benchPassword): Promise<Session> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** One request with the session, the body read to the end; the time is the client's round trip in ms. */
export async function timedFetch(url: string, session: Session | null, method = 'GET', body?: unknown): Promise<{ ms: number; status: number; body: string }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session) headers.cookie = session.cookie;
  if (session && method !== 'GET') headers['x-csrf-token'] = session.csrf;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const t0 = performance.now();
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  return { ms: performance.now() - t0, status: response.status, body: text };
}

/** The route an address belongs to, ids folded: "GET /api/v1/customers/:id/brief". */
export function routeOf(method: string, url: string): string {
  const pathname = url.split('?')[0]!;
  const folded = pathname.replace(/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '/:id');
  return `${method} ${folded.startsWith('/assets/') ? '/assets/*' : folded}`;
}

/**
 * The server's own time per request: from Node handing over the parsed request to the last byte of the
 * answer written to the socket (no client, no network). Listens beside Fastify, changes nothing.
 */
export function serverTimes(server: HttpServer) {
  const times = new Map<string, number[]>();
  let recording = true;
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    const t0 = performance.now();
    response.once('finish', () => {
      if (!recording) return;
      const key = routeOf(request.method ?? 'GET', request.url ?? '/');
      let list = times.get(key);
      if (!list) times.set(key, (list = []));
      list.push(performance.now() - t0);
    });
  };
  server.prependListener('request', listener);
  return {
    times,
    pause: () => {
      recording = false;
    },
    resume: () => {
      recording = true;
    },
    clear: () => times.clear(),
    stop: () => server.removeListener('request', listener),
  };
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summary(times: number[]): Summary {
  const s = [...times].sort((a, b) => a - b);
  if (!s.length) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const round = (x: number) => +x.toFixed(2);
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), p99: round(percentile(s, 99)), max: round(s.at(-1)!) };
}

export function machine() {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    loadavg: os.loadavg().map((l) => +l.toFixed(2)),
    at: new Date().toISOString(),
  };
}
