import type { Db } from '../platform/database/connect.js';
import type { Probe } from './search-finder.js';
import { nicknamesOf } from './nicknames.js';
import { allowedEdits, deletionVariants, twoLetterNeighbours, typoDistance, type ParsedQuery } from './search-rules.js';
import { wordsByVariants, wordsWithPrefix } from './search-store.js';

/**
 * Which index probes a query needs, in two stages: the strong one (typed words, their nicknames,
 * words being typed) and the fuzzy one (near misspellings, partial matches), which runs only when the
 * strong one found too few: a fuzzy find never outranks a strong one.
 */

/** How far each probe may go: enough to rank well, small enough to stay fast at a million customers. */
export const caps = { perWord: 50, perPair: 100, perFuzzyPair: 25, fuzzyWords: 16, fuzzyProbes: 8, prefixWords: 12, crowdProbes: 24, perCrowdPair: 5, wholeNear: 3, prefixRead: 500, wholeScan: 400 } as const;

/** A word of a longer query this short may be the start of a name ("Hir Miller", "Mar Johnson"). */
const startLength = 4;

/** One typed word and the index words that stand for it: itself, its nicknames, then near misspellings. */
export interface Expansion {
  typed: string;
  strong: string[];
  fuzzy: string[];
  /** May be the start of a longer word (the word being typed, or an initial). */
  prefix: boolean;
  /**
   * A short word of a longer query that may be the start of a name ("Hir Miller", "Mar Johnson"):
   * read as one only when the words as typed did not find enough (the fuzzy stage), so that "Mary
   * Johnson" does not pay for every "Maryann" and "Marylou".
   */
  start: boolean;
}

export function strongExpansions(query: ParsedQuery): Expansion[] {
  const length = (typed: string) => Array.from(typed).length;
  return query.words.map((typed, i) => {
    const prefix = (i === query.words.length - 1 && query.lastIsPrefix) || length(typed) <= 2;
    return { typed, strong: [typed, ...nicknamesOf(typed)], fuzzy: [], prefix, start: !prefix && query.words.length > 1 && length(typed) <= startLength };
  });
}

/**
 * Index words that share a deletion variant with a typed word (candidates for misspellings), and
 * beside other words the two-letter words one mistake from a typed one (stored under themselves).
 */
export async function nearWords(db: Db, query: ParsedQuery): Promise<string[]> {
  const variants = new Set<string>();
  for (const word of query.words) for (const v of deletionVariants(word, allowedEdits(word))) variants.add(v);
  if (query.words.length > 1) for (const word of query.words) for (const v of twoLetterNeighbours(word)) variants.add(v);
  return variants.size > 0 ? wordsByVariants(db, [...variants]) : [];
}

/** Adds to each typed word the near words within its tolerance: nearest, same first letter, similar length first. */
export function withFuzzy(words: Expansion[], near: string[]): Expansion[] {
  const besideOthers = words.length > 1;
  return words.map((w) => {
    const fuzzy = near
      .filter((n) => !w.strong.includes(n))
      .map((n) => ({ n, d: typoDistance(w.typed, n, besideOthers) ?? Infinity }))
      .filter((x) => x.d !== Infinity)
      .sort((a, b) => a.d - b.d || Number(b.n[0] === w.typed[0]) - Number(a.n[0] === w.typed[0])
        || Math.abs(a.n.length - w.typed.length) - Math.abs(b.n.length - w.typed.length) || (a.n < b.n ? -1 : 1))
      .slice(0, caps.fuzzyWords + caps.crowdProbes)
      .map((x) => x.n);
    return { ...w, fuzzy };
  });
}

type Stage = 'strong' | 'fuzzy';

