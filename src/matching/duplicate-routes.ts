import { Type } from 'typebox';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import type { App } from '../platform/http/types.js';
import { candidatesOfCustomer, type Candidate } from './match-candidates.js';
import type { MatchReason } from './match-reason.js';
import { MayBeOut, SuspicionOut, SuspicionQuery } from './duplicate-schemas.js';
import { countSuspicions, listSuspicions, pairSideFacts } from './suspicion-store.js';

const tags = ['duplicates'];

export const presentCandidate = (c: Candidate): MayBeOut => ({
  customerId: c.customerId,
  displayName: c.displayName,
  score: Math.round(c.result.score * 10) / 10,
  band: c.result.band === 'auto' ? 'auto' : 'review',
  reasons: c.result.reasons,
});

/**
 * The duplicates queue (managers): pairs of customers who may be one person, most likely first, each
 * with its reasons field by field and, for each side, what tells it apart (where it came from, its
 * email and phone, when it was added); and, for any customer, who else may be them.
 */
export async function duplicateRoutes(app: App) {
  app.get(
    '/duplicates',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Pairs of customers who may be one person, most likely first, with the reasons; merge them (POST /customers/{id}/merge) or say they are two people (POST /customers/{id}/distinct)',
        querystring: SuspicionQuery,
        response: { 200: Type.Object({ ...Page(SuspicionOut).properties, total: Type.Integer() }), 400: ProblemSchema },
      },
    },
    async (request) => {
      const { cursor, limit = 50, customerId } = request.query;
      const key = decodeCursor(cursor, ['number', 'text']);
      const rows = await listSuspicions(app.db, key ? { score: Number(key[0]), id: String(key[1]) } : null, limit + 1, customerId);
      const facts = await pairSideFacts(app.db, rows.flatMap((r) => [r.firstCustomerId, r.secondCustomerId]));
      const items = rows.map((r) => ({
        id: r.id,
        first: { id: r.firstCustomerId, displayName: r.firstName, addedAt: r.firstAddedAt, ...facts.get(r.firstCustomerId)! },
        second: { id: r.secondCustomerId, displayName: r.secondName, addedAt: r.secondAddedAt, ...facts.get(r.secondCustomerId)! },
        score: Math.round(Number(r.score) * 10) / 10,
        reasons: JSON.parse(r.reasons) as MatchReason[],
        foundBy: r.foundBy,
        importId: r.importId,
        createdAt: r.createdAt,
      }));
      return { ...pageOf(items, limit, (r) => [rows.find((x) => x.id === r.id)!.score, r.id]), total: await countSuspicions(app.db) };
    },
  );

  app.get(
    '/customers/:id/duplicates',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Customers who may be this one, best first, with the reasons', params: IdParams, response: { 200: Type.Object({ items: Type.Array(MayBeOut) }) } },
    },
    async (request) => ({ items: (await candidatesOfCustomer(app.db, request.params.id)).map(presentCandidate) }),
  );
}
