/**
 * The lookup's hard query classes (issue 13, item 6), measured per class: the intended person or a
 * namesake in the top 5, hit@1 where the name is unique, p50/p99, through searchCustomers() (the code
 * behind GET /api/v1/search).
 *
 * Two ways to run it:
 * - build a population of its own (small scale, through the app's own insertNewCustomers, which is
 *   what createCustomer runs) and measure it:
 *     npx tsx bench/lookup-classes.ts --build 30000 --mix eval --seed 1013 --file bench/results/lookup-eval.sqlite
 *   `--mix dev` (tuned on) and `--mix eval` (reported) share no particle names, two-letter names,
 *   near-word clusters or seed, and draw family names from different slices of bench/names.ts
 *   (bench/lookup-population.ts, which bench/generate.ts --mix uses too).
 * - measure a database made by bench/generate.ts, drawing the targets from its sample file:
 *     npx tsx bench/lookup-classes.ts --file bench/results/import.sqlite
 *     npx tsx bench/lookup-classes.ts --file bench/results/lookup-eval-1m.sqlite   (generate.ts --mix eval --familyNames 150000)
 *     npx tsx bench/lookup-classes.ts --url postgres://postgres@127.0.0.1:5432/bench --sample bench/results/bench.pg.sample.json
 *   (the classes its population has no material for are reported with n = 0).
 * `--cold` evicts the SQLite file from the page cache before every lookup (see evictFromPageCache);
 * `--warm` evicts it once, then reads it back as the server does when it starts and every few minutes
 * (src/search/search-warmth.ts), then measures.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { insertNewCustomers, prepareNewCustomer, type NewCustomer } from '../src/customers/new-customers.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/platform/database/connect.js';
import { searchCustomers } from '../src/search/search-service.js';
import { warmFileOnce } from '../src/search/search-warmth.js';
import { classQueries, namesakeCounts, readTargets, Scorer, vocabulary, type Target } from './lookup-class-queries.js';
import { lookupPopulation, type LookupMix } from './lookup-population.js';
import { seeded } from './names.js';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string' },
    url: { type: 'string' },
    sample: { type: 'string' },
    build: { type: 'string' },
    mix: { type: 'string', default: 'eval' },
    seed: { type: 'string', default: '1013' },
    perClass: { type: 'string', default: '200' },
    failures: { type: 'string', default: '0' },
    cold: { type: 'boolean', default: false },
    warm: { type: 'boolean', default: false },
    classes: { type: 'string' },
  },
});

const random = seeded(Number(args.seed) + 7);

// ---------------------------------------------------------------- the population

async function build(handle: DatabaseHandle, count: number, mix: LookupMix): Promise<Target[]> {
  const draw = seeded(Number(args.seed));
  const { given, family } = lookupPopulation({ mix, draw, pickSuffix: random, madeFamilies: Math.round(count * 0.12) });
  const targets: Target[] = [];
  const ctx = { actor: null, phoneRegion: 'US' };
  for (let done = 0; done < count; ) {
    const batch: NewCustomer[] = [];
    for (let i = 0; i < 500 && done < count; i++, done++) {
      const g = given();
      const f = family();
      const prepared = prepareNewCustomer(ctx, { givenName: g, familyName: f });
      batch.push(prepared);
      if (done % 5 === 0) targets.push({ id: prepared.customer.id, given: g, family: f });
    }
    await handle.db.transaction().execute((trx) => insertNewCustomers(trx, ctx, batch));
  }
  return targets;
}

// ---------------------------------------------------------------- measuring

/**
 * Takes the database file (only it: drop_caches would empty everyone's page cache on a shared
 * machine) out of the OS page cache with posix_fadvise(DONTNEED), through python3; `fincore` shows
 * what is left resident.
 */
const evictionMethod = 'posix_fadvise(POSIX_FADV_DONTNEED) on the database files';
function evictFromPageCache(file: string): void {
  const files = [file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f));
  const script = 'import os,sys\nfor f in sys.argv[1:]:\n fd=os.open(f,os.O_RDONLY)\n os.fsync(fd)\n os.posix_fadvise(fd,0,0,os.POSIX_FADV_DONTNEED)\n os.close(fd)';
  execFileSync('python3', ['-c', script, ...files]);
}

async function main() {
  if (!args.file && !args.url) throw new Error('give --file for SQLite or --url for PostgreSQL');
  if (args.build && args.file) {
    fs.mkdirSync(path.dirname(args.file), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(args.file + suffix, { force: true });
  }
  const handle = openDatabase(args.url ? { databaseUrl: args.url, poolSize: 4 } : { sqliteFile: args.file! });
  let targets: Target[];
  if (args.build) {
    await migrateToLatest(handle);
    const started = Date.now();
    targets = await build(handle, Number(args.build), args.mix === 'dev' ? 'dev' : 'eval');
    console.log(`built ${args.build} customers (${args.mix} mix, seed ${args.seed}) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (args.file) fs.writeFileSync(`${args.file}.targets.json`, JSON.stringify(targets));
  } else targets = readTargets(args.file, args.sample);
  const only = args.classes ? new Set(args.classes.split(',')) : null;
  const all = await classQueries(targets, vocabulary(handle), Number(args.perClass), only, random);
  const scorer = new Scorer(await namesakeCounts(handle, all));
  const run = (q: string) => searchCustomers(handle.db, handle.engine, { q, limit: 10, phoneRegion: 'US' });
  let warmed: { bytes: number; seconds: number } | null = null;
  if (args.warm && args.file) {
    evictFromPageCache(args.file);
    const t0 = Date.now();
    warmed = { bytes: await warmFileOnce(args.file), seconds: (Date.now() - t0) / 1000 };
  } else if (!args.cold) for (const q of all.slice(0, 200)) await run(q.q);
  let shown = 0;
  for (const query of all) {
    if (args.cold && args.file) evictFromPageCache(args.file);
    const t0 = performance.now();
    const items = await run(query.q);
    const elapsed = performance.now() - t0;
    if (!scorer.add(query, items, elapsed) && shown++ < Number(args.failures)) {
      console.log(`missed [${query.kind}]: "${query.q}" for ${query.target.given} ${query.target.family} → ${items.slice(0, 5).map((i) => i.displayName).join(', ')}`);
    }
  }
  const rows = scorer.rows();
  const customers = await handle.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.table(rows);
  console.log(JSON.stringify({
    engine: handle.engine,
    customers: Number(customers.n),
    cold: args.cold ? (args.file ? evictionMethod : 'not evicted (PostgreSQL)') : false,
    warmedAfterEviction: warmed,
    machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((l) => +l.toFixed(2)) },
  }));
  await handle.close();
}

await main();
