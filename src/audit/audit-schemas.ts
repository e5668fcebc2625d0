import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, PageQuery } from '../common/schema.js';

const Snapshot = Type.Record(Type.String(), Type.Unknown(), { description: 'Field values; on update only the fields that changed' });

export const AuditItem = Type.Object({
  id: Type.String(),
  at: DateTime,
  staffId: Nullable(Type.String({ description: 'Who made the change; null for Rapport itself (start-up, the command line)' })),
  staffName: Nullable(Type.String()),
  tokenId: Nullable(Type.String({ description: 'The API token the change was made with, if any' })),
  action: Type.String({ description: 'create, update, delete, merge, sign_in, sign_out, setup, disable, reset_password, revoke' }),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  customerId: Nullable(Type.String()),
  diff: Nullable(Type.Object({ before: Type.Optional(Snapshot), after: Type.Optional(Snapshot) })),
});
export type AuditItem = Static<typeof AuditItem>;

export const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'customer, note, staff, api_token, location, ...' })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
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
