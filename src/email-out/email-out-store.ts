import type { Db } from '../platform/database/connect.js';
import type { NewRow } from '../platform/database/schema.js';
import type { CustomerAddress } from './email-out-rules.js';

/** The queries of email out: who is written to, from whom, in reply to what; and the row of an email sent. */

/** A live customer (not erased; a customer in the trash has no row). */
export const customerToWrite = (db: Db, id: string) =>
  db.selectFrom('customers').select(['id', 'displayName']).where('id', '=', id).where('erasedAt', 'is', null).executeTakeFirst();

/** The customer's email addresses, primary first, then oldest first. */
export async function addressesOf(db: Db, customerId: string): Promise<(CustomerAddress & { label: string | null })[]> {
  const rows = await db
    .selectFrom('emails')
    .select(['address', 'label', 'isPrimary'])
    .where('customerId', '=', customerId)
    .orderBy('isPrimary', 'desc')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ address: r.address, label: r.label, isPrimary: Boolean(r.isPrimary) }));
}

/** The staff member who writes: their name and address go on the email. */
export const sender = (db: Db, staffId: string) =>
  db.selectFrom('staff').select(['id', 'name', 'email', 'kind', 'active']).where('id', '=', staffId).executeTakeFirst();

/** The email behind an interaction (one Rapport received or sent), with the customer it is logged on and the case whose thread it is in. */
export const emailOfInteraction = (db: Db, interactionId: string) =>
  db
    .selectFrom('emailMessages as e')
    .innerJoin('interactions as i', 'i.id', 'e.interactionId')
    .select(['e.interactionId', 'e.customerId', 'e.messageId', 'e.inReplyTo', 'e.referencesIds', 'e.threadId', 'e.subject', 'e.fromAddress', 'e.toAddresses', 'e.receivedVia', 'i.caseId'])
    .where('e.interactionId', '=', interactionId)
    .executeTakeFirst();

/** Any logged contact: whose it is and on which channel (an email logged by hand has no email row). */
export const contactOf = (db: Db, interactionId: string) =>
  db.selectFrom('interactions').select(['customerId', 'channel']).where('id', '=', interactionId).executeTakeFirst();

/** An email already logged on this customer under this Message-ID (a copy that email in received first). */
export const loggedEmail = (db: Db, customerId: string, messageId: string) =>
  db.selectFrom('emailMessages').select(['id', 'interactionId']).where('customerId', '=', customerId).where('messageId', '=', messageId).executeTakeFirst();

export const insertEmailMessage = (db: Db, row: NewRow<'emailMessages'>) => db.insertInto('emailMessages').values(row).execute();
