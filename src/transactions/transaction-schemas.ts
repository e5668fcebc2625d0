import { Type, type Static } from 'typebox';
import { Authored, DateTime, Id, limits, Nullable, PageQuery, Text } from '../common/schema.js';
import { transactionKinds } from './transaction-rules.js';

export const TransactionKind = Type.Enum([...transactionKinds], { description: 'What happened; the kind says which way the money moved' });

const maxMinor = Number.MAX_SAFE_INTEGER;
/** Free text on a transaction (a note); the same ceiling as an interaction summary. */
export const noteMax = 2000;

export const ItemInput = Type.Object(
  {
    description: Text(limits.line),
    sku: Type.Optional(Nullable(Text(limits.shortText))),
    quantity: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000, description: 'More than 0, at most 3 decimals (1.5 kg, 0.25 h)' }),
    unitPriceMinor: Type.Integer({ minimum: 0, maximum: maxMinor, description: 'Price of one unit in minor units (cents)' }),
  },
  { additionalProperties: false },
);
export type ItemInput = Static<typeof ItemInput>;

const editable = {
  kind: TransactionKind,
  occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it happened (ISO-8601 with a time zone); defaults to now' })),
  amountMinor: Type.Optional(
    Type.Integer({ minimum: 1, maximum: maxMinor, description: 'Integer minor units, always positive; left out, it is the sum of the items' }),
  ),
  currency: Type.String({ pattern: '^[A-Za-z]{3}$', description: 'ISO 4217 code, e.g. USD, EUR; stored upper case' }),
  items: Type.Optional(Type.Array(ItemInput, { maxItems: 500 })),
  reference: Type.Optional(Nullable(Text(limits.shortText, { description: 'Receipt, invoice or order number' }))),
  note: Type.Optional(Nullable(Text(noteMax))),
  locationId: Type.Optional(Nullable(Id)),
  staffId: Type.Optional(Type.String({ format: 'uuid', description: 'Who handled it; defaults to the signed-in staff member' })),
  relatedTransactionId: Type.Optional(
    Nullable(Type.String({ format: 'uuid', description: 'The purchase or invoice a refund or return settles, or an invoice a payment pays' })),
  ),
};

export const TransactionCreate = Type.Object({ customerId: Id, ...editable }, { additionalProperties: false });
export type TransactionCreate = Static<typeof TransactionCreate>;

/**
 * Everything but the customer may change. Items, when given, replace all items; if the amount is
 * left out then, it becomes the sum of the new items.
 */
export const TransactionPatch = Type.Partial(Type.Object(editable), { additionalProperties: false });
export type TransactionPatch = Static<typeof TransactionPatch>;

export const ItemOut = Type.Object({
  id: Type.String(),
  position: Type.Integer(),
  description: Type.String(),
  sku: Nullable(Type.String()),
  quantity: Type.Number(),
  unitPriceMinor: Type.Integer(),
});

const fields = {
  id: Type.String(),
  customerId: Type.String(),
  kind: TransactionKind,
  occurredAt: DateTime,
  amountMinor: Type.Integer(),
  currency: Type.String(),
  reference: Nullable(Type.String()),
  note: Nullable(Type.String()),
  locationId: Nullable(Type.String()),
  staffId: Nullable(Type.String()),
  staffName: Nullable(Type.String({ description: 'The name of the staff member who handled it' })),
  relatedTransactionId: Nullable(Type.String()),
  ...Authored,
};

export const TransactionSummary = Type.Object(fields);
export type TransactionSummary = Static<typeof TransactionSummary>;
export const TransactionOut = Type.Object({ ...fields, items: Type.Array(ItemOut) });
export type TransactionOut = Static<typeof TransactionOut>;

export const TransactionListQuery = Type.Object(
  { customerId: Type.Optional(Id), kind: Type.Optional(TransactionKind), ...PageQuery },
  { additionalProperties: false },
);

export const AccountOut = Type.Object({
  currencies: Type.Array(
    Type.Object({
      currency: Type.String(),
      balanceOwedMinor: Type.Integer({ description: 'Invoiced, less paid and credited; negative when the customer is in credit' }),
      lifetimeValueMinor: Type.Integer({ description: 'Bought and invoiced, less refunded and credited' }),
    }),
  ),
});
