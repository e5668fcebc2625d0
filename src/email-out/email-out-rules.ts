import { normalizeEmail } from '../common/contact-rules.js';
import { limits } from '../common/schema.js';
import type { ContactPermission } from '../consent/consent-rules.js';
import { unprocessable } from '../platform/errors.js';

/**
 * Email written to one customer by one staff member, in their own words: the pure rules. No
 * database, no clock, no network. There are no templates and no merge fields here on purpose: Rapport
 * never sends "personalised" mail to many (PRODUCT.md, principle 6).
 */

export const subjectMax = limits.line;
export const bodyMax = limits.body;

/** How much of the body the interaction's summary (and so the timeline and the brief) repeats. */
const summaryBodyChars = 280;

// Control characters other than tab (and, in a body, the line break): a subject is one header line.
const subjectControls = /[\u0000-\u0008\u000a-\u001f\u007f]/;
const bodyControls = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** The subject as it is sent: trimmed, something left, one line. */
export function checkSubject(value: string, path = '/body/subject'): string {
  const subject = value.trim();
  if (!subject) throw unprocessable(path, 'cannot be blank');
  if (subjectControls.test(subject)) throw unprocessable(path, 'must be one line, without line breaks or control characters');
  if (subject.length > subjectMax) throw unprocessable(path, `must be at most ${subjectMax} characters`);
  return subject;
}

/** The body as it is sent: line breaks as \n, no trailing blank space, something left. */
export function checkBody(value: string, path = '/body/body'): string {
  const body = value.replace(/\r\n?/g, '\n').replace(/^\s*\n/, '').trimEnd();
  if (!body.trim()) throw unprocessable(path, 'cannot be blank');
  if (bodyControls.test(body)) throw unprocessable(path, 'has a control character that an email cannot carry');
  if (body.length > bodyMax) throw unprocessable(path, `must be at most ${bodyMax} characters`);
  return body;
}

/** "Re: " before the subject of the email answered, unless it is there already ("RE:", "re :"). */
export function replySubject(parentSubject: string | null): string {
  const subject = (parentSubject ?? '').replace(/\s+/g, ' ').trim();
  if (/^re\s*:/i.test(subject)) return subject.slice(0, subjectMax);
  return (subject ? `Re: ${subject}` : 'Re: your email').slice(0, subjectMax);
}

/** The threading fields of a stored email (Message-IDs without angle brackets). */
export interface ThreadFacts {
  messageId: string;
  inReplyTo: string | null;
  /** Space-separated. */
  referencesIds: string | null;
  threadId: string;
}

/** The most ids a References header carries: the first (the thread's start) and the latest ones. */
export const referencesKept = 20;

/**
 * References of a reply (RFC 5322 3.6.4): the parent's References (or, without them, its
 * In-Reply-To), then the parent's own Message-ID. Each id once; a long thread keeps its first id and
 * the newest ones, as mail programs do.
 */
export function referencesFor(parent: ThreadFacts): string[] {
  const before = parent.referencesIds?.trim() ? parent.referencesIds.trim().split(/\s+/) : parent.inReplyTo ? [parent.inReplyTo] : [];
  const ids = [...new Set([...before, parent.messageId])];
  if (ids.length <= referencesKept) return ids;
  return [ids[0]!, ...ids.slice(ids.length - (referencesKept - 1))];
}

/** A reply belongs to its parent's thread; a new email starts one of its own. */
export const threadIdFor = (parent: ThreadFacts | null, messageId: string): string => parent?.threadId ?? messageId;

/**
 * A Message-ID that Rapport makes itself, so that it is known before sending and stored after:
 * `unique@host`, the host of RAPPORT_PUBLIC_URL (an address Rapport answers at, so the ids are its own).
 */
export function messageIdFor(publicUrl: string, unique: string): string {
  let host = 'rapport.invalid';
  try {
    host = new URL(publicUrl).hostname.toLowerCase() || host;
  } catch {
    // config.ts checked the URL; a bad one still makes a valid id
  }
  return `${unique}@${host}`;
}

