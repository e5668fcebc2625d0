/**
 * A column header as the words a guess is made from: "E-mail 2 Address" is email, 2, address;
 * "Zip/Postcode" is zip, postcode; "Phone1" is phone, 1. Guessing by words rather than by whole
 * headers is what lets the generic mappings read files no one wrote a preset for.
 */
export function headerWords(header: string): string[] {
  return header
    .toLowerCase()
    .replace(/e[-\s]?mail/g, 'email')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Whether any of the words is one of the candidates. */
export const hasWord = (words: readonly string[], ...candidates: string[]): boolean => words.some((word) => candidates.includes(word));

/** The number right after one of the words ("Email 2 Label" → 2 after email), or null. */
export function numberAfter(words: readonly string[], ...after: string[]): number | null {
  for (let i = 0; i < words.length - 1; i++) {
    if (after.includes(words[i]!) && /^\d+$/.test(words[i + 1]!)) return Number(words[i + 1]);
  }
  return null;
}
