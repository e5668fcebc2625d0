import type { Static } from 'typebox';
import { recordAudit, type AuditEntry } from '../audit/audit-store.js';
import { authored, touched, type WriteContext } from '../platform/write-context.js';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { conflict, notFound } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { clean } from '../common/text-rules.js';
import { moveToTrash } from '../trash/trash-commands.js';
import { checkEmail, checkPhone } from './customer-rules.js';
import type { AddressInput, EmailInput, ExternalIdInput, PhoneInput } from './customer-schemas.js';
import { refreshMatchKeys } from '../matching/match-keys-store.js';

/**
 * Emails, phones, postal addresses and external ids: the ways to reach or recognise a customer.
 * One set of commands serves all four; each kind says how its input becomes a row.
 */


type Table = 'emails' | 'phones' | 'addresses' | 'externalIds';

interface KindSpec<Input> {
  table: Table;
  entityType: string;
  label: string;
  hasPrimary: boolean;
  /** Input to row values; `path` names the input in error messages. */
  toValues(input: Partial<Input>, ctx: WriteContext, path: string): Record<string, unknown>;
}

const emails: KindSpec<Static<typeof EmailInput>> = {
  table: 'emails',
  entityType: 'email',
  label: 'Email',
  hasPrimary: true,
  toValues: (input, _ctx, path) => ({
    ...(input.address !== undefined ? checkEmail(input.address, `${path}/address`) : {}),
    ...(input.label !== undefined ? { label: clean(input.label) } : {}),
  }),
};

const phones: KindSpec<Static<typeof PhoneInput>> = {
  table: 'phones',
  entityType: 'phone',
  label: 'Phone',
  hasPrimary: true,
  toValues: (input, ctx, path) => ({
    ...(input.number !== undefined ? checkPhone(input.number, ctx.phoneRegion, `${path}/number`) : {}),
    ...(input.label !== undefined ? { label: clean(input.label) } : {}),
  }),
};

const addressFields = ['label', 'line1', 'line2', 'city', 'region', 'postalCode'] as const;
const addresses: KindSpec<Static<typeof AddressInput>> = {
  table: 'addresses',
  entityType: 'address',
  label: 'Address',
  hasPrimary: true,
  toValues: (input) => {
    const values: Record<string, unknown> = {};
    for (const field of addressFields) if (input[field] !== undefined) values[field] = clean(input[field]);
    if (input.country !== undefined) values.country = input.country ? input.country.toUpperCase() : null;
    return values;
  },
};

const externalIds: KindSpec<Static<typeof ExternalIdInput>> = {
  table: 'externalIds',
  entityType: 'external_id',
  label: 'External id',
  hasPrimary: false,
  toValues: (input) => ({
    ...(input.source !== undefined ? { source: input.source.trim().toLowerCase() } : {}),
    ...(input.externalId !== undefined ? { externalId: input.externalId.trim() } : {}),
  }),
};

export const contactKinds = { emails, phones, addresses, externalIds } as const;
export type ContactKind = keyof typeof contactKinds;

