/**
 * The servers bench/hot-paths.ts puts under load, each in a child process so the load generator
 * (autocannon, in the benchmark's process) does not share its event loop: `rapport serve` as a user
 * starts it (the built CLI) on the scale database, and the minimal Fastify server (bench/bare-server.ts)
 * on the same database with the statements captured for the same requests.
 */
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { Replays } from './bare-server.js';
import { repo } from './demo-server.js';
import { isPostgres, type Target } from './statement-capture.js';
import { freePort, sleep } from './startup.js';

export interface ChildServer {
  url: string;
  pid: number;
  close(): Promise<void>;
}

/**
 * `node bin/rapport.js serve` on the target (SQLite: a data directory holding a symlink to the file
 * as rapport.sqlite; PostgreSQL: DATABASE_URL), ready when GET /api/v1/health answers 200.
 */
export async function spawnServe(target: Target, timeoutMs = 180_000): Promise<ChildServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-hot-paths-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, RAPPORT_RATE_LIMIT: '1000000' };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  if (isPostgres(target)) env.DATABASE_URL = target.url;
  else fs.symlinkSync(path.resolve(target.file), path.join(dataDir, 'rapport.sqlite'));
  const child = spawn(process.execPath, [path.join(repo, 'bin/rapport.js'), 'serve'], { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  const close = async () => {
    if (exited === undefined) child.kill('SIGTERM');
    await Promise.race([exit, sleep(15_000)]);
    if (exited === undefined) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) {
      await close();
      throw new Error(`rapport serve exited (${exited}) before it was ready:\n${stderr}`);
    }
    if (Date.now() > deadline) {
      await close();
      throw new Error(`rapport serve was not ready after ${timeoutMs} ms:\n${stderr}`);
    }
    const ok = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(1000) }).then(
      async (r) => (await r.arrayBuffer(), r.status === 200),
      () => false,
    );
    if (ok) return { url, pid: child.pid!, close };
    await sleep(20);
  }
}

/** bench/bare-server.ts in a child process, serving the given replays. */
export async function forkBareServer(target: Target, replays: Replays): Promise<ChildServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bare-server-'));
  const statements = path.join(dir, 'statements.json');
  fs.writeFileSync(statements, JSON.stringify(replays));
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const child = fork(path.join(repo, 'bench/bare-server.ts'), ['--statements', statements, ...(isPostgres(target) ? ['--url', target.url] : ['--file', target.file])], {
    execArgv: ['--import', 'tsx'],
    cwd: repo,
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exit, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: { url: string }) => resolve(m.url));
      child.once('exit', (code) => reject(new Error(`bench/bare-server.ts exited (${code}) before it listened`)));
    });
    return { url, pid: child.pid!, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface Load {
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Connection errors, timeouts among them (autocannon's 10 s). */
  errors: number;
  timeouts: number;
}

/** autocannon: `connections` at once for `seconds`, each request's path from `next`. */
export async function loadOf(url: string, next: () => string, options: { seconds: number; connections: number; headers?: Record<string, string> }): Promise<Load> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers ?? {},
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: next() }) }],
  });
  return {
    connections: options.connections,
    seconds: result.duration,
    requests: result.requests.total,
    perSecond: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
