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
 *   near-word clusters or seed, and draw family names from different slices of bench/names.ts.
 * - measure a database made by bench/generate.ts, drawing the targets from its sample file:
 *     npx tsx bench/lookup-classes.ts --file bench/results/import.sqlite
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
import { searchCustomers, type SearchItem } from '../src/search/search-service.js';
import { warmFileOnce } from '../src/search/search-warmth.js';
import { allowedEdits, deletionVariants, editDistance, fold, prefixUpperBound, tokenize } from '../src/search/search-rules.js';
import { familyNames, givenNames, lookupDevNames, lookupEvalNames, madeUpNames, seeded, zipf } from './names.js';
import { typist } from './typos.js';

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

interface Target {
  id: string;
  given: string;
  family: string;
}

const random = seeded(Number(args.seed) + 7);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

// ---------------------------------------------------------------- the population

/** Names a crowd of stored near words around a base (one or two edits each), as real name pools have around Hansen. */
function crowd(base: string, size: number, draw: () => number): string[] {
  const out = new Set<string>();
  const letters = 'aeiouynrstlmkhd';
  for (let tries = 0; out.size < size && tries < size * 50; tries++) {
    const chars = Array.from(base.toLowerCase());
    const edits = draw() < 0.6 ? 1 : 2;
    for (let e = 0; e < edits; e++) {
      const i = 1 + Math.floor(draw() * (chars.length - 1));
      const kind = Math.floor(draw() * 3);
      const letter = letters[Math.floor(draw() * letters.length)]!;
      if (kind === 0 && chars.length > 4) chars.splice(i, 1);
      else if (kind === 1) chars.splice(i, 0, letter);
      else chars[i] = letter;
    }
    const word = chars.join('');
    if (word !== base.toLowerCase()) out.add(word.charAt(0).toUpperCase() + word.slice(1));
  }
  return [...out];
}

