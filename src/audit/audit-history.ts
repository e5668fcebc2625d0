import type { Actor } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import { currentFacts, diffsOfEntities, listAuditRows, type AuditRow } from './audit-store.js';
import type { AuditItem } from './audit-schemas.js';
import { factFromTrail, isFactEntry, mayReadFactEntry, parseDiff } from './audit-visibility.js';

export const toAuditItem = (row: AuditRow): AuditItem => ({ ...row, diff: parseDiff(row.diff) as AuditItem['diff'] });

/** Drops the entries about facts (private notes, life events) this actor may not see. */
async function visibleTo(db: Db, actor: Actor, customer: { locationId: string | null }, items: AuditItem[]): Promise<AuditItem[]> {
  if (actor.role === 'admin') return items;
  const factIds = [...new Set(items.filter(isFactEntry).map((i) => i.entityId).filter((id): id is string => id !== null))];
  if (factIds.length === 0) return items;
  const [trail, current] = await Promise.all([diffsOfEntities(db, factIds), currentFacts(db, factIds)]);
  const hidden = new Set(
    factIds.filter((id) => {
      const fact = factFromTrail(
        trail.filter((t) => t.entityId === id).map((t) => parseDiff(t.diff)),
        current.find((c) => c.id === id),
      );
      return !mayReadFactEntry(actor, fact, customer);
    }),
  );
  // A fact entry without an entity id cannot be checked; leave it out rather than guess.
  return items.filter((i) => !isFactEntry(i) || (i.entityId !== null && !hidden.has(i.entityId)));
}

/**
 * One page of a customer's history, newest first, as this actor may see it. Hidden entries are
 * skipped while filling the page, so pages stay full and nothing hints at what was left out.
 */
export async function customerHistory(
  db: Db,
  actor: Actor,
  customer: { id: string; locationId: string | null },
  after: { at: string; id: string } | null,
  limit: number,
): Promise<{ items: AuditItem[]; nextCursor: { at: string; id: string } | null }> {
  const shown: AuditItem[] = [];
  let cursor = after;
  for (;;) {
    const rows = await listAuditRows(db, { customerId: customer.id }, cursor, limit + 1);
    shown.push(...(await visibleTo(db, actor, customer, rows.map(toAuditItem))));
    const last = rows.at(-1);
    if (shown.length > limit || rows.length <= limit || !last) break;
    cursor = { at: last.at, id: last.id };
  }
  const items = shown.slice(0, limit);
  const end = items.at(-1);
  return { items, nextCursor: shown.length > limit && end ? { at: end.at, id: end.id } : null };
}
