import { normalizePhone } from '../common/contact-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';
import { finderFor, type Probe } from './search-finder.js';
import { nicknamesOf } from './nicknames.js';
import { organizationSeparator } from './search-entries.js';
import { allowedEdits, deletionVariants, editDistance, parseQuery, type ParsedQuery } from './search-rules.js';
import { rank, scoreCandidate, type IdentityHit, type Reason } from './search-scoring.js';
import { displayRows, documents, identityHits, wordsByVariants, wordsWithPrefix } from './search-store.js';

/** The customer lookup: the one entry point the route and the benchmark both call. */

export interface SearchItem {
  id: string;
  kind: 'person' | 'organization';
  displayName: string;
  preferredName: string | null;
  organization: string | null;
  city: string | null;
  lastInteractionAt: string | null;
  phone: string | null;
  email: string | null;
  score: number;
  reasons: Reason[];
}

/** How far each stage may go: enough to rank well, small enough to stay fast at a million customers. */
const caps = { candidates: 250, perWord: 50, perPair: 100, fuzzyWords: 12, prefixWords: 12, identity: 50 } as const;

/** One typed word and the index words that stand for it: itself, its nicknames, then near misspellings. */
interface Expansion {
  typed: string;
  strong: string[];
  fuzzy: string[];
  /** May be the start of a longer word (the word being typed, or an initial). */
  prefix: boolean;
}

async function expand(db: Db, query: ParsedQuery): Promise<Expansion[]> {
  const variants = new Set<string>();
  for (const word of query.words) for (const v of deletionVariants(word, allowedEdits(word))) variants.add(v);
  const near = await wordsByVariants(db, [...variants]);
  return query.words.map((typed, i) => {
    const max = allowedEdits(typed);
    const strong = [typed, ...nicknamesOf(typed)];
    const fuzzy = near
      .filter((w) => w !== typed && !strong.includes(w))
      .map((w) => ({ w, d: editDistance(typed, w, max) }))
      .filter((x) => x.d <= max)
      .sort((a, b) => a.d - b.d || a.w.length - b.w.length || (a.w < b.w ? -1 : 1))
      .slice(0, caps.fuzzyWords)
      .map((x) => x.w);
    const last = i === query.words.length - 1;
    return { typed, strong, fuzzy, prefix: (last && query.lastIsPrefix) || Array.from(typed).length <= 2 };
  });
}

/** Probes, best first: exact and nickname words, then misspellings, then words being typed. */
async function plan(db: Db, words: Expansion[]): Promise<Probe[]> {
  const probes: Probe[] = [];
  if (words.length === 1) {
    const [w] = words as [Expansion];
    for (const word of w.strong) probes.push({ kind: 'word', word, limit: caps.perWord });
    if (w.prefix) {
      for (const word of await wordsWithPrefix(db, w.typed, caps.prefixWords)) {
        if (!w.strong.includes(word)) probes.push({ kind: 'word', word, limit: Math.ceil(caps.perWord / 3) });
      }
    }
    for (const word of w.fuzzy) probes.push({ kind: 'word', word, limit: caps.perWord });
    return probes;
  }
  // Pairs of neighbouring words; pairs are stored both ways round, so "smith john" works as well.
  for (let i = 0; i + 1 < words.length && i < 3; i++) {
    const [x, y] = [words[i]!, words[i + 1]!];
    const anyX = [...x.strong, ...x.fuzzy];
    const anyY = [...y.strong, ...y.fuzzy];
    probes.push({ kind: 'pair', as: x.strong, bs: y.strong, limit: caps.perPair });
    if (y.prefix) probes.push({ kind: 'pairPrefix', as: x.strong, prefix: y.typed, limit: caps.perPair });
    if (x.prefix) probes.push({ kind: 'pairPrefix', as: y.strong, prefix: x.typed, limit: caps.perPair });
    probes.push({ kind: 'pair', as: anyX, bs: anyY, limit: caps.perPair });
    if (y.prefix) probes.push({ kind: 'pairPrefix', as: x.fuzzy, prefix: y.typed, limit: caps.perPair });
    if (x.prefix) probes.push({ kind: 'pairPrefix', as: y.fuzzy, prefix: x.typed, limit: caps.perPair });
  }
  // Partial matches last: the longest typed word alone (a name we do not hold with the other word).
  const longest = [...words].sort((a, b) => b.typed.length - a.typed.length)[0]!;
  for (const word of [...longest.strong, ...longest.fuzzy].slice(0, 4)) probes.push({ kind: 'word', word, limit: caps.perWord / 2 });
  return probes;
}

export interface SearchInput {
  q: string;
  limit: number;
  phoneRegion: string;
}

export async function searchCustomers(db: Db, engine: Engine, input: SearchInput): Promise<SearchItem[]> {
  const query = parseQuery(input.q, (text) => normalizePhone(text, input.phoneRegion));
  const [hits, words] = await Promise.all([identityHits(db, engine, query, caps.identity), expand(db, query)]);
  const probes = words.length > 0 ? await plan(db, words) : [];
  const fromNames = await finderFor(engine).customers(db, probes, caps.candidates);
  const hitsByCustomer = new Map<string, IdentityHit[]>();
  for (const hit of hits) hitsByCustomer.set(hit.customerId, [...(hitsByCustomer.get(hit.customerId) ?? []), hit]);
  const ids = [...new Set([...hitsByCustomer.keys(), ...fromNames])];
  const docs = new Map((await documents(db, ids)).map((d) => [d.customerId, d]));
  const scored = ids.flatMap((id) => scoreCandidate(query, docs.get(id), hitsByCustomer.get(id) ?? []) ?? []);
  const top = rank(scored).slice(0, input.limit);
  const display = await displayRows(db, top.map((s) => s.customerId));
  return top.flatMap((s) => {
    const row = display.get(s.customerId);
    if (!row) return [];
    const organizations = docs.get(s.customerId)?.organizations;
    return [
      {
        id: row.id,
        kind: row.kind,
        displayName: row.displayName,
        preferredName: row.preferredName,
        organization: organizations ? organizations.split(organizationSeparator)[0]! : null,
        city: row.city,
        lastInteractionAt: row.lastInteractionAt,
        phone: row.phone,
        email: row.email,
        score: s.score,
        reasons: s.reasons,
      },
    ];
  });
}
