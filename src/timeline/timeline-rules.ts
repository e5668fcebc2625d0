import { formatPartialDate, type PartialDate } from '../common/partial-date.js';
import { badRequest } from '../platform/errors.js';
import { formatMoney } from '../platform/money.js';

/** Pure rules for the customer timeline: which kinds were asked for, how items order, how they read. */

/** Where an item sits in the stream: newest first, ties broken by id (ids are unique across kinds). */
export interface TimelineKey {
  at: string;
  id: string;
}

/** Plain code-unit order, as the databases order ISO times and lowercase UUIDs. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const newestFirst = (a: TimelineKey, b: TimelineKey): number => compare(b.at, a.at) || compare(b.id, a.id);

/** Is `item` strictly after `cursor` in the stream (older, or as old with a smaller id)? */
export const isAfterCursor = (item: TimelineKey, cursor: TimelineKey | null): boolean => cursor === null || newestFirst(cursor, item) < 0;

/**
 * One page from several sources, each already newest first and cut to at least limit + 1 items
 * after the cursor: the page is the first `limit` of the merge, and there is more when the merge
 * holds more than that.
 */
export function mergePage<T extends TimelineKey>(sources: readonly T[][], limit: number): { items: T[]; more: boolean } {
  const merged = sources.flat().sort(newestFirst);
  return { items: merged.slice(0, limit), more: merged.length > limit };
}

/** "interaction,note" to the kinds asked for; none means all. An unknown kind is a 400 naming /query/kinds. */
export function parseKinds(raw: string | undefined, known: readonly string[]): string[] {
  const asked = [...new Set((raw ?? '').split(',').map((k) => k.trim()).filter(Boolean))];
  const unknown = asked.filter((k) => !known.includes(k));
  if (unknown.length) {
    const message = `${unknown.map((k) => `"${k}"`).join(', ')} ${unknown.length === 1 ? 'is not a kind' : 'are not kinds'}; use ${known.join(', ')}`;
    throw badRequest(`/query/kinds ${message}`, [{ path: '/query/kinds', message }]);
  }
  return asked.length ? asked : [...known];
}

/** "phone_call" reads "Phone call". */
export const humanize = (word: string): string => {
  const spaced = word.replace(/_/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

/** The first line of a text, cut to `max` characters (whole characters, not UTF-16 halves) with an ellipsis. */
export function firstLine(text: string, max = 80): string {
  const line = (text.split(/\r?\n/).find((l) => l.trim()) ?? '').trim();
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max - 1).join('').trimEnd()}…` : line;
}

/** The whole text behind a title made with firstLine: null when the title already holds all of it. */
export function wholeText(text: string | null | undefined): string | null {
  const whole = text?.trim() ?? '';
  return whole && firstLine(whole) !== whole ? whole : null;
}

/** 4250 USD reads "$42.50", 500 JPY "¥500"; an unknown currency code still reads: "42.50 XYZ". */

/** Channels whose name is not simply the word capitalised. */
const channelNames: Record<string, string> = { sms: 'Text message', direct_mail: 'Direct mail', invoice_sent: 'Invoice sent', web_form: 'Web form' };

export const interactionTitle = (i: { channel: string; direction: string; summary: string }): string =>
  `${channelNames[i.channel] ?? humanize(i.channel)}, ${i.direction}: ${firstLine(i.summary)}`;

export function transactionTitle(t: { kind: string; amountMinor: number; currency: string; itemCount: number }): string {
  const items = t.itemCount > 0 ? ` (${t.itemCount} ${t.itemCount === 1 ? 'item' : 'items'})` : '';
  return `${humanize(t.kind)} ${formatMoney(t.amountMinor, t.currency)}${items}`;
}

export function lifeEventTitle(e: { title: string; date: PartialDate | null }): string {
  const when = e.date ? formatPartialDate(e.date) : '';
  return `Life event: ${e.title}${when ? ` (${when})` : ''}`;
}

export const noteTitle = (body: string): string => `Note: ${firstLine(body)}`;
