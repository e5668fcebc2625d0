import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { IdParams, ProblemSchema } from '../common/schema.js';
import { customerExists } from '../customers/customer-store.js';
import { actorOf } from '../platform/http/actor-of.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { mergePage, parseKinds } from './timeline-rules.js';
import { TimelinePage, TimelineQuery } from './timeline-schemas.js';
import { timelineKinds, timelineSources } from './timeline-sources.js';

export async function timelineRoutes(app: App) {
  app.get(
    '/customers/:id/timeline',
    {
      config: { access: 'frontline' },
      schema: {
        tags: ['timeline'],
        summary: 'Everything about a customer in one stream, newest first: interactions, transactions, life events, notes',
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: TimelinePage, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const limit = request.query.limit ?? 50;
      const kinds = parseKinds(request.query.kinds, timelineKinds);
      const cursor = decodeCursor(request.query.cursor, ['time', 'text']);
      if (!(await customerExists(app.db, id))) throw notFound(`Customer ${id}`);
      // One query per kind, each cut to limit + 1 rows after the cursor, merged here.
      const query = {
        customerId: id,
        actor: actorOf(request),
        before: cursor ? { at: String(cursor[0]), id: String(cursor[1]) } : null,
        limit: limit + 1,
      };
      const lists = await Promise.all(timelineSources.filter((s) => kinds.includes(s.kind)).map((s) => s.items(app.db, query)));
      const { items, more } = mergePage(lists, limit);
      const last = items.at(-1);
      return { items, nextCursor: more && last ? encodeCursor([last.at, last.id]) : null };
    },
  );
}
