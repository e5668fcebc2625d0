import { Type, type Static } from 'typebox';
import { Authored, DateTime, Id, limits, Nullable, PageQuery, PartialDateOut, PartialDateSchema, PrivacyInput, PrivacyOut, ProvenanceSchema, Text } from '../common/schema.js';

export const lifeEventKinds = [
  'birth',
  'marriage',
  'moved_home',
  'new_job',
  'retirement',
  'graduation',
  'school_start',
  'illness',
  'bereavement',
  'anniversary',
  'other',
] as const;
export const LifeEventKind = Type.Enum(lifeEventKinds);

const InvolvedIds = Type.Array(Id, {
  maxItems: 50,
  description: 'Everyone the event involves (a son starting college involves mother and son); the owning customer is always included',
});

export const LifeEventCreate = Type.Object(
  {
    customerId: Id,
    kind: LifeEventKind,
    title: Text(limits.name, { description: 'A short line: "Son started college"' }),
    date: Type.Optional(Nullable(PartialDateSchema)),
    provenance: Type.Optional(ProvenanceSchema),
    ...PrivacyInput,
    involvedCustomerIds: Type.Optional(InvolvedIds),
  },
  { additionalProperties: false },
);
export type LifeEventCreate = Static<typeof LifeEventCreate>;

export const LifeEventPatch = Type.Object(
  {
    kind: Type.Optional(LifeEventKind),
    title: Type.Optional(Text(limits.name)),
    date: Type.Optional(Nullable(PartialDateSchema)),
    provenance: Type.Optional(ProvenanceSchema),
    ...PrivacyInput,
    involvedCustomerIds: Type.Optional(InvolvedIds),
  },
  { additionalProperties: false },
);
export type LifeEventPatch = Static<typeof LifeEventPatch>;

export const LifeEventOut = Type.Object({
  id: Type.String(),
  customerId: Type.String({ description: 'The customer the event belongs to' }),
  kind: LifeEventKind,
  title: Type.String(),
  date: Nullable(PartialDateOut),
  provenance: ProvenanceSchema,
  ...PrivacyOut,
  involvedCustomerIds: Type.Array(Type.String(), { description: 'The owning customer first' }),
  ...Authored,
});
export type LifeEventOut = Static<typeof LifeEventOut>;

export const LifeEventListQuery = Type.Object({ customerId: Id, ...PageQuery }, { additionalProperties: false });

export const LifeEventAcknowledgementOut = Type.Object(
  {
    lifeEventId: Type.String(),
    staffId: Type.String(),
    acknowledgedAt: DateTime,
  },
  { description: 'A staff member acknowledged the event (Today’s "Noted"): it leaves their Today for good' },
);
