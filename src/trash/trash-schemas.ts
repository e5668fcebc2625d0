import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, PageQuery } from '../common/schema.js';

/** What a delete answers: where the record waits, so it can be restored. */
export const TrashReceipt = Type.Object({
  trashId: Type.String({ description: 'The trash entry; POST /trash/{trashId}/restore puts everything back' }),
  entityType: Type.String(),
  entityId: Type.String(),
});

export const TrashEntryOut = Type.Object({
  id: Type.String(),
  entityType: Type.String({ description: 'customer, note, interaction, transaction, life_event, project, relationship, email, phone, address, external_id' }),
  entityId: Type.String(),
  customerId: Nullable(Type.String()),
  customerName: Nullable(Type.String({ description: 'The customer it belonged to, when that customer is not itself deleted' })),
  label: Type.String({ description: 'A short description of what was deleted' }),
  rowCount: Type.Integer({ description: 'How many records come back with it (the record and everything that hung from it)' }),
  sensitivity: Type.Union([Type.Literal('normal'), Type.Literal('private')]),
  deletedAt: DateTime,
  deletedBy: Nullable(Type.String()),
  deletedByName: Nullable(Type.String()),
  purgeAfter: DateTime,
});
export type TrashEntryOut = Static<typeof TrashEntryOut>;

export const TrashContents = Type.Object({
  ...TrashEntryOut.properties,
  contents: Type.Array(Type.Object({ heading: Type.String(), count: Type.Integer() }), {
    description: 'What comes back with it, by kind (private facts you may not see are not counted)',
  }),
});

export const TrashQuery = Type.Object(
  {
    customerId: Type.Optional(Id),
    entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The deleted record (a phone, a link) whose entry to find' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type TrashQuery = Static<typeof TrashQuery>;

export const RestoreOut = Type.Object({
  entityType: Type.String(),
  entityId: Type.String(),
  customerId: Nullable(Type.String()),
  restored: Type.Integer({ description: 'Records put back' }),
  heldBack: Type.Array(Type.Object({ table: Type.String(), trashId: Type.String() }), {
    description: 'Records that wait for another deleted record (a link to a customer also in the trash) and come back with it',
  }),
  dropped: Type.Array(Type.Object({ table: Type.String() }), { description: 'Records whose other side is gone for good (purged or erased)' }),
});

export const TrashSettings = Type.Object(
  { retentionDays: Type.Integer({ minimum: 1, maximum: 3650, description: 'Days a deleted record waits in the trash before it is purged' }) },
  { additionalProperties: false },
);
export type TrashSettings = Static<typeof TrashSettings>;
