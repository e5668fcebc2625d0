import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { TrashReceipt } from '../trash/trash-schemas.js';
import { createInteraction, deleteInteraction, updateInteraction } from './interaction-commands.js';
import { InteractionCreate, InteractionListQuery, InteractionOut, InteractionPatch } from './interaction-schemas.js';
import { listInteractions, loadInteraction } from './interaction-store.js';

const tags = ['interactions'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

export async function interactionRoutes(app: App) {
  const load = async (id: string) => {
    const interaction = await loadInteraction(app.db, id);
    if (!interaction) throw notFound(`Interaction ${id}`);
    return interaction;
  };

  app.post(
    '/interactions',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Log a call, visit, email or other contact with a customer', body: InteractionCreate, response: { 201: InteractionOut, ...errors } },
    },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createInteraction(trx, writeContextOf(request), request.body));
      return reply.status(201).header('location', `/api/v1/interactions/${id}`).send(await load(id));
    },
  );

  app.get(
    '/interactions',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Interactions, newest first; filter by customer and channel',
        querystring: InteractionListQuery,
        response: { 200: Page(InteractionOut), 400: ProblemSchema },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, ['time', 'text']);
      const items = await listInteractions(app.db, {
        customerId: request.query.customerId ?? null,
        channel: request.query.channel ?? null,
        after: after ? { occurredAt: String(after[0]), id: String(after[1]) } : null,
        limit: limit + 1,
      });
      return pageOf(items, limit, (r) => [r.occurredAt, r.id]);
    },
  );

  app.get(
    '/interactions/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'One interaction', params: IdParams, response: { 200: InteractionOut, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => load(request.params.id),
  );

  app.patch(
    '/interactions/:id',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Correct an interaction (it stays with its customer)', params: IdParams, body: InteractionPatch, response: { 200: InteractionOut, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => updateInteraction(trx, writeContextOf(request), request.params.id, request.body));
      return load(request.params.id);
    },
  );

  app.delete(
    '/interactions/:id',
    { config: { access: 'manager' }, schema: { tags, summary: 'Delete an interaction (to the trash, where a manager can restore it)', params: IdParams, response: { 200: TrashReceipt, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => app.db.transaction().execute((trx) => deleteInteraction(trx, writeContextOf(request), request.params.id)),
  );
}
