import { decodeCursor, pageOf } from '../common/cursor.js';
import { Page, ProblemSchema } from '../common/schema.js';
import { customerExists } from '../customers/customer-store.js';
import { notFound, unprocessable } from '../platform/errors.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { TrashReceipt } from '../trash/trash-schemas.js';
import {
  closePromise,
  createPromise,
  deletePromise,
  existingPromise,
  handOverPromise,
  keepPromise,
  recordTold,
  revisePromise,
  updatePromise,
} from './promise-commands.js';
import { figuresBy, promiseFigures, type FigureGroup } from './promise-rules.js';
import {
  CloseInput,
  FiguresQuery,
  FiguresReport,
  HandoverInput,
  KeepInput,
  PromiseCreate,
  PromiseListQuery,
  PromiseOut,
  PromiseParams,
  PromisePatch,
  RevisionCreate,
  ToldInput,
} from './promise-schemas.js';
import { figureInputs, listPromiseRows, namesOf, presentPromises, type FigureScope } from './promise-store.js';
import type { Db } from '../platform/database/connect.js';
import { promiseLinkRoutes } from './promise-link-routes.js';

const tags = ['promises'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const year = 365 * 86_400_000;

/** One promise as the API shows it, read after the write (in the same transaction). */
const present = async (db: Db, id: string) => (await presentPromises(db, [await existingPromise(db, id)], new Date()))[0]!;

export async function promiseRoutes(app: App) {
  app.post(
    '/promises',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Make a promise to a customer: what, by when (a day or a moment), who owns it', body: PromiseCreate, response: { 201: PromiseOut, ...errors } },
    },
    async (request, reply) => {
      const promise = await app.db.transaction().execute(async (trx) => present(trx, await createPromise(trx, writeContextOf(request), request.body)));
      return reply.status(201).header('location', `/api/v1/promises/${promise.id}`).send(promise);
    },
  );

  app.get(
    '/promises',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: "Promises by due date, soonest first: a customer's, an owner's, by status, or only the overdue ones",
        querystring: PromiseListQuery,
        response: { 200: Page(PromiseOut), 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { customerId, ownerId, status, overdue, cursor } = request.query;
      const limit = request.query.limit ?? 50;
      if (customerId && !(await customerExists(app.db, customerId))) throw notFound(`Customer ${customerId}`);
      const after = decodeCursor(cursor, ['time', 'text']);
      const now = new Date();
      const rows = await listPromiseRows(app.db, {
        customerId,
        ownerId,
        status,
        overdueAt: overdue ? now.toISOString() : undefined,
        after: after ? { dueBy: String(after[0]), id: String(after[1]) } : null,
        limit: limit + 1,
      });
      const page = pageOf(rows, limit, (r) => [r.dueBy, r.id]);
      return { items: await presentPromises(app.db, page.items, now), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/promises/figures',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary:
          'On-time rates (kept by the date first promised, and by the date in force) and slips per promise, by staff member, location or customer. Frontline staff see their own promises, managers those at their locations, admins all; anyone may ask about one customer',
        querystring: FiguresQuery,
        response: { 200: FiguresReport, 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const by: FigureGroup = request.query.by ?? 'staff';
      const now = new Date();
      const to = request.query.to ? new Date(request.query.to) : now;
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - year);
      if (from > to) throw unprocessable('/query/from', 'must be before "to"');
      let scope: FigureScope;
      let scopeWords: string;
      if (request.query.customerId) {
        if (!(await customerExists(app.db, request.query.customerId))) throw notFound(`Customer ${request.query.customerId}`);
        scope = { customerId: request.query.customerId };
        scopeWords = "this customer's promises";
      } else if (actor.role === 'frontline') {
        scope = { ownerId: actor.staffId };
        scopeWords = 'your promises';
      } else if (actor.role === 'manager' && actor.locationIds.length) {
        scope = { locationIds: actor.locationIds, ownerId: actor.staffId };
        scopeWords = 'promises at your locations';
      } else {
        scope = { all: true };
        scopeWords = 'every promise';
      }
      const inputs = await figureInputs(app.db, scope, from.toISOString(), to.toISOString());
      const groups = figuresBy(inputs, by, now);
      const names = await namesOf(app.db, by, groups.map((g) => g.key).filter((k): k is string => k !== null));
      return {
        by,
        from: from.toISOString(),
        to: to.toISOString(),
        scope: scopeWords,
        total: promiseFigures(inputs, now),
        groups: groups.map((g) => ({ key: g.key, name: g.key ? names.get(g.key) ?? null : null, figures: g.figures })),
      };
    },
  );

  app.get(
    '/promises/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'One promise with its changes of date, hand-overs and customer links', params: PromiseParams, response: { 200: PromiseOut, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => present(app.db, request.params.id),
  );

  app.patch(
    '/promises/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Reword what was promised (the date changes with a revision)', params: PromiseParams, body: PromisePatch, response: { 200: PromiseOut, ...errors } } },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        await updatePromise(trx, writeContextOf(request), request.params.id, request.body);
        return present(trx, request.params.id);
      }),
  );

  app.delete(
    '/promises/:id',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Delete a promise made in error (to the trash, with its history and links, where a manager can restore it)', params: PromiseParams, response: { 200: TrashReceipt, 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => app.db.transaction().execute((trx) => deletePromise(trx, writeContextOf(request), request.params.id)),
  );

  app.post(
    '/promises/:id/revisions',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Change the due date: why, whether and how the customer was told, whether we apologised',
        params: PromiseParams,
        body: RevisionCreate,
        response: { 201: PromiseOut, ...errors },
      },
    },
    async (request, reply) => {
      const promise = await app.db.transaction().execute(async (trx) => {
        await revisePromise(trx, writeContextOf(request), request.params.id, request.body);
        return present(trx, request.params.id);
      });
      return reply.status(201).send(promise);
    },
  );

  app.post(
    '/promises/:id/told',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Record that the customer was told of the latest change of date (and that we apologised)', params: PromiseParams, body: ToldInput, response: { 200: PromiseOut, ...errors } },
    },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        await recordTold(trx, writeContextOf(request), request.params.id, request.body);
        return present(trx, request.params.id);
      }),
  );

  app.post(
    '/promises/:id/keep',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Mark a promise kept (now, or when it was)', params: PromiseParams, body: KeepInput, response: { 200: PromiseOut, ...errors } } },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        await keepPromise(trx, writeContextOf(request), request.params.id, request.body ?? {});
        return present(trx, request.params.id);
      }),
  );

  for (const [verb, status, summary] of [
    ['break', 'broken', 'Mark a promise broken, saying why'],
    ['cancel', 'cancelled', 'Cancel a promise (the customer no longer wants it, or it no longer applies), saying why'],
  ] as const) {
    app.post(
      `/promises/:id/${verb}`,
      { config: { access: 'frontline' }, schema: { tags, summary, params: PromiseParams, body: CloseInput, response: { 200: PromiseOut, ...errors } } },
      async (request) =>
        app.db.transaction().execute(async (trx) => {
          await closePromise(trx, writeContextOf(request), request.params.id, status, request.body);
          return present(trx, request.params.id);
        }),
    );
  }

  app.post(
    '/promises/:id/handovers',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Hand a promise to a colleague, saying why (the history is kept)', params: PromiseParams, body: HandoverInput, response: { 201: PromiseOut, ...errors } } },
    async (request, reply) => {
      const promise = await app.db.transaction().execute(async (trx) => {
        await handOverPromise(trx, writeContextOf(request), request.params.id, request.body);
        return present(trx, request.params.id);
      });
      return reply.status(201).send(promise);
    },
  );

  await promiseLinkRoutes(app);
}
