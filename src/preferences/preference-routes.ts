import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { customerExists } from '../customers/customer-store.js';
import { notFound } from '../platform/errors.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { TrashReceipt } from '../trash/trash-schemas.js';
import { createPreference, deletePreference, updatePreference, visiblePreference } from './preference-commands.js';
import { PreferenceCreate, PreferenceListQuery, PreferenceOut, PreferencePatch } from './preference-schemas.js';
import { listPreferences, presentPreference } from './preference-store.js';

const tags = ['preferences'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

export async function preferenceRoutes(app: App) {
  app.post(
    '/preferences',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Record what a customer prefers ("Appointments": "mornings, never Mondays")', body: PreferenceCreate, response: { 201: PreferenceOut, ...errors } },
    },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createPreference(trx, writeContextOf(request), request.body));
      const preference = presentPreference(await visiblePreference(app.db, actorOf(request), id));
      return reply.status(201).header('location', `/api/v1/preferences/${id}`).send(preference);
    },
  );

  app.get(
    '/preferences',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: "A customer's preferences, in the order they were learnt", querystring: PreferenceListQuery, response: { 200: Page(PreferenceOut), 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => {
      const { customerId, cursor } = request.query;
      const limit = request.query.limit ?? 50;
      if (!(await customerExists(app.db, customerId))) throw notFound(`Customer ${customerId}`);
      const after = decodeCursor(cursor, ['time', 'text']);
      const items = await listPreferences(app.db, actorOf(request), {
        customerId,
        after: after ? { createdAt: String(after[0]), id: String(after[1]) } : null,
        limit: limit + 1,
      });
      return pageOf(items, limit, (r) => [r.createdAt, r.id]);
    },
  );

  app.get(
    '/preferences/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'One preference', params: IdParams, response: { 200: PreferenceOut, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => presentPreference(await visiblePreference(app.db, actorOf(request), request.params.id)),
  );

  app.patch(
    '/preferences/:id',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Change a preference, how we know it, or who may see it', params: IdParams, body: PreferencePatch, response: { 200: PreferenceOut, ...errors } },
    },
    async (request) =>
      // As written: whoever changed it saw it, even if a new sensitivity now hides it from them.
      app.db.transaction().execute(async (trx) => {
        await updatePreference(trx, writeContextOf(request), request.params.id, request.body);
        return presentPreference(await visiblePreference(trx, null, request.params.id));
      }),
  );

  app.delete(
    '/preferences/:id',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Delete a preference (to the trash, where a manager can restore it)', params: IdParams, response: { 200: TrashReceipt, 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => app.db.transaction().execute((trx) => deletePreference(trx, writeContextOf(request), request.params.id)),
  );
}
