import { normalizePhone } from '../common/contact-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';
import { finderFor, type Found } from './search-finder.js';
import { organizationSeparator } from './search-entries.js';
import { nearWords, plan, strongExpansions, withFuzzy } from './search-plan.js';
import { joinedSplits, maxQueryWords, parseQuery, splitJoined, typoDistance, wholeWordLength, type ParsedQuery } from './search-rules.js';
import { noFacts, prescore, rank, scoreCandidate, spreadTies, type Familiarity, type IdentityHit, type QueryFacts, type Reason } from './search-scoring.js';
import { displayRows, documents, identityHits, lastSeen, storedWords } from './search-store.js';

/** The customer lookup: the one entry point the route and the benchmark both call. */

export interface SearchItem {
  id: string;
  kind: 'person' | 'organization';
  displayName: string;
  preferredName: string | null;
  organization: string | null;
  city: string | null;
  lastInteractionAt: string | null;
  waitingSince: string | null;
  phone: string | null;
  email: string | null;
  score: number;
  reasons: Reason[];
}

/** Who is seen here and when, for the candidates that tie with another (namesakes); one read of contact_states. */
async function familiarity(db: Db, scored: { customerId: string; score: number }[], locationIds: readonly string[]): Promise<Map<string, Familiarity>> {
  const counts = new Map<number, number>();
  for (const s of scored) counts.set(s.score, (counts.get(s.score) ?? 0) + 1);
  const tied = scored.filter((s) => counts.get(s.score)! > 1).map((s) => s.customerId);
  const seen = await lastSeen(db, tied);
  return new Map([...seen].map(([id, r]) => [id, { here: r.locationId !== null && locationIds.includes(r.locationId), lastSeenAt: r.lastContactAt }]));
}

/** Candidates read in full: enough to rank well, few enough to stay fast at a million customers. */
const limits = { candidates: 300, scored: 60, identity: 50 } as const;

export interface SearchInput {
  q: string;
  limit: number;
  phoneRegion: string;
  /** The locations of whoever is looking: among namesakes, their own customers come first. */
  locationIds?: readonly string[];
}

/** Every typed word long enough to be whole was found as typed (else it may be a mistyped whole word). */
const wholeWordsFound = (query: ParsedQuery, found: Map<string, Found>): boolean =>
  query.words.every((w) => Array.from(w).length < wholeWordLength || [...found.values()].some((f) => f.words.includes(w)));

/** The candidates for the typed names, and which typed words the index does not hold. */
async function candidates(db: Db, engine: Engine, query: ParsedQuery, limit: number, hits: Promise<IdentityHit[]>) {
  const finder = finderFor(engine);
  const strong = strongExpansions(query);
  const found = new Map<string, Found>();
  if (strong.length === 0) return { found, facts: noFacts, hits: await hits, unmatched: [] as string[] };
  const strongStage = async () => finder.customers(db, await plan(db, strong, 'strong'), found, limits.candidates);
  // PostgreSQL looks up near words in parallel (a round trip saved); SQLite only when they are needed.
  const early = engine === 'postgres' ? nearWords(db, query) : null;
  const [identity, , nearEarly] = await Promise.all([hits, strongStage(), early]);
  // With three words or more a candidate found by a pair may miss the third word, so fuzzy ones still count.
  const enough = query.words.length >= 3 ? Infinity : limit;
  let near: string[] | null = null;
  if (found.size < enough || !wholeWordsFound(query, found)) {
    near = nearEarly ?? (await nearWords(db, query));
    await finder.customers(db, await plan(db, withFuzzy(strong, near), 'fuzzy'), found, limits.candidates);
  }
  // The near words hold a typed word the index has (it is stored under itself); a fuzzy stage that did
  // not run means every whole word was found as typed.
  const held = new Set([...(near ?? query.words), ...[...found.values()].flatMap((f) => f.words)]);
  const facts: QueryFacts = { unknown: new Set(query.words.filter((w) => !held.has(w))) };
  // Whole words the index does not hold that reached nobody as the start of a word or within one edit.
  const reached = new Set([...found.values()].flatMap((f) => f.words));
  const unmatched = query.words.filter(
    (w) => facts.unknown.has(w) && Array.from(w).length >= wholeWordLength && ![...reached].some((r) => r.startsWith(w) || typoDistance(w, r, true) === 1),
  );
  return { found, facts, hits: identity, unmatched };
}

