/**
 * Which character separates the values of a CSV file. Excel writes commas in English locales,
 * semicolons where the comma is the decimal mark (Germany, France), tabs for "Unicode text"; some
 * point-of-sale systems use pipes. The header and the first lines are counted, outside quotes: the
 * separator is the candidate that appears in the header and the same number of times on most lines.
 */

export const delimiters = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof delimiters)[number];

/** How many lines of the sample are counted. */
const sampleLines = 20;

/** Per line of the sample (a quoted value may span lines), how often each candidate appears outside quotes. */
function countPerLine(sample: string): Record<Delimiter, number>[] {
  const lines: Record<Delimiter, number>[] = [];
  let counts = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let quoted = false;
  let empty = true;
  for (let i = 0; i < sample.length && lines.length < sampleLines; i++) {
    const c = sample[i]!;
    if (c === '"') quoted = !quoted; // a doubled quote inside a value toggles twice
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (!empty) lines.push(counts);
      counts = { ',': 0, ';': 0, '\t': 0, '|': 0 };
      empty = true;
      continue;
    } else if (!quoted && c in counts) counts[c as Delimiter]++;
    empty = false;
  }
  if (!empty && lines.length < sampleLines) lines.push(counts);
  return lines;
}

/**
 * The separator of a CSV text, from its beginning. A file with one column (no candidate in its
 * header) is read as comma-separated. Ties go to the more common separator (comma, semicolon, tab, pipe).
 */
export function sniffDelimiter(sample: string): Delimiter {
  const lines = countPerLine(sample);
  const header = lines[0];
  if (!header) return ',';
  let best: Delimiter = ',';
  let bestScore = -1;
  for (const candidate of delimiters) {
    const inHeader = header[candidate];
    if (inHeader === 0) continue;
    const rest = lines.slice(1);
    // Lines with as many separators as the header; a line with more may hold a quoted value cut by the sample's end.
    const agreeing = rest.filter((line) => line[candidate] === inHeader).length;
    const consistency = rest.length === 0 ? 1 : agreeing / rest.length;
    const score = consistency * 1000 + Math.min(inHeader, 999);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
