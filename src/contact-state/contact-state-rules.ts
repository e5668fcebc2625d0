/**
 * Who is waiting for an answer, and who is due a contact: pure rules, no database. The store
 * (contact-state-store.ts) reads the facts for a batch of customers and turns them into rows with
 * `contactStateOf`, on every write that changes them and in the rebuild, so there is one definition.
 *
 * - A message that expects an answer: an inbound contact on a channel where the customer reached out
 *   and waits (a voicemail, an email, a text, a chat, a letter, a web form), unless its outcome says
 *   it was dealt with ("solved", "closed": a service desk's ticket imported with its status, whose
 *   replies the export does not hold). A call someone took is
 *   a conversation, not a message: a call nobody answered is logged as a voicemail, or, with the
 *   phone system connected (src/phone/), as a missed call.
 * - An answer: any later outbound contact that is personal (not a mailing, a newsletter or an
 *   invoice sent), or a conversation (a call, a visit or a meeting, either way), at the same moment
 *   or later. One answer answers everything before it, on every channel and case: one
 *   person with a voicemail and an email is one waiting person, waiting since the first of them.
 *   A mailing's copy (src/mailings/: an interaction with a mailing_id) is never personal, whatever
 *   its channel: a letter sent to every customer answers no one and keeps no one in touch.
 * - Keeping in touch: the last personal contact or any transaction, plus the cadence; without any
 *   contact yet, the day the cadence was set plus the cadence.
 */

export const awaitingChannels = ['voicemail', 'missed_call', 'email', 'sms', 'chat', 'letter', 'web_form'] as const;
/** Sent to many, or by a system: not an answer, and not keeping in touch. */
export const massChannels = ['newsletter', 'direct_mail', 'invoice_sent'] as const;
/** Conversations: whatever they called or came about was talked through there and then. */
export const faceToFaceChannels = ['call', 'visit', 'meeting'] as const;

const has = (list: readonly string[], value: string) => list.includes(value);

/** Outcomes that say a message was dealt with, as service desks write a ticket's status (compared trimmed, in lower case). */
export const closingOutcomes = ['solved', 'closed', 'resolved', 'done', 'answered', 'replied', 'erledigt', 'geschlossen', 'gelöst', 'beantwortet'] as const;
const closes = (outcome: string | null | undefined): boolean => outcome != null && has(closingOutcomes, outcome.trim().toLowerCase());

export const expectsAnswer = (channel: string, direction: string, outcome: string | null = null): boolean => direction === 'inbound' && has(awaitingChannels, channel) && !closes(outcome);
export const answers = (channel: string, direction: string): boolean =>
  (direction === 'outbound' && !has(massChannels, channel)) || has(faceToFaceChannels, channel);
export const isPersonal = (channel: string): boolean => !has(massChannels, channel);

export const maxEveryDays = 3650;
/** Channels kept per customer for the words ("a voicemail and 2 emails"); the count is kept in full. */
export const channelsKept = 20;

const dayMs = 86_400_000;
export const addDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * dayMs).toISOString();

export interface Message {
  id: string;
  channel: string;
  direction: string;
  occurredAt: string;
  outcome?: string | null;
}

/**
 * The reference definition of "unanswered", over a customer's whole history in any order: the
 * messages that expect an answer with no answer at the same moment or later, oldest first. The store
 * asks the database the same question (a NOT EXISTS per message); tests check the two agree.
 */
export function unansweredOf(history: readonly Message[]): Message[] {
  const answered = history.filter((m) => answers(m.channel, m.direction)).map((m) => m.occurredAt);
  const lastAnswer = answered.sort().at(-1);
  return history
    .filter((m) => expectsAnswer(m.channel, m.direction, m.outcome ?? null) && (lastAnswer === undefined || m.occurredAt > lastAnswer))
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.id.localeCompare(b.id));
}

/** What the state of one customer is computed from. */
export interface ContactFacts {
  customerId: string;
  locationId: string | null;
  erased: boolean;
  /** The latest personal contact, and the latest personal contact that names a staff member. */
  lastInteractionAt: string | null;
  lastStaffId: string | null;
  lastTransactionAt: string | null;
  /** setAt: when the cadence was first set; changedAt: its last change (of cadence or owner). */
  keep: { everyDays: number; ownerId: string | null; setAt: string; changedAt: string } | null;
  /** Messages that expect an answer and have none, oldest first. */
  unanswered: readonly Pick<Message, 'id' | 'channel' | 'occurredAt'>[];
}

/** One row of contact_states. */
export interface ContactState {
  customerId: string;
  locationId: string | null;
  lastContactAt: string | null;
  lastContactStaffId: string | null;
  waitingSince: string | null;
  waitingCount: number;
  waitingChannels: string | null;
  waitingFirstInteractionId: string | null;
  keepEveryDays: number | null;
  keepOwnerId: string | null;
  keepDueAt: string | null;
  keepRemindAt: string | null;
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a > b ? a : b);

/** The row for one customer, or null when there is nothing to keep (no contact, no cadence, or erased). */
export function contactStateOf(f: ContactFacts): ContactState | null {
  if (f.erased) return null;
  const lastContactAt = later(f.lastInteractionAt, f.lastTransactionAt);
  if (lastContactAt === null && f.keep === null && f.unanswered.length === 0) return null;
  const first = f.unanswered[0];
  const keepDueAt = f.keep ? addDays(lastContactAt ?? f.keep.setAt, f.keep.everyDays) : null;
  return {
    customerId: f.customerId,
    locationId: f.locationId,
    lastContactAt,
    lastContactStaffId: f.lastStaffId,
    waitingSince: first?.occurredAt ?? null,
    waitingCount: f.unanswered.length,
    waitingChannels: first ? f.unanswered.slice(0, channelsKept).map((m) => m.channel).join(',') : null,
    waitingFirstInteractionId: first?.id ?? null,
    keepEveryDays: f.keep?.everyDays ?? null,
    keepOwnerId: f.keep?.ownerId ?? null,
    keepDueAt,
    // Set on someone already overdue, the owner is reminded at once.
    keepRemindAt: f.keep && keepDueAt ? later(keepDueAt, f.keep.changedAt) : null,
  };
}

/** "every day", "every 2 weeks", "every 3 months", "every year", "every 45 days". */
export function cadenceWords(days: number): string {
  const unit = (n: number, one: string) => (n === 1 ? `every ${one}` : `every ${n} ${one}s`);
  if (days % 365 === 0) return unit(days / 365, 'year');
  if (days % 30 === 0) return unit(days / 30, 'month');
  if (days % 7 === 0) return unit(days / 7, 'week');
  return unit(days, 'day');
}

/** "a voicemail and 2 emails": the unanswered messages by channel, in the order they came. */
export function messagesWords(channels: readonly string[], total: number, phrase: (channel: string, count: number) => string): string {
  const counts = new Map<string, number>();
  for (const c of channels) counts.set(c, (counts.get(c) ?? 0) + 1);
  const parts = [...counts].map(([channel, n]) => phrase(channel, n));
  const rest = total - channels.length;
  if (rest > 0) parts.push(`${rest} more`);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export const channelsOf = (stored: string | null): string[] => (stored ? stored.split(',') : []);

/**
 * The locations whose customers a manager looks after: their own, or every location for an admin or
 * a manager of no location in particular ('all'). Frontline staff look after their own customers only.
 */
export function teamLocations(actor: { role: string; locationIds: readonly string[] }): 'all' | string[] | null {
  if (actor.role === 'admin') return 'all';
  if (actor.role !== 'manager') return null;
  return actor.locationIds.length ? [...actor.locationIds] : 'all';
}
