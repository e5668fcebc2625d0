import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { customerExists } from '../customers/customer-store.js';
import { actorOf } from '../platform/http/actor-of.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { TrashReceipt } from '../trash/trash-schemas.js';
import { createLifeEvent, deleteLifeEvent, updateLifeEvent, visibleLifeEvent } from './life-event-commands.js';
import { LifeEventAcknowledgementOut, LifeEventCreate, LifeEventListQuery, LifeEventOut, LifeEventPatch } from './life-event-schemas.js';
import { acknowledgeLifeEvent } from './life-event-today-commands.js';
import { listLifeEvents } from './life-event-store.js';

const tags = ['life events'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

export async function lifeEventRoutes(app: App) {
  app.post(
    '/life-events',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Record a life event (a move, a new job, a son starting college)', body: LifeEventCreate, response: { 201: LifeEventOut, ...errors } },
    },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createLifeEvent(trx, writeContextOf(request), request.body));
      const event = await visibleLifeEvent(app.db, actorOf(request), id);
      return reply.status(201).header('location', `/api/v1/life-events/${id}`).send(event);
    },
  );

  app.get(
    '/life-events',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Life events a customer is involved in, theirs or a relative’s, newest first',
        querystring: LifeEventListQuery,
        response: { 200: Page(LifeEventOut), 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { customerId, cursor } = request.query;
      const limit = request.query.limit ?? 50;
      if (!(await customerExists(app.db, customerId))) throw notFound(`Customer ${customerId}`);
      const after = decodeCursor(cursor, ['time', 'text']);
      const items = await listLifeEvents(app.db, actorOf(request), {
        customerId,
        after: after ? { createdAt: String(after[0]), id: String(after[1]) } : null,
        limit: limit + 1,
      });
      return pageOf(items, limit, (r) => [r.createdAt, r.id]);
    },
  );

  app.get(
    '/life-events/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'One life event', params: IdParams, response: { 200: LifeEventOut, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => visibleLifeEvent(app.db, actorOf(request), request.params.id),
  );

  app.patch(
    '/life-events/:id',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Change a life event, who it involves, or who may see it', params: IdParams, body: LifeEventPatch, response: { 200: LifeEventOut, ...errors } },
    },
    async (request) =>
      // The event as written: whoever changed it saw it, even if a new sensitivity now hides it from them.
      app.db.transaction().execute(async (trx) => {
        await updateLifeEvent(trx, writeContextOf(request), request.params.id, request.body);
        return visibleLifeEvent(trx, null, request.params.id);
      }),
  );

  app.post(
    '/life-events/:id/acknowledge',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Acknowledge a life event Today suggested ("Noted"): it leaves your Today, and a note says you know',
        params: IdParams,
        response: { 200: LifeEventAcknowledgementOut, ...errors },
      },
    },
    async (request) => app.db.transaction().execute((trx) => acknowledgeLifeEvent(trx, writeContextOf(request), request.params.id)),
  );

  app.delete(
    '/life-events/:id',
    { config: { access: 'manager' }, schema: { tags, summary: 'Delete a life event (to the trash, where a manager can restore it)', params: IdParams, response: { 200: TrashReceipt, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => app.db.transaction().execute((trx) => deleteLifeEvent(trx, writeContextOf(request), request.params.id)),
  );
}
