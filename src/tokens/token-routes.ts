import { Type } from 'typebox';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, PageQuery, ProblemSchema } from '../common/schema.js';
import { notFound } from '../platform/errors.js';
import { personOnly } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { createToken, revokeToken } from './token-commands.js';
import { TokenCreate, TokenCreated, TokenOut } from './token-schemas.js';
import { findToken, listTokenPage } from './token-store.js';

const tags = ['tokens'];

export async function tokenRoutes(app: App) {
  app.post(
    '/tokens',
    {
      config: { access: 'admin' },
      preHandler: personOnly,
      schema: {
        tags,
        summary: 'Create an API token (signed in, not with a token); the secret is in this answer only',
        body: TokenCreate,
        response: { 201: TokenCreated, 400: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id, secret } = await app.db.transaction().execute((trx) => createToken(trx, writeContextOf(request), request.body));
      const token = await findToken(app.db, id);
      if (!token) throw notFound(`API token ${id}`);
      return reply.status(201).header('cache-control', 'no-store').send({ ...token, secret });
    },
  );

  app.get(
    '/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'List API tokens, newest first, with when each was last used or revoked',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page(TokenOut), 400: ProblemSchema },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, 1);
      const rows = await listTokenPage(app.db, after ? String(after[0]) : null, limit + 1);
      return pageOf(rows, limit, (r) => [r.id]);
    },
  );

  app.delete(
    '/tokens/:id',
    { config: { access: 'admin' }, preHandler: personOnly, schema: { tags, summary: 'Revoke an API token (it answers 401 from then on)', params: IdParams, response: { 204: Type.Null(), 404: ProblemSchema } } },
    async (request, reply) => {
      await app.db.transaction().execute((trx) => revokeToken(trx, writeContextOf(request), request.params.id));
      return reply.status(204).send(null);
    },
  );
}
