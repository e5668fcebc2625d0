import { Type, type Static } from 'typebox';
import { Authored, Id, limits, Nullable, PageQuery, PrivacyInput, PrivacyOut, ProvenanceSchema, Text } from '../common/schema.js';

/** What a customer prefers: a short topic ("Appointments") and the preference ("mornings, never Mondays"). */

const topic = Nullable(Text(limits.shortText, { description: 'What it is about, in a word or two: "Appointments", "Coffee"' }));
const preference = Text(limits.line, { description: 'What they prefer: "mornings, never Mondays"' });

export const PreferenceCreate = Type.Object(
  {
    customerId: Id,
    topic: Type.Optional(topic),
    preference,
    provenance: Type.Optional(ProvenanceSchema),
    ...PrivacyInput,
  },
  { additionalProperties: false },
);
export type PreferenceCreate = Static<typeof PreferenceCreate>;

export const PreferencePatch = Type.Object(
  {
    topic: Type.Optional(topic),
    preference: Type.Optional(preference),
    provenance: Type.Optional(ProvenanceSchema),
    ...PrivacyInput,
  },
  { additionalProperties: false },
);
export type PreferencePatch = Static<typeof PreferencePatch>;

export const PreferenceOut = Type.Object({
  id: Type.String(),
  customerId: Type.String(),
  topic: Nullable(Type.String()),
  preference: Type.String(),
  provenance: ProvenanceSchema,
  ...PrivacyOut,
  ...Authored,
});
export type PreferenceOut = Static<typeof PreferenceOut>;

export const PreferenceListQuery = Type.Object({ customerId: Id, ...PageQuery }, { additionalProperties: false });
