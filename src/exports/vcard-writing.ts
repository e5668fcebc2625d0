/**
 * vCard 4.0 content lines as RFC 6350 says to write them: text values with backslash escapes,
 * parameter values quoted when they must be and encoded by RFC 6868 (^^, ^n, ^'), and lines folded
 * at 75 octets with CRLF and a space, never inside a UTF-8 character.
 */

/** A text value: backslash, comma, semicolon and line breaks escaped. */
export const escapeText = (value: string): string =>
  value
    .replace(/\r\n?/g, '\n')
    .replace(/[\\,;]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');

/** A parameter value: RFC 6868's ^ encoding, in quotes when it holds a separator. */
export function paramValue(value: string): string {
  const encoded = value
    .replace(/\r\n?/g, '\n')
    .replace(/\^/g, '^^')
    .replace(/\n/g, '^n')
    .replace(/"/g, "^'");
  return /[;:,]/.test(encoded) ? `"${encoded}"` : encoded;
}

/** Octets a line may hold before its CRLF (RFC 6350 3.2). */
const maxOctets = 75;

/** A logical line folded: each physical line at most 75 octets, continuation lines starting with a space. */
export function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > maxOctets) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

export interface Param {
  name: string;
  values: readonly string[];
}

/** One content line, folded, with its CRLF. `value` is written as given: escape it first if it is text. */
export function contentLine(name: string, params: readonly Param[], value: string, group?: string): string {
  const head = [`${group ? `${group}.` : ''}${name}`, ...params.filter((p) => p.values.length > 0).map((p) => `${p.name}=${p.values.map(paramValue).join(',')}`)].join(';');
  return `${fold(`${head}:${value}`)}\r\n`;
}
