import type { Actor } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import { idsInTrash } from '../trash/trash-store.js';
import type { AuditDiff } from './audit-diff.js';
import type { AuditItem } from './audit-schemas.js';
import { listAuditRows, type AuditRow } from './audit-store.js';

const parseDiff = (diff: string | null): AuditDiff | null => (diff ? (JSON.parse(diff) as AuditDiff) : null);

export const toAuditItem = (row: AuditRow): AuditItem => ({ ...row, diff: parseDiff(row.diff) as AuditItem['diff'] });

/**
 * One page of a customer's history, newest first, as this actor may see it: entries about private
 * facts the reader may not see are left out by the query (the one privacy rule), so pages stay full
 * and nothing hints at what was left out. While a record waits in the trash, its entries say that
 * something happened and who did it, not what it said.
 */
export async function customerHistory(
  db: Db,
  actor: Actor,
  customerId: string,
  after: { at: string; id: string } | null,
  limit: number,
): Promise<{ items: AuditItem[]; nextCursor: { at: string; id: string } | null }> {
  const rows = await listAuditRows(db, actor, { customerId }, after, limit + 1);
  const page = rows.slice(0, limit);
  const trashed = await idsInTrash(db, [...new Set(page.map((r) => r.entityId).filter((id): id is string => id !== null))]);
  const items = page.map((row) => toAuditItem(row.entityId !== null && trashed.has(row.entityId) && row.action !== 'delete' ? { ...row, diff: null } : row));
  const end = page.at(-1);
  return { items, nextCursor: rows.length > limit && end ? { at: end.at, id: end.id } : null };
}
