/**
 * `rapport serve` start-up time and idle memory, as a user starts it: `node bin/rapport.js serve` (the
 * built tree, dist/) in a child process on 127.0.0.1 with a port of its own, GET /api/v1/health polled
 * every 10 ms from the moment of spawning until it answers 200 (ready), then VmRSS and VmHWM read from
 * /proc/<pid>/status after the server has sat idle for `settleMs` (10 s); SIGTERM, and the next run.
 *
 * The database:
 *   - `{ kind: 'fresh' }`: SQLite in an empty data directory for every run, so each run is a first
 *     start that creates every table;
 *   - `{ kind: 'sqlite', from }`: a copy of `from` (cp --reflink=auto) in a temp data directory, made
 *     once and shared by the runs (the first run migrates it to latest if it is behind; `serve` always
 *     migrates, so never point it at a file you keep), deleted at the end; with `copy: false`, a
 *     symlink to `from` instead, which must then be a throwaway copy already;
 *   - `{ kind: 'postgres', url }`: the database at that URL, as it is (DATABASE_URL; migrated too).
 *
 * Besides the time on the clock, each run reports the CPU time the server used until ready: on a
 * two-core machine that others are busy on, the clock can read twice that.
 *
 *   npx tsx bench/startup.ts [--from bench/results/import.sqlite] [--postgres URL] [--runs 5] [--settle 10]
 *                            [--script bin/rapport.js]
 *
 * Other benchmarks import `measureStartup` (bench/hot-paths.ts).
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Which database `serve` starts on (see above). */
export type StartupDatabase = { kind: 'fresh' } | { kind: 'sqlite'; from: string; copy?: boolean } | { kind: 'postgres'; url: string };

export interface StartupOptions {
  database: StartupDatabase;
  /** How many starts (5). */
  runs?: number;
  /** How long the server sits idle after ready before its memory is read, in ms (10 000). */
  settleMs?: number;
  /** Give up on a start after this long, in ms (60 000). */
  timeoutMs?: number;
  /** Extra environment for the server (LOG_LEVEL is 'warn' unless given). */
  env?: Record<string, string>;
  /** The script that is started with `serve` (bin/rapport.js, the built tree). */
  script?: string;
  /** Node options before the script, e.g. ['--cpu-prof'] (none). */
  nodeArgs?: string[];
  /** Called once the server is ready, with its address (http://127.0.0.1:PORT), before the idle wait. */
  whileUp?: (url: string) => Promise<void>;
  /** Told after each run, e.g. to print progress. */
  onRun?: (run: StartupRun, index: number) => void;
}

export interface StartupRun {
  /** From spawn to the first 200 from GET /api/v1/health, in ms. */
  readyMs: number;
  /**
   * CPU time (user + system) the server had used by then, in ms: on a machine that others share,
   * less disturbed by their work than the time on the clock.
   */
  cpuMs: number;
  /** Resident memory after `settleMs` idle (VmRSS), in MiB. */
  rssMiB: number;
  /** The most resident memory the process had had by then (VmHWM), in MiB. */
  peakRssMiB: number;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
}

export interface StartupResult {
  database: string;
  runs: StartupRun[];
  readyMs: Spread;
  cpuMs: Spread;
  rssMiB: Spread;
  peakRssMiB: Spread;
}

const spread = (values: number[]): Spread => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median: +median.toFixed(1), max: sorted[sorted.length - 1]! };
};

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM (the peak so far) of a process, in MiB. */
export function memoryOf(pid: number): { rssMiB: number; peakRssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: +(kib('VmRSS') / 1024).toFixed(1), peakRssMiB: +(kib('VmHWM') / 1024).toFixed(1) };
}

