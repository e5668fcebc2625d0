import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { recordAudit } from '../audit/audit-store.js';
import { linkInteraction } from '../cases/case-commands.js';
import { findCaseRow } from '../cases/case-store.js';
import { contactPermission, type ContactPermission } from '../consent/consent-rules.js';
import { consentFacts, loadConsent } from '../consent/consent-store.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import type { MailConfig } from '../platform/config.js';
import type { Db } from '../platform/database/connect.js';
import type { Row } from '../platform/database/schema.js';
import { conflict, forbidden, notFound, unprocessable } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import type { CustomerMailer } from './email-out-mailer.js';
import {
  checkBody,
  checkSubject,
  chooseAddress,
  emailRefusal,
  messageIdFor,
  referencesFor,
  replySubject,
  senderHeaders,
  summaryOf,
  threadIdFor,
  type Mailbox,
  type ThreadFacts,
} from './email-out-rules.js';
import type { ComposerOut, EmailSendIn } from './email-out-schemas.js';
import { addressesOf, contactOf, customerToWrite, emailOfInteraction, insertEmailMessage, loggedEmail, sender } from './email-out-store.js';

/**
 * Writing to a customer: everything is checked first (`draftEmail`, reads only), then the email is
 * sent, and only once the SMTP server has taken it is it logged (`recordSentEmail`, one transaction:
 * the outbound interaction, which answers a waiting customer, the email row and the audit).
 */

export interface EmailSettings {
  /** config.mail: undefined when sending is not set up. */
  mail: MailConfig | undefined;
  /** config.publicUrl: its host names Rapport's Message-IDs. */
  publicUrl: string;
}

export const notSetUp =
  'Email to customers is not set up: set RAPPORT_SMTP_URL (the mail server, smtp://user:password@host:587) and RAPPORT_MAIL_FROM (the address it sends from), then restart Rapport.';

const tokenRefusal = 'Email to a customer is written by a person signed in to Rapport, in their own words, not sent with an API token.';

/** Everything an email needs, checked, before it is sent. */
export interface Draft {
  customerId: string;
  customerName: string;
  staffId: string;
  from: Mailbox;
  replyTo: Mailbox;
  to: string;
  subject: string;
  body: string;
  caseId: string | null;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  threadId: string;
}

async function liveCustomer(db: Db, customerId: string) {
  const customer = await customerToWrite(db, customerId);
  if (!customer) throw notFound(`Customer ${customerId}`);
  return customer;
}

async function emailPermission(db: Db, customerId: string): Promise<ContactPermission> {
  return contactPermission(consentFacts(await loadConsent(db, customerId)), 'email');
}

/** The writer: a person signed in (never an API token), active, with an address for the customer's answer. */
async function writer(db: Db, actor: ActorOrSystem): Promise<Pick<Row<'staff'>, 'id' | 'name' | 'email'>> {
  if (!actor || actor.via !== 'session') throw forbidden(tokenRefusal);
  const staff = await sender(db, actor.staffId);
  if (!staff || !staff.active || staff.kind !== 'person') throw forbidden('Only an active staff member can write to a customer.');
  return staff;
}

type Parent = ThreadFacts & { interactionId: string; caseId: string | null };

/** The email answered: one of this customer's that Rapport received or sent (so it has a Message-ID to thread under). */
async function parentEmail(db: Db, customerId: string, interactionId: string, path: string): Promise<Parent> {
  const email = await emailOfInteraction(db, interactionId);
  if (email && email.customerId === customerId) return email;
  if (email) throw unprocessable(path, 'is an email of another customer');
  const contact = await contactOf(db, interactionId);
  if (!contact) throw unprocessable(path, `contact ${interactionId} does not exist`);
  if (contact.customerId !== customerId) throw unprocessable(path, 'is a contact with another customer');
  if (contact.channel !== 'email') throw unprocessable(path, 'is not an email');
  throw unprocessable(path, 'is an email logged by hand: Rapport has no copy of it to reply under; send without it to start a new thread');
}

