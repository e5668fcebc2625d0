import type { Db } from '../platform/database/connect.js';
import { nowIso } from '../platform/time.js';
import { loadCaseState } from './case-read.js';
import { updateCaseRow } from './case-store.js';

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/**
 * Works a case's clocks out again and stores what lists, reminders and figures select on: the next
 * target to fall due, its 80% mark and due moment, the targets missed so far, the first response.
 * Called in the same transaction as every change to a case or its thread (and by a background job
 * for cases whose location's calendar changed since). Does not touch updatedAt: nobody changed the case.
 */
export async function refreshCaseClock(db: Db, caseId: string): Promise<void> {
  const state = await loadCaseState(db, caseId, Date.now());
  if (!state) return;
  const { clocks } = state;
  await updateCaseRow(db, caseId, {
    firstResponseAt: iso(clocks.firstResponseAt),
    targetKind: clocks.next?.kind ?? null,
    warnAt: iso(clocks.next?.warnAt),
    dueAt: iso(clocks.next?.dueAt),
    lateCount: clocks.lateCount,
    clockAt: nowIso(),
  });
}