/** One way of reading what was typed, with the candidates it found. */
interface Reading {
  query: ParsedQuery;
  found: Map<string, Found>;
  facts: QueryFacts;
}

/** Only the most promising candidates of a reading (by the words they were found under) have their names read. */
const mostPromising = (r: Reading): string[] => {
  const ranked = [...r.found.values()]
    .map((f, order) => ({ id: f.customerId, order, first: prescore(r.query, f.words, r.facts), key: [...f.words].sort().join(' '), common: f.common }))
    .sort((a, b) => b.first - a.first || a.order - b.order);
  // Equally promising candidates found under different words ("mary davis", "marciadri davis") take turns, the commonest first.
  return spreadTies(ranked, (f) => f.first, (f) => f.key, (f) => f.common).slice(0, limits.scored).map((f) => f.id);
};

/** The query with a word typed without its space or hyphen ("maryjohnson") read as the two stored words; null if none is. */
async function withJoinedSplit(db: Db, query: ParsedQuery, unmatched: string[]): Promise<ParsedQuery | null> {
  const stored = await storedWords(db, unmatched.flatMap((w) => joinedSplits(w).flat()));
  const words = query.words.flatMap((w) => (unmatched.includes(w) ? splitJoined(w, (part) => stored.has(part)) : null) ?? [w]);
  return words.length > query.words.length ? { ...query, words: words.slice(0, maxQueryWords) } : null;
}

export async function searchCustomers(db: Db, engine: Engine, input: SearchInput): Promise<SearchItem[]> {
  const query = parseQuery(input.q, (text) => normalizePhone(text, input.phoneRegion));
  const typed = await candidates(db, engine, query, input.limit, identityHits(db, engine, query, limits.identity));
  const { hits } = typed;
  const readings: Reading[] = [{ query, ...typed }];
  // A whole word that reached nobody near: perhaps a space or hyphen was left out ("WickiSapan",
  // "Garcialopez"). Both readings are scored; the better match wins.
  const split = typed.unmatched.length > 0 ? await withJoinedSplit(db, query, typed.unmatched) : null;
  if (split) readings.push({ query: split, ...(await candidates(db, engine, split, input.limit, Promise.resolve([]))) });
  const fromNames = readings.flatMap(mostPromising);
  const hitsByCustomer = new Map<string, IdentityHit[]>();
  for (const hit of hits) hitsByCustomer.set(hit.customerId, [...(hitsByCustomer.get(hit.customerId) ?? []), hit]);
  const ids = [...new Set([...hitsByCustomer.keys(), ...fromNames])];
  const docs = new Map((await documents(db, ids)).map((d) => [d.customerId, d]));
  const scored = ids.flatMap((id) => {
    const each = readings.flatMap((r) => scoreCandidate(r.query, docs.get(id), hitsByCustomer.get(id) ?? [], r.facts) ?? []);
    return each.length > 0 ? [each.reduce((a, b) => (b.score > a.score ? b : a))] : [];
  });
  const common = new Map(readings.flatMap((r) => [...r.found.values()].map((f) => [f.customerId, f.common] as const)));
  const top = rank(scored, await familiarity(db, scored, input.locationIds ?? []), common).slice(0, input.limit);
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
        waitingSince: row.waitingSince,
        phone: row.phone,
        email: row.email,
        score: s.score,
        reasons: s.reasons,
      },
    ];
  });
}
