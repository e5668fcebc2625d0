import { Type, type Static } from 'typebox';
import { Authored, Id, limits, Nullable, PartialDateOut, PartialDateSchema, Text } from '../common/schema.js';

export const CustomerKind = Type.Union([Type.Literal('person'), Type.Literal('organization')]);

const profileFields = {
  kind: Type.Optional(CustomerKind),
  displayName: Type.Optional(Nullable(Text(limits.name, { description: 'How the customer is listed; derived from the names when left out' }))),
  givenName: Type.Optional(Nullable(Text(limits.name))),
  familyName: Type.Optional(Nullable(Text(limits.name))),
  preferredName: Type.Optional(Nullable(Text(limits.name, { description: '"Call me": the name to greet them by' }))),
  pronunciation: Type.Optional(Nullable(Text(limits.name))),
  pronouns: Type.Optional(Nullable(Text(limits.shortText))),
  birthday: Type.Optional(Nullable(PartialDateSchema)),
  language: Type.Optional(Nullable(Text(35, { description: 'BCP 47 language tag, e.g. en, es-MX' }))),
  gender: Type.Optional(Nullable(Text(limits.shortText))),
  locationId: Type.Optional(Nullable(Id)),
};

export const EmailInput = Type.Object(
  {
    address: Type.String({ minLength: 3, maxLength: limits.email }),
    label: Type.Optional(Nullable(Text(limits.shortText))),
    primary: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const PhoneInput = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: limits.phone }),
    label: Type.Optional(Nullable(Text(limits.shortText))),
    primary: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const AddressInput = Type.Object(
  {
    label: Type.Optional(Nullable(Text(limits.shortText))),
    primary: Type.Optional(Type.Boolean()),
    line1: Type.Optional(Nullable(Text(limits.line))),
    line2: Type.Optional(Nullable(Text(limits.line))),
    city: Type.Optional(Nullable(Text(limits.name))),
    region: Type.Optional(Nullable(Text(limits.name))),
    postalCode: Type.Optional(Nullable(Text(40))),
    country: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2' }))),
  },
  { additionalProperties: false },
);
export const ExternalIdInput = Type.Object(
  {
    source: Text(limits.shortText, { description: 'The other system, e.g. pos, newsletter' }),
    externalId: Text(limits.name),
  },
  { additionalProperties: false },
);

/** A link between customers: a household (parent, child, spouse), or a person and their organisation. */
export const RelationshipInput = Type.Object(
  {
    relatedCustomerId: Id,
    label: Text(limits.shortText, { description: 'What this customer is to the other: parent, spouse, employee, owner' }),
    relatedLabel: Type.Optional(Nullable(Text(limits.shortText, { description: 'What the other is to this customer: child, spouse, employer' }))),
    household: Type.Optional(Type.Boolean({ description: 'They live together' })),
  },
  { additionalProperties: false },
);
export type RelationshipInput = Static<typeof RelationshipInput>;

export const CustomerCreate = Type.Object(
  {
    ...profileFields,
    emails: Type.Optional(Type.Array(EmailInput, { maxItems: 20 })),
    phones: Type.Optional(Type.Array(PhoneInput, { maxItems: 20 })),
    addresses: Type.Optional(Type.Array(AddressInput, { maxItems: 20 })),
    externalIds: Type.Optional(Type.Array(ExternalIdInput, { maxItems: 50 })),
  },
  { additionalProperties: false, description: 'Needs only one of: a name, a phone number, an email' },
);
export type CustomerCreate = Static<typeof CustomerCreate>;

export const CustomerPatch = Type.Object(profileFields, { additionalProperties: false });
export type CustomerPatch = Static<typeof CustomerPatch>;

export const EmailOut = Type.Object({
  id: Type.String(),
  address: Type.String(),
  normalized: Type.String(),
  label: Nullable(Type.String()),
  primary: Type.Boolean(),
});
export const PhoneOut = Type.Object({
  id: Type.String(),
  number: Type.String(),
  e164: Type.String(),
  label: Nullable(Type.String()),
  primary: Type.Boolean(),
});
export const AddressOut = Type.Object({
  id: Type.String(),
  label: Nullable(Type.String()),
  primary: Type.Boolean(),
  line1: Nullable(Type.String()),
  line2: Nullable(Type.String()),
  city: Nullable(Type.String()),
  region: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  country: Nullable(Type.String()),
});
export const ExternalIdOut = Type.Object({ id: Type.String(), source: Type.String(), externalId: Type.String() });
export const RelationshipOut = Type.Object({
  id: Type.String(),
  relatedCustomerId: Type.String(),
  relatedDisplayName: Type.String(),
  relatedKind: CustomerKind,
  label: Type.String(),
  relatedLabel: Nullable(Type.String()),
  household: Type.Boolean(),
});

export const CustomerOut = Type.Object({
  id: Type.String(),
  kind: CustomerKind,
  displayName: Type.String(),
  givenName: Nullable(Type.String()),
  familyName: Nullable(Type.String()),
  preferredName: Nullable(Type.String()),
  pronunciation: Nullable(Type.String()),
  pronouns: Nullable(Type.String()),
  birthday: Nullable(PartialDateOut),
  language: Nullable(Type.String()),
  gender: Nullable(Type.String()),
  locationId: Nullable(Type.String()),
  emails: Type.Array(EmailOut),
  phones: Type.Array(PhoneOut),
  addresses: Type.Array(AddressOut),
  externalIds: Type.Array(ExternalIdOut),
  relationships: Type.Array(RelationshipOut, { description: 'Household, family and organisation links, seen from this customer' }),
  ...Authored,
});
export type CustomerOut = Static<typeof CustomerOut>;

export const CustomerSummary = Type.Object({
  id: Type.String(),
  kind: CustomerKind,
  displayName: Type.String(),
  preferredName: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  city: Nullable(Type.String()),
});
export type CustomerSummary = Static<typeof CustomerSummary>;
