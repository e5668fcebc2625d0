import { Type } from 'typebox';
import { Check } from 'typebox/value';
import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, PageQuery, ProblemSchema } from '../common/schema.js';
import type { Db } from '../platform/database/connect.js';
import type { Row } from '../platform/database/schema.js';
import { notFound, unprocessable } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { commitImport, formatOfName, startImport, undoImport } from './import-commands.js';
import type { ImportOptions } from './import-reading.js';
import { ImportCountsOut, ImportOut, ImportStartQuery, ProblemOut, ProblemsQuery } from './import-schemas.js';
import { earlierImportsOf, findImport, listImports, problemsOf } from './import-store.js';
import { importResultOf, stateOf, undoStateOf } from './import-undo-rules.js';
import { mappingQuery } from './mapping-query.js';

const tags = ['imports'];

/** The largest file one import takes (a million-row export is about this size). */
export const maxImportBytes = 200 * 1024 * 1024;

const fileTypes = ['text/csv', 'text/plain', 'text/tab-separated-values', 'text/vcard', 'text/x-vcard', 'text/directory', 'application/x-ndjson', 'application/jsonl', 'application/octet-stream'];

/** The format of a file by its first bytes, when neither the request nor the name says. */
function sniffFormat(content: Buffer): 'csv' | 'vcard' | 'jsonl' {
  const start = content.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (/^BEGIN:VCARD/i.test(start)) return 'vcard';
  if (start.startsWith('{')) return 'jsonl';
  return 'csv';
}

async function present(db: Db, row: Row<'imports'> & { createdByName?: string | null }) {
  const earlier = row.status === 'done' ? [] : await earlierImportsOf(db, row.source, row.fileSha256, row.id);
  const result = importResultOf(row.importCounts);
  const undone = undoStateOf(row.importCounts);
  return {
    id: row.id,
    source: row.source,
    kind: row.kind,
    format: row.format,
    fileName: row.fileName,
    status: stateOf(row),
    totalRows: Number(row.totalRows),
    processedRows: Number(row.processedRows),
    check: row.checkCounts ? JSON.parse(row.checkCounts) : null,
    result: result && Check(ImportCountsOut, result) ? result : null,
    undo: undone ? { trashed: undone.trashed, cleared: undone.cleared } : null,
    error: row.error,
    alreadyImported: earlier[0]?.finishedAt ?? null,
    createdAt: row.createdAt,
    createdByName: row.createdByName ?? null,
    checkedAt: row.checkedAt,
    committedAt: row.committedAt,
    finishedAt: row.finishedAt,
    undoneAt: row.undoneAt,
  };
}

/**
 * Imports from other systems (managers and admins): upload a file (checked at once in the
 * background: what would be created, updated, matched, and every row's problem), commit it
 * (imported in the background with progress), undo it as a whole (in the background, with progress).
 */
export async function importRoutes(app: App) {
  app.addContentTypeParser(fileTypes, { parseAs: 'buffer', bodyLimit: maxImportBytes }, (_request, body, done) => done(null, body));

  app.post(
    '/imports',
    {
      bodyLimit: maxImportBytes,
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Upload a file to import: the body is the file (text/csv, text/vcard, application/x-ndjson or application/octet-stream); its check starts at once',
        querystring: ImportStartQuery,
        response: { 202: ImportOut, 400: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      if (!Buffer.isBuffer(request.body)) throw unprocessable('/body', `send the file itself as the body, with a Content-Type of ${fileTypes.slice(0, 4).join(', ')} …`);
      const content = request.body;
      const kind = q.kind ?? 'customers';
      const fileName = q.fileName ?? 'upload';
      const format = q.format ?? formatOfName(fileName) ?? sniffFormat(content);
      const mapping = mappingQuery(q.mapping);
      if (kind !== 'customers' && !q.timeZone) throw unprocessable('/query/timeZone', `say the time zone the ${kind} file’s times are in (e.g. America/Chicago)`);
      if (q.timeZone) {
        try {
          new Intl.DateTimeFormat('en', { timeZone: q.timeZone });
        } catch {
          throw unprocessable('/query/timeZone', `"${q.timeZone}" is not a time zone (use a name such as America/Chicago)`);
        }
      }
      const options: ImportOptions = {
        phoneRegion: app.config.phoneRegion,
        timeZone: q.timeZone ?? 'UTC',
        ...(q.currency ? { currency: q.currency.toUpperCase() } : {}),
        ...(q.preset ? { preset: q.preset } : {}),
        ...(mapping ? { mapping } : {}),
        ...(q.delimiter ? { delimiter: q.delimiter } : {}),
        ...(q.dateOrder ? { dateOrder: q.dateOrder } : {}),
        ...(q.channel ? { channel: q.channel } : {}),
        ...(q.direction ? { direction: q.direction } : {}),
      };
      const id = await app.db.transaction().execute((trx) => startImport(trx, writeContextOf(request), { source: q.source, kind, format, fileName, options }, content));
      return reply.code(202).header('location', `/api/v1/imports/${id}`).send(await present(app.db, (await findImport(app.db, id))!));
    },
  );

  app.get(
    '/imports',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Imports, newest first', querystring: Type.Object({ ...PageQuery }, { additionalProperties: false }), response: { 200: Page(ImportOut), 400: ProblemSchema } },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const key = decodeCursor(request.query.cursor, ['time', 'text']);
      const rows = await listImports(app.db, key ? { createdAt: String(key[0]), id: String(key[1]) } : null, limit + 1);
      const items = await Promise.all(rows.map((r) => present(app.db, r)));
      return pageOf(items, limit, (r) => [r.createdAt, r.id]);
    },
  );

  app.get(
    '/imports/:id',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'An import: where it stands, its progress, what the check found and what the import did', params: IdParams, response: { 200: ImportOut, 404: ProblemSchema } },
    },
    async (request) => {
      const row = await findImport(app.db, request.params.id);
      if (!row) throw notFound(`Import ${request.params.id}`);
      return present(app.db, row);
    },
  );

  app.get(
    '/imports/:id/problems',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Every record the import could not take whole, with its line and field, in file order', params: IdParams, querystring: ProblemsQuery, response: { 200: Page(ProblemOut), 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => {
      if (!(await findImport(app.db, request.params.id))) throw notFound(`Import ${request.params.id}`);
      const limit = request.query.limit ?? 50;
      const key = decodeCursor(request.query.cursor, ['number']);
      const rows = await problemsOf(app.db, request.params.id, limit + 1, key ? Number(key[0]) : 0);
      return pageOf(rows, limit, (r) => [r.seq]);
    },
  );

  app.post(
    '/imports/:id/commit',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Import the checked file (in the background: follow GET /imports/{id}); a failed import committed again resumes', params: IdParams, response: { 202: ImportOut, 404: ProblemSchema, 409: ProblemSchema } },
    },
    async (request, reply) => {
      await app.db.transaction().execute((trx) => commitImport(trx, writeContextOf(request), request.params.id));
      return reply.code(202).send(await present(app.db, (await findImport(app.db, request.params.id))!));
    },
  );

  app.post(
    '/imports/:id/undo',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Undo an import as a whole, in the background (follow GET /imports/{id}): what it created goes to the trash, what it filled in is emptied again; an undo under way asked again goes on',
        params: IdParams,
        response: { 202: ImportOut, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      await app.db.transaction().execute((trx) => undoImport(trx, writeContextOf(request), request.params.id));
      return reply.code(202).send(await present(app.db, (await findImport(app.db, request.params.id))!));
    },
  );
}
