/**
 * Loads N realistic customers into a fresh database for the lookup and import benchmarks.
 *   npx tsx bench/generate.ts --count 1000000 --file bench/results/bench.sqlite
 *   npx tsx bench/generate.ts --count 1000000 --url postgres://postgres@127.0.0.1:54329/bench
 * The schema comes from the app's migrations; rows go in bulk, with the derived rows the app keeps
 * beside them: the search index (built by the same searchEntries() the server uses) and matching's
 * blocking keys and profiles (match_keys, match_profiles: by the same matchRowsOf() as refreshMatchKeys), so
 * the job matching.rebuild-keys (migration 0015) has nothing left to do: marked done if queued.
 * Not written: contact_states (derived from interactions; bench/today.ts rebuilds them, and a
 * customer import does not read them). A sample of customers is written beside it for bench/search.ts.
 *
 * `--mix dev|eval` draws the names from the lookup's class populations (bench/lookup-population.ts)
 * instead of today's mix, with `--familyNames N` family names in the pool (150,000 for issue 13):
 *   nice -n 10 npx tsx bench/generate.ts --count 1000000 --mix eval --familyNames 150000 --seed 1013 --file bench/results/lookup-eval-1m.sqlite
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase } from '../src/platform/database/connect.js';
import { newId } from '../src/platform/ids.js';
import { nowIso } from '../src/platform/time.js';
import { customerData, type Organization } from './customer-data.js';
import { lookupPopulation } from './lookup-population.js';
import { seeded } from './names.js';
import { postgresSink, sqliteSink, type Sink } from './sinks.js';
import type { SampleCustomer } from './sample.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    file: { type: 'string' },
    url: { type: 'string' },
    seed: { type: 'string', default: '42' },
    mix: { type: 'string' },
    familyNames: { type: 'string' },
  },
});
if (args.mix !== undefined && args.mix !== 'dev' && args.mix !== 'eval') throw new Error('--mix is dev or eval');
const count = Number(args.count);
if (!args.file && !args.url) throw new Error('give --file for SQLite or --url for PostgreSQL');

const random = seeded(Number(args.seed));

async function main() {
  if (args.file) {
    fs.mkdirSync(path.dirname(args.file), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(args.file + suffix, { force: true });
  }
  const handle = openDatabase(args.url ? { databaseUrl: args.url } : { sqliteFile: args.file! });
  await migrateToLatest(handle);
  await handle.close();
  const sink: Sink = args.url ? await postgresSink(args.url) : sqliteSink(args.file!);
  const started = Date.now();
  const now = new Date().toISOString();
  const lookupMix = args.mix === 'dev' || args.mix === 'eval' ? args.mix : null;
  const pools = lookupMix
    ? lookupPopulation({ mix: lookupMix, draw: random, ...(args.familyNames ? { familyNames: Number(args.familyNames) } : { madeFamilies: Math.round(count * 0.12) }) })
    : undefined;
  if (pools) console.log(`${lookupMix} mix: ${pools.familyPoolSize} family names in the pool`);
  const data = customerData({ sink, random, count, stamp: now, ...(pools ? { pools } : {}) });

  const orgs: Organization[] = [];
  const orgCount = Math.round(count * 0.02);
  for (let i = 0; i < orgCount; i++) orgs.push(await data.organization());

  const sample: SampleCustomer[] = [];
  const sampleEvery = Math.max(1, Math.floor(count / 5000));
  for (let i = 0; i < count - orgCount; i++) {
    const person = await data.person(i, orgs, {
      afterFacts: async (id) => {
        for (let v = random() < 0.3 ? 1 + Math.floor(random() * 2) : 0; v > 0; v--) {
          const when = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 900) * 86_400_000).toISOString();
          await sink.add('interactions', { id: newId(), customer_id: id, channel: 'visit', direction: 'inbound', occurred_at: when, summary: 'Came in', created_at: now, updated_at: now });
        }
      },
    });
    if (i % sampleEvery === 0) {
      const { id, given, middle, family, preferred, e164, email, externalId, organization } = person;
      sample.push({ id, given, middle, family, preferred, e164, email, externalId, organization });
    }
    if (i % 50_000 === 0 && i > 0) {
      await sink.commit();
      console.log(`${i} customers, ${data.stats.distinctWords} distinct words, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  }
  await sink.close();
  // Migration 0015 queues matching.rebuild-keys only when customers are there as it runs (not here:
  // the load comes after the migrations), but a job queued all the same has nothing left to do now
  // that the keys are written: marked done, as the worker would.
  const after = openDatabase(args.url ? { databaseUrl: args.url } : { sqliteFile: args.file! });
  const finished = nowIso();
  const rebuilt = await after.db
    .updateTable('jobs')
    .set({ state: 'done', startedAt: finished, finishedAt: finished, claimToken: null })
    .where('kind', '=', 'matching.rebuild-keys')
    .where('state', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  await after.close();
  const samplePath = args.file ? `${args.file}.sample.json` : `bench/results/${new URL(args.url!).pathname.slice(1)}.pg.sample.json`;
  fs.mkdirSync(path.dirname(samplePath), { recursive: true });
  fs.writeFileSync(samplePath, JSON.stringify(sample));
  const seconds = (Date.now() - started) / 1000;
  console.log(JSON.stringify({ customers: count, mix: lookupMix ?? 'default', familyPool: pools?.familyPoolSize ?? null, organizations: orgCount, distinctWords: data.stats.distinctWords, indexRows: data.stats.indexRows, matchKeyRows: data.stats.matchKeyRows, rebuildJobsMarkedDone: Number(rebuilt.numUpdatedRows), seconds, samplePath }));
}

await main();
