import { Type } from 'typebox';
import { openStatuses } from '../cases/case-clock-rules.js';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { forbidden, unprocessable } from '../platform/errors.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { toIso } from '../platform/time.js';
import { writeContextOf } from '../platform/write-context.js';
import { acceptHandoff, createHandoff, markHandoffRead, reassignHandoff, withdrawHandoff } from './handoff-commands.js';
import { heldCustomers, loadHandoff, loadHandoffs } from './handoff-read.js';
import { managesLocation } from './handoff-rules.js';
import { HandoffCreate, HandoffListQuery, HandoffOut, HandoffReadIn, HandoffReassign, HeldCustomerOut, ShiftOut, ShiftQuery } from './handoff-schemas.js';
import { acceptedAtSince, listHandoffRows, locationRow, namesOf, pendingAt, waitingAt } from './handoff-store.js';

const tags = ['hand-offs'];
const errors = { 400: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const day = 86_400_000;

/**
 * Hand-offs (scenario S5). Frontline staff write their own and accept those addressed to them or to
 * a location they work at; managers of its location (and admins) reassign an unaccepted one and see
 * the location's shift view. Private lines follow the one privacy rule on every read.
 */
export async function handoffRoutes(app: App) {
  app.post(
    '/handoffs',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: "Hand customers and their cases to a colleague or to a location's next shift; your open promises to them travel with it",
        description:
          'Pending until accepted: until then you still own the promises and cases. Per customer: what they were told, what worries them, sensitivities, the next step (each may be private: the one privacy rule), and open cases of theirs.',
        body: HandoffCreate,
        response: { 201: HandoffOut, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const handoff = await app.db.transaction().execute(async (trx) => loadHandoff(trx, actor, await createHandoff(trx, writeContextOf(request), request.body)));
      return reply.status(201).header('location', `/api/v1/handoffs/${handoff.id}`).send(handoff);
    },
  );

  app.get(
    '/handoffs',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Your hand-offs: incoming (pending, to you or your location), outgoing (yours), or accepted (by you); newest first',
        querystring: HandoffListQuery,
        response: { 200: Page(HandoffOut), 400: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, ['time', 'text']);
      const rows = await listHandoffRows(app.db, {
        staffId: actor.staffId,
        locationIds: actor.locationIds,
        box: request.query.box ?? 'incoming',
        before: after ? { at: String(after[0]), id: String(after[1]) } : null,
        limit: limit + 1,
      });
      const page = pageOf(rows, limit, (r) => [r.createdAt, r.id]);
      return { items: await loadHandoffs(app.db, actor, page.items.map((r) => r.id)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/handoffs/held-customers',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'The customers you hold open promises or open cases for, with them: what a hand-off of yours would carry',
        response: { 200: Type.Object({ items: Type.Array(HeldCustomerOut) }) },
      },
    },
    async (request) => ({ items: await heldCustomers(app.db, actorOf(request).staffId, openStatuses) }),
  );

  app.get(
    '/handoffs/shift',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: "A location's shift view: its open hand-offs, who has not accepted theirs, the customers and cases in them, and those accepted in the last day",
        description: 'Both lists come a page at a time: cursor (nextCursor) pages the open hand-offs, acceptedCursor (acceptedNextCursor) those accepted lately. waitingOn counts every open one.',
        querystring: ShiftQuery,
        response: { 200: ShiftOut, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const locationId = request.query.locationId ?? actor.locationIds[0];
      if (!locationId) throw unprocessable('/query/locationId', 'say which location');
      const location = await locationRow(app.db, locationId);
      if (!location) throw unprocessable('/query/locationId', `location ${locationId} does not exist`);
      if (!managesLocation(actor, locationId)) throw forbidden('Only managers of this location, and admins, see its shift view.');
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, ['time', 'text']);
      const acceptedAfter = decodeCursor(request.query.acceptedCursor, ['time', 'text']);
      const [pendingRows, acceptedRows, waitingRows] = await Promise.all([
        pendingAt(app.db, locationId, after ? { at: String(after[0]), id: String(after[1]) } : null, limit + 1),
        acceptedAtSince(app.db, locationId, new Date(Date.now() - day).toISOString(), acceptedAfter ? { at: String(acceptedAfter[0]), id: String(acceptedAfter[1]) } : null, limit + 1),
        waitingAt(app.db, locationId),
      ]);
      const pendingPage = pageOf(pendingRows, limit, (r) => [r.createdAt, r.id]);
      const acceptedPage = pageOf(acceptedRows, limit, (r) => [r.acceptedAt ?? '', r.id]);
      const [pending, acceptedLately, staff, locations] = await Promise.all([
        loadHandoffs(
          app.db,
          actor,
          pendingPage.items.map((r) => r.id),
        ),
        loadHandoffs(
          app.db,
          actor,
          acceptedPage.items.map((r) => r.id),
        ),
        namesOf(
          app.db,
          'staff',
          waitingRows.map((w) => w.toStaffId),
        ),
        namesOf(
          app.db,
          'locations',
          waitingRows.map((w) => w.toLocationId),
        ),
      ]);
      const waitingOn = waitingRows
        .map((w) => ({
          staffId: w.toStaffId,
          name: (w.toStaffId ? staff.get(w.toStaffId) : null) ?? `The next shift at ${(w.toLocationId ? locations.get(w.toLocationId) : null) ?? location.name}`,
          handoffs: Number(w.handoffs),
          since: toIso(w.since as string | Date),
        }))
        .sort((a, b) => a.since.localeCompare(b.since) || a.name.localeCompare(b.name));
      return {
        locationId,
        locationName: location.name,
        pending,
        nextCursor: pendingPage.nextCursor,
        waitingOn,
        acceptedLately,
        acceptedNextCursor: acceptedPage.nextCursor,
      };
    },
  );

  app.get(
    '/handoffs/:id',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'One hand-off with its customers, the lines you may read, its cases and promises, and who read it', params: IdParams, response: { 200: HandoffOut, 404: ProblemSchema } },
    },
    async (request) => loadHandoff(app.db, actorOf(request), request.params.id),
  );

  app.post(
    '/handoffs/:id/accept',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: "Accept a hand-off addressed to you or to your location's next shift: its promises and cases become yours (the first to accept takes it)",
        description: '409 when it was accepted already, by someone else a moment ago, or is your own; 403 when it is addressed to someone else.',
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: HandoffOut, ...errors },
      },
    },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        await acceptHandoff(trx, writeContextOf(request), request.params.id);
        return loadHandoff(trx, actorOf(request), request.params.id);
      }),
  );

  app.post(
    '/handoffs/:id/reassign',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: "Give an unaccepted hand-off to someone else, or to a location's next shift (managers of its location, admins)",
        params: IdParams,
        body: HandoffReassign,
        response: { 200: HandoffOut, ...errors },
      },
    },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        await reassignHandoff(trx, writeContextOf(request), request.params.id, request.body);
        return loadHandoff(trx, actorOf(request), request.params.id);
      }),
  );

  app.post(
    '/handoffs/:id/withdraw',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Withdraw a hand-off nobody has accepted yet (its writer, managers of its location, admins): nothing moves',
        description:
          'The writer keeps the promises and cases. It leaves the pending lists, the brief and the shift view, and shows as withdrawn on the timeline. 409 when it was accepted or withdrawn already; 403 for anyone else.',
        params: IdParams,
        body: Type.Optional(Type.Object({}, { additionalProperties: false })),
        response: { 200: HandoffOut, ...errors },
      },
    },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        await withdrawHandoff(trx, writeContextOf(request), request.params.id);
        return loadHandoff(trx, actorOf(request), request.params.id);
      }),
  );

  app.post(
    '/handoffs/:id/read',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: "Record that you read the hand-off of a customer: its banner leaves the top of your brief (everyone's once its new owner has read it)",
        params: IdParams,
        body: HandoffReadIn,
        response: { 200: HandoffOut, ...errors },
      },
    },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        await markHandoffRead(trx, writeContextOf(request), request.params.id, request.body.customerId);
        return loadHandoff(trx, actorOf(request), request.params.id);
      }),
  );
}
