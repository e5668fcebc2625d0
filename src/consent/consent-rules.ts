import { unprocessable } from '../platform/errors.js';

/**
 * Consent: whether a customer may be contacted on a channel, and why, in words a person reads.
 * Pure: no database, no clock (today is passed in).
 *
 * Email written to a customer from their page (src/email-out/) asks `contactPermission` before it
 * is sent, the only contact Rapport makes itself. The rule also feeds the brief, the Consent panel
 * and the warning when someone logs an outbound contact.
 */

export const consentChannels = ['email', 'phone', 'sms', 'post'] as const;
export type ConsentChannel = (typeof consentChannels)[number];
export type ConsentStatus = 'opted_in' | 'opted_out';

export interface ChannelConsent {
  channel: ConsentChannel;
  status: ConsentStatus;
  /** The day the customer gave it, YYYY-MM-DD. */
  givenOn: string;
  /** Where it came from: "told us at the counter", "web form", "import: newsletter list". */
  source: string | null;
}

export interface DoNotContact {
  /** YYYY-MM-DD. */
  since: string;
  reason: string;
}

export interface CustomerConsent {
  channels: readonly ChannelConsent[];
  doNotContact: DoNotContact | null;
}

/**
 * Why a contact is or is not allowed:
 * - do_not_contact: the customer asked not to be contacted at all (overrides every channel);
 * - opted_out / opted_in: what they chose for this channel;
 * - not_recorded: nobody recorded a choice for this channel;
 * - not_needed: a contact that uses none of the four channels (a visit, a meeting).
 */
export type PermissionBasis = 'do_not_contact' | 'opted_out' | 'opted_in' | 'not_recorded' | 'not_needed';

export interface ContactPermission {
  allowed: boolean;
  basis: PermissionBasis;
  /** In words: "opted out of email on 3 March 2026 (web form)". */
  reason: string;
}

/** The channel as a person says it after "opted out of": email, phone calls, text messages, post. */
export const channelNoun: Record<ConsentChannel, string> = {
  email: 'email',
  phone: 'phone calls',
  sms: 'text messages',
  post: 'post',
};

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-03-03" → "3 March 2026" (the text as given when it is not a day). */
export function dayInWords(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const month = match ? months[Number(match[2]) - 1] : undefined;
  return match && month ? `${Number(match[3])} ${month} ${Number(match[1])}` : day;
}

const withSource = (text: string, source: string | null) => (source?.trim() ? `${text} (${source.trim()})` : text);

/** "do not contact since 3 March 2026 (moved abroad)". */
export const doNotContactWords = (dnc: DoNotContact): string => withSource(`do not contact since ${dayInWords(dnc.since)}`, dnc.reason);

/** What one recorded choice says: "opted out of email on 3 March 2026 (web form)". */
export function consentWords(consent: ChannelConsent): string {
  const verb = consent.status === 'opted_in' ? 'opted in to' : 'opted out of';
  return withSource(`${verb} ${channelNoun[consent.channel]} on ${dayInWords(consent.givenOn)}`, consent.source);
}

/**
 * May we contact this customer on this channel? Do-not-contact wins over everything; then the
 * channel's own choice. Unknown consent is "not recorded" and allowed: nothing says no, and
 * Rapport sends nothing but service contact (a reply, a callback, a promise kept); it has no
 * marketing sending, which would need an opt-in instead.
 */
export function contactPermission(consent: CustomerConsent, channel: ConsentChannel): ContactPermission {
  if (consent.doNotContact) return { allowed: false, basis: 'do_not_contact', reason: doNotContactWords(consent.doNotContact) };
  const recorded = consent.channels.find((c) => c.channel === channel);
  if (!recorded) return { allowed: true, basis: 'not_recorded', reason: `nothing recorded for ${channelNoun[channel]}` };
  return { allowed: recorded.status === 'opted_in', basis: recorded.status, reason: consentWords(recorded) };
}

/** The consent channel an interaction uses, if any (a visit or a meeting uses none). */
const byInteraction: Record<string, ConsentChannel> = {
  call: 'phone',
  voicemail: 'phone',
  missed_call: 'phone',
  email: 'email',
  sms: 'sms',
  letter: 'post',
  direct_mail: 'post',
  newsletter: 'email',
};
export const consentChannelOf = (interactionChannel: string): ConsentChannel | null => byInteraction[interactionChannel] ?? null;

/** Whether reaching out on an interaction channel (a call, a letter) goes against what the customer asked. */
export function outboundPermission(consent: CustomerConsent, interactionChannel: string): ContactPermission {
  const channel = consentChannelOf(interactionChannel);
  if (channel) return contactPermission(consent, channel);
  if (consent.doNotContact) return { allowed: false, basis: 'do_not_contact', reason: doNotContactWords(consent.doNotContact) };
  return { allowed: true, basis: 'not_needed', reason: 'no consent needed for this kind of contact' };
}

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The day a choice was given, checked: a real calendar day, not after today (a day of slack for
 * time zones ahead of the server's), not before 1900. Defaults to today.
 */
export function checkDay(day: string | undefined, today: string, path: string): string {
  if (day === undefined) return today;
  const time = Date.parse(`${day}T00:00:00Z`);
  if (!dayPattern.test(day) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) throw unprocessable(path, 'must be a day, YYYY-MM-DD');
  if (time > Date.parse(`${today}T00:00:00Z`) + 86_400_000) throw unprocessable(path, 'cannot be in the future');
  if (day < '1900-01-01') throw unprocessable(path, 'must be 1900 or later');
  return day;
}
