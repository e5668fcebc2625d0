import { ago, channelPhrase } from '../brief/brief-words.js';
import type { Actor } from '../platform/auth/actor.js';
import type { TodayItem, TodayProvider } from '../today/today-section.js';
import { countDue, countWaiting, duePage, waitingPage, type DueScope, type WaitingScope } from './contact-lists-store.js';
import { cadenceWords, channelsOf, messagesWords, teamLocations } from './contact-state-rules.js';

/**
 * Today's sections from the contact state: customers waiting on me, and keep-in-touch due. Mine:
 * customers I keep in touch with, or (waiting) whose last contact was with me; a manager's also
 * cover every customer of their locations (all locations for an admin or a manager of none).
 */

const listed = 10;
/** Counted no further than this for "and N more". */
const countCap = 1000;
const dayMs = 86_400_000;

const teamScopes = (actor: Actor): { locationId: string }[] | { all: true }[] => {
  const team = teamLocations(actor);
  if (team === null) return [];
  return team === 'all' ? [{ all: true }] : team.map((locationId) => ({ locationId }));
};

export function waitingScopes(actor: Actor): WaitingScope[] {
  return [{ keepOwnerId: actor.staffId }, { lastContactStaffId: actor.staffId }, ...teamScopes(actor)];
}

export function dueScopes(actor: Actor): DueScope[] {
  return [{ keepOwnerId: actor.staffId }, ...teamScopes(actor)];
}

/** How one answers a message that came by this channel. */
const replyChannel = (channel: string) => (channel === 'voicemail' || channel === 'missed_call' ? 'call' : channel === 'web_form' ? 'email' : channel);
const countPhrase = (channel: string, n: number) => (n === 1 ? channelPhrase(channel) : `${n} ${channelPhrase(channel).replace(/^an? /, '')}s`);

export const waitingOnMe: TodayProvider = async (db, actor, now) => {
  const scopes = waitingScopes(actor);
  const [rows, total] = await Promise.all([waitingPage(db, scopes, null, listed), countWaiting(db, scopes, countCap)]);
  const items: TodayItem[] = rows.map((r) => {
    const channels = channelsOf(r.waitingChannels);
    const what = messagesWords(channels, r.waitingCount, countPhrase);
    return {
      id: r.customerId,
      customerId: r.customerId,
      customerName: r.displayName,
      title: `Waiting for an answer since ${ago(r.waitingSince, now)}: ${what}`,
      detail: r.firstSummary,
      at: r.waitingSince,
      attention: now.getTime() - Date.parse(r.waitingSince) > dayMs,
      action: {
        label: 'Log a reply',
        method: 'POST',
        path: '/interactions',
        body: { customerId: r.customerId, channel: replyChannel(channels[0] ?? 'call'), direction: 'outbound', summary: `Answered their ${what.replace(/^an? /, '')}.` },
      },
    };
  });
  return { key: 'waiting', heading: 'Customers waiting on you', items, more: Math.max(0, total - items.length) };
};

export const keepInTouchDue: TodayProvider = async (db, actor, now) => {
  const scopes = dueScopes(actor);
  const at = now.toISOString();
  const [rows, total] = await Promise.all([duePage(db, scopes, at, null, listed), countDue(db, scopes, at, countCap)]);
  const items: TodayItem[] = rows.map((r) => ({
    id: r.customerId,
    customerId: r.customerId,
    customerName: r.displayName,
    title: `${r.lastContactAt ? `Last seen ${ago(r.lastContactAt, now)}` : 'Not seen yet'}; ${r.ownerId === actor.staffId ? 'you keep' : r.ownerName ? `${r.ownerName} keeps` : 'we keep'} in touch ${cadenceWords(r.everyDays)}`,
    detail: r.locationName,
    at: r.dueAt,
    attention: true,
    action: { label: 'Log a call', method: 'POST', path: '/interactions', body: { customerId: r.customerId, channel: 'call', direction: 'outbound', summary: 'Called to keep in touch.' } },
  }));
  return { key: 'keep_in_touch', heading: 'Keep in touch', items, more: Math.max(0, total - items.length) };
};
