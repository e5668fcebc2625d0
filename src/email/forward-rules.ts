import type { LoggedMessage, MailParty, ReadMail } from './mail-message.js';

/**
 * Forwarded mail, unwrapped to the message it carries: a staff member forwards a customer's email
 * to Rapport, and Rapport logs the customer's email, from the customer, when they wrote it. Pure
 * rules, no database.
 *
 * A message is a forward when its subject says so (Fwd:, Fw:, and the French, German and Spanish
 * TR:, WG:, RV:), when it says which message it forwards (X-Forwarded-Message-Id), when it carries a
 * whole message (a message/rfc822 part, "forward as attachment"), or when its text holds the block
 * that Gmail ("---------- Forwarded message ---------"), Apple Mail ("Begin forwarded message:"),
 * Outlook ("-----Original Message-----" or a line of underscores, then From/Sent/To/Subject) and
 * Thunderbird ("-------- Forwarded Message --------") write above the original.
 */

const forwardPrefix = /^\s*(?:fwd?|fw|tr|wg|rv)\s*:\s*/i;

export const isForwardSubject = (subject: string | null): boolean => subject !== null && forwardPrefix.test(subject);

/** "Fwd: FW: Broken boiler" → "Broken boiler". */
export function withoutForwardPrefix(subject: string): string {
  let s = subject;
  while (forwardPrefix.test(s)) s = s.replace(forwardPrefix, '');
  return s.trim();
}

const markers = [
  /^-{2,}\s*forwarded message\s*-{2,}$/i,
  /^-{2,}\s*original message\s*-{2,}$/i,
  /^begin forwarded message:?$/i,
  /^_{10,}$/,
];

const headerLine = /^\*?(from|date|sent|subject|to|cc|reply-to)\*?:\s*(.*)$/i;

/** "Maggie Smith <maggie@example.com>", "Maggie [mailto:maggie@example.com]", "maggie@example.com", "\"Smith, M\" <m@x>". */
export function partyIn(value: string): MailParty | null {
  const bracketed = /^(.*?)[<[](?:mailto:)?([^\s<>[\]@]+@[^\s<>[\]@]+)[>\]]/i.exec(value.trim());
  if (bracketed) {
    const name = bracketed[1]!.replace(/^["'*\s]+|["'*\s]+$/g, '').trim();
    return { address: bracketed[2]!.toLowerCase(), name: name || null };
  }
  const bare = /([^\s<>()"',;:]+@[^\s<>()"',;:]+\.[^\s<>()"',;:]+)/.exec(value);
  return bare ? { address: bare[1]!.replace(/\.$/, '').toLowerCase(), name: null } : null;
}

/** Every address in a To or Cc line. */
export function partiesIn(value: string): MailParty[] {
  const out: MailParty[] = [];
  // Split on commas and semicolons outside quotes and brackets.
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '<' || ch === '[')) depth++;
    if (!quoted && (ch === '>' || ch === ']')) depth = Math.max(0, depth - 1);
    if (!quoted && depth === 0 && (ch === ',' || ch === ';')) {
      const p = partyIn(current);
      if (p) out.push(p);
      current = '';
    } else current += ch;
  }
  const last = partyIn(current);
  if (last) out.push(last);
  return out;
}

export interface TextForward {
  /** What the forwarder wrote above the block (null when nothing). */
  note: string | null;
  from: MailParty;
  to: MailParty[];
  cc: MailParty[];
  subject: string | null;
  /** When the original was written, as the block says it (ISO), if it can be read. */
  writtenAt: string | null;
  body: string;
}

/**
 * The forwarded block in a message's text, if there is one: the original's sender, recipients,
 * subject and date from the header lines under the marker, and its body. `offsetMinutes` is the
 * zone to read a date written without one in (the forwarder's: their mail program wrote it in
 * their zone).
 */
export function findTextForward(text: string, offsetMinutes: number | null): TextForward | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^>\s?/, '').trim();
    if (!markers.some((m) => m.test(line))) continue;
    const found = readBlock(lines, i + 1, offsetMinutes);
    if (!found) continue;
    const note = lines.slice(0, i).join('\n').trim();
    return { ...found, note: note || null };
  }
  return null;
}

function readBlock(lines: string[], start: number, offsetMinutes: number | null): Omit<TextForward, 'note'> | null {
  let i = start;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  // Apple Mail and some others quote the whole forwarded message with "> ".
  const quoted = /^>\s?/.test(lines[i] ?? '');
  const unquote = (l: string) => (quoted ? l.replace(/^>\s?/, '') : l);
  const headers = new Map<string, string>();
  let last: string | null = null;
  for (; i < lines.length; i++) {
    const line = unquote(lines[i]!).trim();
    if (line === '') {
      if (headers.size === 0) continue;
      break;
    }
    const m = headerLine.exec(line);
    if (m) {
      last = m[1]!.toLowerCase();
      if (!headers.has(last)) headers.set(last, m[2]!.trim());
    } else if (last && headers.size > 0) {
      // A long To or Cc line wrapped onto the next.
      headers.set(last, `${headers.get(last)} ${line}`);
    } else break;
  }
  const from = partyIn(headers.get('from') ?? '');
  if (!from) return null;
  const body = lines
    .slice(i)
    .map(unquote)
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
  const dateText = headers.get('date') ?? headers.get('sent') ?? null;
  return {
    from,
    to: partiesIn(headers.get('to') ?? ''),
    cc: partiesIn(headers.get('cc') ?? ''),
    subject: headers.get('subject')?.trim() || null,
    writtenAt: dateText ? readWrittenDate(dateText, offsetMinutes) : null,
    body: body.replace(/^\n+/, ''),
  };
}

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const fullMonths = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const zoneNames: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, bst: 60, ist: 60, cet: 60, met: 60, cest: 120, eet: 120, eest: 180, msk: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420, akst: -540, akdt: -480, hst: -600,
  aest: 600, aedt: 660, acst: 570, awst: 480, jst: 540, kst: 540, nzst: 720, nzdt: 780,
};

