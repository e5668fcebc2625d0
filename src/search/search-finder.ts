import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';
import { prefixUpperBound } from './search-rules.js';

/**
 * Turns planned probes into candidate customers, each with the index words it was found under.
 * Probes come best first, each with its own limit, so that a common word ("smith": tens of thousands
 * of customers) cannot crowd out the rest. Each stage of probes is one UNION ALL statement: one
 * round trip on PostgreSQL, one prepared statement on SQLite. The engines differ in how a branch
 * carries its own LIMIT and how a list of words is bound.
 */

/** `fuzzy` marks probes for misspellings and partial matches, which rank below every other kind. */
export type Probe = (
  | { kind: 'word'; word: string; limit: number }
  | { kind: 'pair'; as: string[]; bs: string[]; limit: number }
  | { kind: 'pairPrefix'; as: string[]; prefix: string; limit: number }
) & { fuzzy?: boolean };

/** A candidate customer and the index words it was found under. */
export interface Found {
  customerId: string;
  words: string[];
}

export interface CandidateFinder {
  /**
   * Candidates in probe order, one entry per customer (words merged), at most `cap`. The fuzzy
   * probes are skipped when the others already found `enough`: their finds could not outrank them.
   */
  customers(db: Db, probes: Probe[], cap: number, enough: number): Promise<Found[]>;
}

const usable = (p: Probe) => p.kind === 'word' || (p.as.length > 0 && (p.kind === 'pairPrefix' || p.bs.length > 0));

interface Dialect {
  /** `column in list`, bound the engine's way. */
  inList(column: RawBuilder<unknown>, words: string[]): RawBuilder<unknown>;
  /** One branch of the UNION ALL, keeping its own LIMIT. */
  branch(select: RawBuilder<unknown>): RawBuilder<unknown>;
}

const sqlite: Dialect = {
  inList: (column, words) => sql`${column} in (${sql.join(words)})`,
  // SQLite allows LIMIT only at the end of a compound select, so each branch is a subquery.
  branch: (select) => sql`select * from (${select})`,
};
const postgres: Dialect = {
  inList: (column, words) => sql`${column} = any(${words}::text[])`,
  branch: (select) => sql`(${select})`,
};

function probeSql(d: Dialect, probe: Probe, index: number) {
  const rank = sql.lit(index);
  if (probe.kind === 'word') {
    return d.branch(sql`select ${rank} as probe, customer_id, word as word_a, null as word_b from search_postings where word = ${probe.word} limit ${probe.limit}`);
  }
  const second =
    probe.kind === 'pair' ? d.inList(sql.ref('word_b'), probe.bs) : sql`word_b >= ${probe.prefix} and word_b < ${prefixUpperBound(probe.prefix)}`;
  return d.branch(
    sql`select ${rank} as probe, customer_id, word_a, word_b from search_pairs where ${d.inList(sql.ref('word_a'), probe.as)} and ${second} limit ${probe.limit}`,
  );
}

function finder(d: Dialect): CandidateFinder {
  return {
    async customers(db, probes, cap, enough) {
      const found = new Map<string, Found>();
      const stages = [probes.filter((p) => !p.fuzzy && usable(p)), probes.filter((p) => p.fuzzy && usable(p))];
      for (const stage of stages) {
        if (found.size >= enough || stage.length === 0) continue;
        const union = sql.join(stage.map((p, i) => probeSql(d, p, i)), sql` union all `);
        type Row = { probe: number; customerId: string; wordA: string; wordB: string | null };
        const { rows } = await sql<Row>`select probe, customer_id, word_a, word_b from (${union}) as found`.execute(db);
        // UNION ALL keeps each branch's rows together but does not promise branch order.
        for (const r of [...rows].sort((a, b) => a.probe - b.probe)) {
          const seen = found.get(r.customerId);
          const words = r.wordB ? [r.wordA, r.wordB] : [r.wordA];
          if (seen) seen.words.push(...words.filter((w) => !seen.words.includes(w)));
          else if (found.size < cap) found.set(r.customerId, { customerId: r.customerId, words });
        }
      }
      return [...found.values()];
    },
  };
}

export const sqliteFinder = finder(sqlite);
export const postgresFinder = finder(postgres);
export const finderFor = (engine: Engine): CandidateFinder => (engine === 'postgres' ? postgresFinder : sqliteFinder);
