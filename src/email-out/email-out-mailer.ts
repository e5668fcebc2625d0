import type { MailConfig } from '../platform/config.js';
import { sendThrough, smtpTransport } from '../platform/mail/smtp-transport.js';
import { bracketed, type Mailbox } from './email-out-rules.js';

/** One email to one customer, as the SMTP server gets it. Message-IDs without angle brackets. */
export interface CustomerMessage {
  from: Mailbox;
  replyTo: Mailbox;
  to: Mailbox;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: readonly string[];
}

export interface CustomerMailer {
  /** Resolves once the server has taken the email; throws a MailError (with its answer) when it did not. */
  send(message: CustomerMessage): Promise<void>;
}

const mailbox = (m: Mailbox) => (m.name ? { name: m.name, address: m.address } : m.address);

/** Through the transport of RAPPORT_SMTP_URL, shared with the reminders (src/platform/mail/smtp-transport.ts). */
export function customerMailer(config: MailConfig): CustomerMailer {
  const transport = smtpTransport(config);
  return {
    send: (m) =>
      sendThrough(transport, {
        from: mailbox(m.from),
        replyTo: mailbox(m.replyTo),
        to: mailbox(m.to),
        subject: m.subject,
        text: m.text,
        messageId: bracketed(m.messageId),
        ...(m.inReplyTo ? { inReplyTo: bracketed(m.inReplyTo) } : {}),
        ...(m.references.length ? { references: m.references.map(bracketed) } : {}),
      }),
  };
}
