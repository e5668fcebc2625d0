import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../exports/csv-writing.js';
import { openCsvText, readCsvText, type CsvRow } from './csv-text.js';
import { sniffDelimiter } from './delimiter-sniffing.js';
import { guardFormula } from './formula-guard.js';

async function streamRows(input: string | Uint8Array | AsyncIterable<Uint8Array | string>): Promise<CsvRow[]> {
  const file = await openCsvText(input);
  const rows: CsvRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return rows;
}

async function* pieces(text: string, sizes: number[]): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  let i = 0;
  for (let k = 0; i < bytes.length; k++) {
    const size = sizes[k % sizes.length]!;
    yield bytes.subarray(i, i + size);
    i += size;
  }
}

describe('finding the separator', () => {
  it('finds comma, semicolon, tab and pipe from the header and the first lines', () => {
    expect(sniffDelimiter('Name,Email,Phone\nAnn,ann@example.com,555')).toBe(',');
    expect(sniffDelimiter('Vorname;Nachname;Betrag\nJürgen;Weiß;1.234,50\nAnna;Berg;12,00')).toBe(';');
    expect(sniffDelimiter('Name\tEmail\nAnn, the first\tann@example.com')).toBe('\t');
    expect(sniffDelimiter('id|amount|note\n1|12.50|a, b; c')).toBe('|');
  });

  it('does not count separators inside quoted values', () => {
    // Two commas in every quoted name would make comma look more common than semicolon.
    const text = 'Name;City\n"Smith, Bob, Jr";Chicago\n"Weiß, Jürgen, Dr";Berlin\n';
    expect(sniffDelimiter(text)).toBe(';');
    expect(readCsvText(text).rows.map((r) => r.cells)).toEqual([
      ['Smith, Bob, Jr', 'Chicago'],
      ['Weiß, Jürgen, Dr', 'Berlin'],
    ]);
  });

  it('prefers the separator that gives every line the header\'s count', () => {
    // The header has one comma and one semicolon; only the semicolon splits each line the same way.
    expect(sniffDelimiter('Name, full;Amount\nAnn;1,50\nBob;2,75, paid\n')).toBe(';');
  });

  it('reads a one-column file as comma-separated', () => {
    expect(sniffDelimiter('Email\nann@example.com\n')).toBe(',');
    expect(sniffDelimiter('')).toBe(',');
  });
});

