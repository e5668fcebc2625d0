import type { DateOrder } from './date-values.js';

/**
 * Which way round a file writes its dates, when the person importing has not said: 03/04/1985 is
 * 4 March in an American file and 3 April in a British or French one, and one file is nearly always
 * written one way. A date whose first number is over 12 (14/03/1980) can only be day first, one whose
 * second is (03/14/1980) only month first; the file's dates decide for all of its dates. When none of
 * them decides (or they disagree), the shop's region does: month first where people write dates so
 * (the United States and a few places that follow it), day first elsewhere.
 */

/** Regions whose people write numeric dates month first. */
const monthFirstRegions = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'PH', 'FM', 'MH', 'PW', 'CA']);

/** Numeric dates with slashes or dashes and a year ("03/04/1985", "3-4-85"), not part of a longer number. */
const numericDate = /(?<![\d/.-])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/-])/g;
/** A day and month without a year, alone in a cell (Mailchimp writes birthdays "11/30"). */
const yearlessDate = /(?<=^|[,;\t"])(\d{1,2})(\/)(\d{1,2})(?=[,;\t"\r\n]|$)/gm;

export interface InferredDateOrder {
  order: DateOrder;
  /** What to tell the person importing: which order was taken and why, when the file has dates it matters for. */
  note: string | null;
}

const written = (order: DateOrder) => (order === 'day-first' ? 'day first' : 'month first');

export function inferDateOrder(text: string, phoneRegion: string): InferredDateOrder {
  let dayFirst: string | null = null;
  let monthFirst: string | null = null;
  let ambiguous: string | null = null;
  for (const m of [...text.matchAll(numericDate), ...text.matchAll(yearlessDate)]) {
    const [first, second] = [Number(m[1]), Number(m[3])];
    if (first > 12 && second >= 1 && second <= 12) dayFirst ??= m[0];
    else if (second > 12 && first >= 1 && first <= 12) monthFirst ??= m[0];
    else if (first >= 1 && first <= 12 && second >= 1 && second <= 12 && first !== second) ambiguous ??= m[0];
    if (dayFirst && monthFirst) break;
  }
  const regional: DateOrder = monthFirstRegions.has(phoneRegion.toUpperCase()) ? 'month-first' : 'day-first';
  if (dayFirst && !monthFirst) return { order: 'day-first', note: ambiguous ? `Dates such as ${ambiguous} were read day first, as ${dayFirst} in the same file shows.` : null };
  if (monthFirst && !dayFirst) return { order: 'month-first', note: ambiguous ? `Dates such as ${ambiguous} were read month first, as ${monthFirst} in the same file shows.` : null };
  if (dayFirst && monthFirst) {
    return { order: regional, note: `The file writes dates both ways (${dayFirst}, ${monthFirst}): dates such as ${ambiguous ?? '03/04/1985'} were read ${written(regional)}, as the shop's region writes them. Check them, or choose the order.` };
  }
  return { order: regional, note: ambiguous ? `Dates such as ${ambiguous} were read ${written(regional)}, as the shop's region writes them; choose the other order if the file does not.` : null };
}
