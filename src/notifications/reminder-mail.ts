import type { MailConfig } from '../platform/config.js';
import { sendThrough, smtpTransport } from '../platform/mail/smtp-transport.js';
import type { Db } from '../platform/database/connect.js';
import type { JobKind, JobLog } from '../platform/jobs/job-queue.js';
import { nowIso } from '../platform/time.js';
import { reminderEmail } from './notification-rules.js';
import { findForMail, markEmailed } from './notification-store.js';

/**
 * The email about a notification, sent through SMTP (nodemailer) by a job of kind
 * 'notifications.mail', one per notification, enqueued in the transaction that inserted it
 * (reminder-scan.ts). A failure throws, and the job queue tries again with growing waits.
 */

export const mailKind = 'notifications.mail';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** Derived from the notification: a resent copy carries the same id, so a mailbox can tell. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** A failed delivery (kept here under its old name; the transport lives in platform/mail, shared with email out). */
export { MailError } from '../platform/mail/smtp-transport.js';

/**
 * Sends through the SMTP server of RAPPORT_SMTP_URL (the transport shared with email to customers,
 * src/platform/mail/smtp-transport.ts). The worker runs one job at a time, and a server that does not
 * answer must not hold the others up for long: the transport's timeouts are short, and the queue
 * tries again later.
 */
export function smtpMailer(config: MailConfig): Mailer {
  const transport = smtpTransport(config);
  return {
    send: (mail) => sendThrough(transport, { from: config.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId }),
  };
}

export interface MailOptions {
  /** null when SMTP is not configured: nothing is sent. */
  mailer: Mailer | null;
  /** The start of links in emails (config.publicUrl). */
  publicUrl: string;
  /** The domain for message ids (the From address's). */
  messageIdDomain: string;
}

export type MailOutcome = 'sent' | 'already sent' | 'gone' | 'no address' | 'no smtp';

/**
 * Sends the email about one notification unless it was sent already, then records when. Safe to run
 * again: a notification marked emailed is not sent twice. (Should the process stop between the SMTP
 * server taking the email and the mark being written, the job runs again and sends it again: SMTP
 * offers no way to ask whether a message arrived. The repeat carries the same Message-ID.)
 */
export async function sendNotificationEmail(db: Db, notificationId: string, options: MailOptions, log: JobLog): Promise<MailOutcome> {
  const n = await findForMail(db, notificationId);
  // Gone with its customer (deleted or erased) since it was notified.
  if (!n) return 'gone';
  if (n.emailedAt) return 'already sent';
  if (!options.mailer) {
    log.warn('SMTP is not configured (RAPPORT_SMTP_URL): the reminder stays in the app only');
    return 'no smtp';
  }
  // Disabled since, or an integration: no one reads its mail.
  if (n.staffKind !== 'person' || !n.staffActive || !n.staffEmail.includes('@')) return 'no address';
  const email = reminderEmail(n, options.publicUrl);
  await options.mailer.send({
    to: { name: n.staffName, address: n.staffEmail },
    subject: email.subject,
    text: email.text,
    messageId: `<notification-${n.id}@${options.messageIdDomain}>`,
  });
  await markEmailed(db, n.id, nowIso());
  log.info({ notificationId: n.id }, 'reminder emailed');
  return 'sent';
}

const notificationIdOf = (payload: unknown): string | null => {
  const id = (payload as { notificationId?: unknown } | null)?.notificationId;
  return typeof id === 'string' && id.length > 0 ? id : null;
};

/**
 * The mail job. Retries cover an SMTP server that is down or greylisting (451, "try again later"):
 * eight attempts over about an hour (30 s, 1, 2, 4, 8, 16, 30 minutes); then the job is kept as
 * failed, with the server's answer as its error, and the reminder stays in the app.
 */
export function reminderMailJob(options: MailOptions): JobKind {
  return {
    kind: mailKind,
    maxAttempts: 8,
    retryBaseMs: 30_000,
    retryMaxMs: 30 * 60_000,
    handler: async ({ db, payload, log }) => {
      const id = notificationIdOf(payload);
      if (!id) {
        log.error({ payload }, 'mail job without a notification id: nothing to send');
        return;
      }
      const outcome = await sendNotificationEmail(db, id, options, log);
      if (outcome !== 'sent') log.debug({ notificationId: id, outcome }, 'reminder email not sent');
    },
  };
}

/** The domain of an address ("Rapport <rapport@example.com>" → example.com), for message ids. */
export function domainOf(address: string): string {
  const match = /@([^\s<>@]+)>?\s*$/.exec(address);
  return match?.[1] ?? 'rapport.invalid';
}
