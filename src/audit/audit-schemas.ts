import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, PageQuery } from '../common/schema.js';

const Snapshot = Type.Record(Type.String(), Type.Unknown(), { description: 'Field values; on update only the fields that changed' });

export const AuditItem = Type.Object({
  id: Type.String(),
  at: DateTime,
  staffId: Nullable(Type.String({ description: 'Who made the change; null for Rapport itself (start-up, the command line)' })),
  staffName: Nullable(Type.String()),
  tokenId: Nullable(Type.String({ description: 'The API token the change was made with, if any' })),
  tokenName: Nullable(Type.String({ description: 'That token’s name' })),
  action: Type.String({ description: 'create, update, delete, merge, sign_in, sign_out, setup, disable, reset_password, revoke, ...' }),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  entityName: Nullable(Type.String({ description: 'The current name of the location, staff member or API token the entry is about; null for other entities' })),
  customerId: Nullable(Type.String()),
  customerName: Nullable(Type.String({ description: 'The customer’s display name now' })),
  diff: Nullable(Type.Object({ before: Type.Optional(Snapshot), after: Type.Optional(Snapshot) })),
});
export type AuditItem = Static<typeof AuditItem>;

export const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'customer, note, staff, api_token, location, ...' })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    action: Type.Optional(
      Type.String({ pattern: '^[a-z_]{1,40}$', description: 'create, update, delete, merge, sign_in, sign_out, setup, disable, reset_password, revoke, ...' }),
    ),
    customerId: Type.Optional(Id),
    staffId: Type.Optional(Id),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Changes at or after this time' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Changes at or before this time' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const HistoryQuery = Type.Object(PageQuery, { additionalProperties: false });
