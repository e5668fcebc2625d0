import { sql } from 'kysely';
import { Type } from 'typebox';
import type { App } from './types.js';

export async function healthRoutes(app: App) {
  app.get(
    '/health',
    {
      // Never rate-limited: a load balancer polling a busy server must not be told it is down.
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['platform'],
        summary: 'Is the server up and its database reachable',
        security: [],
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.String() }) },
      },
    },
    async () => {
      await sql`select 1`.execute(app.db);
      return { status: 'ok' as const, database: app.database.engine };
    },
  );
}
