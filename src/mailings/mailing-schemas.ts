import { Type, type Static } from 'typebox';
import { Authored, DateTime, Id, limits, Nullable, PageQuery, Text } from '../common/schema.js';
import { mailingChannels } from './mailing-rules.js';

/** The most recipients one JSON request takes (one transaction); a longer list is a CSV upload. */
export const maxRecipientsPerRequest = 1000;

export const MailingChannel = Type.Enum([...mailingChannels], {
  description: 'How it went out: newsletter, direct_mail (a catalogue, a flyer), invoice_sent (a batch of invoices) or letter',
});

const SentAt = Type.String({
  minLength: 10,
  maxLength: 40,
  description: 'When it went out: a day (2027-03-02, read as that day) or a date and time with a zone',
});
const Note = Nullable(Text(limits.line, { description: 'Anything worth knowing about it: the offer, who printed it' }));

export const MailingCreate = Type.Object(
  {
    name: Text(limits.name, { description: 'The campaign as people call it: "Spring catalogue 2027"' }),
    channel: MailingChannel,
    sentAt: SentAt,
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type MailingCreate = Static<typeof MailingCreate>;

/** Only the name and the note change: what went out, and when, is history. */
export const MailingPatch = Type.Object(
  { name: Type.Optional(Text(limits.name)), note: Type.Optional(Note) },
  { additionalProperties: false, minProperties: 1 },
);
export type MailingPatch = Static<typeof MailingPatch>;

export const MailingOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  channel: MailingChannel,
  sentAt: DateTime,
  note: Nullable(Type.String()),
  recipients: Type.Integer({ description: 'Customers it is logged for (an interaction each; one sent to the trash is not counted)' }),
  createdByName: Nullable(Type.String()),
  ...Authored,
});
export type MailingOut = Static<typeof MailingOut>;

export const MailingListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const RecipientInput = Type.Object(
  {
    customerId: Type.Optional(Id),
    email: Type.Optional(Type.String({ minLength: 1, maxLength: limits.email })),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'With externalId: the other system, as its customers were imported (pos, newsletter)' })),
    externalId: Type.Optional(Text(limits.name, { description: 'The customer’s id in that system' })),
  },
  { additionalProperties: false, description: 'One customer, by customerId, email, or source and externalId (several: tried in that order)' },
);

export const RecipientsIn = Type.Object(
  { customers: Type.Array(RecipientInput, { minItems: 1, maxItems: maxRecipientsPerRequest }) },
  { additionalProperties: false },
);
export type RecipientsIn = Static<typeof RecipientsIn>;

const Problem = {
  field: Nullable(Type.String({ description: 'The column (or JSON field) it is about; null for the whole row' })),
  message: Type.String(),
};

export const RecipientsOut = Type.Object({
  logged: Type.Integer({ description: 'Customers the mailing was logged for now' }),
  already: Type.Integer({ description: 'Items naming a customer who already got it' }),
  problems: Type.Array(Type.Object({ index: Type.Integer({ description: 'The item’s place in the list, from 0' }), ...Problem }), {
    description: 'Items that name no customer, or only several at once; nothing was logged for them',
  }),
});

export const UploadQuery = Type.Object(
  {
    fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'The system whose customer ids the file’s id column holds (pos, newsletter); without it, the id column holds Rapport’s customer ids' })),
    mapping: Type.Optional(Type.String({ maxLength: 20_000, description: 'JSON object: column header → customerId, customerEmail or customerExternalId (null leaves a column out), replacing the guess' })),
    delimiter: Type.Optional(Type.Enum([',', ';', '\t', '|'])),
  },
  { additionalProperties: false },
);
export type UploadQuery = Static<typeof UploadQuery>;

export const UploadOut = Type.Object({
  id: Type.String(),
  mailingId: Type.String(),
  fileName: Type.String(),
  status: Type.Enum(['queued', 'logging', 'done', 'failed'], { description: 'queued and logging: under way in the background (follow processedRows of totalRows)' }),
  totalRows: Type.Integer({ description: 'Rows in the file (known once it is read)' }),
  processedRows: Type.Integer(),
  logged: Type.Integer({ description: 'Customers the mailing was logged for' }),
  already: Type.Integer({ description: 'Rows naming a customer who already got it (the same file again adds nobody)' }),
  problemRows: Type.Integer({ description: 'Rows not placed on one customer: see /problems' }),
  error: Nullable(Type.String({ description: 'Why the file could not be gone through, when it failed' })),
  createdAt: DateTime,
  createdByName: Nullable(Type.String()),
  finishedAt: Nullable(DateTime),
});
export type UploadOut = Static<typeof UploadOut>;

export const UploadParams = Type.Object({ id: Id, uploadId: Id });

export const UploadProblemOut = Type.Object({ seq: Type.Integer(), line: Type.Integer({ description: 'The line in the file (1 is the header)' }), ...Problem });

export const RecipientOut = Type.Object({
  interactionId: Type.String({ description: 'The interaction logged for them: DELETE /interactions/{id} removes them (to the trash)' }),
  customerId: Type.String(),
  displayName: Type.String(),
  loggedAt: DateTime,
});
