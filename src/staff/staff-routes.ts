import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, PageQuery, ProblemSchema } from '../common/schema.js';
import { actorOf, personOnly } from '../platform/http/actor-of.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { createIntegration, createStaff, inviteStaff, resetPassword, updateStaff, type IssuedLink } from './staff-commands.js';
import { welcomePath } from './staff-rules.js';
import { IntegrationCreate, StaffBrief, StaffCreate, StaffInvite, StaffOut, StaffPatch, StaffWithLink, toStaffBrief } from './staff-schemas.js';
import { listStaffPage, loadStaff, presentStaff } from './staff-store.js';

const tags = ['staff'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const BriefPage = Page(StaffBrief);
const FullPage = Page(StaffOut);

/**
 * Staff accounts. Everyone signed in may see who their colleagues are (name, role, active);
 * emails, locations and the account history are for admins, and only admins change accounts.
 */
export async function staffRoutes(app: App) {
  const isAdmin = (request: FastifyRequest) => actorOf(request).role === 'admin';
  // Non-admins are answered through the brief schema, so a field added to StaffOut cannot reach them by accident.
  const sendBrief = <T>(reply: FastifyReply, schema: typeof BriefPage | typeof StaffBrief, payload: T) =>
    reply
      .type('application/json; charset=utf-8')
      .serializer(reply.compileSerializationSchema(schema as unknown as Record<string, unknown>, '200'))
      .send(payload);

  const load = async (id: string) => {
    const staff = await loadStaff(app.db, id);
    if (!staff) throw notFound(`Staff member ${id}`);
    return staff;
  };

  app.get(
    '/staff',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'List staff accounts by name (admins also see emails and locations)',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Type.Union([FullPage, BriefPage]), 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, 2);
      const rows = await listStaffPage(app.db, after ? { name: String(after[0]), id: String(after[1]) } : null, limit + 1);
      const page = pageOf(rows, limit, (r) => [r.name, r.id]);
      const items = await presentStaff(app.db, page.items);
      const { nextCursor } = page;
      if (isAdmin(request)) return { items, nextCursor };
      return sendBrief(reply, BriefPage, { items: items.map(toStaffBrief), nextCursor });
    },
  );

  app.get(
    '/staff/:id',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'One staff account (admins also see email and locations)', params: IdParams, response: { 200: Type.Union([StaffOut, StaffBrief]), 404: ProblemSchema } },
    },
    async (request, reply) => {
      const staff = await load(request.params.id);
      return isAdmin(request) ? staff : sendBrief(reply, StaffBrief, toStaffBrief(staff));
    },
  );

  app.post(
    '/staff',
    { config: { access: 'admin' }, preHandler: personOnly, schema: { tags, summary: 'Create a staff account (signed in, not with a token)', body: StaffCreate, response: { 201: StaffOut, ...errors } } },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createStaff(trx, request.actor, request.body));
      return reply.status(201).header('location', `/api/v1/staff/${id}`).send(await load(id));
    },
  );

  /** The account and its one-time link; the link's secret is in this answer only. */
  const withLink = async (request: FastifyRequest, issued: IssuedLink) => {
    const path = welcomePath(issued.secret);
    return { staff: await load(issued.staffId), link: { url: `${request.protocol}://${request.host}${path}`, path, expiresAt: issued.expiresAt } };
  };

  app.post(
    '/staff/invitations',
    {
      config: { access: 'admin' },
      preHandler: personOnly,
      schema: {
        tags,
        summary: 'Invite a person: the answer carries a one-time link (7 days) for them to choose a password (signed in, not with a token)',
        body: StaffInvite,
        response: { 201: StaffWithLink, ...errors },
      },
    },
    async (request, reply) => {
      const issued = await app.db.transaction().execute((trx) => inviteStaff(trx, request.actor, request.body));
      return reply
        .status(201)
        .header('location', `/api/v1/staff/${issued.staffId}`)
        .header('cache-control', 'no-store')
        .send(await withLink(request, issued));
    },
  );

  app.post(
    '/staff/integrations',
    {
      config: { access: 'admin' },
      preHandler: personOnly,
      schema: {
        tags,
        summary: 'Add an integration account (e.g. "POS sync"): a role and locations, no email and no password; it acts only through API tokens an admin makes for it',
        body: IntegrationCreate,
        response: { 201: StaffOut, ...errors },
      },
    },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createIntegration(trx, request.actor, request.body));
      return reply.status(201).header('location', `/api/v1/staff/${id}`).send(await load(id));
    },
  );

  app.post(
    '/staff/:id/password-reset',
    {
      config: { access: 'admin' },
      preHandler: personOnly,
      schema: {
        tags,
        summary: 'Reset a password: the old one, the sessions and the API tokens stop at once; the answer carries a one-time link (7 days) to choose a new one',
        params: IdParams,
        response: { 200: StaffWithLink, 404: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const issued = await app.db.transaction().execute((trx) => resetPassword(trx, request.actor, request.params.id));
      return reply.header('cache-control', 'no-store').send(await withLink(request, issued));
    },
  );

  app.patch(
    '/staff/:id',
    {
      config: { access: 'admin' },
      preHandler: personOnly,
      schema: {
        tags,
        summary:
          'Change a staff account: name, role, locations, disable (active: false) or set a new password; disabling or a new password ends its sessions and revokes its API tokens',
        params: IdParams,
        body: StaffPatch,
        response: { 200: StaffOut, ...errors },
      },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => updateStaff(trx, request.actor, request.params.id, request.body));
      return load(request.params.id);
    },
  );
}
