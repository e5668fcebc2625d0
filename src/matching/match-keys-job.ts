import type { JobKind } from '../platform/jobs/job-queue.js';
import { rebuildMatchKeys } from './match-keys-store.js';

/**
 * Fills match_keys for customers who were there before matching came (migration 0015 asks for it
 * once when there are customers). Idempotent: it rewrites every customer's keys from what is stored.
 */
export const matchKeysRebuildJob: JobKind = {
  kind: 'matching.rebuild-keys',
  handler: async ({ db, log }) => {
    const count = await rebuildMatchKeys(db);
    log.info({ customers: count }, 'matching keys rebuilt');
  },
};
