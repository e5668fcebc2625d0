import { plural } from '../ui/format';
import type { MailingChannel, Upload } from './mailing-api';

/** The words of the Mailings page. */

export const channelWords: Record<MailingChannel, string> = {
  direct_mail: 'Direct mail (a catalogue, a flyer)',
  newsletter: 'Newsletter',
  invoice_sent: 'Invoices',
  letter: 'Letter',
};

export const channelShort: Record<MailingChannel, string> = { direct_mail: 'Direct mail', newsletter: 'Newsletter', invoice_sent: 'Invoices', letter: 'Letter' };

/** The day a mailing went out, as a person reads it (a day is stored at noon UTC: the same day everywhere). */
export const sentDay = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Today in the browser's calendar, as the date input wants it. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "Logged for 3 customers; 1 row named someone who had it already; 2 rows could not be placed." */
export function uploadSentence(u: Upload): string {
  if (u.status === 'failed') return `The file could not be gone through: ${u.error ?? 'try again'}.`;
  if (u.status !== 'done') return `Logging ${u.fileName}: ${u.processedRows} of ${u.totalRows || '…'} rows…`;
  const parts = [`Logged for ${plural(u.logged, 'customer')}`];
  if (u.already) parts.push(`${plural(u.already, 'row')} named someone who had it already`);
  parts.push(u.problemRows ? `${plural(u.problemRows, 'row')} could not be placed` : 'every row was placed');
  return `${parts.join('; ')}.`;
}
