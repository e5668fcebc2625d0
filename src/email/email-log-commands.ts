import { recordAudit } from '../audit/audit-store.js';
import { linkInteraction } from '../cases/case-commands.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import type { WriteContext } from '../platform/write-context.js';
import { checkAttachment, maxAttachmentsPerMessage } from './attachment-rules.js';
import { findLoggedMessage, insertEmailAttachment, insertEmailMessage, threadParent } from './email-store.js';
import { addressesText, occurredAtOf, summaryOf } from './mail-in-rules.js';
import type { LoggedMessage } from './mail-message.js';
import { parentIdsOf, referencesText, threadIdOf } from './thread-rules.js';

/** How one email is logged on one customer. */
export interface LogSettings {
  direction: 'inbound' | 'outbound';
  /** The staff member who wrote, forwarded or re-sent it, when the message names one. */
  staffId: string | null;
  /** The name (or address) of whoever forwarded it, said on the interaction. */
  forwardedBy: string | null;
  receivedVia: 'smtp' | 'imap';
  receivedAt: string;
  maxAttachmentBytes: number;
}

/**
 * Logs an email on a customer: an interaction of channel 'email' through the interaction command
 * (so an inbound one marks them waiting and an outbound one answers them), the email itself in its
 * thread, and its files, checked. A reply in the thread of a case's contact joins that case.
 * Returns the interaction's id, or null when this message is logged on the customer already.
 * Runs in the caller's transaction and audits each row.
 */
export async function logEmail(db: Db, ctx: WriteContext, customerId: string, message: LoggedMessage, settings: LogSettings): Promise<string | null> {
  if (await findLoggedMessage(db, customerId, message.messageId)) return null;
  const parent = await threadParent(db, customerId, parentIdsOf(message));
  const threadId = parent?.threadId ?? threadIdOf(message);

  const kept: { fileName: string; contentType: string; content: Buffer }[] = [];
  const skipped: string[] = [];
  message.attachments.forEach((a, position) => {
    const verdict = checkAttachment(a, position, settings.maxAttachmentBytes);
    if (!verdict.keep) skipped.push(`${verdict.fileName}: ${verdict.reason}`);
    else if (kept.length >= maxAttachmentsPerMessage) skipped.push(`${verdict.fileName}: more than ${maxAttachmentsPerMessage} files in one message`);
    else kept.push({ fileName: verdict.fileName, contentType: verdict.contentType, content: a.content });
  });

  const interactionId = await createInteraction(db, ctx, {
    customerId,
    channel: 'email',
    direction: settings.direction,
    occurredAt: occurredAtOf(message.writtenAt, settings.receivedAt),
    summary: summaryOf({ subject: message.subject, body: message.body, note: message.note, forwardedBy: settings.forwardedBy, kept: kept.map((k) => k.fileName), skipped }),
    ...(settings.staffId ? { staffId: settings.staffId } : {}),
  });

  const row = {
    id: newId(),
    interactionId,
    customerId,
    messageId: message.messageId,
    inReplyTo: message.inReplyTo,
    referencesIds: referencesText(message.references),
    threadId,
    subject: message.subject,
    fromAddress: message.from.address,
    toAddresses: addressesText(message.to),
    ccAddresses: message.cc.length ? addressesText(message.cc) : null,
    bodyText: message.body,
    receivedVia: settings.receivedVia,
    skippedAttachments: skipped.length ? skipped.join('\n') : null,
    createdAt: settings.receivedAt,
  };
  await insertEmailMessage(db, row);
  const { bodyText: _body, ...headers } = row;
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'email_message', entityId: row.id, customerId, after: headers });

  for (const [position, file] of kept.entries()) {
    const attachment = { id: newId(), interactionId, customerId, position, fileName: file.fileName, contentType: file.contentType, sizeBytes: file.content.length, createdAt: settings.receivedAt };
    await insertEmailAttachment(db, { ...attachment, content: file.content });
    await recordAudit(db, ctx.actor, { action: 'create', entityType: 'email_attachment', entityId: attachment.id, customerId, after: attachment });
  }

  if (parent?.caseId) await linkInteraction(db, ctx, parent.caseId, interactionId, settings.receivedAt);
  return interactionId;
}
