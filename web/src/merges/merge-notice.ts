/**
 * What the merge screen leaves for the customer page it goes back to: "Merged." (with the merge to
 * undo) or "marked as not the same person". Read by that customer's Merges panel, then forgotten.
 */

export type MergeNotice =
  | { customerId: string; kind: 'merged'; mergeId: string; mergedName: string }
  | { customerId: string; kind: 'distinct'; otherName: string };

let pending: MergeNotice | null = null;

export function leaveMergeNotice(notice: MergeNotice): void {
  pending = notice;
}

/** The notice left for this customer, if any (it stays until forgotten, so a second render reads it too). */
export const mergeNoticeFor = (customerId: string): MergeNotice | null => (pending?.customerId === customerId ? pending : null);

export function forgetMergeNotice(notice: MergeNotice): void {
  if (pending === notice) pending = null;
}
