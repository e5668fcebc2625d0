import { formatPartialDate } from '../common/partial-date.js';
import { consentWords, doNotContactWords } from '../consent/consent-rules.js';
import type { BriefFacts } from './brief-facts.js';
import { dueWords, promiseSentences } from '../promises/promise-words.js';
import { caseSentences } from '../cases/case-words.js';
import { ago, capitalize, channelPhrase, list, mailPhrase } from './brief-words.js';
import { formatMoney as money } from '../platform/money.js';
import { fineToMention, tactfulItem, tactfully } from './tact-rules.js';
import { cadenceWords, messagesWords } from '../contact-state/contact-state-rules.js';

/**
 * The brief: who this person is to us, in short sentences a clerk reads in five seconds.
 * Pure: facts in, sentences out. What the reader may not see is already absent from the facts.
 */

export type SectionKey = 'greeting' | 'contact' | 'who' | 'life' | 'owed' | 'last' | 'since' | 'notes';

export interface BriefSection {
  key: SectionKey;
  heading: string;
  sentences: string[];
  /** Something here needs acting on (money owed, a customer waiting). */
  attention: boolean;
}

export interface Brief {
  greetAs: string;
  sections: BriefSection[];
}

const moodWords: Record<string, string> = {
  happy: 'in good spirits',
  neutral: 'calm',
  worried: 'worried',
  frustrated: 'frustrated',
  angry: 'angry',
};

export function greetingName(customer: BriefFacts['customer']): string {
  return customer.preferredName ?? customer.givenName ?? customer.displayName;
}

/** "he/him" → "him", "she/her" → "her"; anything else, or nothing, → "them". */
export function objectPronoun(pronouns: string | null): string {
  const second = pronouns?.split('/')[1]?.trim().toLowerCase();
  return second && /^[a-z]{2,6}$/.test(second) ? second : 'them';
}

function greeting(f: BriefFacts): BriefSection {
  const name = greetingName(f.customer);
  const sentences =
    f.customer.kind === 'organization'
      ? [`${f.customer.displayName} is an organisation.`]
      : [`Greet ${objectPronoun(f.customer.pronouns)} as ${name}.`];
  if (f.customer.pronunciation) sentences.push(`Say it "${f.customer.pronunciation}".`);
  if (f.customer.pronouns) sentences.push(`Pronouns: ${f.customer.pronouns}.`);
  const prefers = preferencesSentence(f.preferences);
  if (prefers) sentences.push(prefers);
  return { key: 'greeting', heading: 'How to greet them', sentences, attention: false };
}

/** "Prefers — Appointments: mornings, never Mondays; Statements: on paper (from our records, let them mention it)." */
export function preferencesSentence(preferences: BriefFacts['preferences']): string | null {
  const items = preferences.slice(0, 5).flatMap((p) => {
    const text = (p.topic ? `${p.topic.trim()}: ${p.preference.trim()}` : p.preference.trim()).replace(/[\s.;]+$/u, '');
    return text ? [tactfulItem(`${text}${p.private ? ' [private]' : ''}`, p.provenance)] : [];
  });
  return items.length ? `Prefers — ${items.join('; ')}.` : null;
}

/**
 * How they may be contacted, when anything is recorded: do-not-contact first, then each channel's
 * choice. Attention when they asked not to be contacted, at all or on a channel.
 */
function contact(f: BriefFacts): BriefSection {
  const { doNotContact, channels } = f.consent;
  const sentences: string[] = [];
  if (doNotContact) sentences.push(`${capitalize(doNotContactWords(doNotContact))}: no calls, emails, texts or letters from us.`);
  for (const c of channels) sentences.push(`${capitalize(consentWords(c))}.`);
  const attention = Boolean(doNotContact) || channels.some((c) => c.status === 'opted_out');
  return { key: 'contact', heading: 'Contacting them', sentences, attention };
}

