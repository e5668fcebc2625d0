import { Type, type Static } from 'typebox';
import { Authored, DateTime, Id, limits, Nullable, Text } from '../common/schema.js';

export const RoleSchema = Type.Union([Type.Literal('frontline'), Type.Literal('manager'), Type.Literal('admin')]);

/** Long enough to resist guessing; a passphrase of four words fits easily. */
export const Password = Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters' });
export const StaffEmail = Type.String({ format: 'email', maxLength: limits.email });

export const StaffCreate = Type.Object(
  {
    email: StaffEmail,
    name: Text(limits.name),
    role: RoleSchema,
    password: Password,
    locationIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type StaffCreate = Static<typeof StaffCreate>;

export const StaffPatch = Type.Object(
  {
    name: Type.Optional(Text(limits.name)),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
    locationIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    password: Type.Optional(Password),
    phoneExtension: Type.Optional(
      Nullable(
        Type.String({
          minLength: 1,
          maxLength: 64,
          pattern: '^[A-Za-z0-9*#._+@-]+$',
          description: 'What the phone system calls them (an extension such as 214, or a user name): its calls ring their screen (src/phone/). null: none',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);
export type StaffPatch = Static<typeof StaffPatch>;

export const StaffKindSchema = Type.Union([Type.Literal('person'), Type.Literal('integration')], {
  description: 'person: signs in with email and password; integration: a system acting only through API tokens, never signs in',
});

export const StaffOut = Type.Object({
  id: Type.String(),
  kind: StaffKindSchema,
  email: Nullable(Type.String({ description: 'The sign-in email; null for an integration' })),
  name: Type.String(),
  role: RoleSchema,
  active: Type.Boolean(),
  hasPassword: Type.Boolean({ description: 'false while an invited person has not chosen a password, after a reset, and for integrations' }),
  locationIds: Type.Array(Type.String()),
  phoneExtension: Nullable(Type.String({ description: 'What the phone system calls them; null: none' })),
  ...Authored,
});
export type StaffOut = Static<typeof StaffOut>;

/** Invite a person: they choose their own password through the link in the answer. */
export const StaffInvite = Type.Object(
  {
    email: StaffEmail,
    name: Text(limits.name),
    role: RoleSchema,
    locationIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type StaffInvite = Static<typeof StaffInvite>;

/** A named integration ("POS sync"): a role and locations, no email, no password. */
export const IntegrationCreate = Type.Object(
  {
    name: Text(limits.name, { description: 'What the integration is, e.g. "POS sync"' }),
    role: RoleSchema,
    locationIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type IntegrationCreate = Static<typeof IntegrationCreate>;

export const PasswordLinkOut = Type.Object({
  url: Type.String({ description: 'Pass it on to the person: it opens the web app, where they choose a password. Shown this once.' }),
  path: Type.String({ description: 'The same link without the server address' }),
  expiresAt: DateTime,
});
export type PasswordLinkOut = Static<typeof PasswordLinkOut>;

/** The answer to an invitation or a reset: the account, and the one-time link. */
export const StaffWithLink = Type.Object({ staff: StaffOut, link: PasswordLinkOut });
export type StaffWithLink = Static<typeof StaffWithLink>;

/** What any signed-in staff member may know of a colleague: no email, no audit fields. */
export const StaffBrief = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  active: Type.Boolean(),
});
export type StaffBrief = Static<typeof StaffBrief>;

export const toStaffBrief = ({ id, name, role, active }: StaffBrief): StaffBrief => ({ id, name, role, active });
