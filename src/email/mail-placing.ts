import { recordAudit } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { findStaffByEmail } from '../staff/staff-store.js';
import { logEmail } from './email-log-commands.js';
import { customersByAddress, findUnfiledByMessageId, insertUnfiled, updateUnfiled } from './email-store.js';
import { asLogged, looksForwarded, unwrapForward } from './forward-rules.js';
import { addressesText, firstLines, senderAllowed, storedSource } from './mail-in-rules.js';
import type { LoggedMessage, MailParty, ReadMail } from './mail-message.js';
import { readMail } from './mail-reading.js';

/**
 * Where a message goes: on which customers, which way, with which staff member; or on the list to
 * file by hand, with the reason in words.
 *
 * - From a staff member (or an allowed sender such as a shared mailbox) and a forward: the original
 *   is unwrapped and logged from its sender, inbound, when it was written, the forwarder as staff.
 *   (A forward that went to customers, with Rapport in BCC, is the staff member writing to them.)
 * - From a staff member otherwise: their own mail, BCC'd to Rapport: outbound, on each customer
 *   among To and Cc.
 * - Anyone else: inbound from the sender.
 * Addresses match the email addresses on customers' records, case-insensitively; an address on two
 * or more customers is not guessed at.
 */

export interface MailInSettings {
  allowedSenders: readonly string[];
  maxAttachmentBytes: number;
  receivedVia: 'smtp' | 'imap';
}

export type Route =
  | { kind: 'place'; message: LoggedMessage; direction: 'inbound' | 'outbound'; addresses: string[]; staffId: string | null; forwardedBy: string | null }
  | { kind: 'unplaceable'; reason: string; message: LoggedMessage | null; direction: 'inbound' | 'outbound'; staffId: string | null; forwardedBy: string | null };

const who = (p: MailParty) => (p.name ? `${p.name} <${p.address}>` : p.address);
const recipients = (m: { to: MailParty[]; cc: MailParty[] }) => [...m.to, ...m.cc].map((p) => p.address);

async function matchesAny(db: Db, addresses: string[]): Promise<boolean> {
  for (const ids of (await customersByAddress(db, addresses)).values()) if (ids.length > 0) return true;
  return false;
}

export async function routeOf(db: Db, mail: ReadMail, allowedSenders: readonly string[]): Promise<Route> {
  const from = mail.from;
  if (!from) return { kind: 'unplaceable', reason: 'The message says no sender (no From address could be read).', message: null, direction: 'inbound', staffId: null, forwardedBy: null };
  const message = asLogged({ ...mail, from });
  const staff = await findStaffByEmail(db, from.address);
  if ((staff || senderAllowed(from.address, allowedSenders)) && looksForwarded(mail) && !(await matchesAny(db, recipients(mail)))) {
    const original = unwrapForward(mail);
    const forwardedBy = staff?.name ?? from.address;
    if (!original) {
      return { kind: 'unplaceable', reason: `Forwarded by ${staff ? who({ address: from.address, name: staff.name }) : who(from)}, but who wrote the original could not be read.`, message, direction: 'inbound', staffId: staff?.id ?? null, forwardedBy };
    }
    const writer = await findStaffByEmail(db, original.from.address);
    // A staff member forwarding mail they sent themselves: theirs, to the customers they wrote to.
    if (writer) return { kind: 'place', message: original, direction: 'outbound', addresses: recipients(original), staffId: writer.id, forwardedBy };
    return { kind: 'place', message: original, direction: 'inbound', addresses: [original.from.address], staffId: staff?.id ?? null, forwardedBy };
  }
  if (staff) return { kind: 'place', message, direction: 'outbound', addresses: recipients(mail), staffId: staff.id, forwardedBy: null };
  // Re-sent (redirected) by a staff member: From is still the customer.
  const resender = mail.resentFrom ? await findStaffByEmail(db, mail.resentFrom.address) : undefined;
  return { kind: 'place', message, direction: 'inbound', addresses: [from.address], staffId: resender?.id ?? null, forwardedBy: resender ? resender.name : null };
}

export type Received =
  | { kind: 'logged'; interactionIds: string[]; customerIds: string[] }
  | { kind: 'duplicate' }
  | { kind: 'unfiled'; unfiledId: string; reason: string };