async function ensureUniqueExternalId(db: Db, source: string, externalId: string, path: string, exceptId?: string) {
  let query = db.selectFrom('externalIds').select(['id', 'customerId']).where('source', '=', source).where('externalId', '=', externalId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const taken = await query.executeTakeFirst();
  if (taken) {
    throw conflict(`${source} id ${externalId} already belongs to customer ${taken.customerId}`, [
      { path, message: `already belongs to customer ${taken.customerId}` },
    ]);
  }
}

async function clearOtherPrimaries(db: Db, table: Table, customerId: string, keepId: string) {
  await db.updateTable(table as 'emails').set({ isPrimary: false }).where('customerId', '=', customerId).where('id', '!=', keepId).execute();
}

export async function addContactPoint<K extends ContactKind>(
  db: Db,
  ctx: WriteContext,
  kind: K,
  customerId: string,
  input: Record<string, unknown> & { primary?: boolean },
  path: string,
  /** 'later' when the caller refreshes the customer's matching keys once for several (a new customer). */
  keys: 'refresh' | 'later' = 'refresh',
  /** Given, the audit entry goes here for the caller to record with others in one write (recordAudits). */
  audit?: AuditEntry[],
): Promise<Record<string, unknown> & { id: string }> {
  const spec = contactKinds[kind] as KindSpec<Record<string, unknown>>;
  const values = spec.toValues(input, ctx, path);
  if (kind === 'externalIds') await ensureUniqueExternalId(db, values.source as string, values.externalId as string, `${path}/externalId`);
  const id = newId();
  const now = nowIso();
  let isPrimary = false;
  if (spec.hasPrimary) {
    const existing = await db.selectFrom(spec.table as 'emails').select('id').where('customerId', '=', customerId).limit(1).executeTakeFirst();
    isPrimary = input.primary === true || !existing;
  }
  const row = {
    id,
    customerId,
    ...values,
    ...(spec.hasPrimary ? { isPrimary } : {}),
    ...authored(ctx, now),
  };
  await db.insertInto(spec.table as 'emails').values(row as never).execute();
  if (isPrimary) await clearOtherPrimaries(db, spec.table, customerId, id);
  const entry: AuditEntry = { action: 'create', entityType: spec.entityType, entityId: id, customerId, after: row };
  if (audit) audit.push(entry);
  else await recordAudit(db, ctx.actor, entry);
  if (keys === 'refresh') await refreshMatchKeys(db, customerId);
  return row;
}

export async function updateContactPoint(
  db: Db,
  ctx: WriteContext,
  kind: ContactKind,
  customerId: string,
  id: string,
  input: Record<string, unknown> & { primary?: boolean },
): Promise<void> {
  const spec = contactKinds[kind] as KindSpec<Record<string, unknown>>;
  const before = await db.selectFrom(spec.table as 'emails').selectAll().where('id', '=', id).where('customerId', '=', customerId).executeTakeFirst();
  if (!before) throw notFound(`${spec.label} ${id} of customer ${customerId}`);
  const values = spec.toValues(input, ctx, '/body');
  if (kind === 'externalIds') {
    const current = before as unknown as { source: string; externalId: string };
    await ensureUniqueExternalId(db, (values.source as string) ?? current.source, (values.externalId as string) ?? current.externalId, '/body/externalId', id);
  }
  const changes = {
    ...values,
    ...(spec.hasPrimary && input.primary !== undefined ? { isPrimary: input.primary } : {}),
    ...touched(ctx),
  };
  await db.updateTable(spec.table as 'emails').set(changes as never).where('id', '=', id).execute();
  if (spec.hasPrimary && input.primary === true) await clearOtherPrimaries(db, spec.table, customerId, id);
  await recordAudit(db, ctx.actor, {
    action: 'update',
    entityType: spec.entityType,
    entityId: id,
    customerId,
    before: before as Record<string, unknown>,
    after: { ...before, ...changes },
  });
  await refreshMatchKeys(db, customerId);
}

export async function removeContactPoint(db: Db, ctx: WriteContext, kind: ContactKind, customerId: string, id: string): Promise<void> {
  const spec = contactKinds[kind] as KindSpec<Record<string, unknown>>;
  const before = await db.selectFrom(spec.table as 'emails').selectAll().where('id', '=', id).where('customerId', '=', customerId).executeTakeFirst();
  if (!before) throw notFound(`${spec.label} ${id} of customer ${customerId}`);
  await moveToTrash(db, ctx, spec.table, id);
  if (spec.hasPrimary && before.isPrimary) {
    // The oldest remaining one becomes primary, so a customer with contact points always has one.
    const next = await db.selectFrom(spec.table as 'emails').select('id').where('customerId', '=', customerId).orderBy('createdAt').orderBy('id').limit(1).executeTakeFirst();
    if (next) await db.updateTable(spec.table as 'emails').set({ isPrimary: true }).where('id', '=', next.id).execute();
  }
}
