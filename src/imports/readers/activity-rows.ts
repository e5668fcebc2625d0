import type { Static } from 'typebox';
import { isEmail, normalizeEmail, normalizePhone } from '../../common/contact-rules.js';
import { limits } from '../../common/schema.js';
import { clean } from '../../common/text-rules.js';
import { summaryMax, type Channel, type Direction } from '../../interactions/interaction-schemas.js';
import type { TransactionKind } from '../../transactions/transaction-rules.js';
import type { ItemInput } from '../../transactions/transaction-schemas.js';
import type { CustomerKey, ImportedInteraction, ImportedTransaction, RowProblem } from '../import-records.js';
import type { InteractionField, TransactionField } from './activity-columns.js';
import type { Columns } from './column-targets.js';
import type { CsvRow } from './csv-text.js';
import { readDateTime, type DateOrder, type Parsed } from './date-values.js';
import { unguardFormula } from './formula-guard.js';
import { hasWord, headerWords } from './header-words.js';
import { readMoney, readQuantity, type Money } from './money-values.js';
import { problem, quoted, type ReadItem } from './read-items.js';

/**
 * Rows of a point-of-sale export to transactions, and rows of a contact log to interactions. A row
 * that cannot become one (no date, no customer to find, no amount) is handed back without a record
 * and with problems saying why; values that are only doubtful (an unknown channel) are read the
 * safe way and reported.
 *
 * A web shop writes an order a line item a row (Shopify: the order's number on every row, its
 * customer, totals and currency on the first only): `transactionsFromRows` reads the rows that follow
 * an order, with its number and no amount of their own, as more items of that order.
 */

type ChannelName = Static<typeof Channel>;
type DirectionName = Static<typeof Direction>;

export interface ActivityRowOptions {
  /** The shop's region, for phone numbers written without a country code. */
  phoneRegion: string;
  /** The shop's time zone: times without an offset are local times there. */
  timeZone: string;
  dateOrder?: DateOrder;
}

export interface TransactionRowOptions extends ActivityRowOptions {
  /** The currency of amounts that name none ("12.50") in a file without a currency column. */
  currency?: string;
}

export interface InteractionRowOptions extends ActivityRowOptions {
  /** The channel of every row when the file has no channel column (a newsletter list is all newsletters). */
  channel?: ChannelName;
  direction?: DirectionName;
}

interface Cell {
  header: string;
  value: string;
}

/** What the shared steps read of a row: any row's cells do, whatever its other fields. */
interface CellReader<F extends string> {
  all(field: F): Cell[];
  first(field: F): Cell | null;
}

/**
 * A row's non-empty cells by field: several columns for one field keep their headers, in slot order
 * (a date's best column, then its stand-ins: activity-columns.ts), else in the file's order.
 */
class RowCells<F extends string> implements CellReader<F> {
  private readonly byField = new Map<F, Cell[]>();
  constructor(row: CsvRow, headers: readonly string[], columns: Columns<F>) {
    const order = columns.flatMap((target, i) => (target ? [{ target, i }] : [])).sort((a, b) => (a.target.slot ?? 1) - (b.target.slot ?? 1) || a.i - b.i);
    for (const { target, i } of order) {
      const value = unguardFormula(row.cells[i]?.trim() ?? '');
      if (!value) continue;
      const list = this.byField.get(target.field) ?? [];
      list.push({ header: headers[i] ?? '', value });
      this.byField.set(target.field, list);
    }
  }
  all(field: F): Cell[] {
    return this.byField.get(field) ?? [];
  }
  first(field: F): Cell | null {
    return this.all(field)[0] ?? null;
  }
}

type KeyFields = 'customerExternalId' | 'customerEmail' | 'customerPhone' | 'date' | 'time' | 'sourceRecordId';

/** Who the row is about: an id in the other system, an email (lower case) or a phone (E.164), each checked. */
function customerKey(cells: CellReader<KeyFields>, line: number, options: ActivityRowOptions, problems: RowProblem[]): CustomerKey | null {
  const id = cells.first('customerExternalId');
  const email = cells.first('customerEmail');
  const phone = cells.first('customerPhone');
  const key: CustomerKey = { externalId: clean(id?.value), email: null, phone: null };
  if (email) {
    if (isEmail(email.value)) key.email = normalizeEmail(email.value);
    else problems.push(problem(line, email.header, `Email ${quoted(email.value)} is not an email address.`));
  }
  if (phone) {
    const e164 = normalizePhone(phone.value, options.phoneRegion);
    if (e164) key.phone = e164;
    else problems.push(problem(line, phone.header, `Phone ${quoted(phone.value)} is not a phone number we can read; include the country code if it is foreign.`));
  }
  if (key.externalId === null && key.email === null && key.phone === null) {
    problems.push(problem(line, null, 'There is no customer id, email or phone number here to find the customer by.'));
    return null;
  }
  return key;
}

