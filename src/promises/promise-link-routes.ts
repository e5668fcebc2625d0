import { ProblemSchema } from '../common/schema.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { existingPromise } from './promise-commands.js';
import { createPromiseLink, customerPagePath, openPromiseLink, revokePromiseLink } from './promise-link-commands.js';
import { LinkCreate, LinkCreated, LinkParams, PromiseOut, PromiseParams, PublicOpen, PublicPromise } from './promise-schemas.js';
import { presentPromises } from './promise-store.js';

const tags = ['promises'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

/** The customer's own view of a promise: links staff make and revoke, and the page the customer opens. */
export async function promiseLinkRoutes(app: App) {
  app.post(
    '/promises/:id/links',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Make a link that shows the customer their promise (signed, unguessable, expiring after 30 days unless said); send it yourself. The token is shown once',
        params: PromiseParams,
        body: LinkCreate,
        response: { 201: LinkCreated, ...errors },
      },
    },
    async (request, reply) => {
      const { link, token } = await app.db.transaction().execute(async (trx) => {
        const made = await createPromiseLink(trx, writeContextOf(request), request.params.id, request.body ?? {});
        const promise = (await presentPromises(trx, [await existingPromise(trx, request.params.id)], new Date()))[0]!;
        return { link: promise.links.find((l) => l.id === made.linkId)!, token: made.token };
      });
      return reply.status(201).send({ ...link, token, path: customerPagePath(token) });
    },
  );

  app.post(
    '/promises/:id/links/:linkId/revoke',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Revoke a customer link: it stops working at once', params: LinkParams, response: { 200: PromiseOut, ...errors } } },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        await revokePromiseLink(trx, writeContextOf(request), request.params.id, request.params.linkId);
        return (await presentPromises(trx, [await existingPromise(trx, request.params.id)], new Date()))[0]!;
      }),
  );

  app.post(
    '/promise-links/open',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          "The customer's own view of their promise, without signing in: what was promised, the date now expected, each change with its reason, who to contact. Opening it is recorded on their timeline. An unknown, revoked or expired link answers 404",
        body: PublicOpen,
        response: { 200: PublicPromise, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => app.db.transaction().execute((trx) => openPromiseLink(trx, request.body.token)),
  );
}
