import { recordAudit } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import type { NewRow, Row } from '../platform/database/schema.js';
import { notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { completedAtAfter, dueAtOf, invalid, valueOf, type FieldPolicy } from './case-field-rules.js';
import { deleteCaseFields, fieldsOfCase, findCaseType, insertCaseFields, updateCaseField } from './case-field-store.js';
import { findCaseRow, updateCaseRow } from './case-store.js';

/**
 * The fields a case's type wants (issue 11): copied onto the case when it is opened (or its type
 * changes), filled in at once or later, never required to save. Each write audits itself, and
 * keeps the moment the case became complete (every wanted field filled in) on the case.
 */

export type FieldValues = Record<string, string | null>;

const policyOf = async (db: Db, caseType: string): Promise<FieldPolicy[]> => {
  const type = await findCaseType(db, caseType);
  return type ? (JSON.parse(type.fields) as FieldPolicy[]) : [];
};

/** Values for keys the case does not want are refused, each at /body/fields/<key>, with a message that reads on its own (it names the key). */
function checkKeys(values: FieldValues, known: ReadonlySet<string>, typeName: string): void {
  const unknown = Object.keys(values).filter((k) => !known.has(k));
  if (unknown.length) throw invalid(unknown.map((k) => ({ path: `/body/fields/${k}`, message: `“${k}” is not a field of the type ${typeName}` })));
}

type CaseRowLike = Pick<Row<'cases'>, 'id' | 'customerId' | 'caseType' | 'openedAt' | 'helpDispatchedAt' | 'completedAt'>;

async function audit(db: Db, ctx: WriteContext, c: CaseRowLike, before: FieldValues, after: FieldValues): Promise<void> {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'case', entityId: c.id, customerId: c.customerId, before: { fields: before }, after: { fields: after } });
}

const valuesOf = (rows: { fieldKey: string; value: string | null }[]): FieldValues => Object.fromEntries(rows.map((r) => [r.fieldKey, r.value]));

/** Works out the case's completion after a change of its fields. */
async function keepCompletion(db: Db, c: CaseRowLike, at: string): Promise<void> {
  const fields = await fieldsOfCase(db, c.id);
  const completedAt = completedAtAfter(fields, c.completedAt, at);
  if (completedAt !== c.completedAt) await updateCaseRow(db, c.id, { completedAt });
}

/**
 * Sets the fields of a case to what its type wants now: new wanted fields are added (missing, or
 * with the value given), those no longer wanted and never filled are dropped, filled ones are kept.
 * Used when a case is opened and when its type changes. `values` are checked against the type.
 */
export async function applyTypeFields(db: Db, ctx: WriteContext, c: CaseRowLike, values: FieldValues = {}, at = nowIso()): Promise<void> {
  const policy = await policyOf(db, c.caseType);
  checkKeys(values, new Set(policy.map((p) => p.key)), c.caseType);
  const existing = await fieldsOfCase(db, c.id);
  const before = valuesOf(existing);
  const by = ctx.actor?.staffId ?? null;
  const kept = new Map(existing.map((f) => [f.fieldKey, f]));
  const rows: NewRow<'caseFields'>[] = [];
  // Kept fields first, in their order; the new type's after them.
  const start = existing.reduce((max, f) => Math.max(max, f.position + 1), 0);
  policy.forEach((p, index) => {
    const position = start + index;
    if (kept.has(p.key)) return;
    const value = valueOf(values[p.key]);
    rows.push({
      id: newId(),
      caseId: c.id,
      customerId: c.customerId,
      fieldKey: p.key,
      label: p.label,
      position,
      due: p.due,
      dueHours: p.due === 'hours' ? (p.hours ?? null) : null,
      dueAt: dueAtOf(p, c.openedAt, c.helpDispatchedAt),
      value,
      filledAt: value === null ? null : at,
      filledBy: value === null ? null : by,
    });
  });
  const wanted = new Set(policy.map((p) => p.key));
  await deleteCaseFields(
    db,
    existing.filter((f) => !wanted.has(f.fieldKey) && f.value === null).map((f) => f.id),
  );
  await insertCaseFields(db, rows);
  // Values for fields the case already had (a change of type keeping them) are a fill-in.
  const again = Object.fromEntries(Object.entries(values).filter(([k]) => kept.has(k)));
  if (Object.keys(again).length) await writeValues(db, ctx, c, again, at);
  const after = valuesOf(await fieldsOfCase(db, c.id));
  if (existing.length) await audit(db, ctx, c, before, after);
  await keepCompletion(db, c, at);
}

async function writeValues(db: Db, ctx: WriteContext, c: CaseRowLike, values: FieldValues, at: string): Promise<void> {
  const fields = await fieldsOfCase(db, c.id);
  checkKeys(values, new Set(fields.map((f) => f.fieldKey)), c.caseType);
  const by = ctx.actor?.staffId ?? null;
  for (const f of fields) {
    if (!(f.fieldKey in values)) continue;
    const value = valueOf(values[f.fieldKey]);
    if (value === f.value) continue;
    await updateCaseField(db, f.id, { value, filledAt: value === null ? null : at, filledBy: value === null ? null : by });
  }
}

/** Fills in (or empties) some fields of a case, now or later. */
export async function fillCaseFields(db: Db, ctx: WriteContext, id: string, values: FieldValues, at = nowIso()): Promise<void> {
  const c = await findCaseRow(db, id);
  if (!c) throw notFound(`Case ${id}`);
  const before = valuesOf(await fieldsOfCase(db, id));
  await writeValues(db, ctx, c, values, at);
  const after = valuesOf(await fieldsOfCase(db, id));
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  await updateCaseRow(db, id, { updatedAt: at, updatedBy: ctx.actor?.staffId ?? null });
  await audit(db, ctx, c, before, after);
  await keepCompletion(db, c, at);
}
