import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { customerExists } from '../customers/customer-store.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { TrashReceipt } from '../trash/trash-schemas.js';
import { createProject, deleteProject, updateProject } from './project-commands.js';
import { ProjectCreate, ProjectListQuery, ProjectOut, ProjectPatch } from './project-schemas.js';
import { findProject, listProjects, presentProject } from './project-store.js';

const tags = ['projects'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

export async function projectRoutes(app: App) {
  const load = async (id: string) => {
    const row = await findProject(app.db, id);
    if (!row) throw notFound(`Project ${id}`);
    return presentProject(row);
  };

  app.post(
    '/projects',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Record what a customer is working on', body: ProjectCreate, response: { 201: ProjectOut, ...errors } } },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createProject(trx, writeContextOf(request), request.body));
      return reply.status(201).header('location', `/api/v1/projects/${id}`).send(await load(id));
    },
  );

  app.get(
    '/projects',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: "A customer's projects, newest first", querystring: ProjectListQuery, response: { 200: Page(ProjectOut), 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => {
      const { customerId, status, cursor } = request.query;
      const limit = request.query.limit ?? 50;
      if (!(await customerExists(app.db, customerId))) throw notFound(`Customer ${customerId}`);
      const after = decodeCursor(cursor, ['time', 'text']);
      const items = await listProjects(app.db, {
        customerId,
        status,
        after: after ? { createdAt: String(after[0]), id: String(after[1]) } : null,
        limit: limit + 1,
      });
      return pageOf(items, limit, (r) => [r.createdAt, r.id]);
    },
  );

  app.get(
    '/projects/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'One project', params: IdParams, response: { 200: ProjectOut, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => load(request.params.id),
  );

  app.patch(
    '/projects/:id',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Change a project (null clears a date or the detail)', params: IdParams, body: ProjectPatch, response: { 200: ProjectOut, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => updateProject(trx, writeContextOf(request), request.params.id, request.body));
      return load(request.params.id);
    },
  );

  app.delete(
    '/projects/:id',
    { config: { access: 'manager' }, schema: { tags, summary: 'Delete a project (to the trash, where a manager can restore it)', params: IdParams, response: { 200: TrashReceipt, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => app.db.transaction().execute((trx) => deleteProject(trx, writeContextOf(request), request.params.id)),
  );
}