/** A date cell that already says the time of day ("2024-03-01 10:15"): a time column does not add to it. */
const hasTimeOfDay = (text: string): boolean => /\d:\d\d/.test(text);

/** When it happened: the date column, with the time column after it when there is one and the date has no time. */
function occurredAt(cells: CellReader<KeyFields>, line: number, options: ActivityRowOptions, problems: RowProblem[]): string | null {
  const date = cells.first('date');
  if (!date) {
    problems.push(problem(line, null, 'There is no date here.'));
    return null;
  }
  const time = cells.first('time');
  const text = time && !hasTimeOfDay(date.value) ? `${date.value} ${time.value}` : date.value;
  const read = readDateTime(text, { timeZone: options.timeZone, order: options.dateOrder ?? 'month-first' });
  if (read.ok) return read.value;
  problems.push(problem(line, date.header, `Date ${quoted(text)} ${read.reason}.`));
  return null;
}

const sourceId = (cells: CellReader<KeyFields>): string | null => clean(cells.first('sourceRecordId')?.value)?.slice(0, limits.name) ?? null;

// --- Transactions ----------------------------------------------------------------------------------

const transactionWords: Record<string, TransactionKind> = {};
for (const [kind, words] of Object.entries({
  purchase: ['purchase', 'sale', 'sold', 'buy', 'bought', 'order', 'verkauf', 'kauf'],
  refund: ['refund', 'refunded', 'erstattung', 'rückerstattung'],
  return: ['return', 'returned', 'retour', 'rückgabe'],
  invoice: ['invoice', 'bill', 'rechnung'],
  payment: ['payment', 'paid', 'zahlung'],
  credit: ['credit', 'credit note', 'gutschrift'],
}) as [TransactionKind, string[]][]) {
  for (const word of words) transactionWords[word] = kind;
}

/** A negative amount is money going back: a negative sale is a refund, a negative invoice a credit note. */
const reversed: Partial<Record<TransactionKind, TransactionKind>> = { purchase: 'refund', invoice: 'credit' };

