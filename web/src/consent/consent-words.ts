import type { ChannelConsent } from '../api/types';

/** The Consent panel's words. What a choice means for contacting them comes from the server (its `reason`). */

export type ConsentChannel = ChannelConsent['channel'];

export const channelLabel: Record<ConsentChannel, string> = {
  email: 'Email',
  phone: 'Phone calls',
  sms: 'Text messages',
  post: 'Post',
};

export const statusLabel: Record<ChannelConsent['status'], string> = {
  opted_in: 'Opted in',
  opted_out: 'Opted out',
  not_recorded: 'Not recorded',
};

/** "2026-03-03" as the reader's locale writes a day ("3 March 2026"). */
export const dayWords = (day: string): string =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Today on the reader's calendar, YYYY-MM-DD (what a date field holds). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "3 March 2026 · told us at the counter · recorded by Tom Becker". */
export function consentDetail(c: ChannelConsent): string {
  if (c.status === 'not_recorded' || !c.givenOn) return 'Nobody has asked yet.';
  return [dayWords(c.givenOn), c.source, c.recordedByName ? `recorded by ${c.recordedByName}` : null].filter(Boolean).join(' · ');
}
