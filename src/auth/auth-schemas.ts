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
  email: Nullable(Type.String({ description: 'The sign-in email; null for an integration (through its token)' })),
  name: Type.String(),
  role: RoleSchema,
  locationIds: Type.Array(Type.String()),
  via: Type.Union([Type.Literal('session'), Type.Literal('token')]),
  csrfToken: Nullable(Type.String({ description: 'Send as the x-csrf-token header with every change made with the session cookie' })),
});

/** Choosing a password with a one-time invitation or reset link. */
export const AcceptLinkBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200, description: 'The token from the link (after #token=)' }),
    password: Password,
  },
  { additionalProperties: false },
);
