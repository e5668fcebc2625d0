import type { Db } from '../platform/database/connect.js';
import type { JobKind } from '../platform/jobs/job-queue.js';
import { purgeEntry } from './trash-commands.js';
import { expiredEntries } from './trash-store.js';
import { purgeCutoff, trashRetentionDays } from './trash-settings.js';

/**
 * Empties the trash of what has waited longer than the retention period an admin sets: one entry per
 * transaction, oldest first. Idempotent: an entry already purged is simply no longer there.
 */
export async function purgeExpiredTrash(db: Db, now = new Date()): Promise<number> {
  const cutoff = purgeCutoff(now, await trashRetentionDays(db));
  let purged = 0;
  for (;;) {
    const due = await expiredEntries(db, cutoff, 50);
    if (due.length === 0) return purged;
    for (const id of due) if (await db.transaction().execute((trx) => purgeEntry(trx, id))) purged += 1;
  }
}

export const trashPurgeJob: JobKind = {
  kind: 'trash.purge',
  everyMs: 60 * 60 * 1000,
  handler: async ({ db, log }) => {
    const purged = await purgeExpiredTrash(db);
    if (purged > 0) log.info({ purged }, 'purged expired trash entries');
  },
};
