import type { CustomerPromise, PromiseRevision } from '../api/types';

/**
 * Promises in words, as the server writes them in the brief and on the customer's page: days as
 * "12 March 2027", read in the time zone of the place the promise belongs to.
 */

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "12 March 2027" from YYYY-MM-DD. */
export const dayWords = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

/** "12 March 2027", or "12 March 2027 at 15:00" in the promise's time zone. */
export function dueWords(due: { dueOn: string | null; dueAt: string | null }, timezone: string): string {
  if (due.dueOn) return dayWords(due.dueOn);
  if (!due.dueAt) return '';
  const at = new Date(due.dueAt);
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: timezone }).format(at);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: timezone }).format(at);
  return `${day} at ${time}`;
}

export const times = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);

/** The one line under a promise's title: when it is due (or was kept), and whose it is. */
export function statusLine(p: CustomerPromise): string {
  const due = dueWords(p, p.timezone);
  switch (p.status) {
    case 'open':
      return p.overdue ? `Overdue: it was due by ${due}` : `Due by ${due}`;
    case 'kept':
      return `Kept${p.keptAt ? ` on ${dueWords({ dueOn: null, dueAt: p.keptAt }, p.timezone).replace(/ at .*$/, '')}` : ''}`;
    case 'broken':
      return `Broken${p.closedReason ? `: ${p.closedReason}` : ''}`;
    case 'cancelled':
      return `Cancelled${p.closedReason ? `: ${p.closedReason}` : ''}`;
  }
}

/** "Slipped twice and never told: explain and apologise." */
export function tellingPrompt(p: CustomerPromise): string | null {
  if (!p.needsTelling) return null;
  const moved = p.slips > 0 ? `Slipped ${times(p.slips)}` : `Changed ${times(p.revisions.length)}`;
  return `${moved} and ${p.customerEverTold ? 'not told of the latest change' : 'never told'}: explain and apologise.`;
}

const channelWords: Record<string, string> = { call: 'by phone', email: 'by email', sms: 'by text message', letter: 'by letter', visit: 'in person', meeting: 'at a meeting', chat: 'by chat', other: '' };

/** One change of date in the history: "Moved from 12 March 2027 to 23 April 2027 by Sam Delgado: a backlog. The customer was not told." */
export function revisionWords(r: PromiseRevision, timezone: string): string {
  const from = dueWords({ dueOn: r.fromDueOn, dueAt: r.fromDueAt }, timezone);
  const to = dueWords({ dueOn: r.toDueOn, dueAt: r.toDueAt }, timezone);
  const reason = r.reason.trim().replace(/[.!?]+$/, '');
  const how = channelWords[r.toldChannel ?? 'other'] ?? '';
  const by = r.toldByName && r.toldByName !== r.createdByName ? ` by ${r.toldByName}` : '';
  const told = r.toldAt ? `Told${how ? ` ${how}` : ''}${by}${r.apologised ? ', with an apology' : ''}.` : 'The customer was not told.';
  return `Moved from ${from} to ${to}${r.createdByName ? ` by ${r.createdByName}` : ''}: ${reason}. ${told}`;
}

/** The ways of telling a customer, as the API names them, with words for people. */
export const toldChannels: [string, string][] = [
  ['call', 'Phone call'],
  ['email', 'Email'],
  ['sms', 'Text message'],
  ['letter', 'Letter'],
  ['visit', 'In person'],
  ['meeting', 'Meeting'],
  ['chat', 'Chat'],
  ['other', 'Another way'],
];

/** A day and an optional time typed in this browser, as the API wants them: dueOn, or dueAt (local time). */
export function dueInput(day: string, time: string): { dueOn: string } | { dueAt: string } | null {
  if (!day) return null;
  if (!time) return { dueOn: day };
  const at = new Date(`${day}T${time}`);
  return Number.isNaN(at.getTime()) ? null : { dueAt: at.toISOString() };
}

/** Today in this browser, YYYY-MM-DD (the smallest sensible due day). */
export function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
