import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { windows1252 } from './fixtures/windows-1252-fixtures.js';
import { decodeBytes, decodeChunks, decodeWindows1252 } from './text-decoding.js';

const utf16 = (text: string, order: 'le' | 'be'): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  return order === 'le' ? le : Buffer.from(le.swap16());
};

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('decoding bytes', () => {
  it('reads UTF-8 with and without a byte order mark, and says which', () => {
    expect(decodeBytes(Buffer.from('\uFEFFJosé;Müller', 'utf8'))).toEqual({ text: 'José;Müller', encoding: 'utf-8', bom: true });
    expect(decodeBytes(Buffer.from('José;Müller', 'utf8'))).toEqual({ text: 'José;Müller', encoding: 'utf-8', bom: false });
  });

  it("reads UTF-16 with a mark, both byte orders (Excel's Unicode text)", () => {
    expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16('Name\tÉmilie', 'le')]))).toEqual({ text: 'Name\tÉmilie', encoding: 'utf-16le', bom: true });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16('Name\tÉmilie', 'be')]))).toEqual({ text: 'Name\tÉmilie', encoding: 'utf-16be', bom: true });
  });

  it('recognises UTF-16 written without a mark', () => {
    expect(decodeBytes(utf16('First Name,Last Name\r\nAnna,Berg', 'le')).encoding).toBe('utf-16le');
    expect(decodeBytes(utf16('First Name,Last Name\r\nAnna,Berg', 'be')).text).toBe('First Name,Last Name\r\nAnna,Berg');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    const bytes = Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]);
    expect(decodeBytes(bytes)).toEqual({ text: 'José Müller', encoding: 'windows-1252', bom: false });
  });

  it('reads a UTF-8 file with a stray byte or two as UTF-8, each stray byte as Windows-1252, and counts them', () => {
    const utf8 = Buffer.from('Name\nJosé Núñez\nZoë Brontë\n', 'utf8');
    const bytes = Buffer.concat([utf8, Buffer.from([0x52, 0x65, 0x6e, 0xe9, 0x0a])]);
    expect(decodeBytes(bytes)).toEqual({ text: 'Name\nJosé Núñez\nZoë Brontë\nRené\n', encoding: 'utf-8', bom: false, strayBytes: 1 });
    // Mostly Windows-1252 stays Windows-1252.
    expect(decodeBytes(Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x20, 0xc3, 0xa9, 0x20, 0x4d, 0xfc, 0x6c]))).toEqual({ text: 'José Ã© Mül', encoding: 'windows-1252', bom: false });
  });

  it("reads Windows-1252's own characters in 0x80-0x9F (euro, curly quotes, dashes), not Latin-1 control codes", () => {
    expect(decodeWindows1252(Uint8Array.of(0x80, 0x20, 0x93, 0x61, 0x94, 0x20, 0x96, 0x20, 0x92, 0x8c, 0x9f))).toBe('€ “a” – ’ŒŸ');
    // The five bytes Windows-1252 leaves undefined stay the control characters WHATWG maps them to.
    expect(decodeWindows1252(Uint8Array.of(0x81, 0x8d, 0x8f, 0x90, 0x9d))).toBe('\u0081\u008d\u008f\u0090\u009d');
  });

  it('every Windows-1252 text survives being written as bytes and read back', () => {
    const alphabet = [...decodeWindows1252(Uint8Array.from({ length: 224 }, (_, i) => i + 32))].filter((c) => !/[\u0080-\u009f]/.test(c));
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1 }), (chars) => {
        // An accented letter before a plain one ("ü" then "l") is never UTF-8, as in almost every real name.
        const text = `${chars.join('')} Müller`;
        expect(decodeBytes(windows1252(text))).toEqual({ text, encoding: 'windows-1252', bom: false });
        // Without one, a few byte pairs ("Õ³") happen to be UTF-8 and are read so: by design, UTF-8 wins.
        const bare = decodeBytes(windows1252(chars.join('')));
        if (bare.encoding === 'windows-1252') expect(bare.text).toBe(chars.join(''));
        else expect(Buffer.from(bare.text, 'utf8').equals(windows1252(chars.join('')))).toBe(true);
      }),
    );
  });
});

describe('decoding a stream', () => {
  it('joins characters cut between chunks, whatever the chunk size', async () => {
    const text = 'Zoë 🚲 Ångström, “quoted”\n'.repeat(50);
    for (const size of [1, 2, 3, 7, 64, 100_000]) {
      const decoded = await decodeChunks(inPieces(Buffer.from(`\uFEFF${text}`, 'utf8'), size));
      expect(decoded.encoding).toBe('utf-8');
      expect(decoded.bom).toBe(true);
      expect(await collect(decoded.text)).toBe(text);
    }
  });

  it('decides Windows-1252 from the first bytes and keeps to it', async () => {
    const bytes = windows1252('Renée; “Vélo” – 12,50 €\r\n'.repeat(10));
    const decoded = await decodeChunks(inPieces(bytes, 5));
    expect(decoded.encoding).toBe('windows-1252');
    expect(await collect(decoded.text)).toBe('Renée; “Vélo” – 12,50 €\r\n'.repeat(10));
  });

  it('refuses, with a sentence, a file that stops being UTF-8 after the part it was judged on', async () => {
    const bytes = Buffer.concat([Buffer.from('a'.repeat(70 * 1024), 'utf8'), Buffer.from([0xe9, 0x0a])]);
    const decoded = await decodeChunks(inPieces(bytes, 4096));
    expect(decoded.encoding).toBe('utf-8');
    await expect(collect(decoded.text)).rejects.toThrow(/not valid UTF-8 after byte/);
  });
});
