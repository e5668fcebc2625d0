import { IdParams, ProblemSchema } from '../common/schema.js';
import { actorOf } from '../platform/http/actor-of.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { accountOf } from '../transactions/account.js';
import { composeBrief } from './brief-rules.js';
import { BriefOut } from './brief-schemas.js';
import { gatherBriefFacts } from './brief-store.js';
import { handoffBanners } from '../handoffs/handoff-brief.js';

export async function briefRoutes(app: App) {
  app.get(
    '/customers/:id/brief',
    {
      config: { access: 'frontline' },
      schema: {
        tags: ['customers'],
        summary: 'The person-first brief: how to greet them, who they are to us, their life, what we owe them, what happened last',
        params: IdParams,
        response: { 200: BriefOut, 404: ProblemSchema },
      },
    },
    async (request) => {
      const now = new Date();
      const actor = actorOf(request);
      const facts = await gatherBriefFacts(app.db, actor, request.params.id, accountOf, now);
      if (!facts) throw notFound(`Customer ${request.params.id}`);
      const handoffs = await handoffBanners(app.db, actor, request.params.id);
      return {
        customerId: request.params.id,
        displayName: facts.customer.displayName,
        ...composeBrief(facts),
        handoffs,
        generatedAt: now.toISOString(),
      };
    },
  );
}
