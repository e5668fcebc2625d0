import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Every benchmark script of bench/ run at the smallest size that still does all its steps, so that
 * none of them rots between the full runs (which are on demand: `npm run bench`, BENCHMARKS.md).
 * A smoke run checks that the script finishes and reports its figures, not the figures themselves:
 * budgets are lifted so that a busy CI machine cannot fail it. The scale dataset, the hot paths and
 * the start-up have smoke tests of their own (scale-data.test.ts, hot-paths.test.ts, startup.test.ts).
 * Those that take --file or --url run on the test's engine (a PostgreSQL database of their own, dropped
 * after); the others measure the demo data or data in memory, and run once, on SQLite's pass.
 */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-smoke-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npx tsx bench/<script> ...args` in a process of its own, as a person runs it. */
export function runBench(script: string, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'bench', script), ...args], {
      cwd: repo,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ok = (ran: Ran) => {
  if (ran.code !== 0) throw new Error(`exit ${ran.code}\n${ran.stdout.slice(-2000)}\n${ran.stderr.slice(-2000)}`);
  return ran.stdout;
};

// These measure the app on the demo data or on data held in memory: engine-independent scripts, run once.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('the benchmarks that need no generated database', () => {
  it('matching quality: blocks, compares and counts against the truth for a small population', async () => {
    const out = ok(await runBench('matching-quality.ts', ['--people', '400', '--seeds', '1']));
    expect(out).toMatch(/pairs compared/);
    expect(out).toMatch(/auto\+review\s+[01]\.\d{4}/);
  }, 180_000);

  it('the web app\'s first-page JavaScript, beside an empty React app built the same way', async () => {
    const out = ok(await runBench('web-size.ts', ['--budget', '100000']));
    expect(out).toMatch(/KB/);
  }, 180_000);

  it('the API under load on the demo data, beside the health check', async () => {
    const out = ok(await runBench('api.ts', ['--count', '5', '--warmup', '2', '--concurrency', '2', '--seconds', '60']));
    expect(out).toMatch(/health/i);
  }, 180_000);

  it('from the last keystroke to the brief in Chromium', async () => {
    const out = ok(await runBench('lookup-to-brief.ts', ['--runs', '1', '--warmup', '0', '--budget', '100000', '--seconds', '60']));
    expect(out).toMatch(/brief/i);
  }, 180_000);
});

/** Where a generated database goes: a SQLite file here, or a PostgreSQL database of a unique name. */
const postgresUrl = process.env.TEST_DATABASE_URL;
const databaseName = `bench_smoke_${process.pid}_${Date.now().toString(36)}`;
const target = (name = 'generated'): string[] => {
  if (!postgresUrl) return ['--file', path.join(dir, `${name}.sqlite`)];
  const url = new URL(postgresUrl);
  url.pathname = `/${databaseName}${name === 'generated' ? '' : `_${name}`}`;
  return ['--url', url.toString()];
};

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe('the benchmarks of a generated database, on this engine', () => {
  beforeAll(async () => {
    if (postgresUrl) for (const name of [databaseName, `${databaseName}_today`]) await admin(`create database ${name}`);
  });
  afterAll(async () => {
    if (!postgresUrl) return;
    for (const name of [databaseName, `${databaseName}_today`]) await admin(`drop database if exists ${name} with (force)`);
    for (const made of fs.readdirSync(path.join(repo, 'bench/results'))) if (made.startsWith(databaseName)) fs.rmSync(path.join(repo, 'bench/results', made), { force: true });
  });

  it('generates customers with the lookup index, then measures the lookup, its hard classes and an import into them', async () => {
    const generated = ok(await runBench('generate.ts', ['--count', '3000', ...target()]));
    expect(JSON.parse(generated.trim().split('\n').at(-1)!)).toMatchObject({ customers: 3000 });

    const lookup = ok(await runBench('search.ts', [...target(), '--perKind', '5', '--seconds', '60']));
    expect(lookup).toMatch(/'exact full name'/);
    expect(lookup).toMatch(/"misspeltRecallTop5": [01]/);

    const classes = ok(await runBench('lookup-classes.ts', [...target(), ...(postgresUrl ? ['--sample', `bench/results/${databaseName}.pg.sample.json`] : []), '--perClass', '5']));
    expect(classes).toMatch(/top ?5/i);

    const imported = ok(await runBench('import-speed.ts', [...target(), '--rows', '200']));
    const report = JSON.parse(imported.trim().split('\n').at(-1)!) as { bench: string; customersBefore: number; customersAfter: number };
    expect(report.bench).toBe('import');
    // The 200 rows hold about 140 new people: the copy imported into has them, the database given does not.
    expect(report.customersAfter).toBeGreaterThan(report.customersBefore + 100);
  }, 300_000);

  it('generates locations, staff and their customers\' history, then measures Today, the waiting list and the keep-in-touch list', async () => {
    const out = ok(await runBench('today.ts', ['--count', '10000', '--per', '3', '--warmup', '1', '--seconds', '60', ...target('today')]));
    expect(out).toMatch(/'GET \/today, frontline'/);
    expect(out).toMatch(/'GET \/today, manager of 3 locations'/);
  }, 300_000);
});
