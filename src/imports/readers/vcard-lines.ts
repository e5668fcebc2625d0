import { TextDecoder } from 'node:util';
import type { RowProblem } from '../import-records.js';
import { problem } from './read-items.js';

/**
 * The vCard grammar (RFC 2425/2426 for 3.0, RFC 6350 for 4.0, and the 2.1 that phones still write):
 * cards from BEGIN:VCARD to END:VCARD, content lines `group.NAME;PARAM=a,b;BARE:value`, folded
 * lines, quoted-printable values with soft line breaks, CHARSET parameters, and backslash escapes.
 *
 * Written here rather than taken from a library: ical.js (the most kept JavaScript parser) reads
 * 3.0 and 4.0 but not 2.1's bare parameters and quoted-printable, which is what Android and older
 * phones export, and the grammar is a page long. What a property means is vcard.ts's business.
 */

export interface VcardProperty {
  /** The physical line the property starts on. */
  line: number;
  /** Apple's "item1." grouping, lower case; null when none. */
  group: string | null;
  /** Upper case: EMAIL, TEL, X-ABLABEL. */
  name: string;
  /** Parameter names upper case; values as written, unquoted. 2.1's bare parameters (TEL;CELL) are TYPE values. */
  params: Map<string, string[]>;
  /** The value with quoted-printable decoded, still escaped (so components can be split). */
  value: string;
}

export interface VcardCard {
  /** The BEGIN:VCARD line. */
  line: number;
  version: string;
  properties: VcardProperty[];
  problems: RowProblem[];
}

const encodings = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

/** Splits on a separator outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A parameter value: quotes taken off, RFC 6868's ^n ^^ ^' decoded. */
const paramValue = (raw: string): string =>
  raw
    .replace(/^"(.*)"$/, '$1')
    .replace(/\^(n|\^|')/g, (_, c: string) => (c === 'n' ? '\n' : c === '^' ? '^' : '"'));

/** Where the name and parameters end: the first colon outside quotes. */
function colonAt(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === ':') return i;
  }
  return -1;
}

function parseParams(parts: string[]): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const add = (key: string, values: string[]) => params.set(key, [...(params.get(key) ?? []), ...values]);
  for (const part of parts) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      const bare = part.trim().toUpperCase();
      add(encodings.has(bare) ? 'ENCODING' : 'TYPE', [bare]);
      continue;
    }
    const key = part.slice(0, eq).trim().toUpperCase();
    const values = key === 'TYPE' ? splitOutsideQuotes(part.slice(eq + 1), ',') : [part.slice(eq + 1)];
    add(key, values.map(paramValue));
  }
  return params;
}

/** Quoted-printable to bytes, then to text in the card's charset (UTF-8 unless it says otherwise). */
function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(value.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i]!, 'utf8'));
  }
  return new TextDecoder(charset).decode(Uint8Array.from(bytes));
}

const isQuotedPrintable = (params: Map<string, string[]>): boolean => (params.get('ENCODING') ?? []).some((e) => /^(QUOTED-PRINTABLE|QP)$/i.test(e));

function parseProperty(text: string, line: number, problems: RowProblem[], cardLine: number): VcardProperty | null {
  const colon = colonAt(text);
  if (colon < 0) {
    problems.push(problem(cardLine, null, `Line ${line} is not a vCard property (it has no ":"), so it was skipped.`));
    return null;
  }
  const [nameWithGroup = '', ...paramParts] = splitOutsideQuotes(text.slice(0, colon), ';');
  const dot = nameWithGroup.lastIndexOf('.');
  const group = dot >= 0 ? nameWithGroup.slice(0, dot).toLowerCase() : null;
  const name = nameWithGroup.slice(dot + 1).trim().toUpperCase();
  const params = parseParams(paramParts);
  let value = text.slice(colon + 1);
  if (isQuotedPrintable(params)) {
    const charset = params.get('CHARSET')?.[0] ?? 'utf-8';
    try {
      value = decodeQuotedPrintable(value, charset);
    } catch {
      problems.push(problem(cardLine, name, `Character set ${charset} on line ${line} is not one we know, so ${name} was read as UTF-8.`));
      value = decodeQuotedPrintable(value, 'utf-8');
    }
  }
  return { line, group, name, params, value };
}

