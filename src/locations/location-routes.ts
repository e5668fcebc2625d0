import { Type } from 'typebox';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, PageQuery, ProblemSchema } from '../common/schema.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { createLocation, updateLocation } from './location-commands.js';
import { HolidayOut, HolidayQuery, LocationCreate, LocationOut, LocationPatch } from './location-schemas.js';
import { findLocation, listHolidayPage, listLocationPage, loadLocation, presentLocations } from './location-store.js';

const tags = ['locations'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

/**
 * Locations with their calendar: time zone, weekly opening hours and holidays (local time), which
 * response targets counted in business hours read. Everyone signed in reads them; admins change them.
 */
export async function locationRoutes(app: App) {
  const load = async (id: string) => {
    const location = await loadLocation(app.db, id);
    if (!location) throw notFound(`Location ${id}`);
    return location;
  };

  app.get(
    '/locations',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'List locations by name, each with its opening hours and holidays',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Page(LocationOut), 400: ProblemSchema },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, 2);
      const rows = await listLocationPage(app.db, after ? { name: String(after[0]), id: String(after[1]) } : null, limit + 1);
      const page = pageOf(rows, limit, (r) => [r.name, r.id]);
      return { items: await presentLocations(app.db, page.items), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/locations/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'One location, with its opening hours and holidays', params: IdParams, response: { 200: LocationOut, 404: ProblemSchema } } },
    async (request) => load(request.params.id),
  );

  app.get(
    '/locations/:id/holidays',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: "A location's holidays by date, optionally between two dates (inclusive)",
        params: IdParams,
        querystring: HolidayQuery,
        response: { 200: Page(HolidayOut), 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { from, to, cursor, limit = 50 } = request.query;
      const after = decodeCursor(cursor, 1);
      if (!(await findLocation(app.db, id))) throw notFound(`Location ${id}`);
      const rows = await listHolidayPage(app.db, id, { from, to }, after ? String(after[0]) : null, limit + 1);
      return pageOf(rows, limit, (h) => [h.date]);
    },
  );

  app.post(
    '/locations',
    {
      config: { access: 'admin' },
      schema: { tags, summary: 'Create a location, with its time zone, opening hours and holidays if known', body: LocationCreate, response: { 201: LocationOut, ...errors } },
    },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createLocation(trx, writeContextOf(request), request.body));
      return reply.status(201).header('location', `/api/v1/locations/${id}`).send(await load(id));
    },
  );

  app.patch(
    '/locations/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Change a location: null clears the address, time zone or opening hours; holidays replace the whole list',
        params: IdParams,
        body: LocationPatch,
        response: { 200: LocationOut, ...errors },
      },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => updateLocation(trx, writeContextOf(request), request.params.id, request.body));
      return load(request.params.id);
    },
  );
}
