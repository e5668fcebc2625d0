import { isEmail, normalizeEmail } from '../common/contact-rules.js';
import { limits } from '../common/schema.js';
import { explicitColumns, unmappedHeaders, type Columns } from '../imports/readers/column-targets.js';
import type { CsvRow } from '../imports/readers/csv-text.js';
import { unguardFormula } from '../imports/readers/formula-guard.js';
import { hasWord, headerWords } from '../imports/readers/header-words.js';
import { quoted } from '../imports/readers/read-items.js';
import { DomainError, unprocessable } from '../platform/errors.js';
import { isCustomerId, type RecipientKey, type RecipientRow, type RowNote } from './mailing-rules.js';

/**
 * The columns of a recipient list (a mailing house's or a newsletter tool's export): which name the
 * customer by Rapport's customer id, by email, or by their id in another system (with `source`, the
 * name imports give that system: pos, newsletter). The file is read by the imports' CSV reader
 * (src/imports/readers/csv-text.ts); the columns are guessed from header words as the imports do, or
 * given as a mapping of header → field, checked the same way. Pure: no database.
 */

export const recipientFields = ['customerId', 'customerEmail', 'customerExternalId'] as const;
export type RecipientField = (typeof recipientFields)[number];

export interface RecipientColumnOptions {
  /** The other system whose ids the file holds; without it an id column holds Rapport's customer ids. */
  source?: string | null;
  /** Header → field (or null to leave a column out), replacing the guess. */
  mapping?: Readonly<Record<string, unknown>>;
}

export interface RecipientColumns {
  columns: Columns<RecipientField>;
  /** Headers no field was found for (shown as a note). */
  unmapped: string[];
}

const whoWords = ['customer', 'client', 'member', 'loyalty', 'card', 'account', 'contact', 'subscriber', 'recipient', 'kunde', 'kunden'];
const idWords = ['id', 'no', 'nr', 'number', 'key', 'code', 'uuid'];
const joinedIds = ['customerid', 'clientid', 'memberid', 'contactid', 'subscriberid', 'recipientid', 'externalid', 'kundennummer', 'kundenid'];

/** A header that holds an id: "Customer ID", "customer_id", "customerId", "Member no", "ID". */
function isIdHeader(words: readonly string[]): boolean {
  if (hasWord(words, ...joinedIds)) return true;
  if (words.length === 1 && (words[0] === 'id' || words[0] === 'uuid')) return true;
  return hasWord(words, ...whoWords) && hasWord(words, ...idWords);
}

function guess(header: string, source: string | null): RecipientField | null {
  const words = headerWords(header);
  if (hasWord(words, 'email', 'emails', 'mail', 'emailaddress')) return 'customerEmail';
  if (hasWord(words, 'rapport')) return 'customerId';
  if (isIdHeader(words)) return source ? 'customerExternalId' : 'customerId';
  return null;
}

/** A mapping's error paths are under /query/mapping (the upload's query), as the person sent it. */
function underQuery(error: unknown): never {
  if (error instanceof DomainError && error.errors) {
    throw new DomainError(error.kind, error.title, error.detail, error.errors.map((e) => ({ ...e, path: `/query${e.path}` })));
  }
  throw error;
}

/**
 * Where each column goes. Refused (422) when no column names a customer, and when a column holds ids
 * of another system but the request does not say which system (`source`).
 */
export function recipientColumns(headers: readonly string[], options: RecipientColumnOptions): RecipientColumns {
  const source = options.source ?? null;
  let columns: Columns<RecipientField>;
  try {
    columns = options.mapping ? explicitColumns(headers, options.mapping, recipientFields, 'recipient') : headers.map((h) => {
      const field = guess(h, source);
      return field ? { field } : null;
    });
  } catch (error) {
    underQuery(error);
  }
  if (!columns.some((c) => c !== null)) {
    const found = headers.filter(Boolean).map((h) => `"${h}"`).join(', ') || 'none';
    throw unprocessable('/body', `No column names the customers: give a column of customer ids, emails, or ids in another system (with source). The columns are: ${found}.`);
  }
  if (!source && columns.some((c) => c?.field === 'customerExternalId')) {
    throw unprocessable('/query/source', 'The file holds ids of another system: say which system (source), as its customers were imported (pos, newsletter…).');
  }
  return { columns, unmapped: unmappedHeaders(headers, columns) };
}