/** The physical lines of one card to its properties: soft line breaks joined, folded lines unfolded. */
function properties(lines: { text: string; line: number }[], version: string, problems: RowProblem[], cardLine: number): VcardProperty[] {
  const found: VcardProperty[] = [];
  // vCard 2.1 unfolds as RFC 822 does, keeping the space; 3.0 and 4.0 drop it.
  const keepSpace = version === '2.1';
  let i = 0;
  while (i < lines.length) {
    const { line } = lines[i]!;
    let text = lines[i]!.text;
    i++;
    const head = text.slice(0, Math.max(0, colonAt(text)));
    const qp = /[;:](ENCODING=)?(QUOTED-PRINTABLE|QP)(;|$)/i.test(`${head};`);
    for (;;) {
      const next = lines[i];
      if (qp && text.endsWith('=') && next !== undefined) {
        text = text.slice(0, -1) + next.text;
      } else if (next !== undefined && /^[ \t]/.test(next.text)) {
        text += keepSpace ? next.text : next.text.slice(1);
      } else break;
      i++;
    }
    if (!text.trim()) continue;
    const property = parseProperty(text, line, problems, cardLine);
    if (property) found.push(property);
  }
  return found;
}

/**
 * A file's text to its cards. A card missing its END:VCARD (another BEGIN comes first, or the file
 * ends) is still read, with a problem; lines outside any card are reported once per run of them.
 */
export function splitCards(text: string): { cards: VcardCard[]; problems: RowProblem[] } {
  const physical = text.split(/\r\n|\r|\n/).map((t, i) => ({ text: t, line: i + 1 }));
  const cards: VcardCard[] = [];
  const outside: RowProblem[] = [];
  let current: { line: number; lines: { text: string; line: number }[] } | null = null;
  let strayFrom: number | null = null;
  const close = (ended: boolean, at: number) => {
    if (!current) return;
    const problems: RowProblem[] = [];
    if (!ended) {
      const where = at > physical.length ? 'the file ends first' : `another card begins on line ${at}`;
      problems.push(problem(current.line, null, `The card that begins on line ${current.line} has no END:VCARD (${where}); what it had was read.`));
    }
    const versionLine = current.lines.find((l) => /^VERSION:/i.test(l.text));
    const version = versionLine ? versionLine.text.slice(8).trim() : '3.0';
    if (!['2.1', '3.0', '4.0'].includes(version)) problems.push(problem(current.line, 'VERSION', `vCard version ${version} is not one we know (2.1, 3.0, 4.0); the card was read as ${version.startsWith('2') ? '2.1' : '4.0'}.`));
    cards.push({ line: current.line, version, properties: properties(current.lines, version, problems, current.line), problems });
    current = null;
  };
  for (const { text: t, line } of physical) {
    // Not trimmed at the start: a folded continuation (" END:VCARD") is part of a value, not the end of the card.
    const bare = t.trimEnd().toUpperCase();
    if (bare === 'BEGIN:VCARD') {
      close(false, line);
      if (strayFrom !== null) outside.push(problem(strayFrom, null, `Line ${strayFrom} is outside any card (before a BEGIN:VCARD), so it was skipped.`));
      strayFrom = null;
      current = { line, lines: [] };
    } else if (bare === 'END:VCARD' && current) close(true, line);
    else if (current) current.lines.push({ text: t, line });
    else if (bare.trim() && strayFrom === null) strayFrom = line;
  }
  close(false, physical.length + 1);
  if (strayFrom !== null) outside.push(problem(strayFrom, null, `Line ${strayFrom} is outside any card, so it was skipped.`));
  return { cards, problems: outside };
}

/** A text value's escapes undone: \\ \, \; \: and \n (or \N) as a line break. */
export const unescapeText = (value: string): string => value.replace(/\\([\\,;:nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** A value split on a separator that is not escaped by a backslash; the pieces stay escaped. */
function splitEscaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === separator) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** A structured value (N, ADR, ORG) split on unescaped semicolons; the components stay escaped. */
export const components = (value: string): string[] => splitEscaped(value, ';');

/** A list value (NICKNAME, a 3.0 or 4.0 name component) split on unescaped commas, each unescaped and trimmed. */
export const listValues = (value: string): string[] =>
  splitEscaped(value, ',')
    .map((v) => unescapeText(v).trim())
    .filter(Boolean);
