/** Words for waiting customers and keeping in touch, as a person says them. */

const dayMs = 86_400_000;
const two = (n: number) => String(n).padStart(2, '0');
const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();

/** "today 09:10", "yesterday 16:05", "Monday 16:05", "3 March 16:05", "3 March 2025 16:05" (local time, 24-hour clock). */
export function sinceWords(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const clock = `${two(at.getHours())}:${two(at.getMinutes())}`;
  const days = Math.round((startOfDay(now) - startOfDay(at)) / dayMs);
  if (days <= 0) return `today ${clock}`;
  if (days === 1) return `yesterday ${clock}`;
  if (days < 7) return `${at.toLocaleDateString('en-GB', { weekday: 'long' })} ${clock}`;
  const sameYear = at.getFullYear() === now.getFullYear();
  return `${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', ...(sameYear ? {} : { year: 'numeric' }) })} ${clock}`;
}

const channelNouns: Record<string, [string, string]> = {
  call: ['a call', 'calls'],
  voicemail: ['a voicemail', 'voicemails'],
  missed_call: ['a missed call', 'missed calls'],
  email: ['an email', 'emails'],
  sms: ['a text message', 'text messages'],
  chat: ['a chat', 'chats'],
  letter: ['a letter', 'letters'],
  web_form: ['a web form', 'web forms'],
};

/** "a voicemail and an email", "3 emails and a call": the waiting messages by channel, in the order they came. */
export function messagesWords(channels: readonly string[], total: number): string {
  const counts = new Map<string, number>();
  for (const c of channels) counts.set(c, (counts.get(c) ?? 0) + 1);
  const parts = [...counts].map(([c, n]) => {
    const [one, many] = channelNouns[c] ?? ['a message', 'messages'];
    return n === 1 ? one : `${n} ${many}`;
  });
  if (total > channels.length) parts.push(`${total - channels.length} more`);
  return parts.length <= 1 ? (parts[0] ?? 'a message') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "every 3 months", "every 2 weeks", "every 45 days" (as the server words it). */
export function cadenceWords(days: number): string {
  const unit = (n: number, one: string) => (n === 1 ? `every ${one}` : `every ${n} ${one}s`);
  if (days % 365 === 0) return unit(days / 365, 'year');
  if (days % 30 === 0) return unit(days / 30, 'month');
  if (days % 7 === 0) return unit(days / 7, 'week');
  return unit(days, 'day');
}

/** The cadences offered first; any number of days is possible too. */
export const cadences: [number, string][] = [
  [30, 'Every month'],
  [60, 'Every 2 months'],
  [90, 'Every 3 months'],
  [180, 'Every 6 months'],
  [365, 'Every year'],
];
