import { TextDecoder } from 'node:util';
import { badRequest } from '../../platform/errors.js';

/**
 * Bytes of an uploaded file to text. Shops hand us whatever their tools wrote: UTF-8 with or without
 * a byte order mark (Google, Excel's "CSV UTF-8"), UTF-16 with a mark (Excel's "Unicode text", some
 * phones' vCards), and Windows-1252 (Outlook and Excel's plain "CSV" on Western Windows). A file
 * without a mark that is not valid UTF-8 is taken as Windows-1252: it decodes every byte, and it is
 * what such files almost always are. The encoding found is reported so the import can show it.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Whether the file began with a byte order mark. */
  bom: boolean;
  /** A UTF-8 file with a few bytes that are not (a name pasted from an old program): how many, each read as Windows-1252. */
  strayBytes?: number;
}

/** How much of a stream is looked at before its encoding is decided. */
const sniffBytes = 64 * 1024;

interface Found {
  encoding: TextEncodingName;
  bom: boolean;
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]): boolean => prefix.every((b, i) => bytes[i] === b);

/**
 * UTF-16 written without a mark still shows itself: Latin text has a zero in every other byte
 * (and text files have no zero bytes otherwise).
 */
function unmarkedUtf16(bytes: Uint8Array): TextEncodingName | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero === 0) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero === 0) return 'utf-16be';
  return null;
}

/** Valid UTF-8 so far; `complete` says whether the bytes end the file (else a cut character at the end is fine). */
function isUtf8(bytes: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

function sniff(bytes: Uint8Array, complete: boolean): Found {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return { encoding: 'utf-8', bom: true };
  if (startsWith(bytes, 0xff, 0xfe)) return { encoding: 'utf-16le', bom: true };
  if (startsWith(bytes, 0xfe, 0xff)) return { encoding: 'utf-16be', bom: true };
  // Before UTF-8: zeros are valid UTF-8, so UTF-16 Latin text would pass for it.
  const utf16 = unmarkedUtf16(bytes);
  if (utf16) return { encoding: utf16, bom: false };
  return { encoding: isUtf8(bytes, complete) ? 'utf-8' : 'windows-1252', bom: false };
}

/** Windows-1252's characters for the bytes 0x80 to 0x9F (WHATWG Encoding), where it differs from Latin-1. */
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Node 20.18.3 and later (and 22.13 and later) decode "windows-1252" as Latin-1, turning Outlook's
 * curly quotes, dashes and euro signs into invisible control characters (nodejs/node#60888). The
 * bytes 0x80-0x9F come out as U+0080-U+009F, so they are put right here; on a Node that decodes
 * correctly this changes nothing.
 */
const fixWindows1252 = (text: string): string => text.replace(/[\u0080-\u009f]/g, (c) => windows1252High[c.charCodeAt(0) - 0x80]!);

interface Decoder {
  decode(bytes: Uint8Array, options?: { stream: boolean }): string;
}

/** Windows-1252 never fails; UTF-8 is checked as it goes (TextDecoder drops a leading mark itself). */
function decoderFor(found: Found): Decoder {
  const decoder = new TextDecoder(found.encoding, { fatal: found.encoding === 'utf-8' && !found.bom });
  if (found.encoding !== 'windows-1252') return decoder;
  return { decode: (bytes, options) => fixWindows1252(decoder.decode(bytes, options)) };
}

/** Windows-1252 bytes to text, every byte one character (what Outlook and Excel write on Western Windows). */
export const decodeWindows1252 = (bytes: Uint8Array): string => decoderFor({ encoding: 'windows-1252', bom: false }).decode(bytes);

/** The length of the valid UTF-8 sequence at `i` (1 for ASCII), or 0 when the byte there starts none. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const cont = (k: number, from = 0x80, to = 0xbf) => i + k < bytes.length && bytes[i + k]! >= from && bytes[i + k]! <= to;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const [from, to] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, from, to) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const [from, to] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, from, to) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/**
 * A file that is UTF-8 but for a few bytes (three valid multi-byte characters or more for each stray byte): the
 * UTF-8 read as UTF-8 and each stray byte as Windows-1252, rather than the whole file as
 * Windows-1252 (every "é" of it "Ã©"). Null when the file is not mostly UTF-8.
 */
function mostlyUtf8(bytes: Uint8Array): { text: string; strayBytes: number } | null {
  let valid = 0;
  const stray: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = utf8Length(bytes, i);
    if (n === 0) stray.push(i++);
    else {
      if (n > 1) valid++;
      i += n;
    }
  }
  if (valid < 3 || valid < 3 * stray.length) return null;
  const utf8 = new TextDecoder('utf-8');
  let text = '';
  let from = 0;
  for (const at of stray) {
    text += utf8.decode(bytes.subarray(from, at)) + decodeWindows1252(bytes.subarray(at, at + 1));
    from = at + 1;
  }
  return { text: text + utf8.decode(bytes.subarray(from)), strayBytes: stray.length };
}

/** A whole file's bytes to text. */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  const found = sniff(bytes, true);
  if (found.encoding === 'windows-1252') {
    const repaired = mostlyUtf8(bytes);
    if (repaired) return { encoding: 'utf-8', bom: false, ...repaired };
  }
  return { ...found, text: decoderFor({ ...found, bom: true }).decode(bytes) };
}

export interface DecodedStream extends Found {
  text: AsyncIterable<string>;
}

/**
 * A stream of bytes to a stream of text. The encoding is decided on the first 64 KiB; a file that
 * looked like UTF-8 there and breaks later is refused with a sentence saying so, rather than read
 * half in one encoding and half in another.
 */
export async function decodeChunks(chunks: AsyncIterable<Uint8Array | string>): Promise<DecodedStream> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < sniffBytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
    head.push(chunk);
    size += chunk.length;
  }
  const first = Buffer.concat(head);
  const found = sniff(first, done);
  const decoder = decoderFor(found);
  async function* text(): AsyncGenerator<string> {
    let offset = first.length;
    const decode = (bytes: Uint8Array, last: boolean): string => {
      try {
        return decoder.decode(bytes, { stream: !last });
      } catch {
        throw badRequest(`The file is not valid UTF-8 after byte ${offset}; save it again as UTF-8 (or as Windows "ANSI" text throughout).`);
      }
    };
    yield decode(first, done);
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
      yield decode(chunk, false);
      offset += chunk.length;
    }
    yield decode(new Uint8Array(0), true);
  }
  return { ...found, text: text() };
}

/** A string, bytes, or a stream of either, as chunks of text with the encoding found. */
export async function textChunks(input: string | Uint8Array | AsyncIterable<Uint8Array | string>): Promise<DecodedStream> {
  if (typeof input === 'string') {
    return { encoding: 'utf-8', bom: input.startsWith('\uFEFF'), text: (async function* () { yield input.replace(/^\uFEFF/, ''); })() };
  }
  if (input instanceof Uint8Array) {
    const decoded = decodeBytes(input);
    return { encoding: decoded.encoding, bom: decoded.bom, text: (async function* () { yield decoded.text; })() };
  }
  return decodeChunks(input);
}