async function build(handle: DatabaseHandle, count: number, mix: 'dev' | 'eval'): Promise<Target[]> {
  const draw = seeded(Number(args.seed));
  const names = mix === 'dev' ? lookupDevNames : lookupEvalNames;
  // Different slices of the real names (and different made-up tails) for the two mixes.
  const realFamily = [...new Set(familyNames)].filter((_, i) => (mix === 'dev' ? i % 3 !== 0 : i % 3 !== 1));
  const realGiven = [...new Set(givenNames)].filter((_, i) => (mix === 'dev' ? i % 4 !== 0 : i % 4 !== 2));
  const known = new Set([...realGiven, ...realFamily].map((n) => n.toLowerCase()));
  const madeFamily = madeUpNames(Math.round(count * 0.12), draw, known);
  const bases = realFamily.filter((n) => fold(n).length >= 6).filter((_, i) => i % 5 === (mix === 'dev' ? 0 : 3)).slice(0, 40);
  const crowds = bases.flatMap((b) => crowd(b, 24, draw));
  // Longer words that a one-edit misspelling of a common name is the start of ("Jonsonbury" beside "Johnson").
  const suffixes = mix === 'dev' ? ['bury', 'ley', 'stad'] : ['ton', 'field', 'berg', 'by'];
  const extended = realFamily.slice(0, 60).flatMap((n) => {
    const chars = Array.from(n);
    const i = 1 + Math.floor(draw() * (chars.length - 1));
    chars.splice(i, 1);
    return chars.length >= 4 ? [chars.join('') + pick(suffixes)] : [];
  });
  const drawFamily = zipf(realFamily.length, 0.9, draw);
  const drawGiven = zipf(realGiven.length, 1, draw);
  const family = (): string => {
    const r = draw();
    if (r < 0.5) return realFamily[drawFamily()]!;
    if (r < 0.75) return madeFamily[Math.floor(draw() * madeFamily.length)]!;
    if (r < 0.83) return crowds[Math.floor(draw() * crowds.length)]!;
    if (r < 0.86) return extended[Math.floor(draw() * extended.length)]!;
    if (r < 0.9) return names.particleFamilies[Math.floor(draw() * names.particleFamilies.length)]!;
    if (r < 0.94) return `${realFamily[drawFamily()]!}-${realFamily[drawFamily()]!}`;
    if (r < 0.97) return names.twoLetter[Math.floor(draw() * names.twoLetter.length)]!;
    return realFamily[drawFamily()]!;
  };
  const given = (): string => {
    const r = draw();
    if (r < 0.03) return names.twoLetter[Math.floor(draw() * names.twoLetter.length)]!;
    if (r < 0.06) return `${realGiven[drawGiven()]!}-${realGiven[drawGiven()]!}`;
    return realGiven[drawGiven()]!;
  };
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

// ---------------------------------------------------------------- the query classes

const { misspelt } = typist(random);

interface Query {
  kind: string;
  q: string;
  target: Target;
  /** The words of the name the query means, spelt right. */
  intended: string[];
}

/** What the classes need to know about the index: stored words and near-word counts. */
interface Vocabulary {
  has(word: string): Promise<boolean>;
  near(word: string): Promise<number>;
  longerStored(prefix: string): Promise<boolean>;
}

function vocabulary(handle: DatabaseHandle): Vocabulary {
  const db = handle.db;
  return {
    async has(word) {
      return (await db.selectFrom('searchWords').select('word').where('word', '=', word).executeTakeFirst()) !== undefined;
    },
    async near(word) {
      const variants = deletionVariants(word, allowedEdits(word));
      const rows = await db.selectFrom('searchWordVariants').select('word').distinct().where('variant', 'in', variants).execute();
      return rows.filter((r) => r.word !== word && editDistance(word, r.word, 2) <= Math.max(allowedEdits(word), allowedEdits(r.word))).length;
    },
    async longerStored(prefix) {
      const row = await db.selectFrom('searchWords').select('word').where('word', '>', prefix).where('word', '<', prefixUpperBound(prefix)).limit(1).executeTakeFirst();
      return row !== undefined;
    },
  };
}

type Maker = (t: Target, words: { given: string[]; family: string[] }) => Promise<string | null> | string | null;

async function queries(targets: Target[], vocab: Vocabulary, perClass: number, only: Set<string> | null): Promise<Query[]> {
  const out: Query[] = [];
  const add = async (kind: string, make: Maker) => {
    if (only && !only.has(kind)) return;
    const pool = [...targets].sort(() => random() - 0.5);
    let n = 0;
    for (const t of pool) {
      if (n >= perClass) break;
      const words = { given: tokenize(t.given), family: tokenize(t.family) };
      if (words.given.length === 0 || words.family.length === 0) continue;
      const q = await make(t, words);
      if (q) {
        out.push({ kind, q, target: t, intended: [...words.given, ...words.family] });
        n++;
      }
    }
  };
  const first = (t: Target) => t.given.split(/[\s-]/)[0]!;
  const simpleFamily = (w: { family: string[] }, t: Target) => w.family.length === 1 && !/[\s-]/.test(t.family);
  // The classes bench/search.ts has, so nothing regresses.
  await add('exact full name', (t) => `${t.given} ${t.family}`);
  await add('given + 3 letters', (t, w) => (simpleFamily(w, t) ? `${t.given} ${t.family.slice(0, 3)}` : null));
  await add('swapped order', (t) => `${t.family} ${t.given}`);
  await add('one edit in surname', (t, w) => (simpleFamily(w, t) && w.family[0]!.length >= 4 ? `${t.given} ${misspelt(t.family)}` : null));
  await add('one edit in each name', (t, w) =>
    simpleFamily(w, t) && w.family[0]!.length >= 4 && w.given.length === 1 && w.given[0]!.length >= 3 ? `${misspelt(t.given)} ${misspelt(t.family)}` : null);
  await add('two edits in surname', (t, w) => (simpleFamily(w, t) && w.family[0]!.length >= 6 ? (misspelt(t.family, 2) ?? '').replace(/^(?=.)/, `${t.given} `) || null : null));
  await add('misspelt, swapped', (t, w) => (simpleFamily(w, t) && w.family[0]!.length >= 4 ? `${misspelt(t.family)} ${t.given}` : null));
  // The classes of issue 13, item 6.
  await add('1 first letters + surname', (t, w) => (first(t).length >= 4 && w.family.length === 1 ? `${first(t).slice(0, 3)} ${t.family}` : null));
  // The mistyped word is neither a stored name nor the start of one (else that reading rightly comes first).
  await add('2 two-letter word, one edit', async (t, w) => {
    const short = [...w.given, ...w.family].find((x) => x.length === 2);
    if (!short || w.given.length + w.family.length !== 2) return null;
    const other = [...w.given, ...w.family].find((x) => x !== short);
    if (!other || other.length < 2) return null;
    const typo = short[0]! + pick('aeiouhgnyk'.split('').filter((c) => c !== short[1]));
    if ((await vocab.has(typo)) || (await vocab.longerStored(typo))) return null;
    return w.given[0] === short ? `${typo} ${other}` : `${other} ${typo}`;
  });
  await add('3 crowded near words, one edit', async (t, w) => {
    if (!simpleFamily(w, t) || w.family[0]!.length < 5) return null;
    if ((await vocab.near(w.family[0]!)) < 12) return null;
    return `${t.given} ${misspelt(t.family)}`;
  });
  await add('4 three words, particle or hyphen', (t, w) => (w.given.length + w.family.length >= 3 && w.family.length >= 2 ? `${t.given} ${t.family}` : null));
  await add('5 whole word one edit, also a prefix', async (t, w) => {
    if (!simpleFamily(w, t) || w.family[0]!.length < 5) return null;
    for (let attempt = 0; attempt < 6; attempt++) {
      const typo = misspelt(w.family[0]!);
      // Not the start of the intended word itself (that is the word being typed, rightly read as such).
      if (!typo || typo.length < 5 || w.family[0]!.startsWith(typo) || (await vocab.has(typo))) continue;
      if (await vocab.longerStored(typo)) return `${t.given} ${typo}`;
    }
    return null;
  });
  await add('6 missing space or hyphen', (t, w) => {
    if (w.family.length === 2) return random() < 0.5 ? `${t.given} ${w.family.join('')}` : `${t.given} ${t.family.replace(/[\s-]/, '')}`;
    if (w.given.length === 1 && w.family.length === 1 && w.given[0]!.length >= 3 && w.family[0]!.length >= 3) return `${t.given}${t.family}`;
    return null;
  });
  return out.sort(() => random() - 0.5);
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

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

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
  } else {
    const samplePath = args.sample ?? `${args.file}.sample.json`;
    const fromBuild = `${args.file}.targets.json`;
    if (!args.sample && args.file && fs.existsSync(fromBuild)) targets = JSON.parse(fs.readFileSync(fromBuild, 'utf8')) as Target[];
    else {
      const sample = JSON.parse(fs.readFileSync(samplePath, 'utf8')) as { id: string; given: string; family: string }[];
      // As bench/search.ts: the name typed is the given and family names (a middle name is seldom typed).
      targets = sample.map((s) => ({ id: s.id, given: s.given, family: s.family }));
    }
  }
  const only = args.classes ? new Set(args.classes.split(',')) : null;
  const all = await queries(targets, vocabulary(handle), Number(args.perClass), only);
  // How many customers hold each intended name: hit@1 is counted where it is one.
  const holders = new Map<string, number>();
  for (const q of all) {
    const key = q.intended.join(' ');
    if (holders.has(key)) continue;
    const rows = await handle.db
      .selectFrom('searchPairs')
      .select('customerId')
      .where('wordA', '=', q.intended[0]!)
      .where('wordB', '=', q.intended.at(-1)!)
      .limit(2000)
      .execute();
    const docs = rows.length === 0 ? [] : await handle.db.selectFrom('searchDocuments').select('names').where('customerId', 'in', rows.map((r) => r.customerId)).execute();
    holders.set(key, docs.filter((d) => sameWords(tokenize(d.names), q.intended)).length);
  }
  const run = (q: string) => searchCustomers(handle.db, handle.engine, { q, limit: 10, phoneRegion: 'US' });
  let warmed: { bytes: number; seconds: number } | null = null;
  if (args.warm && args.file) {
    evictFromPageCache(args.file);
    const t0 = Date.now();
    warmed = { bytes: await warmFileOnce(args.file), seconds: (Date.now() - t0) / 1000 };
  } else if (!args.cold) for (const q of all.slice(0, 200)) await run(q.q);
  const stats = new Map<string, { times: number[]; top5: number; unique: number; hit1: number }>();
  let shown = 0;
  for (const query of all) {
    if (args.cold && args.file) evictFromPageCache(args.file);
    const t0 = performance.now();
    const items = await run(query.q);
    const elapsed = performance.now() - t0;
    const s = stats.get(query.kind) ?? { times: [], top5: 0, unique: 0, hit1: 0 };
    s.times.push(elapsed);
    const top5 = items.slice(0, 5);
    const ok = top5.some((i) => i.id === query.target.id || namesake(i, query.intended));
    if (ok) s.top5++;
    else if (shown++ < Number(args.failures)) console.log(`missed [${query.kind}]: "${query.q}" for ${query.target.given} ${query.target.family} → ${top5.map((i) => i.displayName).join(', ')}`);
    if (holders.get(query.intended.join(' ')) === 1) {
      s.unique++;
      if (items[0]?.id === query.target.id) s.hit1++;
    }
    stats.set(query.kind, s);
  }
  const rows = [...stats].map(([kind, s]) => {
    const sorted = [...s.times].sort((a, b) => a - b);
    return {
      kind,
      n: s.times.length,
      top5: +(s.top5 / s.times.length).toFixed(3),
      uniqueN: s.unique,
      hit1: s.unique > 0 ? +(s.hit1 / s.unique).toFixed(3) : null,
      p50: +percentile(sorted, 50).toFixed(2),
      p99: +percentile(sorted, 99).toFixed(2),
    };
  });
  const customers = await handle.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.table(rows.sort((a, b) => a.kind.localeCompare(b.kind)));
  console.log(JSON.stringify({
    engine: handle.engine,
    customers: Number(customers.n),
    cold: args.cold ? (args.file ? evictionMethod : 'not evicted (PostgreSQL)') : false,
    warmedAfterEviction: warmed,
    machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((l) => +l.toFixed(2)) },
  }));
  await handle.close();
}

const sameWords = (words: string[], intended: string[]) => intended.every((w) => words.includes(w));
/** A result bearing every intended word: a typed name cannot tell such namesakes apart. */
const namesake = (item: SearchItem, intended: string[]) => sameWords(tokenize(item.displayName), intended);

await main();
