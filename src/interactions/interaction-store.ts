import type { Db } from '../platform/database/connect.js';
import type { NewRow, RowUpdate } from '../platform/database/schema.js';
import type { InteractionOut } from './interaction-schemas.js';

/** The only place interaction rows are read and written. Callers pass the database or a transaction. */

export const insertInteraction = (db: Db, row: NewRow<'interactions'>) => db.insertInto('interactions').values(row).execute();

export const findInteractionRow = (db: Db, id: string) =>
  db.selectFrom('interactions').selectAll().where('id', '=', id).executeTakeFirst();

export const updateInteractionRow = (db: Db, id: string, values: RowUpdate<'interactions'>) =>
  db.updateTable('interactions').set(values).where('id', '=', id).execute();

export const deleteInteractionRow = (db: Db, id: string) => db.deleteFrom('interactions').where('id', '=', id).execute();

/** Interactions with the name of the staff member who handled each. */
const presented = (db: Db) =>
  db
    .selectFrom('interactions as i')
    .leftJoin('staff as s', 's.id', 'i.staffId')
    .select([
      'i.id',
      'i.customerId',
      'i.channel',
      'i.direction',
      'i.occurredAt',
      'i.summary',
      'i.staffId',
      's.name as staffName',
      'i.locationId',
      'i.mood',
      'i.outcome',
      'i.caseId',
      'i.createdAt',
      'i.updatedAt',
      'i.createdBy',
      'i.updatedBy',
    ]);

export async function loadInteraction(db: Db, id: string): Promise<InteractionOut | null> {
  const row = await presented(db).where('i.id', '=', id).executeTakeFirst();
  return row ? { ...row, staffName: row.staffName ?? null } : null;
}

export interface InteractionListQuery {
  customerId: string | null;
  channel: string | null;
  /** The last item of the previous page. */
  after: { occurredAt: string; id: string } | null;
  limit: number;
}

/** Newest first: by when it happened, then by id so that equal times still page in a fixed order. */
export async function listInteractions(db: Db, query: InteractionListQuery): Promise<InteractionOut[]> {
  let select = presented(db);
  if (query.customerId) select = select.where('i.customerId', '=', query.customerId);
  if (query.channel) select = select.where('i.channel', '=', query.channel);
  if (query.after) {
    const { occurredAt, id } = query.after;
    select = select.where((eb) =>
      eb.or([eb('i.occurredAt', '<', occurredAt), eb.and([eb('i.occurredAt', '=', occurredAt), eb('i.id', '<', id)])]),
    );
  }
  const rows = await select.orderBy('i.occurredAt', 'desc').orderBy('i.id', 'desc').limit(query.limit).execute();
  return rows.map((row) => ({ ...row, staffName: row.staffName ?? null }));
}
