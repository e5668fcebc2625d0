import { Type, type Static } from 'typebox';
import { DateTime, Nullable } from '../common/schema.js';

const Group = Type.Object({
  type: Type.String({ description: 'customer, email, phone, note, lifeEvent, ... (as in the export)' }),
  heading: Type.String(),
  items: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'Each record as stored' }),
});

export const SubjectAccessOut = Type.Object({
  customerId: Type.String(),
  displayName: Type.String(),
  generatedAt: DateTime,
  generatedBy: Nullable(Type.String()),
  records: Type.Array(Group),
  trash: Type.Array(Type.Object({ label: Type.String(), entityType: Type.String(), deletedAt: DateTime, records: Type.Array(Group) })),
  history: Type.Array(
    Type.Object({
      at: DateTime,
      by: Nullable(Type.String()),
      action: Type.String(),
      entityType: Type.String(),
      entityId: Nullable(Type.String()),
      diff: Type.Unknown(),
    }),
  ),
  names: Type.Record(Type.String(), Type.String(), { description: 'Names of the staff members and locations the records refer to by id' }),
});

export const SubjectAccessQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('html')], { description: 'html: a readable page to hand to the customer' })) },
  { additionalProperties: false },
);

export const EraseBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500, description: 'Why, e.g. "Customer asked on 2026-11-28 (letter)"; kept with the tombstone' }) },
  { additionalProperties: false },
);
export type EraseBody = Static<typeof EraseBody>;

export const ErasureOut = Type.Object({
  erasureId: Type.String(),
  customerId: Type.String(),
  erasedAt: DateTime,
});
