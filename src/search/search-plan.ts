import type { Db } from '../platform/database/connect.js';
import type { Probe } from './search-finder.js';
import { nicknamesOf } from './nicknames.js';
import { allowedEdits, deletionVariants, editDistance, editsBetween, type ParsedQuery } from './search-rules.js';
import { wordsByVariants, wordsWithPrefix } from './search-store.js';

/**
 * Which index probes a query needs, in two stages: the strong one (typed words, their nicknames,
 * words being typed) and the fuzzy one (near misspellings, partial matches), which runs only when the
 * strong one found too few: a fuzzy find never outranks a strong one.
 */

/** How far each probe may go: enough to rank well, small enough to stay fast at a million customers. */
export const caps = { perWord: 50, perPair: 100, perFuzzyPair: 25, fuzzyWords: 16, fuzzyProbes: 8, prefixWords: 12 } as const;

/** One typed word and the index words that stand for it: itself, its nicknames, then near misspellings. */
export interface Expansion {
  typed: string;
  strong: string[];
  fuzzy: string[];
  /** May be the start of a longer word (the word being typed, or an initial). */
  prefix: boolean;
}

export function strongExpansions(query: ParsedQuery): Expansion[] {
  return query.words.map((typed, i) => ({
    typed,
    strong: [typed, ...nicknamesOf(typed)],
    fuzzy: [],
    prefix: (i === query.words.length - 1 && query.lastIsPrefix) || Array.from(typed).length <= 2,
  }));
}

/** Index words that share a deletion variant with a typed word (candidates for misspellings). */
export async function nearWords(db: Db, query: ParsedQuery): Promise<string[]> {
  const variants = new Set<string>();
  for (const word of query.words) for (const v of deletionVariants(word, allowedEdits(word))) variants.add(v);
  return variants.size > 0 ? wordsByVariants(db, [...variants]) : [];
}

/** Adds to each typed word the near words within its tolerance: nearest, same first letter, similar length first. */
export function withFuzzy(words: Expansion[], near: string[]): Expansion[] {
  return words.map((w) => {
    if (allowedEdits(w.typed) === 0) return w;
    const fuzzy = near
      .filter((n) => !w.strong.includes(n))
      .map((n) => ({ n, d: editDistance(w.typed, n, editsBetween(w.typed, n)), max: editsBetween(w.typed, n) }))
      .filter((x) => x.d <= x.max)
      .sort((a, b) => a.d - b.d || Number(b.n[0] === w.typed[0]) - Number(a.n[0] === w.typed[0])
        || Math.abs(a.n.length - w.typed.length) - Math.abs(b.n.length - w.typed.length) || (a.n < b.n ? -1 : 1))
      .slice(0, caps.fuzzyWords)
      .map((x) => x.n);
    return { ...w, fuzzy };
  });
}

type Stage = 'strong' | 'fuzzy';

/** Probes for one pair of neighbouring typed words (x then y), best first. Pairs are stored both ways round. */
function pairProbes(x: Expansion, y: Expansion, stage: Stage): Probe[] {
  const probes: Probe[] = [];
  const pair = (as: string[], bs: string[], limit: number = caps.perPair) => probes.push({ kind: 'pair', as, bs, limit });
  const prefix = (as: string[], start: string) => probes.push({ kind: 'pairPrefix', as, prefix: start, limit: caps.perPair });
  const [xNicks, yNicks] = [x.strong.slice(1), y.strong.slice(1)];
  if (stage === 'strong') {
    pair([x.typed], [y.typed]);
    if (y.prefix) prefix([x.typed], y.typed);
    if (x.prefix) prefix([y.typed], x.typed);
    pair([x.typed], yNicks);
    pair(xNicks, [y.typed]);
    if (y.prefix) prefix(xNicks, y.typed);
    return probes;
  }
  const [xNear, yNear] = [x.fuzzy.slice(0, caps.fuzzyProbes), y.fuzzy.slice(0, caps.fuzzyProbes)];
  // One probe per near word, nearest first, so that a common near word cannot take every place
  // (an IN list is read in index order: "fernandez" would crowd out "hernandez").
  for (const near of yNear) pair([x.typed], [near], caps.perFuzzyPair);
  for (const near of xNear) pair([near], [y.typed], caps.perFuzzyPair);
  for (const near of yNear) pair(xNicks, [near], caps.perFuzzyPair);
  for (const near of xNear) pair([near], yNicks, caps.perFuzzyPair);
  for (const nx of xNear.slice(0, 4)) for (const ny of yNear.slice(0, 4)) pair([nx], [ny], caps.perFuzzyPair);
  pair(x.strong, y.fuzzy.slice(caps.fuzzyProbes));
  pair(x.fuzzy.slice(caps.fuzzyProbes), y.strong);
  pair(xNear, yNear);
  if (y.prefix) prefix(x.fuzzy, y.typed);
  if (x.prefix) prefix(y.fuzzy, x.typed);
  return probes;
}

export async function plan(db: Db, words: Expansion[], stage: Stage): Promise<Probe[]> {
  const probes: Probe[] = [];
  if (words.length === 1) {
    const [w] = words as [Expansion];
    if (stage === 'fuzzy') return w.fuzzy.map((word) => ({ kind: 'word', word, limit: caps.perWord }));
    for (const word of w.strong) probes.push({ kind: 'word', word, limit: caps.perWord });
    if (w.prefix) {
      for (const word of await wordsWithPrefix(db, w.typed, caps.prefixWords)) {
        if (!w.strong.includes(word)) probes.push({ kind: 'word', word, limit: Math.ceil(caps.perWord / 3) });
      }
    }
    return probes;
  }
  for (let i = 0; i + 1 < words.length && i < 3; i++) probes.push(...pairProbes(words[i]!, words[i + 1]!, stage));
  if (stage === 'fuzzy') {
    // Partial matches last: the longest typed word alone (a name we do not hold with the other word).
    const longest = [...words].sort((a, b) => b.typed.length - a.typed.length)[0]!;
    for (const word of [...longest.strong, ...longest.fuzzy].slice(0, 4)) probes.push({ kind: 'word', word, limit: caps.perWord / 2 });
  }
  return probes;
}
