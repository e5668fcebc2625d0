import { Type } from 'typebox';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import type { Row } from '../platform/database/schema.js';
import { writeContextOf } from '../platform/write-context.js';
import { AttachmentParams, EmailOut, FiledOut, FileIn, ThreadList, ThreadQuery, UnfiledOut, UnfiledQuery } from './email-schemas.js';
import { customerIsLive, emailOfInteraction, findAttachment, listUnfiled, loadUnfiled, threadsOfCustomer } from './email-store.js';
import { referencesList } from './thread-rules.js';
import { discardUnfiled, fileUnfiled } from './unfiled-commands.js';

const tags = ['email'];
const list = (stored: string | null) => (stored ? stored.split(',').map((s) => s.trim()).filter(Boolean) : []);

type Unfiled = Pick<Row<'unfiledEmails'>, 'id' | 'messageId' | 'fromAddress' | 'toAddresses' | 'subject' | 'preview' | 'receivedAt' | 'receivedVia' | 'reason' | 'status' | 'filedInteractionIds' | 'handledBy' | 'handledAt'> & { handledByName: string | null };

const unfiledOut = (r: Unfiled): UnfiledOut => ({
  id: r.id,
  messageId: r.messageId,
  from: r.fromAddress,
  to: list(r.toAddresses),
  subject: r.subject,
  preview: r.preview,
  receivedAt: r.receivedAt,
  receivedVia: r.receivedVia,
  reason: r.reason,
  status: r.status,
  filedInteractionIds: r.filedInteractionIds ? r.filedInteractionIds.split(' ') : [],
  handledBy: r.handledBy,
  handledByName: r.handledByName ?? null,
  handledAt: r.handledAt,
});

/** A file to download: any bytes, of the type it was stored with. */
const FileAnswer = { description: 'The file, with the content type it was stored with', content: { 'application/octet-stream': { schema: Type.Unsafe<Buffer>(Type.String({ format: 'binary' })) } } };

/** A name for Content-Disposition: plain ASCII in filename, the real one (UTF-8) in filename*. */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * Email in (src/email/): the email behind an email contact and its files, a customer's threads,
 * and the mail the listener could not place, to file by hand or discard. Email contacts are
 * ordinary contacts: any staff member reads them, as they read the timeline.
 */
export async function emailRoutes(app: App) {
  const settings = () => ({ allowedSenders: app.config.mailIn.allowedSenders, maxAttachmentBytes: app.config.mailIn.maxAttachmentBytes, receivedVia: 'smtp' as const });

  app.get(
    '/interactions/:id/email',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'The email behind an email contact: its headers, the whole text, its thread and its files', params: IdParams, response: { 200: EmailOut, 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => {
      const found = await emailOfInteraction(app.db, request.params.id);
      if (!found) throw notFound(`The email of contact ${request.params.id}`);
      const m = found.message;
      return {
        interactionId: m.interactionId,
        customerId: m.customerId,
        messageId: m.messageId,
        inReplyTo: m.inReplyTo,
        references: referencesList(m.referencesIds),
        threadId: m.threadId,
        subject: m.subject,
        from: m.fromAddress,
        to: list(m.toAddresses),
        cc: list(m.ccAddresses),
        bodyText: m.bodyText,
        receivedVia: m.receivedVia,
        attachments: found.attachments.map((a) => ({
          id: a.id,
          fileName: a.fileName,
          contentType: a.contentType,
          sizeBytes: Number(a.sizeBytes),
          url: `/api/v1/interactions/${m.interactionId}/attachments/${a.id}`,
        })),
        skippedAttachments: m.skippedAttachments ? m.skippedAttachments.split('\n') : [],
        createdAt: m.createdAt,
      };
    },
  );

  app.get(
    '/interactions/:id/attachments/:attachmentId',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'Download a file that came with an email (always as a download, never shown in the page)',
        params: AttachmentParams,
        response: { 200: FileAnswer, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const file = await findAttachment(app.db, request.params.id, request.params.attachmentId);
      if (!file) throw notFound(`Attachment ${request.params.attachmentId} of contact ${request.params.id}`);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', disposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.content));
    },
  );

  app.get(
    '/customers/:id/email-threads',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'A customer’s email threads, the latest first', params: IdParams, querystring: ThreadQuery, response: { 200: ThreadList, 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => {
      if (!(await customerIsLive(app.db, request.params.id))) throw notFound(`Customer ${request.params.id}`);
      return { items: await threadsOfCustomer(app.db, request.params.id, request.query.limit ?? 50) };
    },
  );

  app.get(
    '/unfiled-emails',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Mail the listener could not place on a customer: waiting to be filed (by default), filed or discarded; the latest first', querystring: UnfiledQuery, response: { 200: Page(UnfiledOut), 400: ProblemSchema } },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const after = decodeCursor(request.query.cursor, ['time', 'text']);
      const rows = await listUnfiled(app.db, {
        status: request.query.status ?? 'waiting',
        after: after ? { receivedAt: String(after[0]), id: String(after[1]) } : null,
        limit: limit + 1,
      });
      return pageOf(rows.map(unfiledOut), limit, (r) => [r.receivedAt, r.id]);
    },
  );

  app.post(
    '/unfiled-emails/:id/file',
    {
      config: { access: 'frontline' },
      schema: {
        tags,
        summary: 'File a waiting email on a customer, as if it had matched them',
        description: 'Logs it as an email contact of the customer (inbound marks them waiting, outbound answers them), with its thread and files. The direction is the one Rapport reads (outbound when a staff member wrote it) unless given.',
        params: IdParams,
        body: FileIn,
        response: { 200: FiledOut, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const interactionId = await app.db.transaction().execute((trx) => fileUnfiled(trx, writeContextOf(request), request.params.id, request.body, settings()));
      return { unfiledEmail: unfiledOut((await loadUnfiled(app.db, request.params.id))!), interactionId };
    },
  );

  app.post(
    '/unfiled-emails/:id/discard',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: 'Discard a waiting email: it is about no customer (its content is no longer kept)', params: IdParams, response: { 200: UnfiledOut, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => discardUnfiled(trx, writeContextOf(request), request.params.id));
      return unfiledOut((await loadUnfiled(app.db, request.params.id))!);
    },
  );
}
