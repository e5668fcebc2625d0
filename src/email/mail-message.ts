/**
 * A message as Rapport reads it (src/email/mail-reading.ts turns the source into this with
 * mailparser), and the message it logs on a customer: the message itself, or the original a staff
 * member forwarded (src/email/forward-rules.ts). Plain data: the rules read it without a parser.
 */

export interface MailParty {
  /** As written, lower-cased: addresses match case-insensitively (src/common/contact-rules.ts). */
  address: string;
  name: string | null;
}

export interface MailAttachment {
  fileName: string | null;
  /** The type the message declares (mailparser guesses it from the file name for application/octet-stream). */
  contentType: string;
  content: Buffer;
}

export interface ReadMail {
  /** Without angle brackets; made from the source's hash when the message has none. */
  messageId: string;
  inReplyTo: string | null;
  /** Oldest first, without angle brackets. */
  references: string[];
  subject: string | null;
  from: MailParty | null;
  to: MailParty[];
  cc: MailParty[];
  /** The Date header, and its offset from UTC in minutes (the sender's zone), when it has them. */
  date: Date | null;
  dateOffsetMinutes: number | null;
  /** The plain text (from the HTML when there is no text part). */
  text: string;
  attachments: MailAttachment[];
  /** Messages attached whole (message/rfc822 parts), read the same way. */
  embedded: ReadMail[];
  /** Resent-From: who re-sent (redirected) it, leaving From as it was. */
  resentFrom: MailParty | null;
  /** X-Forwarded-Message-Id (Thunderbird and others say which message a forward carries). */
  forwardedMessageId: string | null;
}

/** What is logged on a customer: one message, as it was written to or by them. */
export interface LoggedMessage {
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  subject: string | null;
  from: MailParty;
  to: MailParty[];
  cc: MailParty[];
  /** When it was written (ISO), if the message says. */
  writtenAt: string | null;
  body: string;
  /** What the staff member who forwarded it wrote above it. */
  note: string | null;
  attachments: MailAttachment[];
}
