import type { AddressObject, ParsedMail } from 'mailparser';
import { partyIn } from './forward-rules.js';
import { madeUpMessageId } from './mail-in-rules.js';
import type { MailParty, ReadMail } from './mail-message.js';
import { bareMessageId, messageIdsIn } from './thread-rules.js';

/** Reads a message's source with mailparser into what the rules read (mail-message.ts). */

/** Messages attached inside messages are read this deep, no deeper. */
const maxDepth = 3;

function parties(field: AddressObject | AddressObject[] | undefined): MailParty[] {
  const out: MailParty[] = [];
  const walk = (list: AddressObject['value']) => {
    for (const a of list) {
      if (a.group) walk(a.group);
      else if (a.address && a.address.includes('@')) out.push({ address: a.address.trim().toLowerCase(), name: a.name?.trim() || null });
    }
  };
  for (const object of [field ?? []].flat()) walk(object.value);
  return out.filter((p, i) => out.findIndex((q) => q.address === p.address) === i);
}

const headerText = (mail: ParsedMail, name: string): string | null => {
  const value = mail.headers.get(name);
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
};

/** The sender's zone, from the Date header's "+0100" (in minutes); null when it has none. */
function dateOffset(mail: ParsedMail): number | null {
  const line = mail.headerLines.find((h) => h.key === 'date')?.line;
  const m = line ? /([+-])(\d{2})(\d{2})\s*(?:\([^)]*\))?\s*$/.exec(line) : null;
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : null;
}

export async function readMail(raw: Buffer, depth = 0): Promise<ReadMail> {
  // ignoreEmbedded: a message attached whole (inline or not) comes as a message/rfc822 attachment, read on its own below.
  // Loaded on the first message: a server that takes no mail does not spend its start-up on mailparser.
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, keepCidLinks: true, ignoreEmbedded: true, maxHtmlLengthToParse: 2_000_000 });
  const embedded: ReadMail[] = [];
  const attachments: ReadMail['attachments'] = [];
  for (const a of mail.attachments) {
    if (a.contentType === 'message/rfc822' && depth < maxDepth) embedded.push(await readMail(a.content, depth + 1));
    else attachments.push({ fileName: a.filename ?? null, contentType: a.contentType, content: a.content });
  }
  const date = mail.date && !Number.isNaN(mail.date.getTime()) && mail.headers.has('date') ? mail.date : null;
  const resent = headerText(mail, 'resent-from');
  return {
    messageId: bareMessageId(mail.messageId) ?? madeUpMessageId(raw),
    inReplyTo: bareMessageId(mail.inReplyTo),
    references: messageIdsIn(mail.references),
    subject: mail.subject?.trim() || null,
    from: parties(mail.from)[0] ?? null,
    to: parties(mail.to),
    cc: parties(mail.cc),
    date,
    dateOffsetMinutes: dateOffset(mail),
    text: (mail.text ?? '').replace(/\r\n?/g, '\n').trim(),
    attachments,
    embedded,
    resentFrom: resent ? partyIn(resent) : null,
    forwardedMessageId: bareMessageId(headerText(mail, 'x-forwarded-message-id')),
  };
}
