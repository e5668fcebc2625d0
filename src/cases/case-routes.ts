import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { TrashReceipt } from '../trash/trash-schemas.js';
import { createCase, deleteCase, escalateCase, linkInteraction, recordApology, unlinkInteraction, updateCase } from './case-commands.js';
import { caseFigures } from './case-figures.js';
import { caseDetail, presentCases } from './case-read.js';
import { ApologyIn, CaseCreate, CaseDetail, CaseListQuery, CaseOut, CasePatch, EscalationIn, FiguresOut, FiguresQuery, TargetsIn, TargetsOut, ThreadLinkIn, ThreadParams } from './case-schemas.js';
import { listCaseRows } from './case-store.js';
import { listTargets, setTargets } from './case-targets.js';

const tags = ['cases'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

const detail = caseDetail;

export async function caseRoutes(app: App) {
  app.post(
    '/cases',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Open a case (a request, complaint or question) for a customer; its targets start counting in business hours', body: CaseCreate, response: { 201: CaseDetail, ...errors } },
    },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createCase(trx, writeContextOf(request), request.body));
      return reply.status(201).header('location', `/api/v1/cases/${id}`).send(await detail(app.db, id));
    },
  );

  app.get(
    '/cases',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Cases, newest opened first: filter by customer, owner, location, the manager they are escalated to, open or not, near or past a target',
        querystring: CaseListQuery,
        response: { 200: Page(CaseOut), 400: ProblemSchema },
      },
    },
    async (request) => {
      const { cursor, limit = 50, ...filter } = request.query;
      const after = decodeCursor(cursor, ['time', 'text']);
      const now = Date.now();
      const rows = await listCaseRows(app.db, { ...filter, now: new Date(now).toISOString() }, after ? { openedAt: String(after[0]), id: String(after[1]) } : null, limit + 1);
      const page = pageOf(rows, limit, (r) => [r.openedAt, r.id]);
      return { items: await presentCases(app.db, page.items, now), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/cases/figures',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Response targets met and missed, per location and per owner: open now, past or near a target, and the cases opened in a period',
        querystring: FiguresQuery,
        response: { 200: FiguresOut, 400: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => caseFigures(app.db, actorOf(request), request.query),
  );

  app.get(
    '/cases/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'One case: its targets and the time left to each in business hours, its thread and history', params: IdParams, response: { 200: CaseDetail, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => detail(app.db, request.params.id),
  );

  app.patch(
    '/cases/:id',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Change a case: its status, priority (and so its targets), owner, location, subject or type', params: IdParams, body: CasePatch, response: { 200: CaseDetail, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => updateCase(trx, writeContextOf(request), request.params.id, request.body));
      return detail(app.db, request.params.id);
    },
  );

  app.post(
    '/cases/:id/escalate',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Escalate a case to a manager, with the reason: it goes on their list', params: IdParams, body: EscalationIn, response: { 200: CaseDetail, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => escalateCase(trx, writeContextOf(request), request.params.id, request.body));
      return detail(app.db, request.params.id);
    },
  );

  app.post(
    '/cases/:id/thread',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: "Add a logged contact of the same customer to the case's thread (an answer stops a response target)", params: IdParams, body: ThreadLinkIn, response: { 200: CaseDetail, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => linkInteraction(trx, writeContextOf(request), request.params.id, request.body.interactionId));
      return detail(app.db, request.params.id);
    },
  );

  app.delete(
    '/cases/:id/thread/:interactionId',
    { config: { access: 'frontline' }, schema: { tags, summary: "Take a contact out of the case's thread (the contact stays)", params: ThreadParams, response: { 200: CaseDetail, ...errors } } },
    async (request) => {
      await app.db.transaction().execute((trx) => unlinkInteraction(trx, writeContextOf(request), request.params.id, request.params.interactionId));
      return detail(app.db, request.params.id);
    },
  );

  app.post(
    '/cases/:id/apologies',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Record that the customer was told about a missed target and we apologised (the brief stops asking for it)', params: IdParams, body: ApologyIn, response: { 200: CaseDetail, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => recordApology(trx, writeContextOf(request), request.params.id, request.body));
      return detail(app.db, request.params.id);
    },
  );

  app.delete(
    '/cases/:id',
    { config: { access: 'manager' }, schema: { tags, summary: 'Delete a case with its history (to the trash, where a manager can restore it, thread and all)', params: IdParams, response: { 200: TrashReceipt, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => app.db.transaction().execute((trx) => deleteCase(trx, writeContextOf(request), request.params.id)),
  );

  app.get(
    '/case-targets',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Response targets per priority, in business minutes', response: { 200: TargetsOut } } },
    async () => ({ items: await listTargets(app.db) }),
  );

  app.put(
    '/case-targets',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Set the response targets of some priorities (cases opened or re-prioritised from now on take them)',
        body: TargetsIn,
        response: { 200: TargetsOut, 400: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => setTargets(trx, writeContextOf(request), request.body));
      return { items: await listTargets(app.db) };
    },
  );
}
