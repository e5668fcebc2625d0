import { limits } from '../../common/schema.js';
import { DomainError, type FieldError } from '../../platform/errors.js';

/**
 * Where a CSV column goes: the same small shape for customers, transactions and interactions. A
 * mapping is either guessed from the headers (a preset) or given by the person importing, header by
 * header; a given one is checked here so that a typo in a field name is a clear error naming the
 * column, never a column silently dropped.
 */

export interface ColumnTarget<F extends string = string> {
  field: F;
  /**
   * Columns with the same slot make up one email, phone or address: a value and its label, or an
   * address's street, city and postcode. Left out, it is 1.
   */
  slot?: number;
  /**
   * A label every value of the column gets (Outlook's "Mobile Phone" column holds mobiles). For an
   * external id column, the name of the other system ("pos").
   */
  label?: string;
}

/** For each header of the file, in order, where its column goes (null: nowhere). */
export type Columns<F extends string = string> = (ColumnTarget<F> | null)[];

const maxSlot = 50;

/** A header as a JSON pointer segment (RFC 6901), for the path of an error. */
const pointer = (header: string): string => `/mapping/${header.replace(/~/g, '~0').replace(/\//g, '~1')}`;

/**
 * An explicit mapping, as the person importing gives it (JSON: header → a field name, a full
 * ColumnTarget, or null to leave the column out), checked against the file's headers and the fields.
 * Every mistake is listed in one error (kind "invalid", one path per column). Headers the mapping
 * does not mention are left out of the import. `needsLabel` lists fields whose label is required
 * (an external id needs the system's name).
 */
export function explicitColumns<F extends string>(
  headers: readonly string[],
  mapping: Readonly<Record<string, unknown>>,
  fields: readonly F[],
  what: string,
  needsLabel: readonly F[] = [],
): Columns<F> {
  const errors: FieldError[] = [];
  const fail = (header: string, message: string) => errors.push({ path: pointer(header), message });
  const columns: Columns<F> = headers.map(() => null);
  const known = new Set<string>(fields);
  for (const [header, value] of Object.entries(mapping)) {
    const indexes = headers.flatMap((h, i) => (h === header ? [i] : []));
    if (indexes.length === 0) {
      fail(header, `Column "${header}" is not in the file; its columns are: ${headers.map((h) => `"${h}"`).join(', ')}.`);
      continue;
    }
    if (value === null) continue;
    const target = typeof value === 'string' ? { field: value } : value;
    if (typeof target !== 'object' || typeof (target as { field?: unknown }).field !== 'string') {
      fail(header, `Column "${header}" needs a field name (or null to leave it out).`);
      continue;
    }
    const { field, slot, label } = target as { field: string; slot?: unknown; label?: unknown };
    if (!known.has(field)) {
      fail(header, `Column "${header}" is mapped to "${field}", which is not a ${what} field; the fields are: ${fields.join(', ')}.`);
      continue;
    }
    if (slot !== undefined && (!Number.isInteger(slot) || (slot as number) < 1 || (slot as number) > maxSlot)) {
      fail(header, `Column "${header}": the slot must be a whole number from 1 to ${maxSlot}.`);
      continue;
    }
    if (label !== undefined && (typeof label !== 'string' || !label.trim() || label.trim().length > limits.shortText)) {
      fail(header, `Column "${header}": the label must be text of 1 to ${limits.shortText} characters.`);
      continue;
    }
    if (needsLabel.includes(field as F) && label === undefined) {
      fail(header, `Column "${header}" is mapped to ${field}, which needs a label naming the other system (for example "pos").`);
      continue;
    }
    const resolved: ColumnTarget<F> = { field: field as F, ...(slot !== undefined ? { slot: slot as number } : {}), ...(typeof label === 'string' ? { label: label.trim() } : {}) };
    for (const i of indexes) columns[i] = resolved;
  }
  if (errors.length > 0) throw new DomainError('invalid', 'Unprocessable content', errors.map((e) => e.message).join(' '), errors);
  return columns;
}

/** The headers no column target was found for: shown to the person importing, who may map them by hand. */
export const unmappedHeaders = (headers: readonly string[], columns: Columns): string[] => headers.filter((h, i) => h !== '' && columns[i] === null);