/** Whether an amount names its currency ("$12.50", "12.50 EUR", "€ 12,50"): anything but digits, marks and signs. */
const namesCurrency = (text: string): boolean => /[^\d\s.,'()+\-\u2212\u00a0\u202f]/.test(text);

/**
 * An amount in the row's currency (its currency column's, else the one the import was given); an
 * amount that names its own keeps it. With neither, "12.50" cannot be read.
 */
function moneyIn(text: string, currency: string | null): Parsed<Money> {
  if (currency) return readMoney(text, currency);
  if (!namesCurrency(text)) return { ok: false, reason: 'names no currency, and the file has no currency column (give the import the currency of its amounts, e.g. USD)' };
  return readMoney(text, 'USD');
}

/** One row as one transaction (a file whose rows are each a sale; `transactionsFromRows` joins an order's line items). */
export function transactionFromRow(row: CsvRow, headers: readonly string[], columns: Columns<TransactionField>, options: TransactionRowOptions): ReadItem<ImportedTransaction> {
  return readTransaction(row, new RowCells(row, headers, columns), options);
}

function readTransaction(row: CsvRow, cells: CellReader<TransactionField>, options: TransactionRowOptions): ReadItem<ImportedTransaction> {
  const problems: RowProblem[] = [...row.problems];
  const none = (): ReadItem<ImportedTransaction> => ({ line: row.line, record: null, problems });
  if (row.cells.length === 0) return none();
  const line = row.line;
  const key = customerKey(cells, line, options, problems);
  const when = occurredAt(cells, line, options, problems);

  let kind: TransactionKind = 'purchase';
  const kindCell = cells.first('kind');
  if (kindCell) {
    const found = transactionWords[kindCell.value.toLowerCase()];
    if (!found) {
      problems.push(problem(line, kindCell.header, `Type ${quoted(kindCell.value)} is not a kind of transaction Rapport knows (purchase, refund, return, invoice, payment, credit).`));
      return none();
    }
    kind = found;
  }

  // The currency column says the currency of the row's amounts; the import's currency stands in for it.
  let currency = cells.first('currency')?.value.trim().toUpperCase() || options.currency?.toUpperCase() || null;
  let amountMinor: number | null = null;
  const amountCell = cells.first('amount');
  if (amountCell) {
    const money = moneyIn(amountCell.value, currency);
    if (!money.ok) {
      problems.push(problem(line, amountCell.header, `Amount ${quoted(amountCell.value)} ${money.reason}.`));
      return none();
    }
    currency = money.value.currency;
    if (money.value.minor < 0) kind = reversed[kind] ?? kind;
    amountMinor = Math.abs(money.value.minor) || null;
    if (amountMinor === null) problems.push(problem(line, amountCell.header, `Amount ${quoted(amountCell.value)} is zero; a transaction moves some money.`));
  } else if (currency === null) {
    // No amount and no currency: an item's price may name one ("€6.50").
    const price = cells.first('itemPrice');
    const read = price && namesCurrency(price.value) ? moneyIn(price.value, null) : null;
    if (read?.ok) currency = read.value.currency;
  }

  const items = itemOf(cells, line, currency, amountMinor, problems);
  if (amountMinor === null && items.length === 0) {
    if (!amountCell) problems.push(problem(line, null, 'There is no amount here, and no item with a price to add up.'));
    return none();
  }
  const referenceCell = cells.first('reference');
  const reference = clean(referenceCell?.value);
  if (referenceCell && reference && reference.length > limits.shortText) problems.push(problem(line, referenceCell.header, `The reference is longer than ${limits.shortText} characters, so it was left out.`));
  // An amount or an item's price was read, so the currency is known; the check is for the compiler.
  if (!key || !when || currency === null) return none();
  return {
    line,
    record: {
      line,
      sourceRecordId: sourceId(cells),
      key,
      kind,
      occurredAt: when,
      amountMinor,
      currency,
      reference: reference && reference.length <= limits.shortText ? reference : null,
      items,
    },
    problems,
  };
}

/** The row's item, when the file has item columns: its price from the price column, else the amount shared by the quantity. */
function itemOf(cells: CellReader<TransactionField>, line: number, currency: string | null, amountMinor: number | null, problems: RowProblem[]): ItemInput[] {
  const description = cells.first('itemDescription');
  const sku = cells.first('itemSku');
  if (!description && !sku) return [];
  let quantity = 1;
  const quantityCell = cells.first('itemQuantity');
  if (quantityCell) {
    const read = readQuantity(quantityCell.value);
    if (!read.ok) {
      problems.push(problem(line, quantityCell.header, `Quantity ${quoted(quantityCell.value)} ${read.reason}, so the item was left out.`));
      return [];
    }
    quantity = read.value;
  }
  let unitPriceMinor: number | null = null;
  const priceCell = cells.first('itemPrice');
  if (priceCell) {
    const price = moneyIn(priceCell.value, currency);
    if (!price.ok || price.value.minor < 0 || (currency !== null && price.value.currency !== currency)) {
      const reason = !price.ok ? price.reason : price.value.minor < 0 ? 'is below zero' : `is in ${price.value.currency}, not ${currency}`;
      problems.push(problem(line, priceCell.header, `Price ${quoted(priceCell.value)} ${reason}, so the item was left out.`));
      return [];
    }
    unitPriceMinor = price.value.minor;
  } else if (amountMinor !== null) unitPriceMinor = Math.round(amountMinor / quantity);
  if (unitPriceMinor === null) {
    problems.push(problem(line, (description ?? sku)!.header, 'The item has no price and the row no amount, so the item was left out.'));
    return [];
  }
  const text = (description ?? sku)!.value.slice(0, limits.line);
  return [{ description: text, sku: sku ? sku.value.slice(0, limits.shortText) : null, quantity, unitPriceMinor }];
}

// --- Orders of several rows ------------------------------------------------------------------------

/** The most items one transaction holds (TransactionCreate's items, transaction-schemas.ts). */
const maxItems = 500;

/** The order a row belongs to: its number (the reference), else its id in the other system; null when it names none. */
const orderOf = (cells: CellReader<TransactionField>): string | null => cells.first('reference')?.value ?? cells.first('sourceRecordId')?.value ?? null;

/** An order read from its first row, held back while its further lines may follow. */
interface OpenOrder {
  read: ReadItem<ImportedTransaction>;
  order: string;
  cells: CellReader<TransactionField>;
}

const customerFields = ['customerExternalId', 'customerEmail', 'customerPhone'] as const;

/**
 * Whether a row is a further line of the open order: the same order number, no amount of its own
 * (an order's totals are on its first row), and no other customer. A row with its own amount is a
 * sale of its own, as in a till's export.
 */
function continues(open: OpenOrder, cells: CellReader<TransactionField>): boolean {
  if (orderOf(cells) !== open.order || cells.first('amount')) return false;
  return customerFields.every((field) => {
    const own = cells.first(field)?.value.toLowerCase();
    return own === undefined || own === open.cells.first(field)?.value.toLowerCase();
  });
}

/** A further line of an order: its item (priced in the order's currency) added to the order, its problems to the order's. */
function addLine(open: OpenOrder, row: CsvRow, cells: CellReader<TransactionField>): void {
  const problems: RowProblem[] = [...row.problems];
  const record = open.read.record;
  if (record) {
    const items = itemOf(cells, row.line, record.currency, null, problems);
    if (items.length > 0 && record.items.length >= maxItems) problems.push(problem(row.line, null, `Order ${quoted(open.order)} has more than ${maxItems} items, so this one was left out.`));
    else record.items.push(...items);
  }
  open.read.problems.push(...problems);
}

/** A file's rows in order to transactions: an order is handed on when a row that is not one of its lines comes, or the file ends. */
class OrderLines {
  private open: OpenOrder | null = null;

  constructor(
    private readonly headers: readonly string[],
    private readonly columns: Columns<TransactionField>,
    private readonly options: TransactionRowOptions,
  ) {}

  /** The transactions this row completes: none while it adds to the open order. */
  add(row: CsvRow): ReadItem<ImportedTransaction>[] {
    const cells = new RowCells(row, this.headers, this.columns);
    if (this.open && row.cells.length > 0 && continues(this.open, cells)) {
      addLine(this.open, row, cells);
      return [];
    }
    const done = this.end();
    const read = readTransaction(row, cells, this.options);
    const order = row.cells.length > 0 ? orderOf(cells) : null;
    if (order === null) done.push(read);
    else this.open = { read, order, cells };
    return done;
  }

  /** The order still open, at the end of the file. */
  end(): ReadItem<ImportedTransaction>[] {
    const open = this.open;
    this.open = null;
    return open ? [open.read] : [];
  }
}

/**
 * A file's rows to transactions, an order's line items (rows that follow it, with its number and no
 * amount) joined into it: one ReadItem per transaction, with the line of its first row and the
 * problems of all its rows.
 */
export function* transactionsFromRows(rows: Iterable<CsvRow>, headers: readonly string[], columns: Columns<TransactionField>, options: TransactionRowOptions): Generator<ReadItem<ImportedTransaction>> {
  const orders = new OrderLines(headers, columns, options);
  for (const row of rows) yield* orders.add(row);
  yield* orders.end();
}

/** The same, for a file read a row at a time: an order is handed on once its last line is read. */
export async function* streamTransactionsFromRows(
  rows: AsyncIterable<CsvRow>,
  headers: readonly string[],
  columns: Columns<TransactionField>,
  options: TransactionRowOptions,
): AsyncGenerator<ReadItem<ImportedTransaction>> {
  const orders = new OrderLines(headers, columns, options);
  for await (const row of rows) yield* orders.add(row);
  yield* orders.end();
}

// --- Interactions ----------------------------------------------------------------------------------

const channelWords: Record<string, ChannelName> = {};
for (const [channel, words] of Object.entries({
  call: ['call', 'phone', 'phone call', 'telephone', 'anruf', 'telefon', 'voice'],
  voicemail: ['voicemail', 'voice mail', 'mailbox'],
  missed_call: ['missed call', 'missed_call'],
  email: ['email', 'e-mail', 'mail'],
  visit: ['visit', 'in person', 'store', 'walk-in', 'walk in', 'besuch'],
  meeting: ['meeting', 'termin'],
  sms: ['sms', 'text', 'text message'],
  // Service desks' names (Zendesk's "Via"): messaging apps are chats.
  chat: ['chat', 'live chat', 'whatsapp', 'messenger', 'messaging', 'facebook messenger', 'instagram direct', 'native messaging'],
  letter: ['letter', 'post', 'brief'],
  // A help desk's "Web Widget" and "Help Center" are forms on the shop's website.
  web_form: ['web form', 'web_form', 'webform', 'form', 'website', 'web', 'kontaktformular', 'web widget', 'help center', 'contact form'],
  direct_mail: ['direct mail', 'direct_mail', 'mailing', 'flyer', 'postcard', 'catalog', 'catalogue'],
  newsletter: ['newsletter'],
  invoice_sent: ['invoice', 'invoice sent', 'invoice_sent', 'rechnung'],
  service_call: ['service call', 'service_call', 'service', 'repair', 'support', 'service visit', 'reparatur', 'kundendienst'],
  // Made by a program or by an agent, not a way the customer got in touch.
  other: ['other', 'sonstiges', 'api', 'web service', 'closed ticket'],
}) as [ChannelName, string[]][]) {
  for (const word of words) channelWords[word] = channel;
}

const channelTitles: Record<ChannelName, string> = {
  call: 'Call',
  voicemail: 'Voicemail',
  missed_call: 'Missed call',
  email: 'Email',
  visit: 'Visit',
  meeting: 'Meeting',
  sms: 'Text message',
  chat: 'Chat',
  letter: 'Letter',
  web_form: 'Web form',
  direct_mail: 'Direct mail',
  newsletter: 'Newsletter',
  invoice_sent: 'Invoice sent',
  service_call: 'Service call',
  other: 'Contact',
};

/** What the shop sends goes out; what the customer starts comes in. */
const inboundChannels = new Set<ChannelName>(['voicemail', 'missed_call', 'web_form', 'service_call']);
const directionWords: Record<string, DirectionName> = { in: 'inbound', inbound: 'inbound', incoming: 'inbound', eingehend: 'inbound', out: 'outbound', outbound: 'outbound', outgoing: 'outbound', ausgehend: 'outbound' };

/**
 * A channel as another system writes it, with the direction when it says one: "Phone call
 * (incoming)" is a call, inbound; "Outbound email" an email, outbound; "Web service (API)" other.
 */
function readChannel(value: string): { channel: ChannelName | null; direction: DirectionName | null } {
  const text = value.toLowerCase().replace(/\s+/g, ' ').trim();
  const exact = channelWords[text];
  if (exact) return { channel: exact, direction: null };
  const words = text.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // Only the long words: "in" and "out" are parts of "in person" and "walk-in".
  const said = words.find((w) => w.length > 3 && directionWords[w]);
  const rest = words.filter((w) => w !== said).join(' ');
  const bare = text.replace(/\s*\([^)]*\)/g, '').trim();
  return { channel: channelWords[rest] ?? channelWords[bare] ?? null, direction: said ? directionWords[said]! : null };
}

