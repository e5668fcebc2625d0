import { everTold, isDueWithinDay, isOverdue, needsTelling, slipsOf, type Due, type RevisionFacts } from './promise-rules.js';
import { localDate, localTime } from './promise-time.js';

/**
 * Promises in plain words, for the brief, the timeline and the customer's own page. Pure. Dates are
 * read in the promise's time zone: "12 March", "12 March 2027", "12 March at 15:00".
 */

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "12 March", with the year when it is not this year (or always). */
export function dayWords(day: string, options: { year: 'always' | 'when-other'; today?: string } = { year: 'always' }): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const words = `${d} ${monthNames[m - 1]}`;
  return options.year === 'always' || !options.today || options.today.slice(0, 4) !== String(y).padStart(4, '0') ? `${words} ${y}` : words;
}

/** A due date in words, in the time zone it is read in. */
export function dueWords(due: Due, timezone: string, options: { year: 'always' | 'when-other'; now?: Date } = { year: 'always' }): string {
  const today = options.now ? localDate(options.now, timezone) : undefined;
  const dayOptions = { year: options.year, ...(today ? { today } : {}) };
  if (due.dueOn !== null) return dayWords(due.dueOn, dayOptions);
  const at = Date.parse(due.dueAt!);
  return `${dayWords(localDate(at, timezone), dayOptions)} at ${localTime(at, timezone)}`;
}

export const times = (n: number): string => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

export const capitalize = (text: string): string => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);

/** A reason as the end of a sentence: trimmed, ending with a full stop. */
export const sentenceEnd = (text: string): string => {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

/** One change of the date: "On 3 June 2027 the date moved from 12 March 2027 to 23 April 2027. Why: a backlog at the supplier." */
export function changeSentence(change: { createdAt: string; from: Due; to: Due; reason: string }, timezone: string): string {
  const on = dayWords(localDate(Date.parse(change.createdAt), timezone));
  return `On ${on} the date moved from ${dueWords(change.from, timezone)} to ${dueWords(change.to, timezone)}. Why: ${sentenceEnd(change.reason)}`;
}

/** What the brief needs of an open promise. */
export interface PromiseBriefFact {
  what: string;
  status: 'open';
  due: Due;
  originalDue: Due;
  dueBy: string;
  timezone: string;
  ownerName: string | null;
  revisions: RevisionFacts[];
}

const shown = 5;

/**
 * The brief's lines about open promises ("What we owe them"): overdue ones first, then by due date;
 * and the prompt when one slipped and the customer was never told. Attention when one is overdue or
 * the customer has not been told of a change.
 */
export function promiseSentences(promises: readonly PromiseBriefFact[], customerName: string, now: Date): { sentences: string[]; attention: boolean } {
  const open = [...promises].filter((p) => p.status === 'open').sort((a, b) => a.dueBy.localeCompare(b.dueBy));
  const sentences: string[] = [];
  let attention = false;
  for (const p of open.slice(0, shown)) {
    const when = dueWords(p.due, p.timezone, { year: 'when-other', now });
    const whose = p.ownerName ? ` (${p.ownerName}'s promise)` : '';
    if (isOverdue(p, now)) {
      attention = true;
      sentences.push(`Overdue since ${when}: ${p.what}${whose}.`);
    } else if (isDueWithinDay(p, now)) {
      sentences.push(`Due by ${when}: ${p.what}${whose}.`);
    } else {
      sentences.push(`Promised by ${when}: ${p.what}${whose}.`);
    }
    if (needsTelling(p)) {
      attention = true;
      const slips = slipsOf(p.revisions);
      const moved = slips > 0 ? `slipped ${times(slips)}` : `changed ${times(p.revisions.length)}`;
      const told = everTold(p.revisions) ? 'was not told of the latest change' : 'was never told';
      const first = dueWords(p.originalDue, p.timezone, { year: 'when-other', now });
      sentences.push(`${capitalize(p.what)}, promised for ${first}, ${moved} and ${customerName} ${told}: explain and apologise.`);
    }
  }
  if (open.length > shown) sentences.push(`And ${open.length - shown} more open ${open.length - shown === 1 ? 'promise' : 'promises'}.`);
  return { sentences, attention };
}
