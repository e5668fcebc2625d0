import type { JobKind } from '../platform/jobs/job-queue.js';
import { enqueue } from '../platform/jobs/job-queue.js';
import { rebuildContactStates } from './contact-state-store.js';

/**
 * Computes every customer's contact state in the background, twenty batches of 1,000 customers per
 * run, then queues the next run from where it stopped: queued by migration 0011 for a database that
 * already had customers. Idempotent: a run repeated recomputes the same rows.
 */
export const contactStateRebuildJob: JobKind = {
  kind: 'contact-state.rebuild',
  handler: async ({ db, payload, log }) => {
    const from = payload && typeof payload === 'object' && 'after' in payload && typeof payload.after === 'string' ? payload.after : undefined;
    const result = await rebuildContactStates(db, { ...(from ? { after: from } : {}), batch: 1000, limitBatches: 20 });
    if (!result.finished && result.lastId) {
      await enqueue(db, { kind: contactStateRebuildJob.kind, key: contactStateRebuildJob.kind, payload: { after: result.lastId } });
    }
    log.info({ computed: result.computed, finished: result.finished }, 'computed contact states');
  },
};
