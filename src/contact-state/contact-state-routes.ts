import { decodeCursor, pageOf } from '../common/cursor.js';
import { ensureLocation } from '../common/references.js';
import { Page, ProblemSchema } from '../common/schema.js';
import { customerExists } from '../customers/customer-store.js';
import { forbidden, notFound, unprocessable } from '../platform/errors.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { duePage, waitingPage, type DueRow, type DueScope, type PageKey, type WaitingRow } from './contact-lists-store.js';
import { channelsOf, teamLocations } from './contact-state-rules.js';
import { CustomerIdParams, DueItem, DueQuery, KeepInTouchOut, KeepInTouchPut, WaitingItem, WaitingQuery } from './contact-state-schemas.js';
import { clearKeepInTouch, setKeepInTouch } from './keep-in-touch-commands.js';
import { presentKeepInTouch } from './keep-in-touch-store.js';

const errors = { 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

const keyOf = (cursor: string | undefined): PageKey | null => {
  const key = decodeCursor(cursor, ['time', 'text']);
  return key ? { at: new Date(String(key[0])).toISOString(), customerId: String(key[1]) } : null;
};

export const presentWaiting = (r: WaitingRow): WaitingItem => ({
  customerId: r.customerId,
  displayName: r.displayName,
  locationId: r.locationId,
  locationName: r.locationName,
  waitingSince: r.waitingSince,
  messages: r.waitingCount,
  channels: channelsOf(r.waitingChannels),
  firstSummary: r.firstSummary,
  lastContactStaffId: r.lastContactStaffId,
  lastContactStaffName: r.lastContactStaffName,
});

export const presentDue = (r: DueRow): DueItem => ({ ...r });

/**
 * Customers waiting for an answer (anyone may read the list: every waiting customer is the team's),
 * the keep-in-touch list (yours; a manager's locations'), and a customer's cadence (frontline staff
 * set and clear it, audited).
 */
export async function contactStateRoutes(app: App) {
  app.get(
    '/waiting',
    {
      config: { access: 'frontline' },
      schema: {
        tags: ['waiting'],
        summary: 'Customers waiting for an answer on any channel, longest first: one row per person, for one location or the whole team',
        querystring: WaitingQuery,
        response: { 200: Page(WaitingItem), 400: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const { locationId } = request.query;
      await ensureLocation(app.db, locationId, '/query/locationId');
      const limit = request.query.limit ?? 50;
      const rows = await waitingPage(app.db, [locationId ? { locationId } : { all: true }], keyOf(request.query.cursor), limit + 1);
      return pageOf(rows.map(presentWaiting), limit, (r) => [r.waitingSince, r.customerId]);
    },
  );

  app.get(
    '/keep-in-touch/due',
    {
      config: { access: 'frontline' },
      schema: {
        tags: ['keep in touch'],
        summary: 'Customers past their keep-in-touch cadence, most overdue first: the ones you keep in touch with, or (managers) your locations\'',
        querystring: DueQuery,
        response: { 200: Page(DueItem), 400: ProblemSchema, 403: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { view = 'mine', locationId } = request.query;
      let scopes: DueScope[];
      if (view === 'mine') {
        if (locationId) throw unprocessable('/query/locationId', 'goes with view=team');
        scopes = [{ keepOwnerId: actor.staffId }];
      } else {
        const team = teamLocations(actor);
        if (team === null) throw forbidden('The team view is for managers: ask for view=mine.');
        await ensureLocation(app.db, locationId, '/query/locationId');
        if (locationId && team !== 'all' && !team.includes(locationId)) throw forbidden('That location is not one of yours.');
        scopes = locationId ? [{ locationId }] : team === 'all' ? [{ all: true }] : team.map((id) => ({ locationId: id }));
      }
      const limit = request.query.limit ?? 50;
      const rows = await duePage(app.db, scopes, new Date().toISOString(), keyOf(request.query.cursor), limit + 1);
      return pageOf(rows.map(presentDue), limit, (r) => [r.dueAt, r.customerId]);
    },
  );

  const tags = ['keep in touch'];
  const ensureCustomer = async (id: string) => {
    if (!(await customerExists(app.db, id))) throw notFound(`Customer ${id}`);
  };

  app.get(
    '/customers/:id/keep-in-touch',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'How often we keep in touch with the customer, who does, and when a contact is next due', params: CustomerIdParams, response: { 200: KeepInTouchOut, 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => {
      await ensureCustomer(request.params.id);
      return presentKeepInTouch(app.db, request.params.id);
    },
  );

  app.put(
    '/customers/:id/keep-in-touch',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Keep in touch with the customer every N days, and who does (the same again changes nothing)',
        params: CustomerIdParams,
        body: KeepInTouchPut,
        response: { 200: KeepInTouchOut, ...errors },
      },
    },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        await setKeepInTouch(trx, writeContextOf(request), request.params.id, request.body);
        return presentKeepInTouch(trx, request.params.id);
      }),
  );

  app.delete(
    '/customers/:id/keep-in-touch',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Stop keeping in touch on a cadence (nothing set changes nothing)', params: CustomerIdParams, response: { 200: KeepInTouchOut, 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) =>
      app.db.transaction().execute(async (trx) => {
        await clearKeepInTouch(trx, writeContextOf(request), request.params.id);
        return presentKeepInTouch(trx, request.params.id);
      }),
  );
}
