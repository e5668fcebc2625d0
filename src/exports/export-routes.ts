import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { Type, type TSchema } from 'typebox';
import { recordAudit } from '../audit/audit-store.js';
import { IdParams, ProblemSchema } from '../common/schema.js';
import { findCustomerRow } from '../customers/customer-store.js';
import { notFound } from '../platform/errors.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { exportFormats, exportTypes, writeCustomers, type ExportFormat } from './customer-export.js';

const tags = ['export'];
const FormatQuery = Type.Object(
  { format: Type.Enum([...exportFormats], { description: 'csv (a spreadsheet; the import reads it back), vcard (4.0, for phones and address books) or jsonl (Rapport’s own lines)' }) },
  { additionalProperties: false },
);

/** The 200 answer of an export: a file of each format's media type, written by `schema` (OpenAPI reads a string). */
const fileAnswer = <T extends TSchema>(schema: T) => ({
  description: 'The file',
  content: Object.fromEntries(exportFormats.map((format) => [exportTypes[format].contentType.split(';')[0]!, { schema }])),
});

/** A file streamed as it is written: binary text to OpenAPI, a Node stream to the handler that sends it (never JSON-serialised). */
const StreamedFile = Type.Unsafe<Readable>(Type.String({ format: 'binary' }));

/** A name safe in a Content-Disposition header. */
const fileNameOf = (name: string, format: ExportFormat) => `${name.replace(/[^\p{L}\p{N} ._-]+/gu, '').trim().replace(/\s+/g, '-') || 'customer'}.${exportTypes[format].extension}`;

/**
 * Customers out of Rapport: one (any signed-in staff member, as they would copy a contact card) or
 * all of them (admins; streamed, and audited). Either holds the notes the caller may see, none private.
 */
export async function exportRoutes(app: App) {
  app.get(
    '/customers/export',
    {
      config: { access: 'admin' },
      // The 200 answer is a file streamed as it is written (text/csv, text/vcard or application/x-ndjson), not JSON.
      schema: { tags, summary: 'Every customer as CSV, vCard 4.0 or JSON lines, streamed (a file to download)', querystring: FormatQuery, response: { 200: fileAnswer(StreamedFile), 400: ProblemSchema } },
    },
    async (request, reply) => {
      const format = request.query.format;
      const actor = actorOf(request);
      await recordAudit(app.db, actor, { action: 'export', entityType: 'customer', entityId: null, after: { format, scope: 'all customers' } });
      const body = new PassThrough();
      void (async () => {
        try {
          await writeCustomers(
            app.db,
            format,
            null,
            async (chunk) => {
              if (!body.write(chunk)) await once(body, 'drain');
            },
            actor,
          );
          body.end();
        } catch (error) {
          request.log.error({ err: error }, 'the export stopped');
          body.destroy(error as Error);
        }
      })();
      return reply
        .header('content-type', exportTypes[format].contentType)
        .header('content-disposition', `attachment; filename="customers.${exportTypes[format].extension}"`)
        .send(body);
    },
  );

  app.get(
    '/customers/:id/export',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'One customer as CSV, vCard 4.0 (a contact card) or JSON lines', params: IdParams, querystring: FormatQuery, response: { 200: fileAnswer(Type.String()), 404: ProblemSchema } },
    },
    async (request, reply) => {
      const row = await findCustomerRow(app.db, request.params.id);
      if (!row || row.erasedAt) throw notFound(`Customer ${request.params.id}`);
      const format = request.query.format;
      let text = '';
      await writeCustomers(
        app.db,
        format,
        [row.id],
        (chunk) => {
          text += chunk;
        },
        actorOf(request),
      );
      return reply.header('content-type', exportTypes[format].contentType).header('content-disposition', `attachment; filename="${fileNameOf(row.displayName, format)}"`).send(text);
    },
  );
}
