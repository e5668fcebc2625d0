import type { JobKind } from '../platform/jobs/job-queue.js';
import { compactAfterErasure } from '../data-rights/erasure-compact-job.js';
import { trashPurgeJob } from '../trash/trash-purge-job.js';

/**
 * Every kind of background job the server runs: the job queue's composition root, as api-routes.ts
 * is for routes. A feature exports its `JobKind` (the handler, and `everyMs` for recurring work such
 * as the trash purge) and adds it here with one line; the worker that server.ts starts runs them.
 * Jobs run at least once, so every handler must be idempotent.
 */
export const jobKinds: readonly JobKind[] = [trashPurgeJob, compactAfterErasure];
