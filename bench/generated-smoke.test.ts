import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../src/test/shared-database.js';
import { ok, runBench } from './run-bench.js';

/**
 * The smoke run (see benchmarks-smoke.test.ts) of the benchmarks that measure a database they
 * generate: on the test's engine, a SQLite file or PostgreSQL databases of their own, dropped after.
 */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-smoke-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Where a generated database goes: a SQLite file here, or a PostgreSQL database of a unique name. */
const postgresUrl = process.env.TEST_DATABASE_URL;
const databaseName = `bench_smoke_${process.pid}_${Date.now().toString(36)}`;
const target = (name = 'generated'): string[] => {
  if (!postgresUrl) return ['--file', path.join(dir, `${name}.sqlite`)];
  const url = new URL(postgresUrl);
  url.pathname = `/${databaseName}${name === 'generated' ? '' : `_${name}`}`;
  return ['--url', url.toString()];
};

const admin = (text: string) => adminQuery(postgresUrl!, text);

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