/** An id as a header carries it. */
export const bracketed = (id: string): string => `<${id}>`;

/** The interaction's summary: the subject, then how the body starts, on one line. */
export function summaryOf(subject: string, body: string): string {
  const start = body.replace(/\s+/g, ' ').trim();
  if (start.length <= summaryBodyChars) return `${subject} — ${start}`;
  const cut = start.slice(0, summaryBodyChars);
  const space = cut.lastIndexOf(' ');
  return `${subject} — ${(space > summaryBodyChars * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface Mailbox {
  name: string | null;
  address: string;
}

/** "Rapport <rapport@example.com>" or "rapport@example.com" (as config.ts accepts RAPPORT_MAIL_FROM). */
export function parseMailbox(value: string): Mailbox {
  const match = /^\s*(.*?)\s*<([^\s<>]+)>\s*$/.exec(value);
  if (!match) return { name: null, address: value.trim() };
  const name = match[1]!.replace(/^"(.*)"$/, '$1').trim();
  return { name: name || null, address: match[2]! };
}

/**
 * Who the customer's email is from. From is the configured address (RAPPORT_MAIL_FROM), shown with
 * the staff member's name ("Earl Hutchins via Hutchins Hardware"); Reply-To is the staff member, so
 * the customer's answer reaches the person who wrote.
 *
 * Why not From the staff member with the configured address as Sender: receiving servers check the
 * From domain (DMARC alignment with SPF and DKIM). Mail From earl@shop.example sent through the
 * relay of RAPPORT_SMTP_URL fails that check whenever the relay is not an authorised sender of
 * shop.example, and many relays refuse outright to send From an address they were not given. The
 * configured address is the one the relay is set up for, so that mail is delivered; the name and
 * Reply-To still make it plainly the staff member's own email.
 */
export function senderHeaders(configuredFrom: string, staff: { name: string; email: string }): { from: Mailbox; replyTo: Mailbox } {
  const configured = parseMailbox(configuredFrom);
  return {
    from: { name: configured.name ? `${staff.name} via ${configured.name}` : staff.name, address: configured.address },
    replyTo: { name: staff.name, address: staff.email },
  };
}

export interface CustomerAddress {
  address: string;
  isPrimary: boolean;
}

/**
 * The address the email goes to: the one asked for, which must be one of the customer's, or else
 * their primary address (the first one when none is marked). `addresses` come primary first.
 */
export function chooseAddress(requested: string | undefined, addresses: readonly CustomerAddress[], customerName: string, path = '/body/to'): string {
  if (addresses.length === 0) throw unprocessable(path, `${customerName} has no email address: add one to their profile first`);
  if (requested === undefined) return (addresses.find((a) => a.isPrimary) ?? addresses[0]!).address;
  const wanted = normalizeEmail(requested);
  const found = addresses.find((a) => normalizeEmail(a.address) === wanted);
  if (!found) throw unprocessable(path, `is not one of ${customerName}'s email addresses`);
  return found.address;
}

/**
 * Why this customer may not be emailed, naming the setting that stops it; null when they may be.
 * The rule is consent's (`contactPermission(consent, 'email')`, the trust issue's): do-not-contact
 * stops every email, an opt-out of email stops email, and nothing recorded allows it. Email written
 * here is service contact (a reply, an answer, a promise kept), not marketing, so it needs no opt-in.
 */
export function emailRefusal(permission: ContactPermission, customerName: string): string | null {
  if (permission.allowed) return null;
  if (permission.basis === 'do_not_contact') {
    return `${customerName} asked not to be contacted (${permission.reason}), so Rapport sends them no email. The “Do not contact” setting on their Consent panel stops it.`;
  }
  return `${customerName} ${permission.reason}, so Rapport sends them no email. Their choice for email on the Consent panel stops it.`;
}
