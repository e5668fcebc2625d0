import type { ImportedCustomer, ImportedInteraction, ImportedTransaction } from '../import-records.js';
import { interactionColumns, transactionColumns, type ActivityColumns, type InteractionField, type TransactionField } from './activity-columns.js';
import { interactionFromRow, streamTransactionsFromRows, transactionsFromRows, type InteractionRowOptions, type TransactionRowOptions } from './activity-rows.js';
import { customerColumns, customerFromRow, type CustomerColumns, type CustomerField, type CustomerMappingChoice, type CustomerRowOptions } from './column-mapping.js';
import type { Columns } from './column-targets.js';
import { openCsvText, readCsvText, type CsvInfo, type CsvOptions, type CsvRow } from './csv-text.js';
import type { ReadItem } from './read-items.js';

/**
 * The three CSV imports, each whole (a file in memory: previews, tests) or streamed (the import job:
 * one record at a time, with its line). Both read the same way: the header gives the columns, the
 * mapping says where each goes, and every row comes back as a ReadItem, problems and all.
 */

export interface CsvRead<T, M> {
  file: CsvInfo;
  mapping: M;
  items: ReadItem<T>[];
}

export interface CsvReadStream<T, M> {
  file: CsvInfo;
  mapping: M;
  items: AsyncIterable<ReadItem<T>>;
}

type Input = string | Uint8Array | AsyncIterable<Uint8Array | string>;
type RowReader<T, F extends string> = (row: CsvRow, headers: readonly string[], columns: Columns<F>) => ReadItem<T>;

function whole<T, F extends string, M extends { columns: Columns<F> }>(input: Uint8Array | string, csv: CsvOptions, map: (headers: string[]) => M, read: RowReader<T, F>): CsvRead<T, M> {
  const { rows, ...file } = readCsvText(input, csv);
  const mapping = map(file.headers);
  return { file, mapping, items: rows.map((row) => read(row, file.headers, mapping.columns)) };
}

async function streamed<T, F extends string, M extends { columns: Columns<F> }>(input: Input, csv: CsvOptions, map: (headers: string[]) => M, read: RowReader<T, F>): Promise<CsvReadStream<T, M>> {
  const { rows, ...file } = await openCsvText(input, csv);
  const mapping = map(file.headers);
  async function* items(): AsyncGenerator<ReadItem<T>> {
    for await (const row of rows) yield read(row, file.headers, mapping.columns);
  }
  return { file, mapping, items: items() };
}

export type CustomerCsvOptions = CsvOptions & CustomerMappingChoice & CustomerRowOptions;
export type TransactionCsvOptions = CsvOptions & TransactionRowOptions & { mapping?: Readonly<Record<string, unknown>> };
export type InteractionCsvOptions = CsvOptions & InteractionRowOptions & { mapping?: Readonly<Record<string, unknown>> };

const customerRead = (options: CustomerCsvOptions) => [(headers: string[]) => customerColumns(headers, options), (row: CsvRow, headers: readonly string[], columns: Columns<CustomerField>) => customerFromRow(row, headers, columns, options)] as const;

/** A customer file (Google Contacts, Outlook, any list of people) read whole. */
export function readCustomerCsv(input: Uint8Array | string, options: CustomerCsvOptions): CsvRead<ImportedCustomer, CustomerColumns> {
  return whole(input, options, ...customerRead(options));
}

/** A customer file read one row at a time. */
export function streamCustomerCsv(input: Input, options: CustomerCsvOptions): Promise<CsvReadStream<ImportedCustomer, CustomerColumns>> {
  return streamed(input, options, ...customerRead(options));
}

/** A point-of-sale or web-shop export read whole: an order written a line item a row is one transaction (activity-rows.ts). */
export function readTransactionCsv(input: Uint8Array | string, options: TransactionCsvOptions): CsvRead<ImportedTransaction, ActivityColumns<TransactionField>> {
  const { rows, ...file } = readCsvText(input, options);
  const mapping = transactionColumns(file.headers, options.mapping);
  return { file, mapping, items: [...transactionsFromRows(rows, file.headers, mapping.columns, options)] };
}

export async function streamTransactionCsv(input: Input, options: TransactionCsvOptions): Promise<CsvReadStream<ImportedTransaction, ActivityColumns<TransactionField>>> {
  const { rows, ...file } = await openCsvText(input, options);
  const mapping = transactionColumns(file.headers, options.mapping);
  return { file, mapping, items: streamTransactionsFromRows(rows, file.headers, mapping.columns, options) };
}

const interactionRead = (options: InteractionCsvOptions) =>
  [(headers: string[]) => interactionColumns(headers, options.mapping), (row: CsvRow, headers: readonly string[], columns: Columns<InteractionField>) => interactionFromRow(row, headers, columns, options)] as const;

/** A contact log (newsletter sends, direct mail, service calls) read whole. */
export function readInteractionCsv(input: Uint8Array | string, options: InteractionCsvOptions): CsvRead<ImportedInteraction, ActivityColumns<InteractionField>> {
  return whole(input, options, ...interactionRead(options));
}

export function streamInteractionCsv(input: Input, options: InteractionCsvOptions): Promise<CsvReadStream<ImportedInteraction, ActivityColumns<InteractionField>>> {
  return streamed(input, options, ...interactionRead(options));
}