export function frequency(contacts: number): string {
  if (contacts === 0) return 'No visits, calls or purchases in the past year.';
  if (contacts === 1) return 'One contact in the past year.';
  const perMonth = contacts / 12;
  if (perMonth >= 1.5) return `About ${Math.round(perMonth)} contacts a month this past year.`;
  return `${contacts} contacts in the past year.`;
}

function who(f: BriefFacts): BriefSection {
  const since = new Date(f.firstSeenAt).getUTCFullYear();
  const sentences = [`Customer since ${since}.`, frequency(f.contactsLastYear.length)];
  const spent = f.money.filter((m) => m.lifetimeValueMinor !== 0).map((m) => money(m.lifetimeValueMinor, m.currency));
  if (spent.length) sentences.push(`Has spent ${list(spent)} with us in all.`);
  if (f.organizations.length) {
    sentences.push(`With ${list(f.organizations.map((o) => (o.role ? `${o.name} (${o.role})` : o.name)))}.`);
  }
  return { key: 'who', heading: 'Who they are to us', sentences, attention: false };
}

function life(f: BriefFacts): BriefSection {
  const sentences: string[] = [];
  for (const event of f.lifeEvents.slice(0, 3)) {
    const when = formatPartialDate(event.date);
    sentences.push(tactfully(`${capitalize(event.title)}${when ? ` (${when})` : ''}${event.private ? ' [private]' : ''}`, event.provenance));
  }
  // What they told us reads as one list; what we know otherwise, one sentence each, marked.
  const active = f.projects.filter((p) => p.status === 'active');
  const told = active.filter((p) => fineToMention(p.provenance));
  if (told.length) sentences.push(`Working on ${list(told.map((p) => p.title))}.`);
  for (const p of active.filter((p) => !fineToMention(p.provenance))) sentences.push(tactfully(`Working on ${p.title}`, p.provenance));
  if (f.household.length) sentences.push(`Household: ${list(f.household.map((h) => `${h.name} (${h.label})`))}.`);
  if (!sentences.length) sentences.push('Nothing recorded about their life yet: ask, and note what they share.');
  return { key: 'life', heading: 'What is going on in their life', sentences, attention: false };
}

function owed(f: BriefFacts): BriefSection {
  const sentences: string[] = [];
  let attention = false;
  if (f.waiting) {
    attention = true;
    sentences.push(`Waiting for an answer since ${ago(f.waiting.since, f.now)}: ${messagesWords(f.waiting.channels, f.waiting.count, channelCount)}.`);
  }
  const promised = promiseSentences(f.promises ?? [], greetingName(f.customer), f.now);
  if (promised.attention) attention = true;
  sentences.push(...promised.sentences);
  const cases = caseSentences(f.cases ?? []);
  if (cases.attention) attention = true;
  sentences.push(...cases.sentences);
  for (const m of f.money) {
    if (m.balanceOwedMinor > 0) {
      attention = true;
      sentences.push(`Owes ${money(m.balanceOwedMinor, m.currency)}.`);
    } else if (m.balanceOwedMinor < 0) {
      sentences.push(`Has ${money(-m.balanceOwedMinor, m.currency)} in credit with us.`);
    }
  }
  const keeping = keepInTouchSentence(f);
  if (keeping?.due) attention = true;
  if (!sentences.length && !keeping?.due) sentences.push('We owe them nothing right now: no one waiting for an answer, nothing owed.');
  if (keeping) sentences.push(keeping.sentence);
  return { key: 'owed', heading: 'What we owe them', sentences, attention };
}

/** "a voicemail", "2 emails". */
const channelCount = (channel: string, n: number) => (n === 1 ? channelPhrase(channel) : `${n} ${channelPhrase(channel).replace(/^an? /, '')}s`);

