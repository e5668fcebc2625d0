import { Type, type Static } from 'typebox';
import { limits, Nullable, Text } from '../common/schema.js';
import { CustomerCreate } from '../customers/customer-schemas.js';
import { Channel, Direction, summaryMax } from '../interactions/interaction-schemas.js';
import { TransactionKind } from '../transactions/transaction-schemas.js';
import { ItemInput } from '../transactions/transaction-schemas.js';

/** The most records one batch takes: one transaction, answered in the order sent. */
export const maxBatch = 1000;

const SourceRecordId = Type.Optional(Nullable(Text(limits.name, { description: 'The record’s id in the source system: the same record sent again is found, not added twice' })));
const Key = Type.Object(
  {
    externalId: Type.Optional(Nullable(Text(limits.name, { description: 'The customer’s id in the source system' }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: limits.email }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: limits.phone }))),
  },
  { additionalProperties: false, description: 'Whose it is: tried in this order' },
);
const { locationId: _location, externalIds: _ids, ...customerFields } = CustomerCreate.properties;

export const BatchCustomer = Type.Object(
  {
    ...customerFields,
    externalIds: CustomerCreate.properties.externalIds,
    sourceRecordId: SourceRecordId,
    organization: Type.Optional(Nullable(Type.Object({ name: Text(limits.name), title: Type.Optional(Nullable(Text(limits.shortText))) }, { additionalProperties: false }))),
    note: Type.Optional(Nullable(Type.String({ maxLength: limits.body }))),
  },
  { additionalProperties: false },
);
export const BatchTransaction = Type.Object(
  {
    key: Key,
    sourceRecordId: SourceRecordId,
    kind: TransactionKind,
    occurredAt: Type.String({ format: 'date-time' }),
    amountMinor: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    currency: Type.String({ pattern: '^[A-Za-z]{3}$' }),
    reference: Type.Optional(Nullable(Text(limits.shortText))),
    items: Type.Optional(Type.Array(ItemInput, { maxItems: 500 })),
  },
  { additionalProperties: false },
);
export const BatchInteraction = Type.Object(
  {
    key: Key,
    sourceRecordId: SourceRecordId,
    channel: Channel,
    direction: Direction,
    occurredAt: Type.String({ format: 'date-time' }),
    summary: Text(summaryMax),
    outcome: Type.Optional(Nullable(Text(limits.line))),
  },
  { additionalProperties: false },
);

const batchOf = <T extends Parameters<typeof Type.Array>[0]>(record: T) =>
  Type.Object(
    { source: Type.String({ minLength: 1, maxLength: 60, description: 'The system the records come from: pos, newsletter, service-desk' }), records: Type.Array(record, { minItems: 1, maxItems: maxBatch }) },
    { additionalProperties: false },
  );
export const CustomerBatch = batchOf(BatchCustomer);
export const TransactionBatch = batchOf(BatchTransaction);
export const InteractionBatch = batchOf(BatchInteraction);
export type CustomerBatch = Static<typeof CustomerBatch>;
export type TransactionBatch = Static<typeof TransactionBatch>;
export type InteractionBatch = Static<typeof InteractionBatch>;

export const BatchOut = Type.Object({
  items: Type.Array(
    Type.Object({
      index: Type.Integer({ description: 'The record’s place in the batch, from 0' }),
      outcome: Type.Enum(['created', 'updated', 'unchanged', 'problem']),
      customerId: Nullable(Type.String()),
      review: Type.Boolean({ description: 'Created, but may be someone already there: in the duplicates queue' }),
      problems: Type.Array(Type.Object({ field: Nullable(Type.String()), message: Type.String() })),
    }),
    { description: 'One per record, in the order sent' },
  ),
});
