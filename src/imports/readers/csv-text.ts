import { pipeline, Readable } from 'node:stream';
import { parse as parseStream, type CsvError, type Info, type Options } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { RowProblem } from '../import-records.js';
import { sniffDelimiter, type Delimiter } from './delimiter-sniffing.js';
import { problem } from './read-items.js';
import { decodeBytes, textChunks, type TextEncodingName } from './text-decoding.js';

/**
 * A CSV file as rows of text, with the line each row starts on. Parsing is csv-parse's (quoted values
 * with separators, doubled quotes and line breaks inside them); this file adds what an import needs
 * around it: the encoding and separator found, line numbers that are right for rows spanning several
 * lines, and every irregular row kept with a problem instead of stopping the file.
 *
 * Line breaks are made "\n" before parsing (Windows "\r\n", old Mac "\r"), inside quoted values too,
 * so that a note typed on Windows is stored the same as one typed anywhere else, and so that line
 * numbers are counted one way.
 */

export interface CsvInfo {
  encoding: TextEncodingName;
  bom: boolean;
  /** Bytes of a UTF-8 file that were not UTF-8, read as Windows-1252 (text-decoding.ts). */
  strayBytes?: number;
  delimiter: Delimiter;
  /** The first row, trimmed. */
  headers: string[];
}

/**
 * One row: exactly one cell per header (a short row is padded with empty cells, the cells of a long
 * row past the header are dropped, with a problem either way). A row whose text could not be read at
 * all (an unclosed quote) has no cells and says why in its problems.
 */
export interface CsvRow {
  line: number;
  cells: string[];
  problems: RowProblem[];
}

export interface CsvTable extends CsvInfo {
  rows: CsvRow[];
}

export interface CsvOptions {
  /** The separator, when the person importing chose it; sniffed otherwise. */
  delimiter?: Delimiter;
}

/** A value longer than this is a quote left open, not a customer's note. */
const maxRecordChars = 1_000_000;
/** How much text is looked at to find the separator. */
const sampleChars = 16 * 1024;

const toLf = (text: string): string => text.replace(/\r\n?/g, '\n');
const newlines = (text: string): number => text.split('\n').length - 1;

function parserOptions(delimiter: Delimiter, skipped: CsvError[]): Options {
  return {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: maxRecordChars,
    on_skip: (error) => {
      if (error) skipped.push(error);
    },
  };
}

const parseErrorText: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'A quoted value starting in this row is never closed, so the rest of the file could not be read. Check for a " with no closing ".',
  CSV_INVALID_CLOSING_QUOTE: 'A value has text right after its closing quote. Put the whole value in quotes and double each quote inside it ("").',
  CSV_MAX_RECORD_SIZE: 'This row is far too long to be one record; a quote is probably left open. The rest of the file could not be read.',
};

/**
 * Turns csv-parse's records into rows: the header first, then each row checked against it. Shared
 * by the whole-file and the streaming reader, so both number lines and report problems alike.
 */
class RowAssembler {
  headers: string[] | null = null;
  private lastLine = 0;
  readonly skipped: CsvError[] = [];

  /** The problems csv-parse skipped records for, as rows of their own, in line order before `beforeLine`. */
  *flushSkipped(beforeLine = Infinity): Generator<CsvRow> {
    while (this.skipped.length > 0) {
      const error = this.skipped[0]!;
      const unclosed = error.code === 'CSV_QUOTE_NOT_CLOSED' || error.code === 'CSV_MAX_RECORD_SIZE';
      // An unclosed quote is found at the end of the file: the row it spoils began after the last good one.
      const line = unclosed ? this.lastLine + 1 : Number((error as unknown as Info).lines ?? this.lastLine + 1);
      if (line >= beforeLine) return;
      this.skipped.shift();
      yield { line, cells: [], problems: [problem(line, null, parseErrorText[error.code] ?? error.message)] };
    }
  }

  /** Null for the header and for rows with nothing in them (a line of separators). */
  take(cells: string[], info: Info): CsvRow | null {
    const end = info.lines;
    const line = end - cells.reduce((n, cell) => n + newlines(cell), 0);
    this.lastLine = end;
    if (this.headers === null) {
      this.headers = cells.map((h) => h.trim());
      return null;
    }
    if (cells.every((cell) => cell.trim() === '')) return null;
    const width = this.headers.length;
    const problems: RowProblem[] = [];
    const extra = cells.slice(width).filter((cell) => cell.trim() !== '');
    // Columns without a header at the end (a spreadsheet's empty columns) need no value.
    const named = this.headers.findLastIndex((h) => h !== '') + 1;
    if (extra.length > 0 || cells.length < named) {
      const consequence = extra.length > 0 ? `; the values after column ${width} were not read` : '; the missing values were read as empty';
      problems.push(problem(line, null, `This row has ${cells.length} values but the header has ${width} columns${consequence}.`));
    }
    const aligned = Array.from({ length: width }, (_, i) => cells[i] ?? '');
    return { line, cells: aligned, problems };
  }
}

