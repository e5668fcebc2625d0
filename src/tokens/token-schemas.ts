import { Type, type Static } from 'typebox';
import { DateTime, limits, Nullable, Text } from '../common/schema.js';
import { StaffKindSchema } from '../staff/staff-schemas.js';

export const TokenScope = Type.Union([Type.Literal('read'), Type.Literal('read_write')], {
  description: 'read: GET only; read_write: also changes, within the role of the staff member it acts as',
});

export const TokenCreate = Type.Object(
  {
    name: Text(limits.shortText, { description: 'What the token is for, e.g. "POS sync"' }),
    scope: TokenScope,
    /** Whom the token acts as, with their role: the admin creating it when left out, or an integration account. */
    staffId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'An integration account for the token to act as (with its role and locations). Left out: the token acts as you. A token never acts as another person.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type TokenCreate = Static<typeof TokenCreate>;

/** A token as listed: never its secret, never its hash. */
export const TokenOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: TokenScope,
  staffId: Type.String(),
  staffName: Type.String(),
  staffKind: StaffKindSchema,
  createdAt: DateTime,
  createdBy: Nullable(Type.String()),
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
export type TokenOut = Static<typeof TokenOut>;

export const TokenCreated = Type.Object({
  ...TokenOut.properties,
  secret: Type.String({ description: 'Send as "Authorization: Bearer <secret>". Shown this once; Rapport keeps only its hash.' }),
});
