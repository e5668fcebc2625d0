import { explicitColumns, unmappedHeaders, type ColumnTarget, type Columns } from './column-targets.js';
import { hasWord, headerWords } from './header-words.js';

/**
 * The columns of activity files: a point-of-sale or web-shop export of purchases (Shopify's orders,
 * a line item a row), and contact lists from other systems (a newsletter's send log, a direct-mail
 * list, a service desk's tickets). Each names its customer by an id in that system, an email or a
 * phone. No two systems name their columns alike, so the mapping is guessed from header words
 * (English and German), or given.
 *
 * Such exports hold many columns that look like the ones wanted and are not: durations ("Resolution
 * time", "First reply time in minutes") and counts ("Replies") are never a time or an amount; the
 * dates of something else ("Due date", "Updated at", "Solved at") are the event's time only when the
 * file has no better one; a total is the amount, not the subtotal, shipping, taxes or discount; an id
 * is the record's own only when nothing else is named ("Id", "Ticket ID", not "Payment ID"). A field
 * that takes one value takes the best of its columns (the first of equals); the others are left out
 * and listed as not imported. The date also takes its next best columns, in order, for the rows
 * where the best is empty (an order not yet paid has no "Paid at": its "Created at" is its time).
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

/**
 * How good a column for its field a header is: 0 the column for it, 1 a stand-in (a date used where
 * the best is empty, a subtotal when there is no total), 2 only when there is nothing better (the
 * date of something else). A field that takes one value takes the lowest.
 */
type Rank = 0 | 1 | 2;

/** A field (null: the column is nothing to import), the test a header's words pass, and its rank (0 when left out). */
type Rule<F extends string> = [F | null, (words: readonly string[]) => boolean, ((words: readonly string[]) => Rank)?];

/** Whether every word is one of the allowed: "Ticket ID" is a ticket's id, "Ticket type" is not. */
const onlyWords = (words: readonly string[], ...allowed: string[]): boolean => words.every((word) => allowed.includes(word));

/** How long something took: "Resolution time", "First reply time in minutes", "Handle time", "Dauer". */
const isDuration = (w: readonly string[]): boolean =>
  hasWord(w, 'minutes', 'minute', 'mins', 'min', 'hours', 'hour', 'hrs', 'seconds', 'secs', 'sec', 'days', 'weeks', 'duration', 'dauer', 'minuten', 'stunden', 'sekunden', 'tage') ||
  hasWord(w, 'bearbeitungszeit', 'antwortzeit', 'reaktionszeit', 'wartezeit', 'lösungszeit', 'gesprächsdauer') ||
  (hasWord(w, 'time', 'zeit') &&
    hasWord(w, 'resolution', 'reply', 'response', 'wait', 'waiting', 'handling', 'handle', 'talk', 'hold', 'lead', 'turnaround', 'processing', 'work', 'spent', 'elapsed', 'total', 'average', 'avg'));

/** How many or how well: "Replies", "Reopens", "Total orders", "Number of items", "Satisfaction score". */
const isCount = (w: readonly string[]): boolean =>
  hasWord(w, 'count', 'counts', 'reopens', 'replies', 'comments', 'attempts', 'visits', 'orders', 'tickets', 'clicks', 'opens', 'views', 'score', 'rating', 'percent', 'percentage') ||
  (hasWord(w, 'number', 'num', 'no', 'nr') && hasWord(w, 'of'));

/** Never imported by guess, whatever else the header says: a duration or a count is neither a time nor an amount. */
const figures: Rule<never> = [null, (w) => isDuration(w) || isCount(w)];

/** The shop's people, not the customer: "Assignee email", "Submitter", "Cashier ID". */
const staffWords = ['assignee', 'agent', 'staff', 'employee', 'submitter', 'owner', 'cashier', 'clerk', 'salesperson', 'operator', 'rep', 'mitarbeiter', 'bearbeiter', 'kassierer', 'verkäufer'];
/** What is said about an address rather than the address: "Email Marketing Consent", "Phone verified". */
const aboutTheAddress = ['consent', 'marketing', 'opt', 'optin', 'status', 'verified', 'domain', 'accepts', 'subscribed', 'subscription', 'type', 'label'];
const idWords = ['id', 'no', 'nr', 'number', 'num', 'key', 'code'];

