import { Type, type Static } from 'typebox';
import { Authored, Id, limits, PageQuery, PrivacyInput, PrivacyOut, ProvenanceSchema } from '../common/schema.js';

export const NoteCreate = Type.Object(
  {
    customerId: Id,
    body: Type.String({ minLength: 1, maxLength: limits.body }),
    pinned: Type.Optional(Type.Boolean({ description: 'Pinned notes are shown first' })),
    provenance: Type.Optional(ProvenanceSchema),
    ...PrivacyInput,
  },
  { additionalProperties: false },
);
export type NoteCreate = Static<typeof NoteCreate>;

export const NotePatch = Type.Object(
  {
    body: Type.Optional(Type.String({ minLength: 1, maxLength: limits.body })),
    pinned: Type.Optional(Type.Boolean()),
    provenance: Type.Optional(ProvenanceSchema),
    ...PrivacyInput,
  },
  { additionalProperties: false },
);
export type NotePatch = Static<typeof NotePatch>;

export const NoteOut = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  body: Type.String(),
  pinned: Type.Boolean(),
  provenance: ProvenanceSchema,
  ...PrivacyOut,
  ...Authored,
});
export type NoteOut = Static<typeof NoteOut>;

export const NoteListQuery = Type.Object(
  { customerId: Id, pinned: Type.Optional(Type.Boolean()), ...PageQuery },
  { additionalProperties: false },
);