/** "Last seen 4 months ago; you keep in touch every 3 months, so they are due a contact." */
export function keepInTouchSentence(f: Pick<BriefFacts, 'keepInTouch' | 'reader' | 'now'>): { sentence: string; due: boolean } | null {
  const k = f.keepInTouch;
  if (!k) return null;
  const due = k.dueAt <= f.now.toISOString();
  const seen = k.lastContactAt ? `Last seen ${ago(k.lastContactAt, f.now)}` : 'Not seen yet';
  const who = k.ownerId === f.reader.staffId ? 'you keep' : k.ownerName ? `${k.ownerName} keeps` : 'we keep';
  return { sentence: `${seen}; ${who} in touch ${cadenceWords(k.everyDays)}${due ? ', so they are due a contact' : ''}.`, due };
}

function last(f: BriefFacts): BriefSection {
  const sentences: string[] = [];
  const recent = f.lastInteractions[0];
  if (recent) {
    const who = recent.staffName ? ` with ${recent.staffName}` : '';
    const mood = recent.mood && moodWords[recent.mood] ? `, ${moodWords[recent.mood]}` : '';
    sentences.push(`Last contact${who} ${ago(recent.occurredAt, f.now)} (${channelPhrase(recent.channel)}${mood}): ${recent.summary}`);
  } else {
    sentences.push('No contact recorded yet.');
  }
  // Mass mail is not a contact with them, but worth knowing: "Got Spring catalogue 2027 (a mailing) 6 days ago."
  const mail = (f.recentMail ?? []).map((m) => mailPhrase(m, f.now));
  if (mail.length) sentences.push(`Got ${list(mail)}.`);
  const moves = f.lastTransactions.slice(0, 3).map((t) => {
    const what = t.description ? ` (${t.description})` : '';
    return `a ${t.kind} of ${money(t.amountMinor, t.currency)}${what} ${ago(t.occurredAt, f.now)}`;
  });
  if (moves.length) sentences.push(`Recently: ${list(moves)}.`);
  return { key: 'last', heading: 'What happened last', sentences, attention: false };
}

function since(f: BriefFacts): BriefSection {
  const name = greetingName(f.customer);
  let sentences: string[];
  // The reader's own open promises to them come first: what they owe this person.
  const own = (f.readerPromises ?? []).slice(0, 3).map((p) => `${p.what} (${p.dueBy < f.now.toISOString() ? 'overdue since' : 'by'} ${dueWords(p.due, p.timezone, { year: 'when-other', now: f.now })})`);
  const yours = own.length ? [`You promised ${name}: ${own.join('; ')}${(f.readerPromises?.length ?? 0) > 3 ? ` and ${f.readerPromises!.length - 3} more` : ''}.`] : [];
  if (!f.readerLastDealtAt) {
    sentences = [`You have not dealt with ${name} before.`];
  } else if (!f.changesSince.length) {
    sentences = [`Nothing new since you last dealt with ${name} ${ago(f.readerLastDealtAt, f.now)}.`];
  } else {
    const changes = f.changesSince.slice(0, 5).map((c) => (c.staffName ? `${c.staffName} ${c.what}` : c.what));
    const more = f.changesSince.length > 5 ? ` and ${f.changesSince.length - 5} more` : '';
    sentences = [`Since you last dealt with ${name} ${ago(f.readerLastDealtAt, f.now)}: ${changes.join('; ')}${more}.`];
  }
  return { key: 'since', heading: 'Since you last saw them', sentences: [...yours, ...sentences], attention: false };
}

function notes(f: BriefFacts): BriefSection {
  const sentences = f.pinnedNotes.map((n) => tactfulItem(`${n.body.length > 280 ? `${n.body.slice(0, 277)}...` : n.body}${n.private ? ' [private]' : ''}`, n.provenance));
  return { key: 'notes', heading: 'Pinned notes', sentences, attention: false };
}

export function composeBrief(facts: BriefFacts): Brief {
  const sections = [greeting(facts), contact(facts), who(facts), life(facts), owed(facts), last(facts), since(facts), notes(facts)];
  return { greetAs: greetingName(facts.customer), sections: sections.filter((s) => s.sentences.length > 0) };
}
