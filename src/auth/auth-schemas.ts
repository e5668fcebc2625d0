import { Type } from 'typebox';
import { limits, Nullable, Text } from '../common/schema.js';
import { Password, RoleSchema, StaffEmail } from '../staff/staff-schemas.js';

export const LoginBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: limits.email }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const SetupBody = Type.Object({ email: StaffEmail, name: Text(limits.name), password: Password }, { additionalProperties: false });

export const Me = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  locationIds: Type.Array(Type.String()),
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
  csrfToken: Nullable(Type.String({ description: 'Send as the x-csrf-token header with every change made with the session cookie' })),
});