interface ParsedRecord {
  record: string[];
  info: Info;
}

function csvInfo(encoding: TextEncodingName, bom: boolean, delimiter: Delimiter, headers: string[] | null): CsvInfo {
  return { encoding, bom, delimiter, headers: headers ?? [] };
}

const emptyFile = (): CsvRow => ({ line: 1, cells: [], problems: [problem(1, null, 'The file is empty: there is not even a header row.')] });

/** A whole CSV file (bytes or text) read at once. */
export function readCsvText(input: Uint8Array | string, options: CsvOptions = {}): CsvTable {
  const decoded = typeof input === 'string' ? { text: input.replace(/^\uFEFF/, ''), encoding: 'utf-8' as const, bom: input.startsWith('\uFEFF') } : decodeBytes(input);
  const text = toLf(decoded.text);
  const delimiter = options.delimiter ?? sniffDelimiter(text.slice(0, sampleChars));
  const rows: CsvRow[] = [];
  const assembler = new RowAssembler();
  const records = parseSync(text, parserOptions(delimiter, assembler.skipped)) as unknown as ParsedRecord[];
  for (const { record, info: at } of records) {
    const row = assembler.take(record, at);
    if (!row) continue;
    rows.push(...assembler.flushSkipped(row.line), row);
  }
  rows.push(...assembler.flushSkipped());
  if (assembler.headers === null && rows.length === 0) rows.push(emptyFile());
  return { ...csvInfo(decoded.encoding, decoded.bom, delimiter, assembler.headers), ...('strayBytes' in decoded && decoded.strayBytes ? { strayBytes: decoded.strayBytes } : {}), rows };
}

/** Text chunks with every line break made "\n", a "\r" at a chunk's end held until the next chunk shows what follows. */
async function* lfChunks(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let held = '';
  for await (const chunk of chunks) {
    const text = held + chunk;
    held = text.endsWith('\r') ? '\r' : '';
    const ready = held ? text.slice(0, -1) : text;
    if (ready) yield toLf(ready);
  }
  if (held) yield '\n';
}

export interface CsvStream extends CsvInfo {
  rows: AsyncIterable<CsvRow>;
}

/**
 * A CSV file read one row at a time (for the import job: a large file never sits in memory whole).
 * Resolves once the header is read, with what was found; then `rows` yields each row as it is parsed.
 */
export async function openCsvText(input: string | Uint8Array | AsyncIterable<Uint8Array | string>, options: CsvOptions = {}): Promise<CsvStream> {
  const decoded = await textChunks(input);
  const source = lfChunks(decoded.text)[Symbol.asyncIterator]();
  // Enough text to find the separator and the header (a header is one line, even for a hundred columns).
  let head = '';
  let ended = false;
  while (head.length < sampleChars) {
    const next = await source.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += next.value;
  }
  const delimiter = options.delimiter ?? sniffDelimiter(head);
  const assembler = new RowAssembler();
  const parser = parseStream(parserOptions(delimiter, assembler.skipped));
  const all = (async function* () {
    yield head;
    if (ended) return;
    for (;;) {
      const next = await source.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  // pipeline, not pipe: a decoding error in the source ends the parser with it, so reading rows throws it.
  pipeline(Readable.from(all), parser, () => {});
  const records: AsyncIterator<ParsedRecord> = parser[Symbol.asyncIterator]();
  // Read up to the header, so the caller knows the columns before the first row.
  const pending: CsvRow[] = [];
  let finished = false;
  while (assembler.headers === null) {
    const next = await records.next();
    if (next.done) {
      finished = true;
      break;
    }
    const row = assembler.take(next.value.record, next.value.info);
    if (row) pending.push(row);
  }
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      yield* pending;
      if (!finished) {
        for (;;) {
          const next = await records.next();
          if (next.done) break;
          const row = assembler.take(next.value.record, next.value.info);
          if (!row) continue;
          yield* assembler.flushSkipped(row.line);
          yield row;
        }
      }
      yield* assembler.flushSkipped();
      if (assembler.headers === null) yield emptyFile();
    } finally {
      // A reader that stops early (the import was cancelled) ends the parser and the source too.
      await records.return?.();
    }
  }
  return { ...csvInfo(decoded.encoding, decoded.bom, delimiter, assembler.headers), rows: rows() };
}