/** Checks everything about an email to a customer, in the order a person fixes things; writes nothing. */
export async function draftEmail(db: Db, actor: ActorOrSystem, customerId: string, input: EmailSendIn, settings: EmailSettings): Promise<Draft> {
  const staff = await writer(db, actor);
  const customer = await liveCustomer(db, customerId);
  if (!settings.mail) throw conflict(notSetUp);
  const refusal = emailRefusal(await emailPermission(db, customerId), customer.displayName);
  if (refusal) throw conflict(refusal);
  const subject = checkSubject(input.subject);
  const body = checkBody(input.body);
  const to = chooseAddress(input.to, await addressesOf(db, customerId), customer.displayName);
  const parent = input.inReplyToInteractionId ? await parentEmail(db, customerId, input.inReplyToInteractionId, '/body/inReplyToInteractionId') : null;
  if (input.caseId) {
    const found = await findCaseRow(db, input.caseId);
    if (!found) throw unprocessable('/body/caseId', `case ${input.caseId} does not exist`);
    if (found.customerId !== customerId) throw unprocessable('/body/caseId', 'is a case of another customer');
  }
  const messageId = messageIdFor(settings.publicUrl, randomUUID());
  return {
    customerId,
    customerName: customer.displayName,
    staffId: staff.id,
    ...senderHeaders(settings.mail.from, staff),
    to,
    subject,
    body,
    // A reply in the thread of a case's email joins that case, as a reply that email in logs does.
    caseId: input.caseId ?? parent?.caseId ?? null,
    messageId,
    inReplyTo: parent?.messageId ?? null,
    references: parent ? referencesFor(parent) : [],
    threadId: threadIdFor(parent, messageId),
  };
}

/**
 * Logs an email the SMTP server has taken, in the caller's transaction: the outbound interaction of
 * channel 'email' (createInteraction, which also works out the customer's contact state again, so a
 * waiting customer is answered), its place in a case's thread, the email row (received_via 'sent')
 * and the audit. A copy of the same Message-ID already logged on the customer (email in got a BCC
 * first) is left as it is.
 */
export async function recordSentEmail(db: Db, ctx: WriteContext, draft: Draft, sentAt: string): Promise<{ interactionId: string; alreadyLogged: boolean }> {
  const logged = await loggedEmail(db, draft.customerId, draft.messageId);
  if (logged) return { interactionId: logged.interactionId, alreadyLogged: true };
  const interactionId = await createInteraction(db, ctx, {
    customerId: draft.customerId,
    channel: 'email',
    direction: 'outbound',
    occurredAt: sentAt,
    summary: summaryOf(draft.subject, draft.body),
    staffId: draft.staffId,
  });
  if (draft.caseId) await linkInteraction(db, ctx, draft.caseId, interactionId, sentAt);
  const row: Row<'emailMessages'> = {
    id: newId(),
    interactionId,
    customerId: draft.customerId,
    messageId: draft.messageId,
    inReplyTo: draft.inReplyTo,
    referencesIds: draft.references.length ? draft.references.join(' ') : null,
    threadId: draft.threadId,
    subject: draft.subject,
    fromAddress: draft.from.address,
    toAddresses: draft.to,
    ccAddresses: null,
    bodyText: draft.body,
    receivedVia: 'sent',
    skippedAttachments: null,
    createdAt: sentAt,
  };
  await insertEmailMessage(db, row);
  // The body stays in its row (erased with the customer); the append-only trail keeps what was sent, to whom and under which id.
  const { bodyText: _body, ...audited } = row;
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'email_message', entityId: row.id, customerId: draft.customerId, after: { ...audited, replyTo: draft.replyTo.address } });
  return { interactionId, alreadyLogged: false };
}

/** The SMTP server took the email, and logging it failed: the route says so, with the Message-ID. */
export class SentButNotLogged extends Error {
  constructor(
    readonly draft: Draft,
    override readonly cause: unknown,
  ) {
    super(
      `The email to ${draft.to} was sent (Message-ID <${draft.messageId}>), but Rapport could not log it on ${draft.customerName}. Do not send it again: log it by hand as an outbound email, or let a BCC copy through email in log it.`,
    );
    this.name = 'SentButNotLogged';
  }
}

