import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { customerExists } from '../customers/customer-store.js';
import { actorOf } from '../platform/http/actor-of.js';
import { notFound } from '../platform/errors.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import { TrashReceipt } from '../trash/trash-schemas.js';
import { createNote, deleteNote, updateNote, visibleNote } from './note-commands.js';
import { NoteCreate, NoteListQuery, NoteOut, NotePatch } from './note-schemas.js';
import { listNotes, presentNote } from './note-store.js';

const tags = ['notes'];
const errors = { 400: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

export async function noteRoutes(app: App) {
  app.post(
    '/notes',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Write a note about a customer', body: NoteCreate, response: { 201: NoteOut, ...errors } } },
    async (request, reply) => {
      const id = await app.db.transaction().execute((trx) => createNote(trx, writeContextOf(request), request.body));
      const note = presentNote(await visibleNote(app.db, actorOf(request), id));
      return reply.status(201).header('location', `/api/v1/notes/${id}`).send(note);
    },
  );

  app.get(
    '/notes',
    {
      config: { access: 'frontline' },
      schema: { tags, summary: "A customer's notes: pinned first, then newest", querystring: NoteListQuery, response: { 200: Page(NoteOut), 400: ProblemSchema, 404: ProblemSchema } },
    },
    async (request) => {
      const { customerId, pinned, cursor } = request.query;
      const limit = request.query.limit ?? 50;
      if (!(await customerExists(app.db, customerId))) throw notFound(`Customer ${customerId}`);
      const after = decodeCursor(cursor, ['number', 'time', 'text']);
      const items = await listNotes(app.db, actorOf(request), {
        customerId,
        pinned,
        after: after ? { pinned: after[0] === 1, createdAt: String(after[1]), id: String(after[2]) } : null,
        limit: limit + 1,
      });
      return pageOf(items, limit, (r) => [r.pinned ? 1 : 0, r.createdAt, r.id]);
    },
  );

  app.get(
    '/notes/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'One note', params: IdParams, response: { 200: NoteOut, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => presentNote(await visibleNote(app.db, actorOf(request), request.params.id)),
  );

  app.patch(
    '/notes/:id',
    { config: { access: 'frontline' }, schema: { tags, summary: 'Change, pin or unpin a note, or change who may see it', params: IdParams, body: NotePatch, response: { 200: NoteOut, ...errors } } },
    async (request) => {
      const { id } = request.params;
      // The note as written: whoever changed it saw it, even if a new sensitivity now hides it from them.
      return app.db.transaction().execute(async (trx) => {
        await updateNote(trx, writeContextOf(request), id, request.body);
        return presentNote(await visibleNote(trx, null, id));
      });
    },
  );

  app.delete(
    '/notes/:id',
    { config: { access: 'manager' }, schema: { tags, summary: 'Delete a note (to the trash, where a manager can restore it)', params: IdParams, response: { 200: TrashReceipt, 400: ProblemSchema, 404: ProblemSchema } } },
    async (request) => app.db.transaction().execute((trx) => deleteNote(trx, writeContextOf(request), request.params.id)),
  );
}
