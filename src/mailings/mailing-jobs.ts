import { DomainError } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import type { JobKind } from '../platform/jobs/job-queue.js';
import { uploadJobKind } from './mailing-commands.js';
import { updateUpload } from './mailing-store.js';
import { runUpload } from './mailing-upload.js';

/**
 * A mailing's recipient file, logged in the background. Idempotent: run again (after a crash, on
 * another server) it resumes after its last whole batch, and does nothing once the upload is done.
 * A file that cannot be read fails the upload with why, rather than retrying; an upload whose last
 * attempt fails (the database gone away, say) is marked failed, keeping what its whole batches logged.
 */
const maxAttempts = 5;

const uploadIdOf = (payload: unknown): string => {
  const id = (payload as { uploadId?: unknown } | null)?.uploadId;
  if (typeof id !== 'string') throw new Error('a mailing upload job needs { uploadId }');
  return id;
};

export const mailingUploadJob: JobKind = {
  kind: uploadJobKind,
  maxAttempts,
  handler: async ({ db, payload, attempt, log }) => {
    const uploadId = uploadIdOf(payload);
    try {
      const done = await runUpload(db, uploadId);
      log.info({ logged: done.logged, already: done.already, problemRows: done.problemRows }, 'mailing upload done');
    } catch (error) {
      if (error instanceof DomainError) return log.warn({ err: error }, 'the mailing upload could not be read');
      if (attempt >= maxAttempts) {
        await updateUpload(db, uploadId, { status: 'failed', error: 'It stopped part-way after several attempts: upload the file again to log the rest (nobody is logged twice).', finishedAt: nowIso() });
      }
      throw error;
    }
  },
};
