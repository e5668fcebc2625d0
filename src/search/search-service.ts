import { normalizePhone } from '../common/contact-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { Engine } from '../platform/database/engine.js';
import { finderFor, type Found } from './search-finder.js';
import { organizationSeparator } from './search-entries.js';
import { nearWords, plan, strongExpansions, withFuzzy } from './search-plan.js';
import { parseQuery } from './search-rules.js';
import { prescore, rank, scoreCandidate, type Familiarity, type IdentityHit, type Reason } from './search-scoring.js';
import { displayRows, documents, identityHits, lastSeen } from './search-store.js';

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

export async function searchCustomers(db: Db, engine: Engine, input: SearchInput): Promise<SearchItem[]> {
  const query = parseQuery(input.q, (text) => normalizePhone(text, input.phoneRegion));
  const finder = finderFor(engine);
  const strong = strongExpansions(query);
  const found = new Map<string, Found>();
  const strongStage = async () => finder.customers(db, await plan(db, strong, 'strong'), found, limits.candidates);
  // PostgreSQL looks up near words in parallel (a round trip saved); SQLite only when they are needed.
  const early = engine === 'postgres' && strong.length > 0 ? nearWords(db, query) : null;
  const [hits, , nearEarly] = await Promise.all([identityHits(db, engine, query, limits.identity), strong.length > 0 ? strongStage() : null, early]);
  // With three words or more a candidate found by a pair may miss the third word, so fuzzy ones still count.
  const enough = query.words.length >= 3 ? Infinity : input.limit;
  if (strong.length > 0 && found.size < enough) {
    const words = withFuzzy(strong, nearEarly ?? (await nearWords(db, query)));
    await finder.customers(db, await plan(db, words, 'fuzzy'), found, limits.candidates);
  }
  // Only the most promising candidates (by the words they were found under) have their names read.
  const fromNames = [...found.values()]
    .map((f, order) => ({ id: f.customerId, order, first: prescore(query, f.words) }))
    .sort((a, b) => b.first - a.first || a.order - b.order)
    .slice(0, limits.scored)
    .map((f) => f.id);
  const hitsByCustomer = new Map<string, IdentityHit[]>();
  for (const hit of hits) hitsByCustomer.set(hit.customerId, [...(hitsByCustomer.get(hit.customerId) ?? []), hit]);
  const ids = [...new Set([...hitsByCustomer.keys(), ...fromNames])];
  const docs = new Map((await documents(db, ids)).map((d) => [d.customerId, d]));
  const scored = ids.flatMap((id) => scoreCandidate(query, docs.get(id), hitsByCustomer.get(id) ?? []) ?? []);
  const top = rank(scored, await familiarity(db, scored, input.locationIds ?? [])).slice(0, input.limit);
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
