import { explicitColumns, unmappedHeaders, type ColumnTarget, type Columns } from './column-targets.js';
import { hasWord, headerWords } from './header-words.js';

/**
 * The columns of activity files: a point-of-sale export of purchases, and contact lists from other
 * systems (a newsletter's send log, a direct-mail list, a service desk's calls). Each names its
 * customer by an id in that system, an email or a phone. No two point-of-sale systems name their
 * columns alike, so the mapping is guessed from header words (English and German), or given.
 */

export const transactionFields = [
  'date',
  'time',
  'kind',
  'amount',
  'currency',
  'reference',
  'sourceRecordId',
  'customerExternalId',
  'customerEmail',
  'customerPhone',
  'itemDescription',
  'itemSku',
  'itemQuantity',
  'itemPrice',
] as const;
export type TransactionField = (typeof transactionFields)[number];

export const interactionFields = [
  'date',
  'time',
  'channel',
  'direction',
  'summary',
  'outcome',
  'sourceRecordId',
  'customerExternalId',
  'customerEmail',
  'customerPhone',
] as const;
export type InteractionField = (typeof interactionFields)[number];

type Rule<F extends string> = [F, (words: readonly string[]) => boolean];

const isCustomerKey = (words: readonly string[]): boolean =>
  hasWord(words, 'kundennummer') ||
  (hasWord(words, 'customer', 'client', 'member', 'loyalty', 'card', 'account', 'kunde', 'kunden') && hasWord(words, 'id', 'no', 'nr', 'number', 'key', 'code'));

/** The customer key and the date, which both kinds of file have; tried first, in this order. */
const commonRules: Rule<'customerEmail' | 'customerPhone' | 'customerExternalId' | 'date' | 'time'>[] = [
  ['customerEmail', (w) => hasWord(w, 'email', 'emails', 'mail')],
  ['customerPhone', (w) => hasWord(w, 'phone', 'telephone', 'tel', 'mobile', 'cell', 'handy', 'telefon', 'mobiltelefon')],
  ['customerExternalId', isCustomerKey],
  ['date', (w) => hasWord(w, 'date', 'datetime', 'timestamp', 'datum', 'day', 'when', 'sent', 'created', 'received', 'sold', 'purchased')],
  ['time', (w) => hasWord(w, 'time', 'uhrzeit', 'zeit')],
];

const transactionRules: Rule<TransactionField>[] = [
  ...commonRules,
  ['currency', (w) => hasWord(w, 'currency', 'curr', 'währung', 'waehrung')],
  [
    'itemSku',
    (w) => hasWord(w, 'sku', 'barcode', 'ean', 'upc', 'artikelnummer', 'plu') || (hasWord(w, 'item', 'product', 'article', 'artikel') && hasWord(w, 'code', 'no', 'nr', 'number', 'id')),
  ],
  ['itemQuantity', (w) => hasWord(w, 'qty', 'quantity', 'menge', 'units', 'anzahl')],
  ['itemPrice', (w) => hasWord(w, 'price', 'preis', 'einzelpreis')],
  ['amount', (w) => hasWord(w, 'amount', 'total', 'sum', 'paid', 'betrag', 'summe', 'gesamt', 'value', 'gross')],
  // "Payment Type" says cash or card, not what kind of transaction it was.
  ['kind', (w) => hasWord(w, 'kind', 'type', 'art') && !hasWord(w, 'payment', 'zahlung', 'tender')],
  ['reference', (w) => hasWord(w, 'receipt', 'reference', 'ref', 'invoice', 'order', 'bon', 'beleg', 'rechnung', 'ticket')],
  ['itemDescription', (w) => hasWord(w, 'item', 'product', 'description', 'article', 'artikel', 'bezeichnung', 'produkt')],
  ['sourceRecordId', (w) => hasWord(w, 'id', 'transaction', 'txn')],
];

const interactionRules: Rule<InteractionField>[] = [
  ...commonRules,
  ['channel', (w) => hasWord(w, 'channel', 'medium', 'via', 'kanal', 'type', 'art')],
  ['direction', (w) => hasWord(w, 'direction', 'richtung')],
  [
    'summary',
    (w) => hasWord(w, 'summary', 'subject', 'campaign', 'description', 'topic', 'issue', 'problem', 'title', 'betreff', 'reason', 'anliegen', 'kampagne'),
  ],
  // A newsletter log's "Opened" and "Clicked" columns (yes/no) say what came of it.
  ['outcome', (w) => hasWord(w, 'outcome', 'result', 'status', 'resolution', 'ergebnis', 'lösung', 'opened', 'clicked', 'bounced', 'geöffnet')],
  ['sourceRecordId', (w) => hasWord(w, 'ticket', 'case', 'id', 'reference', 'ref', 'fall')],
];

/** The first rule that a header's words satisfy. */
function guess<F extends string>(rules: readonly Rule<F>[], header: string): ColumnTarget<F> | null {
  const words = headerWords(header);
  const field = rules.find(([, test]) => test(words))?.[0];
  return field ? { field } : null;
}

export interface ActivityColumns<F extends string> {
  preset: 'generic' | 'explicit';
  columns: Columns<F>;
  unmapped: string[];
}

/** Where each column of a point-of-sale file goes: guessed, or as given (checked; errors name the column). */
export function transactionColumns(headers: readonly string[], mapping?: Readonly<Record<string, unknown>>): ActivityColumns<TransactionField> {
  const columns = mapping ? explicitColumns(headers, mapping, transactionFields, 'transaction') : headers.map((h) => guess(transactionRules, h));
  return { preset: mapping ? 'explicit' : 'generic', columns, unmapped: unmappedHeaders(headers, columns) };
}

/** Where each column of a contact log (newsletter, direct mail, service desk) goes: guessed, or as given. */
export function interactionColumns(headers: readonly string[], mapping?: Readonly<Record<string, unknown>>): ActivityColumns<InteractionField> {
  const columns = mapping ? explicitColumns(headers, mapping, interactionFields, 'interaction') : headers.map((h) => guess(interactionRules, h));
  return { preset: mapping ? 'explicit' : 'generic', columns, unmapped: unmappedHeaders(headers, columns) };
}
