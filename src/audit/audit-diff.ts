/** What an audit row says changed: on update only the fields that differ, on create or delete the whole record. */
export type Snapshot = Record<string, unknown>;

export interface AuditDiff {
  before?: Snapshot;
  after?: Snapshot;
}

/** Fields that change on every write and say nothing about what the person changed. */
const bookkeeping = new Set(['updatedAt', 'updatedBy']);

export function diffSnapshots(before: Snapshot | undefined, after: Snapshot | undefined): AuditDiff {
  if (!before || !after) return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
  const changedBefore: Snapshot = {};
  const changedAfter: Snapshot = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (bookkeeping.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter };
}

export const isEmptyDiff = (diff: AuditDiff): boolean =>
  diff.before !== undefined && diff.after !== undefined && Object.keys(diff.after).length === 0;
