import { decodeCursor, pageOf } from '../common/cursor.js';
import type { Actor } from '../platform/auth/actor.js';
import { hasRole } from '../platform/auth/roles.js';
import type { Db } from '../platform/database/connect.js';
import { forbidden } from '../platform/errors.js';
import { missingFieldCount, missingFieldsPage, type MissingScope } from './case-field-store.js';
import type { FillInLaterItem, FillInLaterPage, FillInLaterQuery } from './urgent-schemas.js';

/**
 * The whole fill-in-later list (issue 11), of which Today shows the first 8: the missing fields of
 * the signed-in staff member's open cases, or for managers everyone's at their locations, in
 * Today's order, a page at a time. The cursor holds the moment of the first page, so the order
 * stays put while paging.
 */
export async function fillInLaterPage(db: Db, actor: Actor, query: FillInLaterQuery, now = new Date()): Promise<FillInLaterPage> {
  let scope: MissingScope = { ownerId: actor.staffId };
  if (query.scope === 'locations') {
    if (!hasRole(actor.role, 'manager')) throw forbidden('Only managers see everyone’s list at their locations.');
    scope = { locationIds: actor.locationIds.length ? actor.locationIds : null };
  }
  const limit = query.limit ?? 50;
  const cursor = decodeCursor(query.cursor, ['time', 'number', 'time', 'text']);
  const asOf = cursor ? String(cursor[0]) : now.toISOString();
  const after = cursor ? { bucket: Number(cursor[1]), at: String(cursor[2]), id: String(cursor[3]) } : null;
  const [rows, total] = await Promise.all([missingFieldsPage(db, scope, asOf, after, limit), missingFieldCount(db, scope)]);
  const page = pageOf(rows, limit, (r) => [asOf, Number(r.bucket), r.dueAt ?? r.openedAt, r.id]);
  const items: FillInLaterItem[] = page.items.map((r) => ({
    id: r.id,
    caseId: r.caseId,
    key: r.fieldKey,
    label: r.label,
    due: r.due,
    hours: r.dueHours,
    dueAt: r.dueAt,
    overdue: Number(r.bucket) === 0,
    subject: r.subject,
    type: r.caseType,
    openedAt: r.openedAt,
    helpDispatchedAt: r.helpDispatchedAt,
    customerId: r.customerId,
    customerName: r.customerName,
    ownerId: r.ownerId,
    ownerName: r.ownerName ?? null,
  }));
  return { items, nextCursor: page.nextCursor, total };
}
