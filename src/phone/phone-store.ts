import type { Db } from '../platform/database/connect.js';
import type { NewRow, Row, RowUpdate } from '../platform/database/schema.js';
import { normalizeStaffEmail } from '../staff/staff-store.js';

/** The only place phone_calls rows are read and written, and agents found by what the phone system calls them. */

export type CallRow = Row<'phoneCalls'>;

export const findCall = (db: Db, externalCallId: string) => db.selectFrom('phoneCalls').selectAll().where('externalCallId', '=', externalCallId).executeTakeFirst();

/** Inserts a call unless one with its call id exists (two deliveries of its first event at once): whether it did. */
export async function insertCall(db: Db, row: NewRow<'phoneCalls'>): Promise<boolean> {
  const result = await db
    .insertInto('phoneCalls')
    .values(row)
    .onConflict((oc) => oc.column('externalCallId').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Changes a call only while it has not ended: whether it did. Of two deliveries of one event at once,
 * one changes it; on PostgreSQL the other waits for its row lock and then finds it ended.
 */
export async function updateOpenCall(db: Db, id: string, changes: RowUpdate<'phoneCalls'>): Promise<boolean> {
  const result = await db.updateTable('phoneCalls').set(changes).where('id', '=', id).where('endedAt', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export const linkInteraction = (db: Db, id: string, interactionId: string, updatedAt: string) =>
  db.updateTable('phoneCalls').set({ interactionId, updatedAt }).where('id', '=', id).execute();

export interface Agent {
  id: string;
  name: string;
}

/** The active staff member with this phone extension. */
export const agentByExtension = (db: Db, extension: string): Promise<Agent | undefined> =>
  db.selectFrom('staff').select(['id', 'name']).where('phoneExtension', '=', extension).where('active', '=', true).executeTakeFirst();

/** The active person who signs in with this email (never an integration). */
export const agentByEmail = (db: Db, email: string): Promise<Agent | undefined> =>
  db
    .selectFrom('staff')
    .select(['id', 'name'])
    .where('email', '=', normalizeStaffEmail(email))
    .where('kind', '=', 'person')
    .where('active', '=', true)
    .executeTakeFirst();

export const staffName = async (db: Db, id: string | null): Promise<string | null> =>
  id ? ((await db.selectFrom('staff').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null) : null;

/** A customer a call can still be logged on: there, and not erased. */
export const customerIsLive = async (db: Db, id: string): Promise<boolean> =>
  (await db.selectFrom('customers').select('id').where('id', '=', id).where('erasedAt', 'is', null).executeTakeFirst()) !== undefined;
