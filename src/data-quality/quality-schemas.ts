import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery } from '../common/schema.js';
import { findingFields, findingKinds, severities } from './quality-rules.js';

export const FindingKindSchema = Type.Enum([...findingKinds], {
  description:
    'no_name (a person with no given name and no name they go by), initial_only (only an initial to greet them by), no_contact (no phone and no email), ' +
    'no_consent (no choice recorded for any channel, nor do-not-contact), email_invalid (no @, more than one, or no dot in the domain), ' +
    'email_typo (a misspelt common domain: gmial.com, hotmial.com, yaho.com…), phone_invalid (libphonenumber says it is not a valid number), ' +
    'address_incomplete (no city or no postcode), stale_contact (an email, phone or address not confirmed or changed for over 3 years while the customer was in touch since), ' +
    'duplicate_suspected (in the duplicates queue with another record)',
});

export const FindingOut = Type.Object({
  kind: FindingKindSchema,
  severity: Type.Enum([...severities], { description: 'high: we cannot greet or reach them; medium: likely wrong; low: worth asking next time' }),
  field: Type.Enum([...findingFields], {
    description: 'Where it is fixed: givenName (the profile), contact (phones and emails), emails, phones, addresses, consent, duplicates',
  }),
  itemId: Nullable(Type.String({ description: 'The email, phone or address at fault, or the duplicate suspicion; null for something missing' })),
  otherCustomer: Nullable(Type.Object({ id: Type.String(), displayName: Type.String() }, { description: 'For a duplicate suspicion: the other record' })),
  sentence: Type.String({ description: 'What is wrong and what to do, in words: "No way to greet them: add a given name or the name they go by."' }),
});
export type FindingOut = Static<typeof FindingOut>;

export const CustomerQualityOut = Type.Object({
  customerId: Type.String(),
  findings: Type.Array(FindingOut, { description: 'Most serious first; empty when nothing is wrong' }),
});
export type CustomerQualityOut = Static<typeof CustomerQualityOut>;

export const KindCountOut = Type.Object({
  kind: FindingKindSchema,
  severity: Type.Enum([...severities]),
  label: Type.String({ description: 'The kind in words' }),
  count: Nullable(Type.Integer({ description: 'Customers with at least one finding of this kind; null when it is not counted (see note)' })),
  note: Nullable(Type.String({ description: 'Why a kind is not counted, and how to work through it instead' })),
});
export type KindCountOut = Static<typeof KindCountOut>;

export const QualityCountsOut = Type.Object({
  customers: Type.Integer({ description: 'Live customers (erased ones are not counted)' }),
  kinds: Type.Array(KindCountOut),
  countedAt: DateTime,
});
export type QualityCountsOut = Static<typeof QualityCountsOut>;

export const QualityItemOut = Type.Object({
  customerId: Type.String(),
  displayName: Type.String(),
  findings: Type.Array(FindingOut, { description: "The customer's findings of this kind" }),
});
export type QualityItemOut = Static<typeof QualityItemOut>;

export const QualityPageOut = Type.Object({
  kind: FindingKindSchema,
  items: Type.Array(QualityItemOut),
  nextCursor: Nullable(Type.String()),
  note: Nullable(Type.String({ description: 'For a kind read in stretches (phone_invalid): a page may hold fewer than asked, and nextCursor reads on' })),
});
export type QualityPageOut = Static<typeof QualityPageOut>;

export const QualityQuery = Type.Object(
  {
    kind: Type.Optional(FindingKindSchema),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type QualityQuery = Static<typeof QualityQuery>;