/** Probes for one pair of neighbouring typed words (x then y), best first. Pairs are stored both ways round. */
function pairProbes(x: Expansion, y: Expansion, stage: Stage): Probe[] {
  const probes: Probe[] = [];
  const pair = (as: string[], bs: string[], limit: number = caps.perPair) => probes.push({ kind: 'pair', as, bs, limit });
  // For a start of three letters or fewer, many rows are read so that the commonest completions are
  // kept (caps.prefixRead): the first hundred in word order would keep "marc" and "maria" and drop "mary".
  // A longer start has few completions: a hundred rows do.
  const prefix = (as: string[], start: string, wide = true) =>
    probes.push({ kind: 'pairPrefix', as, prefix: start, limit: caps.perPair, read: wide && Array.from(start).length <= 3 ? caps.prefixRead : caps.perPair });
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
  // The words as typed found too few: a short word may be the start of a name, beside the other as typed.
  if (x.start) prefix([y.typed], x.typed);
  if (y.start) prefix([x.typed], y.typed);
  const [xNear, yNear] = [x.fuzzy.slice(0, caps.fuzzyProbes), y.fuzzy.slice(0, caps.fuzzyProbes)];
  // One probe per near word, nearest first, so that a common near word cannot take every place
  // (an IN list is read in index order: "fernandez" would crowd out "hernandez").
  for (const near of yNear) pair([x.typed], [near], caps.perFuzzyPair);
  for (const near of xNear) pair([near], [y.typed], caps.perFuzzyPair);
  for (const near of yNear) pair(xNicks, [near], caps.perFuzzyPair);
  for (const near of xNear) pair([near], yNicks, caps.perFuzzyPair);
  for (const nx of xNear.slice(0, 4)) for (const ny of yNear.slice(0, 4)) pair([nx], [ny], caps.perFuzzyPair);
  pair(x.strong, y.fuzzy.slice(caps.fuzzyProbes, caps.fuzzyWords));
  pair(x.fuzzy.slice(caps.fuzzyProbes, caps.fuzzyWords), y.strong);
  pair(xNear, yNear);
  // A crowded neighbourhood ("hansen", "hanson", "hanssen", … ): every further near word is tried with
  // the other word as typed, a few customers each, so that the intended one is reached even when many
  // nearer or alphabetically earlier words come first. An empty probe is one index seek.
  for (const near of y.fuzzy.slice(caps.fuzzyProbes)) pair([x.typed], [near], caps.perCrowdPair);
  for (const near of x.fuzzy.slice(caps.fuzzyProbes)) pair([near], [y.typed], caps.perCrowdPair);
  if (y.prefix || y.start) prefix(x.fuzzy, y.typed, false);
  if (x.prefix || x.start) prefix(y.fuzzy, x.typed, false);
  return probes;
}

/**
 * Three words or more ("Maria de la Cruz", "Ana García López"): first the customers holding every typed
 * word, so that many "Maria de la …" found through neighbouring pairs cannot push them out. Each is
 * read through a pair of the three longest words (particles are short), every such pair in turn, a few
 * hundred rows of it at most: which pair is rare cannot be known before reading, and a common pair
 * ("james smith" among a million) read to its end took 300 ms.
 */
function wholeQuery(typed: string[], limit: number, pairs: 'every' | 'longest' = 'every'): Probe[] {
  const distinct = [...new Set(typed)];
  if (distinct.length < 3) return [];
  const byLength = [...distinct].sort((x, y) => Array.from(y).length - Array.from(x).length);
  const longest = byLength.slice(0, pairs === 'every' ? 3 : 2);
  const probes: Probe[] = [];
  for (let i = 0; i < longest.length; i++) {
    for (let j = i + 1; j < longest.length; j++) {
      const [a, b] = [longest[i]!, longest[j]!];
      probes.push({ kind: 'all', a, b, others: byLength.filter((w) => w !== a && w !== b), limit, scan: caps.wholeScan });
    }
  }
  return probes;
}

/** The same with one word replaced by one of its nearest words ("James Thomas Hecandez"), nearest first. */
function wholeQueryNear(words: Expansion[]): Probe[] {
  const probes: Probe[] = [];
  for (let rank = 0; rank < caps.wholeNear; rank++) {
    words.forEach((w, i) => {
      const near = w.fuzzy[rank];
      // Through the longest pair only: these are many (a few near words of each typed word).
      if (near) probes.push(...wholeQuery(words.map((x, j) => (j === i ? near : x.typed)), caps.perFuzzyPair, 'longest'));
    });
  }
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
  probes.push(...(stage === 'strong' ? wholeQuery(words.map((w) => w.typed), caps.perPair) : wholeQueryNear(words)));
  for (let i = 0; i + 1 < words.length && i < 3; i++) probes.push(...pairProbes(words[i]!, words[i + 1]!, stage));
  if (stage === 'fuzzy') {
    // Partial matches last: the longest typed word alone (a name we do not hold with the other word).
    const longest = [...words].sort((a, b) => b.typed.length - a.typed.length)[0]!;
    for (const word of [...longest.strong, ...longest.fuzzy].slice(0, 4)) probes.push({ kind: 'word', word, limit: caps.perWord / 2 });
  }
  return probes;
}
