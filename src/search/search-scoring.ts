import { areNicknames } from './nicknames.js';
import { organizationSeparator } from './search-entries.js';
import { tokenize, typoDistance, wholeWordLength, type ParsedQuery } from './search-rules.js';

/**
 * Scoring and ranking, pure. Tiers, best first: 3 an exact phone, email or external id;
 * 2 every typed word is a name word, a known nickname of one, or the start of one; 1 fuzzy or partial.
 * The score is the tier plus a fraction saying how well the words matched within it.
 *
 * A typed word of five letters or more that the index does not hold is a whole word mistyped more
 * likely than the start of a longer one: "Mary Jonson" means Mary Johnson (one edit) before Mary
 * Jonsonbury. Such a one-edit match counts as strong, above the prefix. The caller says which typed
 * words the index does not hold (the lookup learns it from the near words it reads anyway).
 */

/** What the lookup learnt about the typed words beyond their spelling. */
export interface QueryFacts {
  /** Typed words the index does not hold as a whole word. */
  unknown: ReadonlySet<string>;
}
export const noFacts: QueryFacts = { unknown: new Set() };

export type ReasonField = 'phone' | 'email' | 'externalId' | 'name' | 'preferredName' | 'organization' | 'nickname';
export type MatchKind = 'exact' | 'prefix' | 'fuzzy';

export interface Reason {
  field: ReasonField;
  match: MatchKind;
  text: string;
}

export interface SearchDocument {
  customerId: string;
  names: string;
  preferred: string | null;
  organizations: string | null;
}

/** A phone, email or external id that matched, found through its own table. */
export interface IdentityHit {
  customerId: string;
  field: 'phone' | 'email' | 'externalId';
  match: 'exact' | 'prefix';
  text: string;
}

export interface Scored {
  customerId: string;
  score: number;
  tier: number;
  reasons: Reason[];
  /** Names, to order equal scores. */
  sortName: string;
}

interface DocWord {
  word: string;
  original: string;
  field: 'name' | 'preferredName' | 'organization';
}

const fieldWeight = { name: 1, preferredName: 0.97, organization: 0.8 } as const;
const fieldLabel = { name: 'Name', preferredName: 'Preferred name', organization: 'Organisation' } as const;

