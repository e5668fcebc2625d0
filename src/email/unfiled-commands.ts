import { recordAudit } from '../audit/audit-store.js';
import { ensureCustomer } from '../common/references.js';
import type { Db } from '../platform/database/connect.js';
import { conflict, notFound } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { logEmail } from './email-log-commands.js';
import { findLoggedMessage, findUnfiled, updateUnfiled } from './email-store.js';
import { asLogged } from './forward-rules.js';
import { sourceBytes } from './mail-in-rules.js';
import { routeOf, type MailInSettings } from './mail-placing.js';
import { readMail } from './mail-reading.js';

/**
 * Mail on the list to file by hand: filed on a customer a staff member picked (as if it had matched
 * them), or discarded. Either way its source is no longer kept (what was kept is on the customer).
 * Each runs in the caller's transaction and audits itself.
 */

async function waiting(db: Db, id: string) {
  const row = await findUnfiled(db, id);
  if (!row) throw notFound(`Unfiled email ${id}`);
  if (row.status !== 'waiting') throw conflict(`This email was ${row.status} already${row.handledAt ? ` (${row.handledAt})` : ''}.`);
  return row;
}

export interface FileInput {
  customerId: string;
  /** Which way it went; by default the way Rapport reads it (outbound when a staff member wrote it). */
  direction?: 'inbound' | 'outbound';
}

/** Files a waiting email on a customer; returns the interaction (the one already there if the customer has this message logged). */
export async function fileUnfiled(db: Db, ctx: WriteContext, id: string, input: FileInput, settings: MailInSettings): Promise<string> {
  const row = await waiting(db, id);
  await ensureCustomer(db, input.customerId, '/body/customerId');
  const mail = await readMail(sourceBytes(row));
  const route = await routeOf(db, mail, settings.allowedSenders);
  const message = route.message ?? asLogged({ ...mail, from: mail.from ?? { address: row.fromAddress, name: null } });
  const logged = await logEmail(db, ctx, input.customerId, message, {
    direction: input.direction ?? route.direction,
    staffId: route.staffId,
    forwardedBy: route.forwardedBy,
    receivedVia: row.receivedVia,
    receivedAt: row.receivedAt,
    maxAttachmentBytes: settings.maxAttachmentBytes,
  });
  const interactionId = logged ?? (await findLoggedMessage(db, input.customerId, message.messageId))!.interactionId;
  const handledAt = nowIso();
  await updateUnfiled(db, id, { status: 'filed', filedInteractionIds: interactionId, handledBy: ctx.actor?.staffId ?? null, handledAt, raw: '', rawEncoding: 'utf8' });
  await recordAudit(db, ctx.actor, {
    action: 'update',
    entityType: 'unfiled_email',
    entityId: id,
    customerId: input.customerId,
    before: { status: 'waiting' },
    after: { status: 'filed', interactionIds: [interactionId] },
  });
  return interactionId;
}

/** Discards a waiting email: not about a customer (spam, a newsletter), kept only as a line on the list. */
export async function discardUnfiled(db: Db, ctx: WriteContext, id: string): Promise<void> {
  await waiting(db, id);
  await updateUnfiled(db, id, { status: 'discarded', handledBy: ctx.actor?.staffId ?? null, handledAt: nowIso(), raw: '', rawEncoding: 'utf8' });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'unfiled_email', entityId: id, before: { status: 'waiting' }, after: { status: 'discarded' } });
}
