import { decodeCursor, pageOf } from '../common/cursor.js';
import { IdParams, Page, ProblemSchema } from '../common/schema.js';
import { canSeeFact } from '../platform/auth/private-facts.js';
import { rowPrivacy } from '../platform/database/customer-rows.js';
import { tableSpec } from '../platform/database/customer-tables.js';
import { notFound } from '../platform/errors.js';
import { actorOf } from '../platform/http/actor-of.js';
import type { App } from '../platform/http/types.js';
import { writeContextOf } from '../platform/write-context.js';
import type { Actor } from '../platform/auth/actor.js';
import { restoreFromTrash } from './trash-commands.js';
import { RestoreOut, TrashContents, TrashEntryOut, TrashQuery, TrashSettings } from './trash-schemas.js';
import { purgeAfter, setTrashRetentionDays, trashRetentionDays } from './trash-settings.js';
import { findVisibleTrashEntry, listTrashEntries, trashRowsOf, type HeldRow } from './trash-store.js';

const tags = ['trash'];

type EntryRow = Awaited<ReturnType<typeof findVisibleTrashEntry>> & {};

const present = (row: EntryRow, days: number): TrashEntryOut => ({
  id: row.id,
  entityType: row.entityType,
  entityId: row.entityId,
  customerId: row.customerId,
  customerName: row.customerName ?? null,
  label: row.label,
  rowCount: Number(row.rowCount),
  sensitivity: row.sensitivity,
  deletedAt: row.deletedAt,
  deletedBy: row.deletedBy,
  deletedByName: row.deletedByName ?? null,
  purgeAfter: purgeAfter(row.deletedAt, days),
});

/** What comes back with an entry, by kind, counting only the private facts this reader may see. */
function contentsFor(actor: Actor, rows: HeldRow[]): { heading: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const held of rows) {
    if (!canSeeFact(actor, rowPrivacy(held))) continue;
    const { heading } = tableSpec(held.table);
    counts.set(heading, (counts.get(heading) ?? 0) + 1);
  }
  return [...counts].map(([heading, count]) => ({ heading, count }));
}

/** The trash: what was deleted, for managers to look through and restore, until it is purged. */
export async function trashRoutes(app: App) {
  app.get(
    '/trash',
    {
      config: { access: 'manager' },
      schema: { tags, summary: 'Deleted records waiting in the trash, newest first', querystring: TrashQuery, response: { 200: Page(TrashEntryOut), 400: ProblemSchema } },
    },
    async (request) => {
      const { cursor, limit = 50, customerId, entityType, entityId } = request.query;
      const key = decodeCursor(cursor, ['time', 'text']);
      const rows = await listTrashEntries(app.db, actorOf(request), { customerId, entityType, entityId }, key ? { deletedAt: String(key[0]), id: String(key[1]) } : null, limit + 1);
      const days = await trashRetentionDays(app.db);
      return pageOf(rows.map((r) => present(r, days)), limit, (r) => [r.deletedAt, r.id]);
    },
  );

  app.get(
    '/trash/settings',
    { config: { access: 'manager' }, schema: { tags, summary: 'How long deleted records stay in the trash', response: { 200: TrashSettings } } },
    async () => ({ retentionDays: await trashRetentionDays(app.db) }),
  );

  app.put(
    '/trash/settings',
    {
      config: { access: 'admin' },
      schema: { tags, summary: 'Set how many days deleted records stay in the trash before they are purged', body: TrashSettings, response: { 200: TrashSettings, 400: ProblemSchema } },
    },
    async (request) => {
      await app.db.transaction().execute((trx) => setTrashRetentionDays(trx, writeContextOf(request), request.body.retentionDays));
      return { retentionDays: await trashRetentionDays(app.db) };
    },
  );

  app.get(
    '/trash/:id',
    { config: { access: 'manager' }, schema: { tags, summary: 'One trash entry and what comes back with it', params: IdParams, response: { 200: TrashContents, 404: ProblemSchema } } },
    async (request) => {
      const actor = actorOf(request);
      const row = await findVisibleTrashEntry(app.db, actor, request.params.id);
      if (!row) throw notFound(`Trash entry ${request.params.id}`);
      return { ...present(row, await trashRetentionDays(app.db)), contents: contentsFor(actor, await trashRowsOf(app.db, row.id)) };
    },
  );

  app.post(
    '/trash/:id/restore',
    {
      config: { access: 'manager' },
      schema: {
        tags,
        summary: 'Put a deleted record back, with everything that hung from it, exactly as it was',
        params: IdParams,
        response: { 200: RestoreOut, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!(await findVisibleTrashEntry(app.db, actor, request.params.id))) throw notFound(`Trash entry ${request.params.id}`);
      return app.db.transaction().execute((trx) => restoreFromTrash(trx, writeContextOf(request), request.params.id));
    },
  );
}
