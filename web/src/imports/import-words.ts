import type { Import, ImportCounts, ImportStart, ImportUndo } from '../api/types';
import { plural } from '../ui/format';

/** The words of the import screen: what a file holds, where an import stands, what its check found. */

export type ImportKind = Import['kind'];
export type ImportChannel = NonNullable<ImportStart['channel']>;
export type ImportDirection = NonNullable<ImportStart['direction']>;

export const kindWords: Record<ImportKind, string> = {
  customers: 'Customers',
  transactions: 'Purchases and payments',
  interactions: 'Contacts (calls, tickets, emails)',
};

/** Short, for the list of past imports. */
export const kindShort: Record<ImportKind, string> = { customers: 'customers', transactions: 'purchases', interactions: 'contacts' };

export const statusWords: Record<Import['status'], string> = {
  checking: 'Being checked',
  checked: 'Checked, not imported',
  importing: 'Importing',
  done: 'Imported',
  failed: 'Failed',
  undoing: 'Being undone',
  undone: 'Undone',
};

/** Every channel the API takes for a contact, in words; the ones files usually hold first. */
const channelWords: Record<ImportChannel, string> = {
  newsletter: 'Newsletter',
  service_call: 'Service call',
  email: 'Email',
  call: 'Call',
  sms: 'Text message',
  direct_mail: 'Direct mail',
  letter: 'Letter',
  invoice_sent: 'Invoice sent',
  visit: 'Visit',
  voicemail: 'Voicemail',
  missed_call: 'Missed call',
  meeting: 'Meeting',
  chat: 'Chat',
  web_form: 'Web form',
  other: 'Other',
};
export const importChannels = Object.entries(channelWords) as [ImportChannel, string][];

/** The systems a shop's files usually come from: suggestions, any name will do. */
export const sourceSuggestions = ['pos', 'newsletter', 'service-desk', 'google-contacts'];

/** The browser's time zone, where the times of a file written here most likely are. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The time zones the browser knows, for suggestions (an older browser offers none; any name is still checked by the server). */
export function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** The Content-Type a file goes up with: the server reads the format from the name and the first bytes. */
export function contentTypeOf(file: File): string {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'text/csv';
  if (ext === 'vcf' || ext === 'vcard') return 'text/vcard';
  return 'application/octet-stream';
}

/** "Would create 5, update 0, already there 0, 0 to review as possible duplicates, 0 with problems." */
export function checkSentence(c: ImportCounts): string {
  return `Would create ${c.created}, update ${c.updated}, already there ${c.unchanged}, ${c.review} to review as possible duplicates, ${c.problems} with problems.`;
}

/** "Created 3, updated 1, already there 0, 1 to review as possible duplicates, 0 with problems." */
export function resultSentence(c: ImportCounts): string {
  return `Created ${c.created}, updated ${c.updated}, already there ${c.unchanged}, ${c.review} to review as possible duplicates, ${c.problems} with problems.`;
}

/** What the list says of an import's counts: the result once imported, else what the check found. */
export function countsLine(i: Import): string | null {
  if (i.result && (i.status === 'done' || i.status === 'undoing' || i.status === 'undone' || i.status === 'failed')) {
    const r = i.result;
    return `${plural(r.records, 'record')}: ${r.created} created, ${r.updated} updated, ${r.unchanged} already there, ${r.review} to review, ${r.problems} with problems.`;
  }
  if (i.check) {
    const c = i.check;
    return `${plural(c.records, 'record')} checked: would create ${c.created}, update ${c.updated}; ${c.review} to review, ${c.problems} with problems.`;
  }
  return null;
}

/** Why an import failed, in words. */
export function failureSentence(i: Import): string {
  const why = i.error ?? 'Rapport did not say why.';
  return i.checkedAt === null ? `The file could not be read: ${why}` : `The import stopped: ${why}`;
}

/** What Undo does, said before it is done. */
export const undoHint =
  'The customers it created go to the trash, with everything recorded about them since; what it added to customers already there goes to the trash too; the fields it filled in are emptied again unless someone has changed them since. A manager can restore them from the trash.';

export function undoneSentence(r: ImportUndo): string {
  return `Import undone: ${plural(r.trashed, 'record')} moved to the trash, ${plural(r.cleared, 'field')} emptied again.`;
}
