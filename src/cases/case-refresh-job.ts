import type { Db } from '../platform/database/connect.js';
import type { JobKind } from '../platform/jobs/job-queue.js';
import { refreshCaseClock } from './case-clock.js';
import { staleCaseIds } from './case-store.js';

/**
 * Keeps the stored clocks of open cases true to what changed around them without touching the case:
 * a location's hours or holidays edited since a case's clock was worked out, a contact in its thread
 * corrected, or simply a clock worked out long ago. Pages of cases, oldest clock first, one
 * transaction each. Idempotent: working a clock out twice stores the same.
 */
export async function refreshStaleClocks(db: Db, now = new Date(), limit = 500): Promise<number> {
  const olderThan = new Date(now.getTime() - 6 * 3_600_000).toISOString();
  const stale = await staleCaseIds(db, olderThan, limit);
  for (const { id } of stale) await db.transaction().execute((trx) => refreshCaseClock(trx, id));
  return stale.length;
}

export const caseClockJob: JobKind = {
  kind: 'cases.refresh-clocks',
  everyMs: 15 * 60 * 1000,
  handler: async ({ db, log }) => {
    const refreshed = await refreshStaleClocks(db);
    if (refreshed > 0) log.info({ refreshed }, 'refreshed the clocks of open cases');
  },
};