/** One value as a key, or what is wrong with it. */
export function keyOf(field: RecipientField, value: string, header: string | null, source: string | null): RecipientKey | RowNote {
  const text = unguardFormula(value.trim());
  if (field === 'customerEmail') {
    if (!isEmail(text)) return { field: header, message: `Email ${quoted(text)} is not an email address.` };
    return { kind: 'email', value: normalizeEmail(text), field: header };
  }
  if (field === 'customerId') {
    if (!isCustomerId(text)) {
      const hint = source ? '' : ' If it is an id in another system, say which system (source).';
      return { field: header, message: `${quoted(text)} is not a Rapport customer id.${hint}` };
    }
    return { kind: 'customerId', value: text.toLowerCase(), field: header };
  }
  if (text.length > limits.name) return { field: header, message: `The id ${quoted(text)} is longer than ${limits.name} characters.` };
  return { kind: 'externalId', source: source!, value: text, field: header };
}

const order: Record<RecipientKey['kind'], number> = { customerId: 0, externalId: 1, email: 2 };

/** A CSV row's keys, in the order they are tried (customer id, other system's id, email), and what reading it found. */
export function rowOf(row: CsvRow, headers: readonly string[], columns: Columns<RecipientField>, source: string | null): RecipientRow {
  const keys: RecipientKey[] = [];
  const notes: RowNote[] = row.cells.length === 0 ? [...row.problems.map((p) => ({ field: p.field, message: p.message }))] : [];
  columns.forEach((target, i) => {
    const value = row.cells[i]?.trim() ?? '';
    if (!target || !value) return;
    const key = keyOf(target.field, value, headers[i] ?? null, source);
    if ('kind' in key) keys.push(key);
    else notes.push(key);
  });
  keys.sort((a, b) => order[a.kind] - order[b.kind]);
  return { place: row.line, keys, notes };
}

/** A recipient as the API takes it: by customer id, by email, or by source and external id (several: tried in that order). */
export interface RecipientInput {
  customerId?: string | undefined;
  email?: string | undefined;
  source?: string | undefined;
  externalId?: string | undefined;
}

/**
 * An API list's items as rows (their place is their index, from 0). An item that names no one,
 * or an external id without its system, is a mistake in the request: 422 naming the item.
 */
export function rowsOfItems(items: readonly RecipientInput[]): RecipientRow[] {
  return items.map((item, index) => {
    const path = `/body/customers/${index}`;
    const source = item.source?.trim().toLowerCase() || null;
    if (item.externalId !== undefined && !source) throw unprocessable(`${path}/source`, 'say which system the externalId is from (pos, newsletter…)');
    if (item.source !== undefined && item.externalId === undefined) throw unprocessable(`${path}/externalId`, 'give the customer’s id in that system');
    if (item.customerId === undefined && item.email === undefined && item.externalId === undefined) {
      throw unprocessable(path, 'name the customer by customerId, email, or source and externalId');
    }
    const keys: RecipientKey[] = [];
    const notes: RowNote[] = [];
    const add = (field: RecipientField, value: string | undefined, name: string) => {
      if (value === undefined) return;
      const key = keyOf(field, value, name, source);
      if ('kind' in key) keys.push(key);
      else notes.push(key);
    };
    add('customerId', item.customerId, 'customerId');
    add('customerExternalId', item.externalId, 'externalId');
    add('customerEmail', item.email, 'email');
    return { place: index, keys, notes };
  });
}
