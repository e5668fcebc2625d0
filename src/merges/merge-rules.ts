import type { Row } from '../platform/database/schema.js';

/**
 * What a merge decides field by field: which record's value the customer keeps. Pure; the commands
 * (merge-commands.ts) apply it.
 */

type CustomerRow = Row<'customers'>;

/** The profile fields a merge chooses between; a birthday's parts go together. */
export const mergeFields = ['kind', 'displayName', 'givenName', 'familyName', 'preferredName', 'pronunciation', 'pronouns', 'birthday', 'language', 'gender', 'locationId'] as const;
export type MergeField = (typeof mergeFields)[number];
export type Side = 'survivor' | 'merged';
export type Choices = Record<MergeField, Side>;

/** The stored columns of each field. */
export const fieldColumns: Record<MergeField, readonly (keyof CustomerRow)[]> = {
  kind: ['kind'],
  displayName: ['displayName'],
  givenName: ['givenName'],
  familyName: ['familyName'],
  preferredName: ['preferredName'],
  pronunciation: ['pronunciation'],
  pronouns: ['pronouns'],
  birthday: ['birthYear', 'birthMonth', 'birthDay'],
  language: ['language'],
  gender: ['gender'],
  locationId: ['locationId'],
};

const valueOf = (row: CustomerRow, field: MergeField) => fieldColumns[field].map((c) => row[c] ?? null);
const isEmpty = (values: unknown[]) => values.every((v) => v === null || v === '');
/** How much a value says: a full birthday over a month and day, a longer name over an initial. */
const fullness = (values: unknown[]) => values.reduce<number>((n, v) => n + (v === null || v === '' ? 0 : String(v).replace(/\.$/, '').length > 1 ? 2 : 1), 0);

/** The fields that together say who someone is called: chosen from one record, so that a name is never half of each. */
const nameFields = ['displayName', 'givenName', 'familyName'] as const;

/**
 * The default choice of each field: the value one record has and the other lacks; of two, the more
 * complete (a birthday with its year, "Robert" over "R."); of two as complete, the more recently
 * changed record's. The survivor's when they agree. The name as listed, the given and the family name
 * come from one record (the one whose given and family names say more, else the newer), each taken
 * from the other only where that record has none.
 */
export function defaultChoices(survivor: CustomerRow, merged: CustomerRow): Choices {
  const newer: Side = String(merged.updatedAt) > String(survivor.updatedAt) ? 'merged' : 'survivor';
  const differ = (field: MergeField) => JSON.stringify(valueOf(survivor, field)) !== JSON.stringify(valueOf(merged, field));
  const choose = (field: MergeField, preferred?: Side): Side => {
    const [s, m] = [valueOf(survivor, field), valueOf(merged, field)];
    if (!differ(field) || isEmpty(m)) return 'survivor';
    if (isEmpty(s)) return 'merged';
    if (preferred) return preferred;
    const [fs, fm] = [fullness(s), fullness(m)];
    if (fs !== fm) return fm > fs ? 'merged' : 'survivor';
    return newer;
  };
  const choices = Object.fromEntries(mergeFields.map((f) => [f, choose(f)])) as Choices;
  const names = (row: CustomerRow) => fullness([row.givenName, row.familyName]);
  const nameSide: Side = names(merged) !== names(survivor) ? (names(merged) > names(survivor) ? 'merged' : 'survivor') : differ('givenName') || differ('familyName') ? newer : choices.displayName;
  for (const field of nameFields) choices[field] = choose(field, nameSide);
  return choices;
}

/** The survivor's columns after the merge: each field from the side chosen. */
export function mergedProfile(survivor: CustomerRow, merged: CustomerRow, choices: Choices): Partial<CustomerRow> {
  const out: Record<string, unknown> = {};
  for (const field of mergeFields) for (const c of fieldColumns[field]) out[c] = (choices[field] === 'merged' ? merged : survivor)[c] ?? null;
  return out as Partial<CustomerRow>;
}

/** The profile columns of a row, for the record of a merge. */
export function profileOf(row: Partial<CustomerRow>): Record<string, unknown> {
  return Object.fromEntries(mergeFields.flatMap((f) => fieldColumns[f].map((c) => [c, row[c] ?? null])));
}

/**
 * What an undo puts back on the survivor: each column the merge changed and nobody has changed since
 * (an edit made after the merge stays with the customer it was made on).
 */
export function undoProfile(before: Record<string, unknown>, after: Record<string, unknown>, now: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(before)) {
    if (JSON.stringify(after[column] ?? null) === JSON.stringify(value ?? null)) continue;
    if (JSON.stringify(now[column] ?? null) !== JSON.stringify(after[column] ?? null)) continue;
    out[column] = value ?? null;
  }
  return out;
}