const isCustomerKey = (words: readonly string[]): boolean =>
  !hasWord(words, 'external', ...staffWords) &&
  (hasWord(words, 'kundennummer', 'kundennr', 'mitgliedsnummer') ||
    (hasWord(words, 'customer', 'client', 'member', 'loyalty', 'card', 'account', 'kunde', 'kunden', 'requester', 'subscriber', 'recipient', 'buyer', 'guest', 'patient') && hasWord(words, ...idWords)));

/** Words of a date column: "Date", "Sent", "Created at", "Paid at", "Erstellt am". */
const dateWords = ['date', 'datetime', 'timestamp', 'datum', 'day', 'when', 'zeitpunkt'];
const eventWords = ['sent', 'created', 'received', 'sold', 'purchased'];
/** Money columns: "Total", "Amount paid", "Betrag", "Subtotal". */
const moneyWords = ['amount', 'total', 'sum', 'paid', 'betrag', 'summe', 'gesamt', 'gesamtbetrag', 'value', 'gross', 'brutto', 'umsatz', 'revenue', 'subtotal', 'net', 'netto', 'zwischensumme'];

const isDate = (w: readonly string[]): boolean =>
  hasWord(w, ...dateWords) || (w.length > 1 && ['at', 'on', 'am'].includes(w.at(-1)!)) || (hasWord(w, ...eventWords) && !hasWord(w, ...moneyWords));

/** Dates of something other than the purchase or the contact itself. */
const otherEvents = [
  'due', 'updated', 'modified', 'changed', 'solved', 'closed', 'resolved', 'assigned', 'fulfilled', 'shipped', 'delivered', 'cancelled', 'canceled', 'refunded',
  'returned', 'expiry', 'expires', 'expiration', 'expired', 'last', 'next', 'follow', 'reminder', 'birth', 'birthday', 'opened', 'clicked', 'bounced',
  'unsubscribed', 'subscribed', 'end', 'ended', 'deadline', 'valid', 'signup', 'joined', 'registered', 'imported', 'exported', 'synced',
  'fällig', 'fälligkeit', 'geändert', 'aktualisiert', 'geliefert', 'versandt', 'storniert', 'erledigt', 'geschlossen', 'geburtstag',
];
/** When it happened: "Paid at", "Order date", "Date" first; "Created at" where they are empty; "Due date" only when there is nothing else. */
const dateRank = (w: readonly string[]): Rank => (hasWord(w, ...otherEvents) ? 2 : hasWord(w, 'created', 'placed', 'erstellt', 'angelegt') ? 1 : 0);

/** Money that is not what the customer paid for the purchase: shipping, taxes, a discount, a refund, a fee. */
const notTheAmount = [
  'shipping', 'delivery', 'freight', 'tax', 'taxes', 'vat', 'gst', 'hst', 'pst', 'duty', 'duties', 'discount', 'discounts', 'coupon', 'refund', 'refunded',
  'refunds', 'fee', 'fees', 'tip', 'tips', 'gratuity', 'compare', 'cost', 'costs', 'deposit', 'change', 'tendered', 'points', 'weight', 'by', 'method', 'status',
  'type', 'versand', 'porto', 'steuer', 'mwst', 'ust', 'rabatt', 'gebühr', 'gebühren', 'trinkgeld', 'erstattung', 'erstattet',
];
/** The total first; a subtotal or a line's total when there is none; what is still owed only when there is nothing else. */
const amountRank = (w: readonly string[]): Rank =>
  hasWord(w, 'balance', 'due', 'outstanding', 'offen') ? 2 : hasWord(w, 'subtotal', 'net', 'netto', 'zwischensumme', 'line', 'lineitem', 'item', 'position', 'posten') ? 1 : 0;

/** Words of an item's columns: "Item", "Product name", Shopify's "Lineitem name". */
const itemWords = ['item', 'lineitem', 'product', 'article', 'artikel', 'produkt', 'position'];
/** A price that is not what the item sold for: "Lineitem compare at price", "List price", "Cost price". */
const notThePrice = ['compare', 'original', 'regular', 'msrp', 'list', 'cost', 'was', 'before', 'discount', 'total', 'sum', 'summe', 'gesamt'];