/** User and system CPU time of a process so far, in ms (clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** One start: spawn, poll health every 10 ms, wait, read memory, stop. */
async function startOnce(dataDir: string, options: StartupOptions): Promise<StartupRun> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...options.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  if (options.database.kind === 'postgres') env.DATABASE_URL = options.database.url;
  // The benchmark's own process must not pass tsx's loader on to the server.
  delete env.NODE_OPTIONS;
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script ?? path.join(root, 'bin/rapport.js'), 'serve'], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())));
  try {
    const url = `http://127.0.0.1:${port}/api/v1/health`;
    const deadline = started + (options.timeoutMs ?? 60_000);
    let readyMs: number | undefined;
    let cpuMs = 0;
    while (readyMs === undefined) {
      if (exited !== undefined) throw new Error(`rapport serve exited (${exited}) before it was ready:\n${stderr}`);
      if (performance.now() > deadline) throw new Error(`rapport serve was not ready after ${options.timeoutMs ?? 60_000} ms:\n${stderr}`);
      const before = performance.now();
      if (await healthy(url)) {
        readyMs = +(performance.now() - started).toFixed(1);
        cpuMs = cpuOf(child.pid!);
      }
      else await sleep(Math.max(0, 10 - (performance.now() - before)));
    }
    await options.whileUp?.(`http://127.0.0.1:${port}`);
    await sleep(options.settleMs ?? 10_000);
    if (exited !== undefined) throw new Error(`rapport serve exited (${exited}) while idle:\n${stderr}`);
    return { readyMs, cpuMs, ...memoryOf(child.pid!) };
  } finally {
    if (exited === undefined) child.kill('SIGTERM');
    await Promise.race([exit, sleep(15_000)]);
    if (exited === undefined) child.kill('SIGKILL');
  }
}

/** Starts `rapport serve` `runs` times on the given database and reports ready time and idle memory. */
export async function measureStartup(options: StartupOptions): Promise<StartupResult> {
  const runs: StartupRun[] = [];
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'rapport-startup-'));
  try {
    let shared: string | undefined;
    if (options.database.kind === 'sqlite') {
      shared = path.join(scratch, 'data');
      execFileSync('mkdir', ['-p', shared]);
      if (options.database.copy === false) symlinkSync(path.resolve(options.database.from), path.join(shared, 'rapport.sqlite'));
      else execFileSync('cp', ['--reflink=auto', options.database.from, path.join(shared, 'rapport.sqlite')]);
    } else if (options.database.kind === 'postgres') {
      shared = path.join(scratch, 'data');
    }
    for (let index = 0; index < (options.runs ?? 5); index++) {
      const dataDir = shared ?? mkdtempSync(path.join(scratch, 'fresh-'));
      const run = await startOnce(dataDir, options);
      runs.push(run);
      options.onRun?.(run, index);
      if (!shared) rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const database =
    options.database.kind === 'fresh' ? 'fresh SQLite' : options.database.kind === 'sqlite' ? `copy of ${options.database.from}` : `postgres ${new URL(options.database.url).host}${new URL(options.database.url).pathname}`;
  return {
    database,
    runs,
    readyMs: spread(runs.map((r) => r.readyMs)),
    cpuMs: spread(runs.map((r) => r.cpuMs)),
    rssMiB: spread(runs.map((r) => r.rssMiB)),
    peakRssMiB: spread(runs.map((r) => r.peakRssMiB)),
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      postgres: { type: 'string' },
      runs: { type: 'string', default: '5' },
      settle: { type: 'string', default: '10' },
      script: { type: 'string' },
    },
  });
  const database: StartupDatabase = values.postgres ? { kind: 'postgres', url: values.postgres } : values.from ? { kind: 'sqlite', from: path.resolve(values.from) } : { kind: 'fresh' };
  const result = await measureStartup({
    database,
    runs: Number(values.runs),
    settleMs: Number(values.settle) * 1000,
    ...(values.script ? { script: path.resolve(values.script) } : {}),
    onRun: (run, index) => process.stderr.write(`run ${index + 1}: ready ${run.readyMs} ms (CPU ${run.cpuMs} ms), idle RSS ${run.rssMiB} MiB, peak ${run.peakRssMiB} MiB\n`),
  });
  const machine = { nproc: os.availableParallelism(), cpu: os.cpus()[0]?.model, node: process.version, loadavg: os.loadavg().map((l) => +l.toFixed(2)), at: new Date().toISOString() };
  process.stdout.write(`${JSON.stringify({ machine, ...result }, null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
