import { Type } from 'typebox';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { IdParams, ProblemSchema } from '../common/schema.js';
import { findErasure } from '../data-rights/erasure-store.js';
import { badRequest, gone, notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { customerQuality, qualityCounts, qualityPage } from './quality-read.js';
import { CustomerQualityOut, QualityCountsOut, QualityPageOut, QualityQuery } from './quality-schemas.js';

const tags = ['data quality'];

/**
 * Data quality: what to fix on one customer (anyone at the counter), and for managers the counts of
 * each kind over the whole database with, for a kind, the customers to work through.
 */
export async function qualityRoutes(app: App) {
  app.get(
    '/customers/:id/quality',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: "What to fix on this customer: each finding with its field, a severity and a sentence (what is missing for the relationship, what looks wrong)",
        params: IdParams,
        response: { 200: CustomerQualityOut, 404: ProblemSchema, 410: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const quality = await customerQuality(app.db, id, { now: new Date(), phoneRegion: app.config.phoneRegion });
      if (quality) return quality;
      const erasure = await findErasure(app.db, id);
      if (erasure) throw gone(`The personal data of this customer was erased on ${erasure.erasedAt}.`);
      throw notFound(`Customer ${id}`);
    },
  );

  app.get(
    '/data-quality',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Data quality over the whole database: without kind, how many customers have each kind of finding; with kind, a page of those customers in name order, to work through',
        description:
          'The counts are SQL aggregates over the live customers. A kind the database cannot check (phone_invalid: libphonenumber) has count null and a note; ' +
          'its list reads customers with phones a stretch at a time, so a page may hold fewer than limit with a nextCursor to read on.',
        querystring: QualityQuery,
        response: { 200: Type.Union([QualityCountsOut, QualityPageOut]), 400: ProblemSchema },
      },
    },
    async (request) => {
      const { kind, cursor, limit = 50 } = request.query;
      const now = new Date();
      if (!kind) {
        if (cursor !== undefined) throw badRequest('A cursor pages the list of one kind: give the kind too.', [{ path: '/query/kind', message: 'is needed with a cursor' }]);
        return qualityCounts(app.db, app.database.engine, now);
      }
      const key = decodeCursor(cursor, ['text', 'text']);
      const page = await qualityPage(app.db, kind, key ? { displayName: String(key[0]), id: String(key[1]) } : null, limit, { now, phoneRegion: app.config.phoneRegion });
      return { kind, items: page.items, nextCursor: page.next ? encodeCursor([page.next.displayName, page.next.id]) : null, note: page.note };
    },
  );
}
