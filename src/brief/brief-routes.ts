import { Type } from 'typebox';
import { IdParams, ProblemSchema } from '../common/schema.js';
import { actorOf } from '../platform/http/actor-of.js';
import { notFound } from '../platform/http/problem.js';
import type { App } from '../platform/http/types.js';
import { accountOf } from '../transactions/account.js';
import { composeBrief } from './brief-rules.js';
import { gatherBriefFacts } from './brief-store.js';

const Section = Type.Object({
  key: Type.Union([
    Type.Literal('greeting'),
    Type.Literal('who'),
    Type.Literal('life'),
    Type.Literal('owed'),
    Type.Literal('last'),
    Type.Literal('since'),
    Type.Literal('notes'),
  ]),
  heading: Type.String(),
  sentences: Type.Array(Type.String()),
  attention: Type.Boolean({ description: 'Something here needs acting on' }),
});

const BriefOut = Type.Object({
  customerId: Type.String(),
  displayName: Type.String(),
  greetAs: Type.String({ description: 'The name to greet them by' }),
  sections: Type.Array(Section),
  generatedAt: Type.String({ format: 'date-time' }),
});

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
      const facts = await gatherBriefFacts(app.db, actorOf(request), request.params.id, accountOf, now);
      if (!facts) throw notFound(`Customer ${request.params.id}`);
      return {
        customerId: request.params.id,
        displayName: facts.customer.displayName,
        ...composeBrief(facts),
        generatedAt: now.toISOString(),
      };
    },
  );
}
