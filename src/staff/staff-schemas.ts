import { Type, type Static } from 'typebox';
import { Authored, Id, limits, Text } from '../common/schema.js';

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
  },
  { additionalProperties: false },
);
export type StaffPatch = Static<typeof StaffPatch>;

export const StaffOut = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  active: Type.Boolean(),
  locationIds: Type.Array(Type.String()),
  ...Authored,
});
export type StaffOut = Static<typeof StaffOut>;

/** What any signed-in staff member may know of a colleague: no email, no audit fields. */
export const StaffBrief = Type.Object({
  id: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  active: Type.Boolean(),
});
export type StaffBrief = Static<typeof StaffBrief>;

export const toStaffBrief = ({ id, name, role, active }: StaffBrief): StaffBrief => ({ id, name, role, active });