/** A customer named as the one who asked ("Requester email", "Caller", "From"): they got in touch, unless the file says otherwise. */
const askedWords = ['requester', 'caller', 'sender', 'from', 'anrufer', 'absender'];

/** "yes"/"no" columns (a newsletter log's "Opened") say their header when true, nothing when false. */
const yes = /^(yes|y|true|1|x|ja|✓)$/i;
const no = /^(no|n|false|0|nein|-)$/i;

export function interactionFromRow(row: CsvRow, headers: readonly string[], columns: Columns<InteractionField>, options: InteractionRowOptions): ReadItem<ImportedInteraction> {
  const problems: RowProblem[] = [...row.problems];
  if (row.cells.length === 0) return { line: row.line, record: null, problems };
  const cells = new RowCells(row, headers, columns);
  const line = row.line;
  const key = customerKey(cells, line, options, problems);
  const when = occurredAt(cells, line, options, problems);

  let channel: ChannelName = options.channel ?? 'other';
  let said: DirectionName | null = null;
  const channelCell = cells.first('channel');
  if (channelCell) {
    const found = readChannel(channelCell.value);
    if (found.channel) channel = found.channel;
    else problems.push(problem(line, channelCell.header, `Channel ${quoted(channelCell.value)} is not one Rapport knows, so it was read as ${channelTitles[channel].toLowerCase()}.`));
    said = found.direction;
  }
  const asked = customerFields.some((field) => {
    const cell = cells.first(field);
    return cell !== null && hasWord(headerWords(cell.header), ...askedWords);
  });
  let direction: DirectionName = said ?? options.direction ?? (asked || inboundChannels.has(channel) ? 'inbound' : 'outbound');
  const directionCell = cells.first('direction');
  if (directionCell) {
    const found = directionWords[directionCell.value.toLowerCase().trim()];
    if (found) direction = found;
    else problems.push(problem(line, directionCell.header, `Direction ${quoted(directionCell.value)} is neither inbound nor outbound, so it was read as ${direction}.`));
  }
  const summaryText = cells.all('summary').map((c) => c.value).join(' — ') || channelTitles[channel];
  if (summaryText.length > summaryMax) problems.push(problem(line, cells.first('summary')?.header ?? null, `The summary is longer than ${summaryMax} characters, so it was cut.`));
  const outcomes = cells
    .all('outcome')
    .filter((c) => !no.test(c.value))
    .map((c) => (yes.test(c.value) ? c.header : c.value));
  const outcome = outcomes.join('; ').slice(0, limits.line) || null;
  if (!key || !when) return { line, record: null, problems };
  return {
    line,
    record: { line, sourceRecordId: sourceId(cells), key, channel, direction, occurredAt: when, summary: summaryText.slice(0, summaryMax), outcome },
    problems,
  };
}