/** The customers a route places on, or why it places on none. */
async function customersOf(db: Db, route: Extract<Route, { kind: 'place' }>): Promise<{ customerIds: string[] } | { reason: string }> {
  const matches = await customersByAddress(db, route.addresses);
  const ambiguous = [...matches].filter(([, ids]) => ids.length > 1);
  if (ambiguous.length) {
    return { reason: ambiguous.map(([address, ids]) => `${address} is on ${ids.length} customers' records`).join('; ') + ': file it on the right one by hand.' };
  }
  const customerIds = [...new Set([...matches.values()].flat())];
  if (customerIds.length) return { customerIds };
  const list = [...matches.keys()];
  if (route.direction === 'outbound') {
    return { reason: list.length ? `Sent by a staff member to ${list.join(', ')}: no customer has ${list.length === 1 ? 'that address' : 'any of these addresses'}.` : 'Sent by a staff member to no one Rapport could read.' };
  }
  return { reason: `No customer has the address ${list.join(', ')}.` };
}

/**
 * Places one message, in the caller's transaction: logged on its customers (once each: a message
 * logged on a customer already is not logged again), or kept on the list to file by hand (once).
 * Audited as Rapport itself.
 */
export async function placeMail(db: Db, ctx: WriteContext, mail: ReadMail, raw: Buffer, settings: MailInSettings, receivedAt = nowIso()): Promise<Received> {
  const route = await routeOf(db, mail, settings.allowedSenders);
  let reason: string;
  if (route.kind === 'place') {
    const found = await customersOf(db, route);
    if ('customerIds' in found) {
      const interactionIds: string[] = [];
      const customerIds: string[] = [];
      for (const customerId of found.customerIds) {
        const id = await logEmail(db, ctx, customerId, route.message, {
          direction: route.direction,
          staffId: route.staffId,
          forwardedBy: route.forwardedBy,
          receivedVia: settings.receivedVia,
          receivedAt,
          maxAttachmentBytes: settings.maxAttachmentBytes,
        });
        if (id) {
          interactionIds.push(id);
          customerIds.push(customerId);
        }
      }
      if (interactionIds.length === 0) return { kind: 'duplicate' };
      // The same message waiting on the list (from before the customer had this address) is filed by this.
      const waiting = await findUnfiledByMessageId(db, mail.messageId);
      if (waiting?.status === 'waiting') {
        await updateUnfiled(db, waiting.id, { status: 'filed', filedInteractionIds: interactionIds.join(' '), handledAt: receivedAt, raw: '' });
        await recordAudit(db, ctx.actor, { action: 'update', entityType: 'unfiled_email', entityId: waiting.id, before: { status: 'waiting' }, after: { status: 'filed', interactionIds } });
      }
      return { kind: 'logged', interactionIds, customerIds };
    }
    reason = found.reason;
  } else reason = route.reason;

  if (await findUnfiledByMessageId(db, mail.messageId)) return { kind: 'duplicate' };
  const id = newId();
  const row = {
    id,
    messageId: mail.messageId,
    ...storedSource(raw),
    fromAddress: mail.from?.address ?? '(none)',
    toAddresses: addressesText([...mail.to, ...mail.cc]),
    subject: mail.subject,
    preview: firstLines(route.message?.body ?? mail.text, 8).join('\n').slice(0, 1000) || null,
    receivedAt,
    receivedVia: settings.receivedVia,
    reason,
  };
  await insertUnfiled(db, row);
  const { raw: _raw, rawEncoding: _encoding, preview: _preview, ...said } = row;
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'unfiled_email', entityId: id, after: said });
  return { kind: 'unfiled', unfiledId: id, reason };
}

const isUniqueViolation = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

/**
 * A message as it arrived (its source), read and placed in a transaction of its own, as Rapport.
 * Two deliveries of one message at once: the second to commit finds the first's rows and is a duplicate.
 */
/** A message mailparser cannot read at all: refused for good (sending it again will not help). */
export class UnreadableMail extends Error {}

export async function receiveMail(db: Db, raw: Buffer, settings: MailInSettings & { phoneRegion: string }): Promise<Received> {
  let mail: ReadMail;
  try {
    mail = await readMail(raw);
  } catch (error) {
    throw new UnreadableMail(error instanceof Error ? error.message : String(error));
  }
  const ctx: WriteContext = { actor: null, phoneRegion: settings.phoneRegion };
  const attempt = () => db.transaction().execute((trx) => placeMail(trx, ctx, mail, raw, settings));
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}
