import { sql } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import { keepParsed } from '../platform/database/prepared-query.js';
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
  /**
   * Customers with a word and a word of that start: `read` rows are read (in word order), and `limit`
   * kept, taking turns between the words found, the commonest first ("mary" before "marciadri").
   */
  | { kind: 'pairPrefix'; as: string[]; prefix: string; limit: number; read: number }
  /** Customers holding the pair (a, b) and every one of the other words: a long query read whole. */
  | { kind: 'all'; a: string; b: string; others: string[]; limit: number; scan: number };

/** A candidate customer and the index words it was found under. */
export interface Found {
  customerId: string;
  words: string[];
  /** How many rows a prefix probe read for the word it was found under: how common that reading is. */
  common: number;
}

export interface CandidateFinder {
  /**
   * Runs one stage of probes and adds what they find to `found` in probe order (a customer found
   * again gains the words it was found under), up to `cap` customers.
   */
  customers(db: Db, probes: Probe[], found: Map<string, Found>, cap: number): Promise<void>;
}

const usable = (p: Probe) => p.kind === 'word' || p.kind === 'all' || (p.as.length > 0 && (p.kind === 'pairPrefix' || p.bs.length > 0));

type Row = { probe: number; customerId: string; wordA: string; wordB: string | null };

const sqliteIn = (column: string, words: string[]) => sql`${sql.ref(column)} in (${sql.join(words)})`;

/** SQLite allows LIMIT only at the end of a compound select, so each branch is a subquery. */
function sqliteBranch(probe: Probe, index: number) {
  const rank = sql.lit(index);
  if (probe.kind === 'word') {
    return sql`select * from (select ${rank} as probe, customer_id, word as word_a, null as word_b from search_postings where word = ${probe.word} limit ${probe.limit})`;
  }
  if (probe.kind === 'all') {
    const holds = probe.others.map((w) => sql`exists (select 1 from search_postings as o where o.word = ${w} and o.customer_id = p.customer_id)`);
    // At most `scan` rows of the pair are read: a common pair ("james smith") must not be read through.
    return sql`select * from (select ${rank} as probe, customer_id, word_a, word_b from (select customer_id, word_a, word_b from search_pairs where word_a = ${probe.a} and word_b = ${probe.b} limit ${probe.scan}) as p where ${sql.join(holds, sql` and `)} limit ${probe.limit})`;
  }
  const second = probe.kind === 'pair' ? sqliteIn('word_b', probe.bs) : sql`word_b >= ${probe.prefix} and word_b < ${prefixUpperBound(probe.prefix)}`;
  const read = probe.kind === 'pairPrefix' ? probe.read : probe.limit;
  return sql`select * from (select ${rank} as probe, customer_id, word_a, word_b from search_pairs where ${sqliteIn('word_a', probe.as)} and ${second} limit ${read})`;
}

async function sqliteStage(db: Db, stage: Probe[]): Promise<Row[]> {
  const union = sql.join(stage.map(sqliteBranch), sql` union all `);
  return (await sql<Row>`select probe, customer_id, word_a, word_b from (${union}) as found`.execute(db)).rows;
}

