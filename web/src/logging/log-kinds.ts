/** What the quick-log bar offers, and which form each opens. */

export type FormKind = 'interaction' | 'transaction' | 'note' | 'life-event' | 'project' | 'promise';

export interface LogChoice {
  id: string;
  label: string;
  form: FormKind;
  /** The channel or transaction kind the form starts with. */
  preset?: string;
  /** A single key that opens it when no field has focus. */
  key?: string;
}

export const logChoices: LogChoice[] = [
  { id: 'visit', label: 'Visit', form: 'interaction', preset: 'visit', key: 'v' },
  { id: 'call', label: 'Call', form: 'interaction', preset: 'call', key: 'c' },
  { id: 'email', label: 'Email', form: 'interaction', preset: 'email', key: 'e' },
  { id: 'other', label: 'Other contact', form: 'interaction', preset: 'other', key: 'o' },
  { id: 'purchase', label: 'Purchase', form: 'transaction', preset: 'purchase', key: 'p' },
  { id: 'return', label: 'Return', form: 'transaction', preset: 'return', key: 'r' },
  { id: 'refund', label: 'Refund', form: 'transaction', preset: 'refund' },
  { id: 'note', label: 'Note', form: 'note', key: 'n' },
  { id: 'life-event', label: 'Life event', form: 'life-event', key: 'l' },
  { id: 'project', label: 'Project', form: 'project', key: 'j' },
  { id: 'promise', label: 'Promise', form: 'promise', key: 'k' },
];

/** The values the API accepts (interaction, transaction and life-event schemas), with words for people. */
export const channels: [string, string][] = [
  ['visit', 'Visit'],
  ['call', 'Call'],
  ['voicemail', 'Voicemail'],
  ['missed_call', 'Missed call'],
  ['email', 'Email'],
  ['meeting', 'Meeting'],
  ['sms', 'Text message'],
  ['chat', 'Chat'],
  ['letter', 'Letter'],
  ['web_form', 'Web form'],
  ['service_call', 'Service call'],
  ['other', 'Other'],
];
export const moods = ['happy', 'neutral', 'worried', 'frustrated', 'angry'] as const;
export const transactionKinds = ['purchase', 'return', 'refund', 'payment', 'credit'] as const;
export const lifeEventKinds: [string, string][] = [
  ['birth', 'Birth'],
  ['marriage', 'Marriage'],
  ['moved_home', 'Moved home'],
  ['new_job', 'New job'],
  ['retirement', 'Retirement'],
  ['graduation', 'Graduation'],
  ['school_start', 'Started school or college'],
  ['illness', 'Illness'],
  ['bereavement', 'Bereavement'],
  ['anniversary', 'Anniversary'],
  ['other', 'Other'],
];

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const channelWord = (channel: string) => channels.find(([c]) => c === channel)?.[1] ?? capitalize(channel.replace(/_/g, ' '));
