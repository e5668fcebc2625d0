import type { JobKind } from '../platform/jobs/job-queue.js';
import type { Config } from '../platform/config.js';
import { reminderJobs } from '../notifications/reminder-jobs.js';
import { reminderSources } from './reminders.js';
import { compactAfterErasure } from '../data-rights/erasure-compact-job.js';
import { trashPurgeJob } from '../trash/trash-purge-job.js';
import { contactStateRebuildJob } from '../contact-state/contact-state-job.js';
import { caseClockJob } from '../cases/case-refresh-job.js';
import { importCheckJob, importRunJob, importUndoJob } from '../imports/import-jobs.js';
import { matchKeysRebuildJob } from '../matching/match-keys-job.js';
import { mailingUploadJob } from '../mailings/mailing-jobs.js';
import { webhookDeliverJob } from '../webhooks/webhook-delivery-job.js';
import { imapPollJobs } from '../email/imap-poll.js';

/**
 * Every kind of background job the server runs: the job queue's composition root, as api-routes.ts
 * is for routes. A feature exports its `JobKind` (the handler, and `everyMs` for recurring work such
 * as the trash purge) and adds it here with one line; the worker that server.ts starts runs them.
 * Jobs run at least once, so every handler must be idempotent.
 */
export const jobKinds: readonly JobKind[] = [trashPurgeJob, compactAfterErasure, contactStateRebuildJob, caseClockJob, importCheckJob, importRunJob, importUndoJob, matchKeysRebuildJob, mailingUploadJob, webhookDeliverJob];

/**
 * With the kinds built from the configuration: reminders (sources in reminders.ts) need SMTP and the
 * public address; polling a shared mailbox needs RAPPORT_IMAP_URL.
 */
export const jobKindsFor = (config: Pick<Config, 'mail' | 'publicUrl' | 'imap' | 'mailIn' | 'phoneRegion'>): readonly JobKind[] => [
  ...jobKinds,
  ...reminderJobs({ sources: reminderSources, mail: config.mail, publicUrl: config.publicUrl }),
  ...imapPollJobs(config),
];
