import { sql } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';
import { prefixUpperBound } from './search-rules.js';

/**
 * Turns planned probes into candidate customers, each with the index words it was found under.
 * Probes come best first, each with its own limit, so that a common word ("smith": tens of thousands
 * of customers) cannot crowd out the rest. Each stage of probes is one statement:
 * - SQLite: a UNION ALL with one branch per probe (planning is cheap, IN lists are native);
 * - PostgreSQL: one fixed statement joining LATERAL index probes to arrays of (word, range, limit),
 *   because planning a UNION of forty branches took longer than running it, and a round trip per
 *   probe would cost more still.
 */

export type Probe =
  | { kind: 'word'; word: string; limit: number }
  | { kind: 'pair'; as: string[]; bs: string[]; limit: number }
  | { kind: 'pairPrefix'; as: string[]; prefix: string; limit: number };

/** A candidate customer and the index words it was found under. */
export interface Found {
  customerId: string;
  words: string[];
}

export interface CandidateFinder {
  /**
   * Runs one stage of probes and adds what they find to `found` in probe order (a customer found
   * again gains the words it was found under), up to `cap` customers.
   */
  customers(db: Db, probes: Probe[], found: Map<string, Found>, cap: number): Promise<void>;
}

const usable = (p: Probe) => p.kind === 'word' || (p.as.length > 0 && (p.kind === 'pairPrefix' || p.bs.length > 0));

type Row = { probe: number; customerId: string; wordA: string; wordB: string | null };

const sqliteIn = (column: string, words: string[]) => sql`${sql.ref(column)} in (${sql.join(words)})`;

/** SQLite allows LIMIT only at the end of a compound select, so each branch is a subquery. */
function sqliteBranch(probe: Probe, index: number) {
  const rank = sql.lit(index);
  if (probe.kind === 'word') {
    return sql`select * from (select ${rank} as probe, customer_id, word as word_a, null as word_b from search_postings where word = ${probe.word} limit ${probe.limit})`;
  }
  const second = probe.kind === 'pair' ? sqliteIn('word_b', probe.bs) : sql`word_b >= ${probe.prefix} and word_b < ${prefixUpperBound(probe.prefix)}`;
  return sql`select * from (select ${rank} as probe, customer_id, word_a, word_b from search_pairs where ${sqliteIn('word_a', probe.as)} and ${second} limit ${probe.limit})`;
}

async function sqliteStage(db: Db, stage: Probe[]): Promise<Row[]> {
  const union = sql.join(stage.map(sqliteBranch), sql` union all `);
  return (await sql<Row>`select probe, customer_id, word_a, word_b from (${union}) as found`.execute(db)).rows;
}

async function postgresStage(db: Db, stage: Probe[]): Promise<Row[]> {
  const words = { probe: [] as number[], word: [] as string[], limit: [] as number[] };
  const pairs = { probe: [] as number[], a: [] as string[], lo: [] as string[], hi: [] as string[], limit: [] as number[] };
  const pair = (probe: number, a: string, lo: string, hi: string, limit: number) => {
    pairs.probe.push(probe), pairs.a.push(a), pairs.lo.push(lo), pairs.hi.push(hi), pairs.limit.push(limit);
  };
  stage.forEach((p, i) => {
    if (p.kind === 'word') words.probe.push(i), words.word.push(p.word), words.limit.push(p.limit);
    // An exact second word is the range [word, word + U+0001): nothing else sorts inside it.
    else if (p.kind === 'pair') for (const a of p.as) for (const b of p.bs) pair(i, a, b, `${b}\u0001`, p.limit);
    else for (const a of p.as) pair(i, a, p.prefix, prefixUpperBound(p.prefix), p.limit);
  });
  const result = await sql<Row>`
    select w.probe, s.customer_id, s.word as word_a, null::text as word_b
    from unnest(${words.probe}::int[], ${words.word}::text[], ${words.limit}::int[]) as w(probe, word, lim)
    cross join lateral (select customer_id, word from search_postings where word = w.word limit w.lim) as s
    union all
    select p.probe, s.customer_id, s.word_a, s.word_b
    from unnest(${pairs.probe}::int[], ${pairs.a}::text[], ${pairs.lo}::text[], ${pairs.hi}::text[], ${pairs.limit}::int[]) as p(probe, a, lo, hi, lim)
    cross join lateral (
      select customer_id, word_a, word_b from search_pairs where word_a = p.a and word_b >= p.lo and word_b < p.hi limit p.lim
    ) as s`.execute(db);
  return result.rows;
}

function finder(runStage: (db: Db, stage: Probe[]) => Promise<Row[]>): CandidateFinder {
  return {
    async customers(db, probes, found, cap) {
      const stage = probes.filter(usable);
      if (stage.length === 0 || found.size >= cap) return;
      const rows = await runStage(db, stage);
      // Neither engine promises the branches' order, so rows are put back in probe order.
      for (const r of [...rows].sort((a, b) => a.probe - b.probe)) {
        const seen = found.get(r.customerId);
        const words = r.wordB ? [r.wordA, r.wordB] : [r.wordA];
        if (seen) seen.words.push(...words.filter((w) => !seen.words.includes(w)));
        else if (found.size < cap) found.set(r.customerId, { customerId: r.customerId, words });
      }
    },
  };
}

export const sqliteFinder = finder(sqliteStage);
export const postgresFinder = finder(postgresStage);
export const finderFor = (engine: Engine): CandidateFinder => (engine === 'postgres' ? postgresFinder : sqliteFinder);
