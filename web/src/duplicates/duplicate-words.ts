import type { DuplicatePair, DuplicateSide } from '../api/types';

/** How the duplicates queue says things. */

/** Who found the pair: "Found by an import", "Found when a record was added", "Found by a scan", back after an undone merge. */
export function foundWords(pair: DuplicatePair): string {
  switch (pair.foundBy) {
    case 'import':
      return 'Found by an import';
    case 'create':
      return 'Found when a record was added';
    case 'scan':
      return 'Found by a scan of all customers';
    case 'unmerge':
      return 'Back after their merge was undone';
    default:
      return `Found by ${pair.foundBy}`;
  }
}

export const pairName = (pair: DuplicatePair) => `${pair.first.displayName} and ${pair.second.displayName}`;

/** The score in bits, one decimal: 14.2. */
export const scoreWords = (score: number) => score.toLocaleString(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** What tells one record of a pair apart, short: "pos P-20931", its email, its phone (whatever it has; when it was added is said after). */
export const sideFacts = (side: DuplicateSide): string[] => [
  ...side.externalIds.map((x) => `${x.source} ${x.externalId}`),
  ...(side.email ? [side.email] : []),
  ...(side.phone ? [side.phone] : []),
];
