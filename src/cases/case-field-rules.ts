import { DomainError, type FieldError } from '../platform/errors.js';

/**
 * Pure rules of "help first, fill in later" (issue 11): a case type's policy (the fields it wants and
 * by when), each field's deadline, what closing a case asks for, and the percentiles of the report.
 */

export const fieldDues = ['dispatch', 'close', 'hours'] as const;
export type FieldDue = (typeof fieldDues)[number];

/** One field a type wants: `hours` only for due 'hours' (within N hours of opening). */
export interface FieldPolicy {
  key: string;
  label: string;
  due: FieldDue;
  hours?: number | undefined;
}

export const fieldKeyPattern = '^[a-z][a-z0-9_]{0,39}$';
const keyShape = new RegExp(fieldKeyPattern);

/** "Roadside (night)" → "roadside_night": a key from a label. */
export function keyOf(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return key || 'type';
}

export function invalid(errors: FieldError[]): DomainError {
  return new DomainError('invalid', 'Unprocessable content', errors.length === 1 ? `${errors[0]!.path} ${errors[0]!.message}` : `${errors.length} fields need attention`, errors);
}

/** A policy is each key once, a label, and a number of hours when due within hours. Returns it cleaned. */
export function checkPolicy(fields: readonly FieldPolicy[], path = '/body/fields'): FieldPolicy[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const out: FieldPolicy[] = [];
  fields.forEach((f, i) => {
    const key = f.key.trim();
    const label = f.label.replace(/\s+/g, ' ').trim();
    if (!keyShape.test(key)) errors.push({ path: `${path}/${i}/key`, message: 'must start with a letter and hold only a-z, 0-9 and _ (at most 40)' });
    else if (seen.has(key)) errors.push({ path: `${path}/${i}/key`, message: `${key} is listed twice` });
    seen.add(key);
    if (!label) errors.push({ path: `${path}/${i}/label`, message: 'is required' });
    if (f.due === 'hours' && (f.hours === undefined || !Number.isInteger(f.hours) || f.hours < 1)) errors.push({ path: `${path}/${i}/hours`, message: 'is required when the field is due within hours' });
    out.push({ key, label, due: f.due, ...(f.due === 'hours' ? { hours: f.hours } : {}) });
  });
  if (errors.length) throw invalid(errors);
  return out;
}

/** When a field falls due: opened + N h; at dispatch, the moment help was dispatched (null before); before closing, null. */
export function dueAtOf(f: { due: FieldDue; hours?: number | null | undefined }, openedAt: string, dispatchedAt: string | null): string | null {
  if (f.due === 'hours') return new Date(Date.parse(openedAt) + (f.hours ?? 0) * 3_600_000).toISOString();
  if (f.due === 'dispatch') return dispatchedAt;
  return null;
}

/** A value as kept: trimmed, blank is missing. */
export const valueOf = (value: string | null | undefined): string | null => {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
};

/** The fields a closing must have, as the errors of a refusal: one per missing field, at /body/fields/<key>. */
export function closeProblems(fields: readonly { fieldKey: string; label: string; value: string | null }[]): FieldError[] {
  return fields.filter((f) => f.value === null).map((f) => ({ path: `/body/fields/${f.fieldKey}`, message: `${f.label} is wanted before closing` }));
}

/** Every wanted field is filled in (a type that wants none is complete at once). */
export const isComplete = (fields: readonly { value: string | null }[]): boolean => fields.every((f) => f.value !== null);

/** When the case became complete after a change: kept if it already was, now if it just became so, null if a field was emptied. */
export function completedAtAfter(fields: readonly { value: string | null }[], before: string | null, at: string): string | null {
  if (!isComplete(fields)) return null;
  return before ?? at;
}

/**
 * The p-th percentile (0 to 1) of some numbers by linear interpolation between the closest ranks
 * (the "inclusive" method of spreadsheets, R's type 7): the median of 1, 2, 3, 4 is 2.5 and their
 * 90th percentile 3.7. Null for none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** Minutes between two moments, to a tenth. */
export const minutesBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 6_000) / 10;

/** A figure to a tenth of a minute. */
export const tenth = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);
