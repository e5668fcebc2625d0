import type { Kysely } from 'kysely';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import { privacyOfChange } from '../platform/auth/private-facts.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import type { Database } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { diffSnapshots, isEmptyDiff, type Snapshot } from './audit-diff.js';
import { queueWebhookEvents } from '../webhooks/webhook-outbox.js';

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'merge'
  | 'unmerge'
  | 'sign_in'
  | 'sign_out'
  | 'setup'
  | 'disable'
  | 'reset_password'
  | 'revoke'
  | 'restore'
  | 'purge'
  | 'erase'
  | 'subject_access'
  | 'export';

export interface AuditEntry {
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  customerId?: string | null;
  before?: Snapshot;
  after?: Snapshot;
}

/** Who wrote: a staff member (through a session or a token), or null for Rapport itself. */
export type AuditActor = { staffId: string; tokenId: string | null } | null;

/**
 * Appends one audit row. Call it with the same transaction as the write it describes,
 * so that the change and its record commit or fail together. Rows are never deleted; their content
 * is redacted only when the facts they describe leave Rapport (purge from the trash, erasure).
 * An entry about a private fact is private to the fact's audience: the snapshots say so through
 * their sensitivity, createdBy and audienceLocationId fields (privacyOfChange).
 */
export async function recordAudit(trx: Kysely<Database>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await recordAudits(trx, actor, [entry]);
}

/** The row an entry becomes; null for an update that changed nothing a person would see (only updatedAt). */
function auditRow(actor: AuditActor, entry: AuditEntry, at: string) {
  const diff = diffSnapshots(entry.before, entry.after);
  const privacy = privacyOfChange(entry.before, entry.after);
  if (entry.action === 'update' && isEmptyDiff(diff)) return null;
  return {
    id: newId(),
    at,
    staffId: actor?.staffId ?? null,
    tokenId: actor?.tokenId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    customerId: entry.customerId ?? null,
    diff: diff.before || diff.after ? JSON.stringify(diff) : null,
    sensitivity: privacy.sensitivity,
    factAuthorId: privacy.createdBy,
    audienceLocationId: privacy.audienceLocationId,
  };
}

const oneAuditRow = preparedQuery((db, p: NonNullable<ReturnType<typeof auditRow>>) => db.insertInto('auditEvents').values(p));

/**
 * Appends the rows of several entries by one actor at once (a batch of new customers): as many rows as recordAudit would write, in as few statements as fit.
 * The same changes go to the webhook outbox (src/webhooks/webhook-outbox.ts), in the same transaction: the one place events are raised.
 */
export async function recordAudits(trx: Kysely<Database>, actor: AuditActor, entries: readonly AuditEntry[]): Promise<void> {
  const at = nowIso();
  const written = entries.flatMap((entry) => {
    const row = auditRow(actor, entry, at);
    return row ? [{ entry, row }] : [];
  });
  const rows = written.map((w) => w.row);
  // Most writes record one entry: that insert is built once (prepared-query.ts).
  if (rows.length === 1) await oneAuditRow.execute(trx, rows[0]!);
  else for (let i = 0; i < rows.length; i += 400) await trx.insertInto('auditEvents').values(rows.slice(i, i + 400)).execute();
  await queueWebhookEvents(
    trx,
    written.map(({ entry, row }) => ({ ...entry, eventId: row.id, occurredAt: at, customerId: row.customerId, private: row.sensitivity === 'private' })),
  );
}

/**
 * Forgets what these entries said (their before and after), keeping who did what and when: for
 * facts purged from the trash or erased. The only change ever made to an audit row.
 */
export async function redactAudit(db: Kysely<Database>, where: { entityIds?: string[]; customerId?: string }): Promise<void> {
  const ids = where.entityIds ?? [];
  for (let i = 0; i < ids.length; i += 300) {
    await db.updateTable('auditEvents').set({ diff: null }).where('entityId', 'in', ids.slice(i, i + 300)).execute();
  }
  if (where.customerId) await db.updateTable('auditEvents').set({ diff: null }).where('customerId', '=', where.customerId).execute();
}

/** Reading the trail: newest first, filtered; the only place audit rows are queried. */
export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
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
  /** The name of the API token the change was made with. */
  tokenName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** What the entry is about, by its current name: a location, staff member or API token (null for others or once gone). */
  entityName: string | null;
  customerId: string | null;
  /** The customer's display name now. */
  customerName: string | null;
  diff: string | null;
}

export async function listAuditRows(
  db: Kysely<Database>,
  actor: ActorOrSystem,
  filter: AuditFilter,
  before: { at: string; id: string } | null,
  limit: number,
): Promise<AuditRow[]> {
  let query = db
    .selectFrom('auditEvents as a')
    .leftJoin('staff as s', 's.id', 'a.staffId')
    .leftJoin('apiTokens as t', 't.id', 'a.tokenId')
    .leftJoin('customers as c', 'c.id', 'a.customerId')
    // The names of the things admins manage, each a primary-key probe for the entries about it.
    .leftJoin('locations as el', (join) => join.onRef('el.id', '=', 'a.entityId').on('a.entityType', '=', 'location'))
    .leftJoin('staff as es', (join) => join.onRef('es.id', '=', 'a.entityId').on('a.entityType', '=', 'staff'))
    .leftJoin('apiTokens as et', (join) => join.onRef('et.id', '=', 'a.entityId').on('a.entityType', '=', 'api_token'))
    .select(['a.id', 'a.at', 'a.staffId', 's.name as staffName', 'a.tokenId', 't.name as tokenName', 'a.action', 'a.entityType', 'a.entityId', 'a.customerId', 'c.displayName as customerName', 'a.diff'])
    .select((eb) => eb.fn.coalesce('el.name', 'es.name', 'et.name').as('entityName'))
    .where(visibleRows(actor, 'auditEvents', 'a'));
  if (filter.entityType) query = query.where('a.entityType', '=', filter.entityType);
  if (filter.entityId) query = query.where('a.entityId', '=', filter.entityId);
  if (filter.action) query = query.where('a.action', '=', filter.action);
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

/** Every before and after ever written about a customer's profile, read as Rapport itself (for erasure and purge to find their former names). */
export const customerProfileDiffs = async (db: Kysely<Database>, customerId: string): Promise<(string | null)[]> =>
  (
    await db
      .selectFrom('auditEvents as a')
      .select('a.diff')
      .where('a.customerId', '=', customerId)
      .where('a.entityType', '=', 'customer')
      .where(visibleRows(null, 'auditEvents', 'a'))
      .execute()
  ).map((r) => r.diff);
