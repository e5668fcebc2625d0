import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
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
    for (const name of [databaseName, `${databaseName}_today`, `${databaseName}_twenty`]) await admin(`drop database if exists ${name} with (force)`);
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
    const report = JSON.parse(imported.trim().split('\n').at(-1)!) as {
      bench: string;
      customersBefore: number;
      customersAfter: number;
      statements: { count: number; seconds: number };
      storageFloor: { customers: number; rows: Record<string, number>; seconds: number };
    };
    expect(report.bench).toBe('import');
    // Its statements ran again, every one, on a second copy (a replay that conflicted with the copy would have thrown).
    expect(report.statements.count).toBeGreaterThan(200);
    expect(report.statements.seconds).toBeGreaterThan(0);
    // The 200 rows hold about 140 new people: the copy imported into has them, the database given does not.
    expect(report.customersAfter).toBeGreaterThan(report.customersBefore + 100);
    // The storage floor wrote back every created customer with their contact points, lookup entries and matching keys.
    expect(report.storageFloor.customers).toBeGreaterThan(100);
    expect(report.storageFloor.rows.customers).toBe(report.storageFloor.customers);
    for (const table of ['emails', 'search_documents', 'match_keys', 'match_profiles', 'import_writes', 'audit_events']) expect(report.storageFloor.rows[table], table).toBeGreaterThan(0);
    expect(report.storageFloor.seconds).toBeGreaterThan(0);
  }, 300_000);

  it('measures the lookup beside Twenty\'s search (on PostgreSQL) and bare SQLite (FTS5) on the eval population', async () => {
    // The population is always a SQLite file (Rapport and FTS5 read it); Twenty's people go to a PostgreSQL database of their own.
    const file = path.join(dir, 'peers.sqlite');
    const generated = ok(await runBench('generate.ts', ['--count', '3000', '--mix', 'eval', '--familyNames', '2000', '--seed', '1013', '--file', file]));
    expect(JSON.parse(generated.trim().split('\n').at(-1)!)).toMatchObject({ customers: 3000, mix: 'eval', familyPool: 2000 });
    const twenty = postgresUrl ? Object.assign(new URL(postgresUrl), { pathname: `/${databaseName}_twenty` }).toString() : null;
    // A person typed in full whose name no one else's begins with: all three must put them first.
    const sample = JSON.parse(fs.readFileSync(`${file}.sample.json`, 'utf8')) as { id: string; given: string; middle: string | null; family: string }[];
    const store = new SQLite(file, { readonly: true });
    const alone = sample.find((p) => {
      if (p.middle || !/^[A-Za-z]+$/.test(p.given) || !/^[A-Za-z]+$/.test(p.family)) return false;
      const like = store.prepare("select count(*) as n from customers where display_name like ? and display_name like ?").get(`%${p.given}%`, `%${p.family}%`) as { n: number };
      return like.n === 1;
    })!;
    store.close();
    const typed = `${alone.given} ${alone.family}`;
    const out = ok(await runBench('lookup-peers.ts', ['--file', file, ...(twenty ? ['--url', twenty, '--load'] : []), '--perClass', '10', '--classes', 'exact full name,6 missing space or hyphen', '--probe', typed, '--probe', typed.replace(' ', '')]));
    const lines = out.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const probes = new Map(lines.filter((l) => 'probe' in l).map((l) => [l.probe as string, l.found as Record<string, { id: string; displayName: string }[]>]));
    const names = twenty ? ['rapport', 'twenty', 'sqlite-fts5'] : ['rapport', 'sqlite-fts5'];
    expect(Object.keys(probes.get(typed)!)).toEqual(names);
    for (const name of names) expect(probes.get(typed)![name]![0], `${name}: ${typed}`).toMatchObject({ id: alone.id, displayName: typed });
    // Typed without its space, only Rapport finds them (first); word-prefix search has no word to match.
    const joined = probes.get(typed.replace(' ', ''))!;
    expect(joined.rapport![0]).toMatchObject({ id: alone.id });
    for (const name of names.filter((n) => n !== 'rapport')) expect(joined[name]!.map((r) => r.id), name).not.toContain(alone.id);

    type Row = { kind: string; n: number; top5: number; uniqueN: number; hit1: number | null };
    const report = lines.at(-1) as { customers: number; lookups: Record<string, Row[]> };
    expect(report.customers).toBe(3000);
    expect(Object.keys(report.lookups)).toEqual(names);
    for (const name of names) {
      // The classes are scored for every lookup on the same queries: exact full names are all in the top 5.
      expect(report.lookups[name]!.find((r) => r.kind === 'exact full name'), name).toMatchObject({ n: 10, top5: 1 });
    }
    expect(report.lookups.rapport!.find((r) => r.kind === '6 missing space or hyphen')).toMatchObject({ n: 10, top5: 1 });
  }, 300_000);

  it('generates locations, staff and their customers\' history, then measures Today, the waiting list and the keep-in-touch list', async () => {
    const out = ok(await runBench('today.ts', ['--count', '10000', '--per', '3', '--warmup', '1', '--seconds', '60', ...target('today')]));
    expect(out).toMatch(/'GET \/today, frontline'/);
    expect(out).toMatch(/'GET \/today, manager of 3 locations'/);
  }, 300_000);
});
