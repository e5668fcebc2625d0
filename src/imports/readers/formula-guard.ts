/**
 * A spreadsheet runs a cell that begins with = + - or @ as a formula: a customer named
 * "=HYPERLINK(...)" in an export opened in Excel could fetch a web page. Rapport's CSV writer puts an
 * apostrophe before such a cell (Excel shows the text, not a formula) and the readers take it off
 * again, so a round trip gives back the name as it was. A phone number ("+1 555 0100", "-5") is
 * left alone: it is digits, not a formula.
 */

const risky = /^[=+\-@\t\r]/;
const number = /^[+-]?[\d\s().-]*$/;

/**
 * An apostrophe other systems put before digits so that a spreadsheet keeps them as text (Shopify
 * writes '+12175550123, '02134 and '6543210987654: a plus, a leading zero, a long id).
 */
const textMarker = /^'(?=[+\d])[+\d\s().-]*$/;

/**
 * Whether a cell needs the guard: it would run, or it already looks guarded or marked as text (so
 * reading it back cannot strip a real apostrophe).
 */
const needsGuard = (cell: string): boolean => (risky.test(cell) && !number.test(cell)) || textMarker.test(cell) || (cell.startsWith("'") && needsGuard(cell.slice(1)));

/** A cell as written to a CSV file: with an apostrophe before it when a spreadsheet would run it. */
export const guardFormula = (cell: string): string => (needsGuard(cell) ? `'${cell}` : cell);

/**
 * A cell as read: the guard's apostrophe taken off (the exact inverse of guardFormula), and another
 * system's text marker before digits (guardFormula guards a value that begins like one, so that it
 * comes back as it was).
 */
export const unguardFormula = (cell: string): string => (cell.startsWith("'") && (needsGuard(cell.slice(1)) || textMarker.test(cell)) ? cell.slice(1) : cell);
