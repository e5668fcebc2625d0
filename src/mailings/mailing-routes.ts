import { Type } from 'typebox';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, PageQuery, ProblemSchema } from '../common/schema.js';
import { badRequest, notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { addRecipients, createMailing, maxUploadBytes, startUpload, updateMailing } from './mailing-commands.js';
import {
  MailingCreate,
  MailingListQuery,
  MailingOut,
  MailingPatch,
  RecipientOut,
  RecipientsIn,
  RecipientsOut,
  UploadOut,
  UploadParams,
  UploadProblemOut,
  UploadQuery,
} from './mailing-schemas.js';
import { findUpload, listMailings, loadMailing, problemsOf, recipientsOf, uploadsOf, type UploadRow } from './mailing-store.js';
import { mappingQuery } from '../imports/mapping-query.js';

const tags = ['mailings'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

/** Recipient files: CSV (any separator a spreadsheet writes), sent as the body itself. */
const fileTypes = ['text/csv', 'text/plain', 'text/tab-separated-values', 'application/octet-stream'];

const uploadOut = (row: UploadRow) => ({
  id: row.id,
  mailingId: row.mailingId,
  fileName: row.fileName,
  status: row.status,
  totalRows: Number(row.totalRows),
  processedRows: Number(row.processedRows),
  logged: Number(row.logged),
  already: Number(row.already),
  problemRows: Number(row.problemRows),
  error: row.error,
  createdAt: row.createdAt,
  createdByName: row.createdByName,
  finishedAt: row.finishedAt,
});

/**
 * Mailings and letters (issue 12): a newsletter, a direct-mail piece, a batch of invoices or a letter
 * sent by another system, logged per customer as one interaction each, named by its campaign.
 * Managers and admins log them and their recipients; everyone may read them.
 */
export async function mailingRoutes(app: App) {
  app.addContentTypeParser(fileTypes, { parseAs: 'buffer', bodyLimit: maxUploadBytes }, (_request, body, done) => done(null, body));

  const load = async (id: string) => {
    const mailing = await loadMailing(app.db, id);
    if (!mailing) throw notFound(`Mailing ${id}`);
    return mailing;
  };
  const loadUpload = async (mailingId: string, uploadId: string) => {
    const upload = await findUpload(app.db, uploadId);
    if (!upload || upload.mailingId !== mailingId) throw notFound(`Upload ${uploadId}`);
    return upload;
  };

  app.post(
    '/mailings',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Log a mailing: a newsletter, direct mail, a batch of invoices or a letter another system sent', body: MailingCreate, response: { 201: MailingOut, 409: ProblemSchema, ...errors } },
    },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createMailing(trx, writeContextOf(request), request.body));
      return reply.status(201).header('location', `/api/v1/mailings/${id}`).send(await load(id));
    },
  );

  app.get(
    '/mailings',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Mailings, the latest sent first, with how many customers each is logged for', querystring: MailingListQuery, response: { 200: Page(MailingOut), 400: ProblemSchema } },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, ['time', 'text']);
      const items = await listMailings(app.db, after ? { sentAt: String(after[0]), id: String(after[1]) } : null, limit + 1);
      return pageOf(items, limit, (m) => [m.sentAt, m.id]);
    },
  );

  app.get(
    '/mailings/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'One mailing, with how many customers it is logged for', params: IdParams, response: { 200: MailingOut, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => load(request.params.id),
  );

  app.patch(
    '/mailings/:id',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Rename a mailing or change its note (what went out, and when, stays)', params: IdParams, body: MailingPatch, response: { 200: MailingOut, 409: ProblemSchema, ...errors } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => updateMailing(trx, writeContextOf(request), request.params.id, request.body));
      return load(request.params.id);
    },
  );

  app.post(
    '/mailings/:id/recipients',
    {
      bodyLimit: maxUploadBytes,
      config: { access: 'manager' },
      schema: {
        tags,
        summary:
          'Log the mailing for its recipients: JSON {customers: [{customerId} | {email} | {source, externalId}]} (up to 1,000, logged at once), or a CSV file as the body (text/csv: a column of customer ids, emails, or with ?source= ids in that system), logged in the background (follow GET /mailings/{id}/uploads/{uploadId}). A customer gets a mailing once.',
        params: IdParams,
        querystring: UploadQuery,
        body: {
          content: {
            'application/json': { schema: RecipientsIn },
            'text/csv': { schema: Type.Unknown({ description: 'The CSV file itself (also as text/plain, text/tab-separated-values or application/octet-stream); up to 64 MB' }) },
          },
        },
        response: { 200: RecipientsOut, 202: UploadOut, 404: ProblemSchema, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const mailingId = request.params.id;
      const ctx = writeContextOf(request);
      const body: unknown = request.body;
      if (!Buffer.isBuffer(body)) {
        if (typeof body !== 'object' || body === null) {
          throw badRequest('Send JSON {"customers": [...]} (application/json), or a CSV file as the body (text/csv).', [{ path: '/body', message: 'is missing' }]);
        }
        const { customers } = body as RecipientsIn;
        const done = await app.db.transaction().execute((trx) => addRecipients(trx, ctx, mailingId, customers));
        return reply.status(200).send({ logged: done.logged, already: done.already, problems: done.problems.map((p) => ({ index: p.place, field: p.field, message: p.message })) });
      }
      const q = request.query;
      const mapping = mappingQuery(q.mapping);
      const uploadId = await app.db.transaction().execute((trx) =>
        startUpload(trx, ctx, mailingId, { name: q.fileName ?? 'recipients.csv', content: body }, { source: q.source ?? null, ...(mapping ? { mapping } : {}), ...(q.delimiter ? { delimiter: q.delimiter } : {}) }),
      );
      return reply
        .status(202)
        .header('location', `/api/v1/mailings/${mailingId}/uploads/${uploadId}`)
        .send(uploadOut((await findUpload(app.db, uploadId))!));
    },
  );

  app.get(
    '/mailings/:id/recipients',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'The customers a mailing is logged for, in the order they were logged', params: IdParams, querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }), response: { 200: Page(RecipientOut), ...errors } },
    },
    async (request) => {
      await load(request.params.id);
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, ['text']);
      const rows = await recipientsOf(app.db, request.params.id, after ? String(after[0]) : null, limit + 1);
      return pageOf(rows, limit, (r) => [r.interactionId]);
    },
  );

  app.get(
    '/mailings/:id/uploads',
    { config: { access: 'manager' }, schema: { tags, summary: 'The recipient files uploaded for a mailing, newest first (the last 20)', params: IdParams, response: { 200: Type.Object({ items: Type.Array(UploadOut) }), ...errors } } },
    async (request) => {
      await load(request.params.id);
      return { items: (await uploadsOf(app.db, request.params.id, 20)).map(uploadOut) };
    },
  );

  app.get(
    '/mailings/:id/uploads/:uploadId',
    { config: { access: 'manager' }, schema: { tags, summary: 'A recipient file: where it stands, how far it got, how many were logged', params: UploadParams, response: { 200: UploadOut, ...errors } } },
    async (request) => uploadOut(await loadUpload(request.params.id, request.params.uploadId)),
  );

  app.get(
    '/mailings/:id/uploads/:uploadId/problems',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'The rows of a recipient file that were not placed on one customer, with their line and why, in file order',
        params: UploadParams,
        querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }),
        response: { 200: Page(UploadProblemOut), ...errors },
      },
    },
    async (request) => {
      await loadUpload(request.params.id, request.params.uploadId);
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, ['number']);
      const rows = await problemsOf(app.db, request.params.uploadId, after ? Number(after[0]) : 0, limit + 1);
      return pageOf(rows, limit, (r) => [r.seq]);
    },
  );
}
