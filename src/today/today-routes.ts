import { ProblemSchema } from '../common/schema.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { composeToday, type TodayComposition } from './today-compose.js';
import { TodayOut } from './today-schemas.js';

/**
 * GET /today for every signed-in role. The sections and figures come from the composition root
 * (src/app/today.ts), passed in as this plugin's options: features never import the application.
 */
export async function todayRoutes(app: App, composition: TodayComposition) {
  app.get(
    '/today',
    {
      config: { access: 'frontline' },
      schema: {
        tags: ['today'],
        summary: 'The signed-in staff member’s Today: what needs them, section by section, the most pressing first',
        description:
          'Sections in a fixed order (promises, waiting customers, cases, keep in touch, life events worth acknowledging). A manager’s sections cover their locations (a manager with no locations: all of them), with figures such as the on-time rate of promises. A section whose source fails says so (status failed) and the others still answer.',
        response: { 200: TodayOut, 401: ProblemSchema },
      },
    },
    async (request) => composeToday(app.db, actorOf(request), new Date(), composition, request.log),
  );
}
