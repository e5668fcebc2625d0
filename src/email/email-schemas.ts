import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, PageQuery } from '../common/schema.js';

/** Email logged on customers, and mail waiting to be filed by hand: what the API takes and says. */

const Direction = Type.Enum(['inbound', 'outbound'], { description: 'inbound: the customer wrote to us; outbound: we wrote to them' });

export const AttachmentOut = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  contentType: Type.String({ description: 'Checked against the file’s first bytes when it arrived' }),
  sizeBytes: Type.Integer(),
  url: Type.String({ description: 'Where to download it: GET /api/v1/interactions/{id}/attachments/{attachmentId}' }),
});
export type AttachmentOut = Static<typeof AttachmentOut>;

export const EmailOut = Type.Object({
  interactionId: Type.String(),
  customerId: Type.String(),
  messageId: Type.String({ description: 'The Message-ID, without angle brackets' }),
  inReplyTo: Nullable(Type.String()),
  references: Type.Array(Type.String(), { description: 'The References header, oldest first' }),
  threadId: Type.String({ description: 'The Message-ID of the first message of its thread, as far as Rapport knows' }),
  subject: Nullable(Type.String()),
  from: Type.String(),
  to: Type.Array(Type.String()),
  cc: Type.Array(Type.String()),
  bodyText: Type.String({ description: 'The whole message as plain text (from its HTML when it had no text part)' }),
  receivedVia: Type.Enum(['smtp', 'imap', 'sent'], { description: 'smtp: BCC’d or forwarded to Rapport’s mail listener; imap: read from a mailbox; sent: written in Rapport' }),
  attachments: Type.Array(AttachmentOut),
  skippedAttachments: Type.Array(Type.String(), { description: 'Files that came with it and were not kept, each with the reason' }),
  createdAt: DateTime,
});
export type EmailOut = Static<typeof EmailOut>;

export const AttachmentParams = Type.Object({ id: Id, attachmentId: Id });

export const ThreadOut = Type.Object({
  threadId: Type.String(),
  subject: Nullable(Type.String({ description: 'The subject of its first message' })),
  messageCount: Type.Integer(),
  firstAt: DateTime,
  lastAt: DateTime,
  lastDirection: Direction,
  caseId: Nullable(Type.String({ description: 'The case whose thread its contacts are part of' })),
  interactionIds: Type.Array(Type.String(), { description: 'Its contacts, oldest first' }),
});
export const ThreadList = Type.Object({ items: Type.Array(ThreadOut) });
export const ThreadQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false });

export const UnfiledStatus = Type.Enum(['waiting', 'filed', 'discarded'], { description: 'waiting: to be filed; filed: logged on a customer; discarded: not about a customer' });

export const UnfiledOut = Type.Object({
  id: Type.String(),
  messageId: Type.String(),
  from: Type.String(),
  to: Type.Array(Type.String()),
  subject: Nullable(Type.String()),
  preview: Nullable(Type.String({ description: 'The first lines of its text' })),
  receivedAt: DateTime,
  receivedVia: Type.Enum(['smtp', 'imap']),
  reason: Type.String({ description: 'Why Rapport could not place it on a customer' }),
  status: UnfiledStatus,
  filedInteractionIds: Type.Array(Type.String()),
  handledBy: Nullable(Type.String()),
  handledByName: Nullable(Type.String()),
  handledAt: Nullable(DateTime),
});
export type UnfiledOut = Static<typeof UnfiledOut>;

export const UnfiledQuery = Type.Object({ status: Type.Optional(UnfiledStatus), ...PageQuery }, { additionalProperties: false });

export const FileIn = Type.Object(
  {
    customerId: Id,
    direction: Type.Optional(Direction),
  },
  { additionalProperties: false },
);
export type FileIn = Static<typeof FileIn>;

export const FiledOut = Type.Object({ unfiledEmail: UnfiledOut, interactionId: Type.String({ description: 'The contact it was logged as' }) });
