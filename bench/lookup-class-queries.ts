/**
 * The lookup's hard query classes (issue 13, item 6) and how a ranked answer is scored, shared by
 * bench/lookup-classes.ts (Rapport's quality and latency per class) and bench/lookup-peers.ts (the
 * same queries beside Twenty's search and a bare-SQLite reference): for every class, the intended
 * person or a namesake (a customer bearing every intended name word) in the top 5, and hit@1 where
 * the intended name is held by one customer only.
 */
import fs from 'node:fs';
import type { DatabaseHandle } from '../src/platform/database/connect.js';
import { allowedEdits, deletionVariants, editDistance, prefixUpperBound, tokenize } from '../src/search/search-rules.js';
import { typist } from './typos.js';

export interface Target {
  id: string;
  given: string;
  family: string;
}

export interface Query {
  kind: string;
  q: string;
  target: Target;
  /** The words of the name the query means, spelt right. */
  intended: string[];
}

/** What the classes need to know about the index: stored words and near-word counts. */
export interface Vocabulary {
  has(word: string): Promise<boolean>;
  near(word: string): Promise<number>;
  longerStored(prefix: string): Promise<boolean>;
}

export function vocabulary(handle: DatabaseHandle): Vocabulary {
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

/**
 * The targets of a database: those its build wrote (`<file>.targets.json`, lookup-classes.ts --build),
 * else the sample bench/generate.ts wrote beside it (the name typed is the given and family names, as
 * bench/search.ts types them: a middle name is seldom typed).
 */
export function readTargets(file: string | undefined, sample: string | undefined): Target[] {
  const fromBuild = file ? `${file}.targets.json` : null;
  if (!sample && fromBuild && fs.existsSync(fromBuild)) return JSON.parse(fs.readFileSync(fromBuild, 'utf8')) as Target[];
  const samplePath = sample ?? `${file}.sample.json`;
  const rows = JSON.parse(fs.readFileSync(samplePath, 'utf8')) as { id: string; given: string; family: string }[];
  return rows.map((s) => ({ id: s.id, given: s.given, family: s.family }));
}

type Maker = (t: Target, words: { given: string[]; family: string[] }) => Promise<string | null> | string | null;

/** Up to `perClass` queries of every class (or of those in `only`), drawn and mistyped with `random`. */
export async function classQueries(targets: Target[], vocab: Vocabulary, perClass: number, only: Set<string> | null, random: () => number): Promise<Query[]> {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const { misspelt } = typist(random);
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

/** How many customers hold each intended name (by the app's own index): hit@1 is counted where it is one. */
export async function namesakeCounts(handle: DatabaseHandle, queries: Query[]): Promise<Map<string, number>> {
  const holders = new Map<string, number>();
  for (const q of queries) {
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
  return holders;
}

const sameWords = (words: string[], intended: string[]) => intended.every((w) => words.includes(w));

/** One ranked answer, as any of the lookups compared gives it. */
export interface Ranked {
  id: string;
  displayName: string;
}

export interface ClassScore {
  n: number;
  top5: number;
  unique: number;
  hit1: number;
  times: number[];
}

/** Per class: the intended person or a namesake (a result bearing every intended word) in the top 5; hit@1 where the name is unique. */
export class Scorer {
  readonly classes = new Map<string, ClassScore>();
  constructor(private readonly holders: Map<string, number>) {}

  /** Counts one answer; true when the top 5 holds the intended person or a namesake. */
  add(query: Query, ranked: Ranked[], elapsedMs: number): boolean {
    const s = this.classes.get(query.kind) ?? { n: 0, top5: 0, unique: 0, hit1: 0, times: [] };
    s.n++;
    s.times.push(elapsedMs);
    const ok = ranked.slice(0, 5).some((r) => r.id === query.target.id || sameWords(tokenize(r.displayName), query.intended));
    if (ok) s.top5++;
    if (this.holders.get(query.intended.join(' ')) === 1) {
      s.unique++;
      if (ranked[0]?.id === query.target.id) s.hit1++;
    }
    this.classes.set(query.kind, s);
    return ok;
  }

  rows() {
    return [...this.classes]
      .map(([kind, s]) => {
        const sorted = [...s.times].sort((a, b) => a - b);
        return {
          kind,
          n: s.n,
          top5: +(s.top5 / s.n).toFixed(3),
          uniqueN: s.unique,
          hit1: s.unique > 0 ? +(s.hit1 / s.unique).toFixed(3) : null,
          p50: +percentile(sorted, 50).toFixed(2),
          p99: +percentile(sorted, 99).toFixed(2),
        };
      })
      .sort((a, b) => a.kind.localeCompare(b.kind));
  }
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
