import { createHash } from 'node:crypto';
import { summaryMax } from '../interactions/interaction-schemas.js';

/**
 * Rules of mail into Rapport that are neither forwards nor threads: which envelope senders the
 * listener takes, what an email's interaction says, when it happened, and how a message's source
 * is kept. Pure rules, no database.
 */

/** Whether an envelope sender is on the list: an address, or "@domain" for everyone at that domain. */
export function senderAllowed(address: string, allowed: readonly string[]): boolean {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf('@');
  if (at <= 0) return false;
  const domain = a.slice(at);
  return allowed.some((entry) => (entry.startsWith('@') ? entry === domain : entry === a));
}

/** The id of a message that has none: the same source gives the same id, so a second delivery is still one. */
export const madeUpMessageId = (raw: Buffer): string => `${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@rapport.invalid`;

/** The first lines of what someone wrote, without the quoted message they answer or a forwarded block. */
export function firstLines(body: string, count = 4): string[] {
  const out: string[] = [];
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (/^>/.test(line)) break;
    if (/^on\b.{4,200}\bwrote:$/i.test(line) || /^-{2,}\s*(forwarded|original) message/i.test(line) || /^begin forwarded message/i.test(line) || /^_{10,}$/.test(line)) break;
    if (line === '--') break;
    if (line) out.push(line);
    if (out.length === count) break;
  }
  return out;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The interaction's summary: the subject on the first line (the timeline's title), then the first
 * lines of the message, who forwarded it with what note, and the files: kept and not kept. At most
 * the interaction summary's 2,000 characters; the whole message is kept with the email.
 */
export function summaryOf(m: { subject: string | null; body: string; note: string | null; forwardedBy: string | null; kept: readonly string[]; skipped: readonly string[] }): string {
  const subject = cut((m.subject ?? '').replace(/\s+/g, ' ').trim() || '(no subject)', 300);
  const tail: string[] = [];
  if (m.forwardedBy) tail.push(m.note ? `Forwarded by ${m.forwardedBy}: ${cut(firstLines(m.note, 2).join(' '), 300)}` : `Forwarded by ${m.forwardedBy}.`);
  if (m.kept.length) tail.push(cut(`Attached: ${m.kept.join(', ')}`, 400));
  if (m.skipped.length) tail.push(cut(`Not kept: ${m.skipped.join('; ')}`, 500));
  const tailText = tail.join('\n');
  const room = summaryMax - subject.length - tailText.length - 2;
  const lines = cut(firstLines(m.body).join('\n'), Math.max(0, room));
  return [subject, lines, tailText].filter(Boolean).join('\n');
}

const earliest = Date.parse('1900-01-01T00:00:00.000Z');

/**
 * When an email happened: when it was written, as its Date says, but never after it arrived (a
 * sender's clock running fast) and never before 1900; when it arrived when it says nothing usable.
 */
export function occurredAtOf(writtenAt: string | null, receivedAt: string): string {
  const t = writtenAt ? Date.parse(writtenAt) : Number.NaN;
  if (Number.isNaN(t) || t < earliest || t > Date.parse(receivedAt)) return receivedAt;
  return new Date(t).toISOString();
}

/** A message's source as stored: UTF-8 text when it is that (and has no NUL, which PostgreSQL text refuses), else base64. */
export function storedSource(raw: Buffer): { raw: string; rawEncoding: 'utf8' | 'base64' } {
  const text = raw.toString('utf8');
  if (!text.includes('\u0000') && Buffer.from(text, 'utf8').equals(raw)) return { raw: text, rawEncoding: 'utf8' };
  return { raw: raw.toString('base64'), rawEncoding: 'base64' };
}

export const sourceBytes = (stored: { raw: string; rawEncoding: 'utf8' | 'base64' }): Buffer => Buffer.from(stored.raw, stored.rawEncoding);

/** Addresses as stored: comma-separated. */
export const addressesText = (addresses: readonly { address: string }[]): string => addresses.map((a) => a.address).join(', ');
