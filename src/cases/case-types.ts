import { recordAudit } from '../audit/audit-store.js';
import { requiredText } from '../common/text-rules.js';
import type { Db } from '../platform/database/connect.js';
import type { Row } from '../platform/database/schema.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { authored, type WriteContext } from '../platform/write-context.js';
import { checkPolicy, keyOf, type FieldPolicy } from './case-field-rules.js';
import { allCaseTypes, findCaseType, insertCaseType, updateCaseType } from './case-field-store.js';
import type { CaseTypeCreate, CaseTypeOut, CaseTypePut } from './urgent-schemas.js';

/**
 * Case types and their policies (issue 11): the fields each wants and by when, set by admins.
 * A case takes its type's fields when it is opened, so a change applies to cases opened from then on.
 */

export function presentCaseType(row: Row<'caseTypes'>): CaseTypeOut {
  const fields = JSON.parse(row.fields) as FieldPolicy[];
  return {
    key: row.key,
    label: row.label,
    fields: fields.map((f) => ({ key: f.key, label: f.label, due: f.due, hours: f.due === 'hours' ? (f.hours ?? null) : null })),
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
  };
}

export const listCaseTypes = async (db: Db) => (await allCaseTypes(db)).map(presentCaseType);

export async function createCaseType(db: Db, ctx: WriteContext, input: CaseTypeCreate): Promise<string> {
  const label = requiredText(input.label.replace(/\s+/g, ' '), '/body/label');
  const key = input.key ?? keyOf(label);
  const fields = checkPolicy(input.fields);
  if (await findCaseType(db, key)) throw conflict(`There is already a case type ${key}.`, [{ path: input.key ? '/body/key' : '/body/label', message: 'is taken' }]);
  await insertCaseType(db, { key, label, fields: JSON.stringify(fields), ...authored(ctx) });
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'case_type', entityId: key, after: { label, fields } });
  return key;
}

export async function replaceCaseType(db: Db, ctx: WriteContext, key: string, input: CaseTypePut): Promise<void> {
  const before = await findCaseType(db, key);
  if (!before) throw notFound(`Case type ${key}`);
  const label = requiredText(input.label.replace(/\s+/g, ' '), '/body/label');
  const fields = checkPolicy(input.fields);
  const was = { label: before.label, fields: JSON.parse(before.fields) as FieldPolicy[] };
  if (JSON.stringify(was) === JSON.stringify({ label, fields })) return;
  const now = nowIso();
  await updateCaseType(db, key, { label, fields: JSON.stringify(fields), updatedAt: now, updatedBy: ctx.actor?.staffId ?? null });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'case_type', entityId: key, before: was, after: { label, fields } });
}

/**
 * Archives a type (offered for new cases no more; its cases keep it and the report still shows
 * them) or restores it. Doing what is already so changes nothing and audits nothing.
 */
export async function archiveCaseType(db: Db, ctx: WriteContext, key: string, archived: boolean): Promise<void> {
  const before = await findCaseType(db, key);
  if (!before) throw notFound(`Case type ${key}`);
  if ((before.archivedAt !== null) === archived) return;
  const now = nowIso();
  const archivedAt = archived ? now : null;
  await updateCaseType(db, before.key, { archivedAt, updatedAt: now, updatedBy: ctx.actor?.staffId ?? null });
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'case_type', entityId: before.key, before: { archivedAt: before.archivedAt }, after: { archivedAt } });
}

/** A new case (or a case changing type) may not take an archived type: 422 naming the field. Types nobody defined stay free text. */
export async function checkTypeOffered(db: Db, type: string | undefined, path = '/body/type'): Promise<void> {
  if (type === undefined) return;
  const found = await findCaseType(db, type);
  if (found?.archivedAt) throw unprocessable(path, `${found.label} is archived: choose another type`);
}
