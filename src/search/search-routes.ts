import { ProblemSchema } from '../common/schema.js';
import { badRequest } from '../platform/errors.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { SearchQuery, SearchResponse } from './search-schemas.js';
import { searchCustomers } from './search-service.js';

export async function searchRoutes(app: App) {
  app.get(
    '/search',
    {
      config: { access: 'frontline' },
      schema: {
        tags: ['search'],
        summary: 'Find customers by name (typos, swapped words, nicknames, accents), phone, email or external id, best first',
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: ProblemSchema },
      },
    },
    async (request) => {
      const q = request.query.q ?? '';
      if (!q.trim()) throw badRequest('Type something to look for.', [{ path: '/query/q', message: 'must not be empty' }]);
      const items = await searchCustomers(app.db, app.database.engine, { q, limit: request.query.limit ?? 10, phoneRegion: app.config.phoneRegion, locationIds: actorOf(request).locationIds });
      return { items };
    },
  );
}
