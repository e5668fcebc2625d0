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
import { readDateTime, type DateOrder } from './date-values.js';
import { unguardFormula } from './formula-guard.js';
import { readMoney, readQuantity } from './money-values.js';
import { problem, quoted, type ReadItem } from './read-items.js';

/**
 * Rows of a point-of-sale export to transactions, and rows of a contact log to interactions. A row
 * that cannot become one (no date, no customer to find, no amount) is handed back without a record
 * and with problems saying why; values that are only doubtful (an unknown channel) are read the
 * safe way and reported.
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
  /** The currency of amounts that name none ("12.50"). */
  currency: string;
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

/** A row's non-empty cells by field: several columns for one field keep their headers, in order. */
class RowCells<F extends string> implements CellReader<F> {
  private readonly byField = new Map<F, Cell[]>();
  constructor(row: CsvRow, headers: readonly string[], columns: Columns<F>) {
    columns.forEach((target, i) => {
      const value = unguardFormula(row.cells[i]?.trim() ?? '');
      if (!target || !value) return;
      const list = this.byField.get(target.field) ?? [];
      list.push({ header: headers[i] ?? '', value });
      this.byField.set(target.field, list);
    });
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

/** When it happened: the date column, with the time column after it when there is one. */
function occurredAt(cells: CellReader<KeyFields>, line: number, options: ActivityRowOptions, problems: RowProblem[]): string | null {
  const date = cells.first('date');
  if (!date) {
    problems.push(problem(line, null, 'There is no date here.'));
    return null;
  }
  const time = cells.first('time');
  const text = time ? `${date.value} ${time.value}` : date.value;
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

export function transactionFromRow(row: CsvRow, headers: readonly string[], columns: Columns<TransactionField>, options: TransactionRowOptions): ReadItem<ImportedTransaction> {
  const problems: RowProblem[] = [...row.problems];
  const none = (): ReadItem<ImportedTransaction> => ({ line: row.line, record: null, problems });
  if (row.cells.length === 0) return none();
  const cells = new RowCells(row, headers, columns);
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

  let currency = options.currency;
  const currencyCell = cells.first('currency');
  let amountMinor: number | null = null;
  const amountCell = cells.first('amount');
  if (amountCell) {
    const money = readMoney(amountCell.value, currencyCell?.value.trim().toUpperCase() || options.currency);
    if (!money.ok) {
      problems.push(problem(line, amountCell.header, `Amount ${quoted(amountCell.value)} ${money.reason}.`));
      return none();
    }
    currency = money.value.currency;
    if (money.value.minor < 0) kind = reversed[kind] ?? kind;
    amountMinor = Math.abs(money.value.minor) || null;
    if (amountMinor === null) problems.push(problem(line, amountCell.header, `Amount ${quoted(amountCell.value)} is zero; a transaction moves some money.`));
  } else if (currencyCell) currency = currencyCell.value.trim().toUpperCase();

  const items = itemOf(cells, line, currency, amountMinor, problems);
  if (amountMinor === null && items.length === 0) {
    if (!amountCell) problems.push(problem(line, null, 'There is no amount here, and no item with a price to add up.'));
    return none();
  }
  const reference = clean(cells.first('reference')?.value);
  if (reference && reference.length > limits.shortText) problems.push(problem(line, cells.first('reference')!.header, `The reference is longer than ${limits.shortText} characters, so it was left out.`));
  if (!key || !when) return none();
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
function itemOf(cells: CellReader<TransactionField>, line: number, currency: string, amountMinor: number | null, problems: RowProblem[]): ItemInput[] {
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
    const price = readMoney(priceCell.value, currency);
    if (!price.ok || price.value.minor < 0 || price.value.currency !== currency) {
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

// --- Interactions ----------------------------------------------------------------------------------

const channelWords: Record<string, ChannelName> = {};
for (const [channel, words] of Object.entries({
  call: ['call', 'phone', 'phone call', 'telephone', 'anruf', 'telefon'],
  voicemail: ['voicemail', 'voice mail', 'mailbox'],
  missed_call: ['missed call', 'missed_call'],
  email: ['email', 'e-mail', 'mail'],
  visit: ['visit', 'in person', 'store', 'walk-in', 'walk in', 'besuch'],
  meeting: ['meeting', 'termin'],
  sms: ['sms', 'text', 'text message'],
  chat: ['chat', 'live chat', 'whatsapp', 'messenger'],
  letter: ['letter', 'post', 'brief'],
  web_form: ['web form', 'web_form', 'webform', 'form', 'website', 'web', 'kontaktformular'],
  direct_mail: ['direct mail', 'direct_mail', 'mailing', 'flyer', 'postcard', 'catalog', 'catalogue'],
  newsletter: ['newsletter'],
  invoice_sent: ['invoice', 'invoice sent', 'invoice_sent', 'rechnung'],
  service_call: ['service call', 'service_call', 'service', 'repair', 'support', 'service visit', 'reparatur', 'kundendienst'],
  other: ['other', 'sonstiges'],
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
  const channelCell = cells.first('channel');
  if (channelCell) {
    const found = channelWords[channelCell.value.toLowerCase().trim()];
    if (found) channel = found;
    else problems.push(problem(line, channelCell.header, `Channel ${quoted(channelCell.value)} is not one Rapport knows, so it was read as ${channelTitles[channel].toLowerCase()}.`));
  }
  let direction: DirectionName = options.direction ?? (inboundChannels.has(channel) ? 'inbound' : 'outbound');
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