/** "Receipt No", "Order", "Invoice number", "Belegnummer"; not "Payment Reference" or "Order status". */
const referenceWords = ['receipt', 'reference', 'ref', 'invoice', 'order', 'bon', 'beleg', 'rechnung', 'bestellung', 'auftrag', 'ticket'];
const isReference = (w: readonly string[]): boolean =>
  hasWord(w, 'belegnummer', 'rechnungsnummer', 'bestellnummer', 'auftragsnummer', 'bonnummer', 'referenz') || (hasWord(w, ...referenceWords) && onlyWords(w, ...referenceWords, ...idWords));

/** The record's own id in the other system: "Id", "Transaction ID"; not "Payment ID", "Lineitem id" or "Requester external id". */
const idOnly = ['id', 'uid', 'guid', 'uuid'];

/** The customer key and the date, which both kinds of file have; tried first, in this order. */
const commonRules: Rule<'customerEmail' | 'customerPhone' | 'customerExternalId' | 'date' | 'time'>[] = [
  figures,
  ['customerEmail', (w) => hasWord(w, 'email', 'emails', 'mail') && !hasWord(w, ...staffWords, ...aboutTheAddress)],
  [
    'customerPhone',
    (w) => hasWord(w, 'phone', 'telephone', 'tel', 'mobile', 'cell', 'handy', 'telefon', 'mobiltelefon') && !hasWord(w, ...staffWords, ...aboutTheAddress),
  ],
  ['customerExternalId', isCustomerKey],
  ['date', isDate, dateRank],
  // A time of day; "Time zone" is not one, nor the time something else happened ("Updated time").
  ['time', (w) => hasWord(w, 'time', 'uhrzeit', 'zeit') && !hasWord(w, 'zone', 'zeitzone', ...otherEvents)],
];

const transactionRules: Rule<TransactionField>[] = [
  ...commonRules,
  ['currency', (w) => hasWord(w, 'currency', 'curr', 'währung', 'waehrung')],
  [
    'itemSku',
    (w) => hasWord(w, 'sku', 'barcode', 'ean', 'upc', 'artikelnummer', 'plu') || (hasWord(w, 'item', 'product', 'article', 'artikel') && hasWord(w, 'code', 'no', 'nr', 'number', 'id')),
  ],
  ['itemQuantity', (w) => hasWord(w, 'qty', 'quantity', 'menge', 'units', 'anzahl', 'stück', 'stk', 'pcs', 'pieces')],
  ['itemPrice', (w) => hasWord(w, 'price', 'preis', 'einzelpreis') && !hasWord(w, ...notThePrice)],
  ['amount', (w) => hasWord(w, ...moneyWords) && !hasWord(w, ...notTheAmount), amountRank],
  // "Payment Type" says cash or card, "Product Type" what was sold: neither is the kind of transaction.
  ['kind', (w) => hasWord(w, 'kind', 'type', 'art', 'typ', 'belegart', 'buchungsart') && onlyWords(w, 'kind', 'type', 'art', 'typ', 'belegart', 'buchungsart', 'transaction', 'txn', 'sale', 'record', 'entry', 'document', 'beleg', 'buchung', 'of')],
  ['reference', isReference],
  // The item itself ("Item", "Product name", "Lineitem name"), not what is said of it ("Lineitem taxable").
  [
    'itemDescription',
    (w) =>
      hasWord(w, 'description', 'bezeichnung', 'beschreibung') || (hasWord(w, ...itemWords) && onlyWords(w, ...itemWords, 'name', 'title', 'text', 'description', 'bezeichnung')),
  ],
  ['sourceRecordId', (w) => (hasWord(w, ...idOnly) || hasWord(w, 'transaction', 'txn')) && onlyWords(w, ...idOnly, 'transaction', 'txn', 'sale', 'record', 'entry', 'no', 'nr', 'number')],
];

/**
 * Shopify's order export calls the order number ("#1001") its Name, beside its line items' "Lineitem …"
 * columns; elsewhere a bare "Name" is a person's, and is left out.
 */
const orderName: Rule<TransactionField> = ['reference', (w) => w.length === 1 && w[0] === 'name'];
const isLineItemExport = (headers: readonly string[]): boolean => headers.some((h) => headerWords(h)[0] === 'lineitem');

