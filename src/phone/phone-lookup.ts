import { PostgresAdapter } from 'kysely';
import type { Db } from '../platform/database/connect.js';
import { searchCustomers } from '../search/search-service.js';

/** Who is calling: the lookup's own phone search (src/search/), so a number matches here as it does when typed. */

export interface CallerMatch {
  id: string;
  name: string;
}

/** At most this many customers sharing one number are named to the agent. */
export const maxCandidates = 5;

/**
 * The customers whose phone is this number (E.164), best first: none, one (the caller), or several
 * sharing it (a household's landline). Trashed and erased customers have no phones to match.
 */
export async function findCallers(db: Db, e164: string, phoneRegion: string): Promise<CallerMatch[]> {
  const engine = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  const items = await searchCustomers(db, engine, { q: e164, limit: maxCandidates + 1, phoneRegion });
  return items
    .filter((item) => item.reasons.some((r) => r.field === 'phone' && r.match === 'exact'))
    .map((item) => ({ id: item.id, name: item.displayName }));
}
