import { sql } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';
import { pairCustomers } from './search-store.js';
import { prefixUpperBound } from './search-rules.js';

/**
 * Turns planned probes into candidate customers. Probes come best first, each with its own limit,
 * so that a common word ("smith": thousands of customers) cannot crowd out the rest.
 * SQLite runs in-process, so one small indexed query per probe costs microseconds;
 * PostgreSQL pays a round trip per statement, so it sends all probes as one UNION ALL.
 */

export type Probe =
  | { kind: 'word'; word: string; limit: number }
  | { kind: 'pair'; as: string[]; bs: string[]; limit: number }
  | { kind: 'pairPrefix'; as: string[]; prefix: string; limit: number };

export interface CandidateFinder {
  /** Candidate customer ids in probe order, without repeats, at most `cap`. */
  customers(db: Db, probes: Probe[], cap: number): Promise<string[]>;
}

function collect(target: string[], seen: Set<string>, ids: string[], cap: number) {
  for (const id of ids) {
    if (target.length >= cap) return;
    if (!seen.has(id)) {
      seen.add(id);
      target.push(id);
    }
  }
}

export const sqliteFinder: CandidateFinder = {
  async customers(db, probes, cap) {
    const found: string[] = [];
    const seen = new Set<string>();
    for (const probe of probes) {
      if (found.length >= cap) break;
      let ids: string[];
      if (probe.kind === 'word') {
        const rows = await db.selectFrom('searchPostings').select('customerId').where('word', '=', probe.word).limit(probe.limit).execute();
        ids = rows.map((r) => r.customerId);
      } else if (probe.kind === 'pair') {
        ids = await pairCustomers(db, probe.as, { bs: probe.bs }, probe.limit);
      } else {
        ids = await pairCustomers(db, probe.as, { bPrefix: probe.prefix }, probe.limit);
      }
      collect(found, seen, ids, cap);
    }
    return found;
  },
};

function probeSql(probe: Probe, index: number) {
  const rank = sql.lit(index);
  if (probe.kind === 'word') {
    return sql`(select ${rank} as probe, customer_id from search_postings where word = ${probe.word} limit ${probe.limit})`;
  }
  if (probe.kind === 'pair') {
    return sql`(select ${rank} as probe, customer_id from search_pairs
      where word_a = any(${probe.as}::text[]) and word_b = any(${probe.bs}::text[]) limit ${probe.limit})`;
  }
  return sql`(select ${rank} as probe, customer_id from search_pairs
    where word_a = any(${probe.as}::text[]) and word_b >= ${probe.prefix} and word_b < ${prefixUpperBound(probe.prefix)} limit ${probe.limit})`;
}

export const postgresFinder: CandidateFinder = {
  async customers(db, probes, cap) {
    const usable = probes.filter((p) => p.kind === 'word' || (p.as.length > 0 && (p.kind === 'pairPrefix' || p.bs.length > 0)));
    if (usable.length === 0) return [];
    const union = sql.join(usable.map(probeSql), sql` union all `);
    const { rows } = await sql<{ probe: number; customerId: string }>`select probe, customer_id from (${union}) as found`.execute(db);
    // UNION ALL keeps each branch's rows together but does not promise branch order.
    const ordered = [...rows].sort((a, b) => a.probe - b.probe).map((r) => r.customerId);
    const found: string[] = [];
    collect(found, new Set(), ordered, cap);
    return found;
  },
};

export const finderFor = (engine: Engine): CandidateFinder => (engine === 'postgres' ? postgresFinder : sqliteFinder);
