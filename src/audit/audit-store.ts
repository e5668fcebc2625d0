import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { diffSnapshots, type Snapshot } from './audit-diff.js';

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'merge'
  | 'sign_in'
  | 'sign_out'
  | 'setup'
  | 'disable'
  | 'reset_password'
  | 'revoke';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  customerId?: string | null;
  before?: Snapshot;
  after?: Snapshot;
}

/**
 * Appends one audit row. Call it with the same transaction as the write it describes,
 * so that the change and its record commit or fail together. There is no update or delete.
 */
/** Who wrote: a staff member (through a session or a token), or null for Rapport itself. */
export type AuditActor = { staffId: string; tokenId: string | null } | null;

export async function recordAudit(trx: Kysely<Database>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const diff = diffSnapshots(entry.before, entry.after);
  await trx
    .insertInto('auditEvents')
    .values({
      id: newId(),
      at: nowIso(),
      staffId: actor?.staffId ?? null,
      tokenId: actor?.tokenId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      customerId: entry.customerId ?? null,
      diff: diff.before || diff.after ? JSON.stringify(diff) : null,
    })
    .execute();
}
