/**
 * The lookup benchmark: a few thousand queries of each kind through searchCustomers(), the same
 * code the server runs, against a database made by bench/generate.ts; p50/p95/p99 and recall,
 * beside a bare primary-key read measured in the same run.
 *   npx tsx bench/search.ts --file bench/results/bench.sqlite
 *   npx tsx bench/search.ts --url postgres://postgres@127.0.0.1:54329/bench
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/platform/database/connect.js';
import { searchCustomers, type SearchItem } from '../src/search/search-service.js';
import { fold, tokenize } from '../src/search/search-rules.js';
import { seeded } from './names.js';
import { typist } from './typos.js';
import type { SampleCustomer } from './sample.js';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string' },
    url: { type: 'string' },
    sample: { type: 'string' },
    perKind: { type: 'string', default: '400' },
    seconds: { type: 'string', default: '240' },
    failures: { type: 'string', default: '0' },
  },
});
const random = seeded(7);
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;

const { misspell, misspelt: misspellTimes } = typist(random);

interface Query {
  kind: string;
  q: string;
  target: SampleCustomer;
  /** Misspelt queries count towards recall. */
  recall: boolean;
  /** The names the query means, spelt right. */
  intended: string;
}

function queries(sample: SampleCustomer[], perKind: number): Query[] {
  const out: Query[] = [];
  const people = () => pick(sample);
  const add = (kind: string, make: (c: SampleCustomer) => string | null, recall = false) => {
    const intended = (c: SampleCustomer) => `${c.given} ${c.family.split(' ')[0]}`;
    for (let n = 0, tries = 0; n < perKind && tries < perKind * 20; tries++) {
      const c = people();
      const q = make(c);
      if (q) {
        out.push({ kind, q, target: c, recall, intended: intended(c) });
        n++;
      }
    }
  };
  const surname = (c: SampleCustomer) => c.family.split(' ')[0]!;
  add('exact full name', (c) => `${c.given} ${c.family}`);
  add('prefix, 2 letters', (c) => c.given.slice(0, 2));
  add('prefix, given + 3 letters', (c) => `${c.given} ${surname(c).slice(0, 3)}`);
  add('swapped order', (c) => `${c.family} ${c.given}`);
  add('one edit in surname', (c) => (fold(surname(c)).length >= 4 ? `${c.given} ${misspell(surname(c))}` : null), true);
  add('one edit in each name', (c) => (fold(surname(c)).length >= 4 && fold(c.given).length >= 3 ? `${misspell(c.given)} ${misspell(surname(c))}` : null), true);
  add('two edits in surname', (c) => (fold(surname(c)).length >= 6 ? misspellTimes(surname(c), 2)?.replace(/^/, `${c.given} `) ?? null : null), true);
  add('misspelt, swapped', (c) => (fold(surname(c)).length >= 4 ? `${misspell(surname(c))} ${c.given}` : null), true);
  add('phone, other format', (c) => (c.e164 ? pick([`+1-${c.e164.slice(2, 5)}-${c.e164.slice(5, 8)}-${c.e164.slice(8)}`, `${c.e164.slice(2, 5)}.${c.e164.slice(5, 8)}.${c.e164.slice(8)}`, `(${c.e164.slice(2, 5)}) ${c.e164.slice(5)}`]) : null));
  add('email', (c) => c.email);
  add('external id', (c) => c.externalId);
  return out.sort(() => random() - 0.5);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const summary = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return { n: s.length, p50: +percentile(s, 50).toFixed(2), p95: +percentile(s, 95).toFixed(2), p99: +percentile(s, 99).toFixed(2), max: +s.at(-1)!.toFixed(2) };
};
/** A result bearing every intended word (typed queries cannot tell such namesakes apart). */
const sameName = (item: SearchItem, intended: string) => {
  const words = new Set(tokenize(item.displayName));
  return tokenize(intended).every((w) => words.has(w));
};

async function main() {
  const handle = openDatabase(args.url ? { databaseUrl: args.url, poolSize: 4 } : { sqliteFile: args.file! });
  const samplePath = args.sample ?? (args.file ? `${args.file}.sample.json` : `bench/results/${new URL(args.url!).pathname.slice(1)}.pg.sample.json`);
  const sample = JSON.parse(fs.readFileSync(samplePath, 'utf8')) as SampleCustomer[];
  const all = queries(sample, Number(args.perKind));
  const deadline = Date.now() + Number(args.seconds) * 1000;
  const run = (q: string) => searchCustomers(handle.db, handle.engine, { q, limit: 10, phoneRegion: 'US' });
  for (const q of all.slice(0, 200)) await run(q.q); // warm-up: caches and JIT, not measured
  const times = new Map<string, number[]>();
  const found = new Map<string, { exact: number; sameName: number; n: number }>();
  const baseline: number[] = [];
  let done = 0;
  let shown = 0;
  for (const query of all) {
    if (Date.now() > deadline) break;
    const t0 = performance.now();
    const items = await run(query.q);
    const elapsed = performance.now() - t0;
    times.set(query.kind, [...(times.get(query.kind) ?? []), elapsed]);
    const top5 = items.slice(0, 5);
    const f = found.get(query.kind) ?? { exact: 0, sameName: 0, n: 0 };
    f.n++;
    if (top5.some((i) => i.id === query.target.id)) f.exact++;
    if (top5.some((i) => i.id === query.target.id || sameName(i, query.intended))) f.sameName++;
    else if (query.recall && shown++ < Number(args.failures)) {
      console.log(`missed: "${query.q}" for ${[query.target.given, query.target.middle, query.target.family].filter(Boolean).join(' ')} → ${top5.map((i) => i.displayName).join(', ')}`);
    }
    found.set(query.kind, f);
    const b0 = performance.now();
    await handle.db.selectFrom('customers').selectAll().where('id', '=', query.target.id).executeTakeFirst();
    baseline.push(performance.now() - b0);
    done++;
  }
  const rows = [...times].map(([kind, t]) => {
    const f = found.get(kind)!;
    return { kind, ...summary(t), top5: +(f.exact / f.n).toFixed(3), top5SameName: +(f.sameName / f.n).toFixed(3) };
  });
  const recallKinds = [...new Set(all.filter((q) => q.recall).map((q) => q.kind))];
  const misspelt = recallKinds.map((k) => found.get(k)).filter((f) => f !== undefined);
  const recall = (key: 'exact' | 'sameName') => +(misspelt.reduce((s, f) => s + f[key], 0) / misspelt.reduce((s, f) => s + f.n, 0)).toFixed(3);
  const customers = await handle.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.table(rows);
  console.log(JSON.stringify({
    engine: handle.engine,
    customers: Number(customers.n),
    queries: done,
    all: summary([...times.values()].flat()),
    baselinePrimaryKey: summary(baseline),
    misspeltRecallTop5: recall('exact'),
    misspeltRecallTop5SameName: recall('sameName'),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadavg: os.loadavg().map((l) => +l.toFixed(2)) },
  }, null, 1));
  await handle.close();
}

await main();