/**
 * Checks, sends, then logs. Takes the database itself (not a transaction): nothing is written
 * until the server has taken the email, so a refusal (MailError) leaves nothing behind; and a
 * failure to log what was sent is logged loudly, with its Message-ID, and thrown as SentButNotLogged.
 */
export async function sendCustomerEmail(
  db: Db,
  ctx: WriteContext,
  customerId: string,
  input: EmailSendIn,
  deps: { settings: EmailSettings; mailer: CustomerMailer | null; log: FastifyBaseLogger },
): Promise<{ interactionId: string; draft: Draft; sentAt: string; alreadyLogged: boolean }> {
  const draft = await draftEmail(db, ctx.actor, customerId, input, deps.settings);
  if (!deps.mailer) throw conflict(notSetUp);
  await deps.mailer.send({
    from: draft.from,
    replyTo: draft.replyTo,
    to: { name: draft.customerName, address: draft.to },
    subject: draft.subject,
    text: draft.body,
    messageId: draft.messageId,
    inReplyTo: draft.inReplyTo,
    references: draft.references,
  });
  const sentAt = nowIso();
  try {
    const logged = await db.transaction().execute((trx) => recordSentEmail(trx, ctx, draft, sentAt));
    return { ...logged, draft, sentAt };
  } catch (error) {
    deps.log.error(
      { err: error, messageId: draft.messageId, customerId: draft.customerId, staffId: draft.staffId, sentAt },
      `EMAIL SENT BUT NOT LOGGED: the SMTP server took Message-ID <${draft.messageId}> for customer ${draft.customerId}, and writing it to the database failed`,
    );
    throw new SentButNotLogged(draft, error);
  }
}

/** What the composer needs to know about writing to this customer, and why it may not. */
export async function composerFor(db: Db, actor: ActorOrSystem, customerId: string, settings: EmailSettings, replyTo: string | undefined): Promise<ComposerOut> {
  const customer = await liveCustomer(db, customerId);
  const [permission, addresses, staff] = await Promise.all([
    emailPermission(db, customerId),
    addressesOf(db, customerId),
    actor?.via === 'session' ? sender(db, actor.staffId) : Promise.resolve(undefined),
  ]);
  const headers = settings.mail && staff ? senderHeaders(settings.mail.from, staff) : null;
  const why = !settings.mail
    ? notSetUp
    : actor?.via !== 'session'
      ? tokenRefusal
      : (emailRefusal(permission, customer.displayName) ??
        (addresses.length === 0 ? `${customer.displayName} has no email address: add one to their profile to write to them.` : null));
  return {
    customerId,
    canWrite: why === null,
    why,
    setUp: Boolean(settings.mail),
    permission,
    addresses,
    from: headers ? formatMailbox(headers.from) : null,
    replyTo: headers ? formatMailbox(headers.replyTo) : null,
    reply: replyTo ? await replyStart(db, customerId, replyTo, addresses.map((a) => a.address)) : null,
  };
}

/** "Earl Hutchins via Hutchins Hardware <mail@hutchins.example>". */
const formatMailbox = (m: Mailbox) => (m.name ? `${m.name} <${m.address}>` : m.address);

/** How a reply to that email starts: its subject with "Re: ", and the customer's address in it. */
async function replyStart(db: Db, customerId: string, interactionId: string, addresses: string[]): Promise<NonNullable<ComposerOut['reply']>> {
  const email = await emailOfInteraction(db, interactionId);
  if (!email) {
    const contact = await contactOf(db, interactionId);
    if (!contact || contact.customerId !== customerId || contact.channel !== 'email') throw unprocessable('/query/replyTo', 'is not an email of this customer');
    return { interactionId, subject: replySubject(null), to: null, threaded: false };
  }
  if (email.customerId !== customerId) throw unprocessable('/query/replyTo', 'is not an email of this customer');
  const theirs = (address: string) => addresses.find((a) => a.toLowerCase() === address.trim().toLowerCase()) ?? null;
  const candidates = email.receivedVia === 'sent' ? email.toAddresses.split(',') : [email.fromAddress, ...email.toAddresses.split(',')];
  const to = candidates.map(theirs).find((a) => a !== null) ?? null;
  return { interactionId, subject: replySubject(email.subject), to, threaded: true };
}
