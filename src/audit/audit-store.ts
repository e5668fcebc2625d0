import type { Kysely } from 'kysely';
import type { Database } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { diffSnapshots, isEmptyDiff, type Snapshot } from './audit-diff.js';

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
  // An update that changed nothing a person would see (only updatedAt) is not worth a line in the trail.
  if (entry.action === 'update' && isEmptyDiff(diff)) return;
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

/** Reading the trail: newest first, filtered; the only place audit rows are queried. */
export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  customerId?: string | undefined;
  staffId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditRow {
  id: string;
  at: string;
  staffId: string | null;
  staffName: string | null;
  tokenId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  customerId: string | null;
  diff: string | null;
}

export async function listAuditRows(
  db: Kysely<Database>,
  filter: AuditFilter,
  before: { at: string; id: string } | null,
  limit: number,
): Promise<AuditRow[]> {
  let query = db
    .selectFrom('auditEvents as a')
    .leftJoin('staff as s', 's.id', 'a.staffId')
    .select(['a.id', 'a.at', 'a.staffId', 's.name as staffName', 'a.tokenId', 'a.action', 'a.entityType', 'a.entityId', 'a.customerId', 'a.diff']);
  if (filter.entityType) query = query.where('a.entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('a.entityId', '=', filter.entityId);
  if (filter.customerId) query = query.where('a.customerId', '=', filter.customerId);
  if (filter.staffId) query = query.where('a.staffId', '=', filter.staffId);
  if (filter.from) query = query.where('a.at', '>=', filter.from);
  if (filter.to) query = query.where('a.at', '<=', filter.to);
  if (before) {
    const { at, id } = before;
    query = query.where((eb) => eb.or([eb('a.at', '<', at), eb.and([eb('a.at', '=', at), eb('a.id', '<', id)])]));
  }
  return query.orderBy('a.at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

/** Every audit diff ever written about these entities (to tell whether a fact was ever private, and whose). */
export const diffsOfEntities = (db: Kysely<Database>, entityIds: string[]) =>
  entityIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('auditEvents').select(['entityId', 'diff']).where('entityId', 'in', entityIds).execute();

/** The current sensitivity and author of notes and life events that still exist. */
export async function currentFacts(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return [];
  const [notes, events] = await Promise.all([
    db.selectFrom('notes').select(['id', 'sensitivity', 'createdBy']).where('id', 'in', ids).execute(),
    db.selectFrom('lifeEvents').select(['id', 'sensitivity', 'createdBy']).where('id', 'in', ids).execute(),
  ]);
  return [...notes, ...events];
}
