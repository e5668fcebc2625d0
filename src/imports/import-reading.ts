import type { ImportedCustomer, ImportedInteraction, ImportedTransaction } from './import-records.js';
import { readCustomerCsv, readInteractionCsv, readTransactionCsv } from './readers/csv-imports.js';
import type { CustomerPreset } from './readers/column-mapping.js';
import { inferDateOrder } from './readers/date-order.js';
import type { DateOrder } from './readers/date-values.js';
import { decodeBytes } from './readers/text-decoding.js';
import type { Delimiter } from './readers/delimiter-sniffing.js';
import { readRapportLines } from './readers/rapport-lines.js';
import type { ReadItem } from './readers/read-items.js';
import { readVcards } from './readers/vcard.js';
import type { Static } from 'typebox';
import type { Channel, Direction } from '../interactions/interaction-schemas.js';
import type { Row } from '../platform/database/schema.js';
import { unprocessable } from '../platform/errors.js';

/** How an import's file is read: chosen when it is uploaded, kept with it (imports.options). */
export interface ImportOptions {
  /** The shop's region, for phone numbers written without a country code. */
  phoneRegion: string;
  /** The shop's time zone: times in the file without an offset are local times there. */
  timeZone: string;
  /** Purchases: the currency of amounts that name none, in a file without a currency column. */
  currency?: string;
  preset?: CustomerPreset;
  mapping?: Record<string, unknown>;
  delimiter?: Delimiter;
  dateOrder?: DateOrder;
  /** Interactions: the channel and direction of every row when the file does not say (a newsletter list). */
  channel?: Static<typeof Channel>;
  direction?: Static<typeof Direction>;
}

export type ImportRecords =
  | { kind: 'customers'; items: ReadItem<ImportedCustomer>[]; notes: string[] }
  | { kind: 'transactions'; items: ReadItem<ImportedTransaction>[]; notes: string[] }
  | { kind: 'interactions'; items: ReadItem<ImportedInteraction>[]; notes: string[] };

/**
 * Reads an import's file whole, by its kind and format, into records with their lines and problems.
 * `notes` says what the reader found (the encoding, the separator, the preset, columns left unread,
 * record types skipped). A mapping that names unknown fields is an error naming each column.
 */
export function readImport(row: Pick<Row<'imports'>, 'kind' | 'format'>, bytes: Uint8Array, given: ImportOptions): ImportRecords {
  const draft = { phoneRegion: given.phoneRegion };
  // A CSV file's dates are read the way the file writes them, unless the person importing said (date-order.ts).
  const inferred = row.format === 'csv' && !given.dateOrder ? inferDateOrder(decodeBytes(bytes).text, given.phoneRegion) : null;
  const options = inferred ? { ...given, dateOrder: inferred.order } : given;
  const dateNote = inferred?.note ? [inferred.note] : [];
  const activity = { ...draft, timeZone: options.timeZone, ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}) };
  const csv = { ...(options.delimiter ? { delimiter: options.delimiter } : {}) };
  if (row.kind === 'customers') {
    if (row.format === 'vcard') {
      const read = readVcards(bytes, draft);
      return { kind: 'customers', items: read.items, notes: [`Read as ${read.encoding}.`, ...strayNote(read.strayBytes)] };
    }
    if (row.format === 'jsonl') {
      const read = readRapportLines(bytes, draft);
      return { kind: 'customers', items: read.customers, notes: read.skipped.map((s) => `${s.count} ${s.type} lines left out: ${s.reason}`) };
    }
    const read = readCustomerCsv(bytes, { ...csv, ...draft, ...(options.preset ? { preset: options.preset } : {}), ...(options.mapping ? { mapping: options.mapping } : {}), ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}) });
    return { kind: 'customers', items: read.items, notes: [...csvNotes(read.file, read.mapping.preset, read.mapping.unmapped), ...dateNote] };
  }
  if (row.format !== 'csv') throw unprocessable('/query/format', `${row.kind} are imported from CSV files`);
  if (row.kind === 'transactions') {
    const read = readTransactionCsv(bytes, { ...csv, ...activity, ...(options.currency ? { currency: options.currency } : {}), ...(options.mapping ? { mapping: options.mapping } : {}) });
    return { kind: 'transactions', items: read.items, notes: [...csvNotes(read.file, null, read.mapping.unmapped), ...dateNote] };
  }
  const read = readInteractionCsv(bytes, {
    ...csv,
    ...activity,
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.channel ? { channel: options.channel } : {}),
    ...(options.direction ? { direction: options.direction } : {}),
  });
  // A list of people with no dates is who was sent something once (a newsletter, a letter): that is a mailing.
  const undated = read.mapping.columns.every((c) => c?.field !== 'date') ? [noDateNote] : [];
  return { kind: 'interactions', items: read.items, notes: [...csvNotes(read.file, null, read.mapping.unmapped), ...dateNote, ...undated] };
}

const noDateNote =
  'The file has no date column, so no contact in it can be placed in time. A list of the people a newsletter or a letter went to is logged as a mailing instead (Mailings, or rapport mailing import), which asks when it was sent.';

/** What to say of bytes of a UTF-8 file that were not UTF-8. */
const strayNote = (strayBytes: number | undefined) => (strayBytes ? [`${strayBytes === 1 ? 'One byte' : `${strayBytes} bytes`} of the file ${strayBytes === 1 ? 'was' : 'were'} not UTF-8 and ${strayBytes === 1 ? 'was' : 'were'} read as Windows-1252: check the names with accents.`] : []);

/** How the columns were read, as the note says it. */
const presetWords: Record<string, string> = {
  google: 'as a Google Contacts export',
  outlook: 'as an Outlook export',
  generic: 'its columns guessed from their headers',
  explicit: 'with the column mapping given',
};

function csvNotes(file: { encoding: string; delimiter: string; strayBytes?: number }, preset: string | null, unmapped: readonly string[]): string[] {
  const separator = file.delimiter === '\t' ? 'tabs' : `"${file.delimiter}"`;
  return [
    `Read as ${file.encoding}, values separated by ${separator}${preset ? `, ${presetWords[preset] ?? `as a ${preset} export`}` : ''}.`,
    ...strayNote(file.strayBytes),
    ...(unmapped.length ? [`Columns not imported: ${unmapped.join(', ')}.`] : []),
  ];
}
