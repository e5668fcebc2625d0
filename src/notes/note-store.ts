import type { ActorOrSystem } from '../platform/auth/actor.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import type { NewRow, Row, RowUpdate } from '../platform/database/schema.js';
import type { NoteOut } from './note-schemas.js';

/** The only place note rows are read and written. */

export const insertNote = (db: Db, row: NewRow<'notes'>) => db.insertInto('notes').values(row).execute();

export const updateNoteRow = (db: Db, id: string, values: RowUpdate<'notes'>) =>
  db.updateTable('notes').set(values).where('id', '=', id).execute();

export const deleteNoteRow = (db: Db, id: string) => db.deleteFrom('notes').where('id', '=', id).execute();

/** The note, if this actor may read it: a private note someone may not read is as good as missing. */
export const findNote = (db: Db, actor: ActorOrSystem, id: string) =>
  db.selectFrom('notes as n').selectAll('n').where('n.id', '=', id).where(visibleRows(actor, 'notes', 'n')).executeTakeFirst();

export const presentNote = (row: Row<'notes'>): NoteOut => ({
  id: row.id,
  customerId: row.customerId,
  body: row.body,
  pinned: Boolean(row.pinned),
  provenance: row.provenance,
  sensitivity: row.sensitivity,
  audienceLocationId: row.audienceLocationId,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  createdBy: row.createdBy,
  updatedBy: row.updatedBy,
});

export interface NoteListQuery {
  customerId: string;
  pinned: boolean | undefined;
  /** The last note of the previous page: pinned (0/1), createdAt, id. */
  after: { pinned: boolean; createdAt: string; id: string } | null;
  limit: number;
}

/** A customer's notes the actor may see: pinned first, then newest first. */
export async function listNotes(db: Db, actor: ActorOrSystem, query: NoteListQuery): Promise<NoteOut[]> {
  let select = db
    .selectFrom('notes as n')
    .selectAll('n')
    .where('n.customerId', '=', query.customerId)
    .where(visibleRows(actor, 'notes', 'n'));
  if (query.pinned !== undefined) select = select.where('n.pinned', '=', query.pinned);
  if (query.after) {
    const { pinned, createdAt, id } = query.after;
    select = select.where((eb) =>
      eb.or([
        eb('n.pinned', '<', pinned),
        eb.and([
          eb('n.pinned', '=', pinned),
          eb.or([eb('n.createdAt', '<', createdAt), eb.and([eb('n.createdAt', '=', createdAt), eb('n.id', '<', id)])]),
        ]),
      ]),
    );
  }
  const rows = await select.orderBy('n.pinned', 'desc').orderBy('n.createdAt', 'desc').orderBy('n.id', 'desc').limit(query.limit).execute();
  return rows.map(presentNote);
}
