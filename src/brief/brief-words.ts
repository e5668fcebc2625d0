/** Small wording helpers for the brief: relative times, money, lists. English for now. */

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const day = 24 * 60 * 60 * 1000;

/** "today", "yesterday", "3 days ago", "last month", "2 years ago". */
export function ago(iso: string, now: Date): string {
  const diff = Date.parse(iso) - now.getTime();
  const days = Math.round(diff / day);
  if (Math.abs(days) < 1) {
    const hours = Math.round(diff / (60 * 60 * 1000));
    return Math.abs(hours) < 1 ? 'just now' : relative.format(hours, 'hour');
  }
  if (Math.abs(days) < 14) return relative.format(days, 'day');
  if (Math.abs(days) < 60) return relative.format(Math.round(days / 7), 'week');
  if (Math.abs(days) < 365) return relative.format(Math.round(days / 30), 'month');
  return relative.format(Math.round(days / 365), 'year');
}

/** "a, b and c". */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const channelWords: Record<string, string> = {
  call: 'a call',
  voicemail: 'a voicemail',
  missed_call: 'a missed call',
  email: 'an email',
  visit: 'a visit',
  meeting: 'a meeting',
  sms: 'a text message',
  chat: 'a chat',
  letter: 'a letter',
  web_form: 'a web form',
  direct_mail: 'a mailing',
  newsletter: 'a newsletter',
  invoice_sent: 'an invoice',
  service_call: 'a service call',
  other: 'a contact',
};
export const channelPhrase = (channel: string): string => channelWords[channel] ?? 'a contact';

/** "Spring catalogue 2027 (a mailing) 6 days ago": mass mail by its campaign's name, its kind and when it went out. */
export const mailPhrase = (mail: { name: string; channel: string; occurredAt: string }, now: Date): string =>
  `${mail.name.replace(/[\s.]+$/u, '')} (${channelPhrase(mail.channel)}) ${ago(mail.occurredAt, now)}`;

export const capitalize = (text: string): string => (text ? text[0]!.toUpperCase() + text.slice(1) : text);
