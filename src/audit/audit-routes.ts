import { decodeCursor, encodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { findCustomerRow } from '../customers/customer-store.js';
import { actorOf } from '../platform/http/actor-of.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { toIso } from '../platform/time.js';
import { customerHistory, toAuditItem } from './audit-history.js';
import { AuditItem, AuditQuery, HistoryQuery } from './audit-schemas.js';
import { listAuditRows } from './audit-store.js';

const tags = ['audit'];

const cursorKey = (cursor: string | undefined) => {
  const key = decodeCursor(cursor, ['time', 'text']);
  return key ? { at: String(key[0]), id: String(key[1]) } : null;
};

/** The audit trail is read-only through the product: there is no route that edits or deletes it. */
export async function auditRoutes(app: App) {
  app.get(
    '/audit',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'The audit trail, newest first: who changed what, when, and the before/after of each change',
        querystring: AuditQuery,
        response: { 200: Page(AuditItem), 400: ProblemSchema },
      },
    },
    async (request) => {
      const { cursor, limit = 50, from, to, ...filter } = request.query;
      const rows = await listAuditRows(
        app.db,
        actorOf(request),
        { ...filter, from: from ? toIso(from) : undefined, to: to ? toIso(to) : undefined },
        cursorKey(cursor),
        limit + 1,
      );
      const page = pageOf(rows, limit, (r) => [r.at, r.id]);
      return { items: page.items.map(toAuditItem), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/customers/:id/history',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: "Who changed what on this customer, newest first (entries about private facts you may not see are left out)",
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: Page(AuditItem), 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const customer = await findCustomerRow(app.db, request.params.id);
      if (!customer) throw notFound(`Customer ${request.params.id}`);
      const page = await customerHistory(app.db, actorOf(request), customer.id, cursorKey(request.query.cursor), request.query.limit ?? 50);
      return { items: page.items, nextCursor: page.nextCursor ? encodeCursor([page.nextCursor.at, page.nextCursor.id]) : null };
    },
  );
}
