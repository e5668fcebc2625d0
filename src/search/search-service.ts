import { normalizePhone } from '../common/contact-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';
import { finderFor, type Probe } from './search-finder.js';
import { nicknamesOf } from './nicknames.js';
import { organizationSeparator } from './search-entries.js';
import { allowedEdits, deletionVariants, editDistance, editsBetween, parseQuery, type ParsedQuery } from './search-rules.js';
import { prescore, rank, scoreCandidate, type IdentityHit, type Reason } from './search-scoring.js';
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
const caps = { candidates: 300, scored: 60, perWord: 50, perPair: 100, perFuzzyPair: 25, fuzzyWords: 16, fuzzyProbes: 8, prefixWords: 12, identity: 50 } as const;

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
    const length = typed.length;
    const strong = [typed, ...nicknamesOf(typed)];
    const fuzzy = allowedEdits(typed) === 0 ? [] : near
      .filter((w) => w !== typed && !strong.includes(w))
      .map((w) => ({ w, d: editDistance(typed, w, editsBetween(typed, w)), max: editsBetween(typed, w) }))
      .filter((x) => x.d <= x.max)
      // Nearest first; then words that keep the first letter, then words of about the typed length.
      .sort((a, b) => a.d - b.d || Number(b.w[0] === typed[0]) - Number(a.w[0] === typed[0])
        || Math.abs(a.w.length - length) - Math.abs(b.w.length - length) || (a.w < b.w ? -1 : 1))
      .slice(0, caps.fuzzyWords)
      .map((x) => x.w);
    const last = i === query.words.length - 1;
    return { typed, strong, fuzzy, prefix: (last && query.lastIsPrefix) || Array.from(typed).length <= 2 };
  });
}

/** Probes for one pair of typed words (x then y), best first. */
function pairProbes(x: Expansion, y: Expansion): Probe[] {
  const probes: Probe[] = [];
  let fuzzy = false;
  const pair = (as: string[], bs: string[], limit: number = caps.perPair) => probes.push({ kind: 'pair', as, bs, limit, fuzzy });
  const prefix = (as: string[], start: string) => probes.push({ kind: 'pairPrefix', as, prefix: start, limit: caps.perPair, fuzzy });
  const [xNicks, yNicks] = [x.strong.slice(1), y.strong.slice(1)];
  pair([x.typed], [y.typed]);
  if (y.prefix) prefix([x.typed], y.typed);
  if (x.prefix) prefix([y.typed], x.typed);
  pair([x.typed], yNicks);
  pair(xNicks, [y.typed]);
  if (y.prefix) prefix(xNicks, y.typed);
  fuzzy = true;
  // One probe per near word, nearest first, so that a common near word cannot take every place
  // (an IN list is read in index order: "fernandez" would crowd out "hernandez").
  for (const near of y.fuzzy.slice(0, caps.fuzzyProbes)) pair([x.typed], [near], caps.perFuzzyPair);
  for (const near of x.fuzzy.slice(0, caps.fuzzyProbes)) pair([near], [y.typed], caps.perFuzzyPair);
  for (const near of y.fuzzy.slice(0, caps.fuzzyProbes)) pair(xNicks, [near], caps.perFuzzyPair);
  for (const near of x.fuzzy.slice(0, caps.fuzzyProbes)) pair([near], yNicks, caps.perFuzzyPair);
  for (const nx of x.fuzzy.slice(0, 4)) for (const ny of y.fuzzy.slice(0, 4)) pair([nx], [ny], caps.perFuzzyPair);
  pair(x.strong, y.fuzzy.slice(caps.fuzzyProbes));
  pair(x.fuzzy.slice(caps.fuzzyProbes), y.strong);
  pair(x.fuzzy, y.fuzzy);
  if (y.prefix) prefix(x.fuzzy, y.typed);
  if (x.prefix) prefix(y.fuzzy, x.typed);
  return probes;
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
    for (const word of w.fuzzy) probes.push({ kind: 'word', word, limit: caps.perWord, fuzzy: true });
    return probes;
  }
  // Pairs of neighbouring words; pairs are stored both ways round, so "smith john" works as well.
  for (let i = 0; i + 1 < words.length && i < 3; i++) probes.push(...pairProbes(words[i]!, words[i + 1]!));
  // Partial matches last: the longest typed word alone (a name we do not hold with the other word).
  const longest = [...words].sort((a, b) => b.typed.length - a.typed.length)[0]!;
  for (const word of [...longest.strong, ...longest.fuzzy].slice(0, 4)) probes.push({ kind: 'word', word, limit: caps.perWord / 2, fuzzy: true });
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
  // With three words or more a candidate found by a pair may miss the third word, so fuzzy ones still count.
  const enough = query.words.length >= 3 ? Infinity : input.limit;
  const found = await finderFor(engine).customers(db, probes, caps.candidates, enough);
  // Only the most promising candidates (by the words they were found under) have their names read.
  const fromNames = found
    .map((f, order) => ({ id: f.customerId, order, first: prescore(query, f.words) }))
    .sort((a, b) => b.first - a.first || a.order - b.order)
    .slice(0, caps.scored)
    .map((f) => f.id);
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