/** The folded words of a text, each with the text a person would recognise. */
function wordsOf(text: string | null, field: DocWord['field']): DocWord[] {
  if (!text) return [];
  const out: DocWord[] = [];
  if (field === 'organization') {
    for (const org of text.split(organizationSeparator)) for (const word of tokenize(org)) out.push({ word, original: org, field });
    return out;
  }
  for (const piece of text.match(/[\p{L}\p{M}\p{N}'’ʼ`]+/gu) ?? []) {
    const tokens = tokenize(piece);
    for (const word of tokens) out.push({ word, original: tokens.length === 1 ? piece : word, field });
  }
  return out;
}

interface WordMatch {
  quality: number;
  match: MatchKind | 'nickname';
  /** Exact, nickname, prefix, or one edit from a whole word the index does not hold. */
  strong: boolean;
  doc: DocWord;
}

export interface MatchOptions {
  /** The typed word has other words beside it in the query (two-letter words may then be mistyped). */
  besideOthers?: boolean;
  /** The index does not hold the typed word. */
  unknown?: boolean;
}

/** How well one typed word matches one word of the customer; null when it does not. */
export function matchWord(typed: string, doc: DocWord, options: MatchOptions = {}): WordMatch | null {
  const weight = fieldWeight[doc.field];
  if (typed === doc.word) return { quality: weight, match: 'exact', strong: true, doc };
  if (doc.field !== 'organization' && areNicknames(typed, doc.word)) return { quality: 0.9 * weight, match: 'nickname', strong: true, doc };
  const besideOthers = options.besideOthers ?? false;
  const wholeWord = options.unknown === true && Array.from(typed).length >= wholeWordLength;
  if (wholeWord && typoDistance(typed, doc.word, besideOthers) === 1) return { quality: 0.85 * weight, match: 'fuzzy', strong: true, doc };
  // Every word a start may become is as likely as another ("Chr": Chris, Christopher, Christine): equal
  // scores, so that ranking shows each name once, the commonest first (see rank).
  if (doc.word.startsWith(typed)) return { quality: 0.75 * weight, match: 'prefix', strong: true, doc };
  const distance = typoDistance(typed, doc.word, besideOthers);
  if (distance === null) return null;
  // People seldom get the first letter wrong: between equally near words, one that keeps it is likelier.
  const sameStart = typed[0] === doc.word[0] ? 0.03 : 0;
  return { quality: ((distance === 1 ? 0.52 : 0.37) + sameStart) * weight, match: 'fuzzy', strong: false, doc };
}

const optionsFor = (query: ParsedQuery, typed: string, facts: QueryFacts): MatchOptions => ({
  besideOthers: query.words.length > 1,
  unknown: facts.unknown.has(typed),
});

function reasonFor(typed: string, m: WordMatch): Reason {
  if (m.match === 'nickname') return { field: 'nickname', match: 'exact', text: `${m.doc.original} is a form of “${typed}”` };
  const label = `${fieldLabel[m.doc.field]} ${m.doc.original}`;
  const tail = m.match === 'exact' ? '' : m.match === 'prefix' ? ` starts with “${typed}”` : ` is close to “${typed}”`;
  return { field: m.doc.field, match: m.match, text: label + tail };
}

/**
 * A first, cheap score from the index words a candidate was found under (before its names are read),
 * to choose which candidates are worth scoring in full.
 */
export function prescore(query: ParsedQuery, foundUnder: string[], facts: QueryFacts = noFacts): number {
  let total = 0;
  for (const typed of query.words) {
    let best = 0;
    const options = optionsFor(query, typed, facts);
    for (const word of foundUnder) best = Math.max(best, matchWord(typed, { word, original: word, field: 'name' }, options)?.quality ?? 0);
    total += best;
  }
  return total;
}

/** Scores one candidate; null when neither its names nor its contact points match. */
export function scoreCandidate(query: ParsedQuery, doc: SearchDocument | undefined, hits: IdentityHit[], facts: QueryFacts = noFacts): Scored | null {
  const words = doc
    ? [...wordsOf(doc.names, 'name'), ...wordsOf(doc.preferred, 'preferredName'), ...wordsOf(doc.organizations, 'organization')]
    : [];
  const reasons: Reason[] = [];
  let total = 0;
  let matched = 0;
  let allStrong = true;
  const usedNameWords = new Set<string>();
  for (const typed of query.words) {
    let best: WordMatch | null = null;
    const options = optionsFor(query, typed, facts);
    for (const word of words) {
      const m = matchWord(typed, word, options);
      if (m && (!best || m.quality > best.quality)) best = m;
    }
    if (!best) {
      allStrong = false;
      continue;
    }
    matched += 1;
    total += best.quality;
    if (!best.strong) allStrong = false;
    if (best.doc.field === 'name') usedNameWords.add(best.doc.word);
    if (!reasons.some((r) => r.text === reasonFor(typed, best!).text)) reasons.push(reasonFor(typed, best));
  }
  const exactHits = hits.filter((h) => h.match === 'exact');
  if (matched === 0 && hits.length === 0) return null;
  const n = Math.max(query.words.length, 1);
  const nameWordCount = new Set(words.filter((w) => w.field === 'name').map((w) => w.word)).size;
  const coverage = nameWordCount > 0 ? usedNameWords.size / nameWordCount : 0;
  let within = matched > 0 ? 0.9 * (total / n) * (matched / n) + 0.09 * coverage : 0;
  let tier = matched === 0 ? 0 : allStrong ? 2 : 1;
  if (exactHits.length > 0) {
    tier = 3;
    within = 0.9 + within / 10;
  } else if (hits.length > 0) {
    tier = Math.max(tier, 2);
    within = Math.max(within, 0.5);
  }
  const identityReasons: Reason[] = hits.map((h) => ({ field: h.field, match: h.match, text: h.text }));
  return {
    customerId: doc?.customerId ?? hits[0]!.customerId,
    tier,
    score: Math.round((tier + Math.min(within, 0.999)) * 1000) / 1000,
    reasons: [...identityReasons, ...reasons],
    sortName: doc?.names ?? '',
  };
}

/** How the person at the counter knows a customer: one of their own location's, and when last seen. */
export interface Familiarity {
  here: boolean;
  lastSeenAt: string | null;
}

/**
 * Best first. Equal scores of one name (namesakes) in the order that helps the person at the counter:
 * customers of their own locations first, then the most recently seen, then by name and id so that
 * the order is stable. Equal scores of different names are readings of an ambiguous query ("Mar" for
 * Mark or Mary, "ln" for Lê or Lý): each name is shown once, the commonest first, before its
 * namesakes repeat, so that one common reading cannot fill the page.
 */
export function rank(items: Scored[], known: ReadonlyMap<string, Familiarity> = new Map(), common: ReadonlyMap<string, number> = new Map()): Scored[] {
  const none: Familiarity = { here: false, lastSeenAt: null };
  const sorted = items.sort((a, b) => {
    const [ka, kb] = [known.get(a.customerId) ?? none, known.get(b.customerId) ?? none];
    return (
      b.score - a.score ||
      Number(kb.here) - Number(ka.here) ||
      (kb.lastSeenAt ?? '').localeCompare(ka.lastSeenAt ?? '') ||
      a.sortName.localeCompare(b.sortName) ||
      a.customerId.localeCompare(b.customerId)
    );
  });
  return spreadTies(sorted, (s) => s.score, (s) => tokenize(s.sortName).join(' '), (s) => common.get(s.customerId) ?? 0);
}

/**
 * Within each run of equal scores of a sorted list: one item of each key, the commonest key first
 * (the most items in the run, or the highest `common` an item of it brings), then the rest, each key's
 * items keeping their order. Used for names when ranking and for the words candidates were found
 * under when choosing which to score.
 */
export function spreadTies<T>(sorted: T[], score: (item: T) => number, key: (item: T) => string, common: (item: T) => number = () => 0): T[] {
  const out: T[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end < sorted.length && score(sorted[end]!) === score(sorted[start]!)) end++;
    const tied = sorted.slice(start, end);
    start = end;
    if (tied.length === 1) {
      out.push(tied[0]!);
      continue;
    }
    const keys = tied.map(key);
    const weight = new Map<string, number>();
    const firstAt = new Map<string, number>();
    keys.forEach((k, i) => {
      weight.set(k, (weight.get(k) ?? 0) + 1);
      if (!firstAt.has(k)) firstAt.set(k, i);
    });
    tied.forEach((item, i) => weight.set(keys[i]!, Math.max(weight.get(keys[i]!)!, common(item))));
    const firsts = [...firstAt.entries()].sort((a, b) => weight.get(b[0])! - weight.get(a[0])! || a[1] - b[1]).map(([, i]) => i);
    const shown = new Set(firsts);
    out.push(...firsts.map((i) => tied[i]!), ...tied.filter((_, i) => !shown.has(i)));
  }
  return out;
}