async function postgresStage(db: Db, stage: Probe[]): Promise<Row[]> {
  const words = { probe: [] as number[], word: [] as string[], limit: [] as number[] };
  const pairs = { probe: [] as number[], a: [] as string[], lo: [] as string[], hi: [] as string[], limit: [] as number[] };
  const whole = { probe: [] as number[], a: [] as string[], b: [] as string[], limit: [] as number[], scan: [] as number[], otherProbe: [] as number[], other: [] as string[] };
  const pair = (probe: number, a: string, lo: string, hi: string, limit: number) => {
    pairs.probe.push(probe), pairs.a.push(a), pairs.lo.push(lo), pairs.hi.push(hi), pairs.limit.push(limit);
  };
  stage.forEach((p, i) => {
    if (p.kind === 'word') words.probe.push(i), words.word.push(p.word), words.limit.push(p.limit);
    else if (p.kind === 'all') {
      whole.probe.push(i), whole.a.push(p.a), whole.b.push(p.b), whole.limit.push(p.limit), whole.scan.push(p.scan);
      for (const other of p.others) whole.otherProbe.push(i), whole.other.push(other);
    }
    // An exact second word is the range [word, word + U+0001): nothing else sorts inside it.
    else if (p.kind === 'pair') for (const a of p.as) for (const b of p.bs) pair(i, a, b, `${b}\u0001`, p.limit);
    else for (const a of p.as) pair(i, a, p.prefix, prefixUpperBound(p.prefix), p.read);
  });
  const statement = sql<Row>`
    select w.probe, s.customer_id, s.word as word_a, null::text as word_b
    from unnest(${words.probe}::int[], ${words.word}::text[], ${words.limit}::int[]) as w(probe, word, lim)
    cross join lateral (select customer_id, word from search_postings where word = w.word limit w.lim) as s
    union all
    select p.probe, s.customer_id, s.word_a, s.word_b
    from unnest(${pairs.probe}::int[], ${pairs.a}::text[], ${pairs.lo}::text[], ${pairs.hi}::text[], ${pairs.limit}::int[]) as p(probe, a, lo, hi, lim)
    cross join lateral (
      select customer_id, word_a, word_b from search_pairs where word_a = p.a and word_b >= p.lo and word_b < p.hi limit p.lim
    ) as s
    union all
    select w.probe, s.customer_id, s.word_a, s.word_b
    from unnest(${whole.probe}::int[], ${whole.a}::text[], ${whole.b}::text[], ${whole.limit}::int[], ${whole.scan}::int[]) as w(probe, a, b, lim, scan)
    cross join lateral (
      select customer_id, word_a, word_b
      from (select customer_id, word_a, word_b from search_pairs where word_a = w.a and word_b = w.b limit w.scan) as x
      where not exists (
          select 1 from unnest(${whole.otherProbe}::int[], ${whole.other}::text[]) as o(probe, word)
          where o.probe = w.probe and not exists (select 1 from search_postings as h where h.word = o.word and h.customer_id = x.customer_id)
        )
      limit w.lim
    ) as s`.compile(db);
  // The same text for every stage: PostgreSQL keeps it parsed (src/platform/database/connect.ts).
  keepParsed(statement.sql);
  return (await db.executeQuery(statement)).rows;
}

/** Rows taking turns between their second words, the word with most rows first, up to limit; each with its word's row count. */
function commonestFirst(rows: Row[], limit: number): (Row & { common: number })[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const group = groups.get(r.wordB ?? '');
    if (group) group.push(r);
    else groups.set(r.wordB ?? '', [r]);
  }
  const bySize = [...groups.values()].sort((a, b) => b.length - a.length);
  const out: (Row & { common: number })[] = [];
  for (let turn = 0; out.length < limit && turn < bySize[0]!.length; turn++) {
    for (const group of bySize) if (turn < group.length && out.length < limit) out.push({ ...group[turn]!, common: group.length });
  }
  return out;
}

function finder(runStage: (db: Db, stage: Probe[]) => Promise<Row[]>): CandidateFinder {
  return {
    async customers(db, probes, found, cap) {
      const stage = probes.filter(usable);
      if (stage.length === 0 || found.size >= cap) return;
      const rows = await runStage(db, stage);
      // Neither engine promises the branches' order, so rows are put back in probe order.
      const byProbe = new Map<number, Row[]>();
      for (const r of rows) {
        const list = byProbe.get(r.probe);
        if (list) list.push(r);
        else byProbe.set(r.probe, [r]);
      }
      const ordered = [...byProbe.keys()].sort((a, b) => a - b).flatMap((i) => {
        const probe = stage[i]!;
        return probe.kind === 'pairPrefix' ? commonestFirst(byProbe.get(i)!, probe.limit) : byProbe.get(i)!.map((r) => ({ ...r, common: 0 }));
      });
      for (const r of ordered) {
        const seen = found.get(r.customerId);
        const probe = stage[r.probe]!;
        const words = probe.kind === 'all' ? [probe.a, probe.b, ...probe.others] : r.wordB ? [r.wordA, r.wordB] : [r.wordA];
        if (seen) {
          seen.words.push(...words.filter((w) => !seen.words.includes(w)));
          seen.common = Math.max(seen.common, r.common);
        } else if (found.size < cap) found.set(r.customerId, { customerId: r.customerId, words, common: r.common });
      }
    },
  };
}

export const sqliteFinder = finder(sqliteStage);
export const postgresFinder = finder(postgresStage);
export const finderFor = (engine: Engine): CandidateFinder => (engine === 'postgres' ? postgresFinder : sqliteFinder);
