import { IdParams, ProblemSchema } from '../common/schema.js';
import { loadCustomer } from '../customers/customer-store.js';
import { canSeeFact } from '../platform/auth/private-facts.js';
import { collectRows, rowPrivacy } from '../platform/database/customer-rows.js';
import { actorOf } from '../platform/http/actor-of.js';
import { tableSpec } from '../platform/database/customer-tables.js';
import { notFound, unprocessable } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { findCustomerRow } from '../customers/customer-store.js';
import { markDistinct, mergeCustomers, repeatsOf, undoMerge } from './merge-commands.js';
import { defaultChoices } from './merge-rules.js';
import { DistinctIn, MergeIn, MergeOut, MergePreviewOut, MergePreviewQuery, MergeReceiptOut } from './merge-schemas.js';
import { mergesOf } from './merge-store.js';
import { Type } from 'typebox';

const tags = ['merges'];

/**
 * Merging two records of one customer (managers and admins), undoing it, and "not the same person".
 * A merge moves records without showing them, so the privacy of each fact stays as it was written.
 */
export async function mergeRoutes(app: App) {
  app.get(
    '/customers/:id/merge-preview',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Two records side by side before a merge: the value each field would keep, and what would move',
        params: IdParams,
        querystring: MergePreviewQuery,
        response: { 200: MergePreviewOut, 404: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const other = request.query.with;
      if (other === id) throw unprocessable('/querystring/with', 'is the customer itself: choose the other record');
      const [survivorRow, mergedRow] = await Promise.all([findCustomerRow(app.db, id), findCustomerRow(app.db, other)]);
      if (!survivorRow) throw notFound(`Customer ${id}`);
      if (!mergedRow) throw unprocessable('/querystring/with', `customer ${other} does not exist`);
      const [survivor, merged] = await Promise.all([loadCustomer(app.db, id), loadCustomer(app.db, other)]);
      const counts = new Map<string, number>();
      const repeats = new Set((await repeatsOf(app.db, id, other)).map((held) => held.row.id));
      for (const held of await collectRows(app.db, 'customers', other)) {
        // Counted as the trash counts: a private fact the reader may not see is not even counted.
        if (held.table === 'customers' || repeats.has(held.row.id) || !canSeeFact(actorOf(request), rowPrivacy(held))) continue;
        const { heading } = tableSpec(held.table);
        counts.set(heading, (counts.get(heading) ?? 0) + 1);
      }
      return { survivor: survivor!, merged: merged!, choices: defaultChoices(survivorRow, mergedRow), records: [...counts].map(([heading, count]) => ({ heading, count })) };
    },
  );

  app.post(
    '/customers/:id/merge',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Merge another record of this customer into this one (it keeps its id); undo with POST /merges/{id}/undo',
        params: IdParams,
        body: MergeIn,
        response: { 200: MergeReceiptOut, 404: ProblemSchema, 409: ProblemSchema, 410: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => app.db.transaction().execute((trx) => mergeCustomers(trx, writeContextOf(request), request.params.id, request.body)),
  );

  app.post(
    '/merges/:id/undo',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Undo a merge: both customers as they were, each with their records; edits made since stay where they were made',
        params: IdParams,
        response: { 200: MergeReceiptOut, 404: ProblemSchema, 409: ProblemSchema, 410: ProblemSchema },
      },
    },
    async (request) => app.db.transaction().execute((trx) => undoMerge(trx, writeContextOf(request), request.params.id)),
  );

  app.get(
    '/customers/:id/merges',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Records merged into this customer, or this record merged away, newest first', params: IdParams, response: { 200: Type.Object({ items: Type.Array(MergeOut) }) } },
    },
    async (request) => {
      const rows = await mergesOf(app.db, request.params.id);
      return {
        items: rows.map((r) => ({
          id: r.id,
          survivorId: r.survivorCustomerId,
          mergedId: r.mergedCustomerId,
          mergedName: String((JSON.parse(r.mergedRow) as { displayName?: unknown }).displayName ?? ''),
          reason: r.reason,
          createdAt: r.createdAt,
          createdBy: r.createdBy,
          createdByName: r.createdByName ?? null,
          undoneAt: r.undoneAt,
          undoneByName: r.undoneByName ?? null,
        })),
      };
    },
  );

  app.post(
    '/customers/:id/distinct',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Say that another record is not the same person (twins, father and son): they are not suggested as duplicates again',
        params: IdParams,
        body: DistinctIn,
        response: { 204: Type.Null(), 404: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      await app.db.transaction().execute((trx) => markDistinct(trx, writeContextOf(request), request.params.id, request.body.otherId, request.body.reason));
      return reply.code(204).send(null);
    },
  );
}