describe('reading CSV text', () => {
  it('keeps quoted line breaks, doubled quotes and separators in values, and numbers rows by the line they start on', () => {
    const text = 'Name,Note,City\r\n"Bob ""the builder"" Smith","Line one\r\nline two\r\nline three",Chicago\r\n\r\nAnn,"a, b; c",Berlin\r\n';
    const table = readCsvText(text);
    expect(table.headers).toEqual(['Name', 'Note', 'City']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['Bob "the builder" Smith', 'Line one\nline two\nline three', 'Chicago'], problems: [] },
      { line: 6, cells: ['Ann', 'a, b; c', 'Berlin'], problems: [] },
    ]);
  });

  it('reads trailing empty columns as empty values, and skips rows of nothing but separators', () => {
    const table = readCsvText('a,b,c,,\n1,2,3,,\n,,,,\n4,,,,\n');
    expect(table.headers).toEqual(['a', 'b', 'c', '', '']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['1', '2', '3', '', ''], problems: [] },
      { line: 4, cells: ['4', '', '', '', ''], problems: [] },
    ]);
  });

  it('reports ragged rows with their line and still hands them back', () => {
    const table = readCsvText('Name;Email;Phone\nAnn;ann@example.com\nBob;bob@example.com;555-0100;extra;more\nCid;;;\n');
    expect(table.rows).toEqual([
      {
        line: 2,
        cells: ['Ann', 'ann@example.com', ''],
        problems: [{ line: 2, field: null, message: 'This row has 2 values but the header has 3 columns; the missing values were read as empty.' }],
      },
      {
        line: 3,
        cells: ['Bob', 'bob@example.com', '555-0100'],
        problems: [{ line: 3, field: null, message: 'This row has 5 values but the header has 3 columns; the values after column 3 were not read.' }],
      },
      // Empty cells after the last column are only trailing separators, not a ragged row.
      { line: 4, cells: ['Cid', '', ''], problems: [] },
    ]);
  });

  it('asks no value of the empty columns a spreadsheet leaves after the named ones', () => {
    const read = readCsvText('Name,Email,,,\nAnn Lee,ann@example.com\nBo Chan\n');
    expect(read.rows.map((r) => r.problems)).toEqual([[], [{ line: 3, field: null, message: 'This row has 1 values but the header has 5 columns; the missing values were read as empty.' }]]);
  });

  it('reports an unclosed quote on the line its row starts, keeping the rows before it', async () => {
    const text = 'Name,Note\nAnn,fine\nBob,"never closed\nCid,lost\nDee,lost too\n';
    const expected = [
      { line: 2, cells: ['Ann', 'fine'], problems: [] },
      { line: 3, cells: [], problems: [{ line: 3, field: null, message: expect.stringContaining('never closed') }] },
    ];
    expect(readCsvText(text).rows).toEqual(expected);
    expect(await streamRows(text)).toEqual(expected);
  });

  it('reads a value with text after its closing quote leniently, its quotes kept, rather than losing the row', () => {
    expect(readCsvText('Name,Size\nBike,"26"" wheel" extra\nCage,1\n').rows.map((r) => r.cells)).toEqual([
      ['Bike', '"26" wheel" extra'],
      ['Cage', '1'],
    ]);
  });

  it('streams a large file row by row, a reader may stop early, and a decoding error surfaces as an error', async () => {
    const big = `Name,Note\n${Array.from({ length: 20_000 }, (_, i) => `Person ${i},"note ${i}\nsecond line"`).join('\n')}\n`;
    const file = await openCsvText(pieces(big, [4096]));
    let seen = 0;
    for await (const row of file.rows) {
      expect(row.line).toBe(2 + seen * 2);
      if (++seen === 10_000) break;
    }
    expect(seen).toBe(10_000);
    // UTF-8 for the first 64 KiB, then a Windows-1252 byte: refused rather than read half one way, half the other.
    const mixed = Buffer.concat([Buffer.from(`Name\n${'Ann\n'.repeat(20_000)}`, 'utf8'), Buffer.from([0xe9, 0x0a])]);
    async function* chunks() {
      for (let i = 0; i < mixed.length; i += 4096) yield mixed.subarray(i, i + 4096);
    }
    const broken = await openCsvText(chunks());
    await expect(
      (async () => {
        for await (const _row of broken.rows);
      })(),
    ).rejects.toThrow(/not valid UTF-8/);
  });

  it('says when a file is empty', async () => {
    expect(readCsvText('').rows).toEqual([{ line: 1, cells: [], problems: [{ line: 1, field: null, message: 'The file is empty: there is not even a header row.' }] }]);
    expect(await streamRows('')).toEqual(readCsvText('').rows);
    expect(readCsvText('Name,Email\n').rows).toEqual([]);
  });

  it('reports the encoding and separator it found', () => {
    const table = readCsvText(Buffer.from('\uFEFFa;b\n1;2\n', 'utf8'));
    expect(table).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ';', headers: ['a', 'b'] });
  });

  it('uses the separator it is given instead of guessing', () => {
    expect(readCsvText('a;b,c\n1;2,3\n', { delimiter: ',' }).rows[0]!.cells).toEqual(['1;2', '3']);
  });

  const cell = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '"', '\n', '\t', '|', 'é', 'ß', '🚲', '=', '+', '1', "'"), maxLength: 12 });

  it('reads back any table the CSV writer writes, streamed in any chunks the same as whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }).chain((width) =>
          fc.tuple(
            fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,8}[A-Za-z]$/), { minLength: width, maxLength: width }),
            fc.array(fc.array(cell, { minLength: width, maxLength: width }).filter((row) => row.some((c) => c.trim() !== '')), { maxLength: 6 }),
            fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
          ),
        ),
        async ([headers, rows, sizes]) => {
          const text = [headers, ...rows].map((r) => csvLine(r)).join('');
          const table = readCsvText(text);
          expect(table.headers).toEqual(headers);
          let line = 2;
          expect(table.rows).toEqual(
            rows.map((r) => {
              const row = { line, cells: r.map(guardFormula), problems: [] };
              line += 1 + r.join('').split('\n').length - 1;
              return row;
            }),
          );
          expect(await streamRows(pieces(text, sizes))).toEqual(table.rows);
        },
      ),
      { numRuns: 150 },
    );
  });
});
