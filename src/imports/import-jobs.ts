import type { JobKind } from '../platform/jobs/job-queue.js';
import { DomainError } from '../platform/errors.js';
import { checkJobKind, runJobKind, undoJobKind } from './import-commands.js';
import { runImport } from './import-run.js';
import { runUndo } from './import-undo.js';

/**
 * The import's background work: the check of a new file, the import once committed, and its undo.
 * All are idempotent: a check run twice finds the same; an import or an undo run again (after a
 * crash, on another server) resumes after its last whole batch, and does nothing once finished.
 * A file that cannot be read fails the import with why (the import says so) rather than retrying.
 */
const importIdOf = (payload: unknown): string => {
  const id = (payload as { importId?: unknown } | null)?.importId;
  if (typeof id !== 'string') throw new Error('an import job needs { importId }');
  return id;
};

const runAs = (mode: 'check' | 'import'): JobKind['handler'] => async ({ db, payload, log }) => {
  try {
    const counts = await runImport(db, importIdOf(payload), mode);
    log.info({ counts: { ...counts, notes: undefined } }, `import ${mode === 'check' ? 'checked' : 'done'}`);
  } catch (error) {
    if (error instanceof DomainError) return log.warn({ err: error }, 'the import could not be read');
    throw error;
  }
};

export const importCheckJob: JobKind = { kind: checkJobKind, handler: runAs('check') };
export const importRunJob: JobKind = { kind: runJobKind, handler: runAs('import') };
export const importUndoJob: JobKind = {
  kind: undoJobKind,
  handler: async ({ db, payload, log }) => {
    const counts = await runUndo(db, importIdOf(payload));
    log.info({ counts }, 'import undone');
  },
};