const interactionRules: Rule<InteractionField>[] = [
  ...commonRules,
  // How it came ("Via", "Channel", "Contact type"), not what it was about ("Ticket type").
  [
    'channel',
    (w) =>
      hasWord(w, 'channel', 'medium', 'via', 'kanal', 'kontaktart', 'kontaktweg') ||
      (hasWord(w, 'type', 'art', 'typ') && onlyWords(w, 'type', 'art', 'typ', 'contact', 'interaction', 'activity', 'communication', 'message', 'event', 'kontakt')),
  ],
  ['direction', (w) => hasWord(w, 'direction', 'richtung')],
  [
    'summary',
    (w) => hasWord(w, 'summary', 'subject', 'campaign', 'description', 'topic', 'issue', 'problem', 'title', 'betreff', 'reason', 'anliegen', 'kampagne'),
  ],
  // A newsletter log's "Opened" and "Clicked" columns (yes/no) say what came of it.
  ['outcome', (w) => hasWord(w, 'outcome', 'result', 'status', 'resolution', 'ergebnis', 'lösung', 'opened', 'clicked', 'bounced', 'geöffnet')],
  [
    'sourceRecordId',
    (w) =>
      hasWord(w, ...idOnly, 'ticket', 'case', 'fall', 'reference', 'ref', 'vorgang', 'ticketnummer', 'vorgangsnummer') &&
      onlyWords(w, ...idOnly, 'ticket', 'case', 'fall', 'reference', 'ref', 'vorgang', 'ticketnummer', 'vorgangsnummer', 'call', 'message', 'interaction', 'activity', 'contact', 'conversation', 'record', 'entry', 'no', 'nr', 'number', 'num'),
  ],
];

interface Guess<F extends string> {
  field: F;
  rank: Rank;
}

/** The first rule that a header's words satisfy, and how good a column for its field the header is. */
function guess<F extends string>(rules: readonly Rule<F>[], header: string): Guess<F> | null {
  const words = headerWords(header);
  const rule = rules.find(([, test]) => test(words));
  if (!rule || rule[0] === null) return null;
  return { field: rule[0], rank: rule[2]?.(words) ?? 0 };
}

/** Fields every column of which is read: the customer's keys (the first one given), an item's name, the summary and outcome (joined). */
const several = new Set<string>(['customerEmail', 'customerPhone', 'customerExternalId', 'itemDescription', 'summary', 'outcome']);

/**
 * From the guesses to the columns: a field that takes one value gets its best column (the first of
 * equals), the date its best and its stand-ins in order (slots 1, 2, …; the reader tries them in that
 * order), and every other column is left out.
 */
function settle<F extends string>(guesses: readonly (Guess<F> | null)[]): Columns<F> {
  const columns: Columns<F> = guesses.map((g) => (g && several.has(g.field) ? { field: g.field } : null));
  const fields = new Set(guesses.flatMap((g) => (g && !several.has(g.field) ? [g.field] : [])));
  for (const field of fields) {
    const ranked = guesses
      .flatMap((g, index) => (g?.field === field ? [{ index, rank: g.rank }] : []))
      .sort((a, b) => a.rank - b.rank || a.index - b.index);
    const best = ranked[0]!;
    const taken = field === 'date' && best.rank < 2 ? ranked.filter((c) => c.rank < 2) : [best];
    taken.forEach(({ index }, i) => {
      const target: ColumnTarget<F> = i === 0 ? { field } : { field, slot: i + 1 };
      columns[index] = target;
    });
  }
  return columns;
}

export interface ActivityColumns<F extends string> {
  preset: 'generic' | 'explicit';
  columns: Columns<F>;
  unmapped: string[];
}

/** Where each column of a point-of-sale file goes: guessed, or as given (checked; errors name the column). */
export function transactionColumns(headers: readonly string[], mapping?: Readonly<Record<string, unknown>>): ActivityColumns<TransactionField> {
  const rules = isLineItemExport(headers) ? [figures, orderName, ...transactionRules] : transactionRules;
  const columns = mapping ? explicitColumns(headers, mapping, transactionFields, 'transaction') : settle(headers.map((h) => guess(rules, h)));
  return { preset: mapping ? 'explicit' : 'generic', columns, unmapped: unmappedHeaders(headers, columns) };
}

/** Where each column of a contact log (newsletter, direct mail, service desk) goes: guessed, or as given. */
export function interactionColumns(headers: readonly string[], mapping?: Readonly<Record<string, unknown>>): ActivityColumns<InteractionField> {
  const columns = mapping ? explicitColumns(headers, mapping, interactionFields, 'interaction') : settle(headers.map((h) => guess(interactionRules, h)));
  return { preset: mapping ? 'explicit' : 'generic', columns, unmapped: unmappedHeaders(headers, columns) };
}