/**
 * A date as a mail program writes it in a forwarded block, to ISO in UTC:
 * "Mon, Mar 3, 2025 at 4:05 PM" (Gmail), "3 March 2025 at 16:05:12 GMT+1" (Apple Mail),
 * "Monday, March 3, 2025 4:05 PM" (Outlook), "Mon, 3 Mar 2025 16:05:12 +0000" (RFC 5322).
 * Written without a zone, it is read in `fallbackOffsetMinutes` (UTC when null). Null when it
 * cannot be read (a date written only in numbers is ambiguous: 03/04 is March or April).
 */
export function readWrittenDate(value: string, fallbackOffsetMinutes: number | null): string | null {
  let s = ` ${value.toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/,/g, ' ')} `;
  const time = /\s(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?(?=\s)/.exec(s);
  if (!time) return null;
  s = s.replace(time[0], ' ');
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const second = time[3] ? Number(time[3]) : 0;
  const half = time[4]?.replace(/\./g, '');
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 60) return null;

  let offset: number | null = null;
  const numeric = /\s(?:(?:gmt|utc|ut)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?(?=\s)/.exec(s);
  if (numeric) {
    offset = (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
    s = s.replace(numeric[0], ' ');
  } else {
    const named = /\s([a-z]{1,5})(?=\s)/g;
    for (const m of s.matchAll(named)) {
      if (m[1]! in zoneNames) {
        offset = zoneNames[m[1]!]!;
        s = s.replace(m[0], ' ');
        break;
      }
    }
  }
  let month = -1;
  for (const m of s.matchAll(/\s([a-z]{3,})\.?(?=\s)/g)) {
    const word = m[1]!;
    const index = months.indexOf(word.slice(0, 3));
    if (index >= 0 && fullMonths[index]!.startsWith(word)) {
      month = index;
      break;
    }
  }
  if (month < 0) return null;
  const numbers = [...s.matchAll(/\s(\d{1,4})(?:st|nd|rd|th)?(?=\s)/g)].map((m) => m[1]!);
  const year = numbers.find((n) => n.length === 4);
  const day = numbers.find((n) => n.length <= 2);
  if (!year || !day) return null;
  const y = Number(year);
  const d = Number(day);
  if (d < 1 || d > new Date(Date.UTC(y, month + 1, 0)).getUTCDate()) return null;
  const utc = Date.UTC(y, month, d, hour, minute, Math.min(second, 59)) - (offset ?? fallbackOffsetMinutes ?? 0) * 60_000;
  const date = new Date(utc);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Whether the message says it is a forward, by any of the signs above. */
export function looksForwarded(mail: ReadMail): boolean {
  return isForwardSubject(mail.subject) || mail.forwardedMessageId !== null || mail.embedded.length > 0 || findTextForward(mail.text, mail.dateOffsetMinutes) !== null;
}

/**
 * The original message a forward carries, as it is logged: a message attached whole, else the
 * block in the text. Null when the original's sender cannot be read (the forward is then not
 * placed by its original sender).
 */
export function unwrapForward(mail: ReadMail): LoggedMessage | null {
  const inner = mail.embedded.find((m) => m.from !== null);
  if (inner) {
    const note = mail.text.trim();
    return {
      messageId: inner.messageId,
      inReplyTo: inner.inReplyTo,
      references: inner.references,
      subject: inner.subject,
      from: inner.from!,
      to: inner.to,
      cc: inner.cc,
      writtenAt: inner.date ? inner.date.toISOString() : null,
      body: inner.text,
      note: note || null,
      // The original's files, and any the forwarder added.
      attachments: [...inner.attachments, ...mail.attachments],
    };
  }
  const block = findTextForward(mail.text, mail.dateOffsetMinutes);
  if (!block) return null;
  return {
    // The original's own id when the forward names it; else the forward's (a second delivery of the same forward is still one).
    messageId: mail.forwardedMessageId ?? mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    subject: block.subject ?? (mail.subject ? withoutForwardPrefix(mail.subject) : null),
    from: block.from,
    to: block.to,
    cc: block.cc,
    writtenAt: block.writtenAt,
    body: block.body,
    note: block.note,
    attachments: mail.attachments,
  };
}

/** The message itself, as it is logged when it is not a forward. */
export function asLogged(mail: ReadMail & { from: MailParty }): LoggedMessage {
  return {
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references,
    subject: mail.subject,
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    writtenAt: mail.date ? mail.date.toISOString() : null,
    body: mail.text,
    note: null,
    attachments: mail.attachments,
  };
}
