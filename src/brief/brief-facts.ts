import type { PartialDate } from '../common/partial-date.js';
import type { CustomerConsent } from '../consent/consent-rules.js';
import type { Provenance } from './tact-rules.js';
import type { PromiseBriefFact } from '../promises/promise-words.js';
import type { CaseBriefFact } from '../cases/case-words.js';

/** Everything the brief is written from: plain data, already filtered for what the reader may see. */
export interface BriefFacts {
  now: Date;
  reader: { staffId: string; name: string };
  customer: {
    kind: 'person' | 'organization';
    displayName: string;
    givenName: string | null;
    preferredName: string | null;
    pronunciation: string | null;
    pronouns: string | null;
    createdAt: string;
  };
  organizations: { name: string; role: string }[];
  household: { name: string; label: string }[];
  /** First purchase, interaction or record: "customer since". */
  firstSeenAt: string;
  /** occurredAt of every interaction and purchase in the last 12 months (for "how often"). */
  contactsLastYear: string[];
  money: { currency: string; balanceOwedMinor: number; lifetimeValueMinor: number }[];
  lifeEvents: { title: string; kind: string; date: PartialDate; createdAt: string; private: boolean; provenance: Provenance }[];
  projects: { title: string; status: string; startedOn: string | null; provenance: Provenance }[];
  /** Waiting for an answer (src/contact-state/): since the first unanswered message, the channel of each (the first 20), how many. */
  waiting: { since: string; channels: string[]; count: number } | null;
  /** Keeping in touch every N days: who does, the last contact or transaction, when the next is due. */
  keepInTouch: { everyDays: number; ownerId: string | null; ownerName: string | null; lastContactAt: string | null; dueAt: string } | null;
  /** Open promises, with their changes of date (src/promises/): what we promised and whether they were told of slips. */
  promises?: PromiseBriefFact[];
  /** Open cases and those resolved lately (src/cases/): a response target passed without an apology, what is owed next. */
  cases?: CaseBriefFact[];
  /** The last personal contacts (mass mail left out: see recentMail). */
  lastInteractions: { channel: string; direction: string; occurredAt: string; summary: string; staffName: string | null; mood: string | null }[];
  /** Mass mail of the last 60 days, newest first (src/mailings/): a newsletter, a catalogue, invoices, a letter to everyone, named by its campaign. */
  recentMail?: { name: string; channel: string; occurredAt: string }[];
  lastTransactions: { kind: string; occurredAt: string; amountMinor: number; currency: string; description: string | null }[];
  /** When the reader last dealt with this customer, and what others changed since (null: never). */
  readerLastDealtAt: string | null;
  /** The reader's own open promises to this customer, soonest due first: "since you last saw them" starts with them. */
  readerPromises?: { what: string; due: { dueOn: string | null; dueAt: string | null }; dueBy: string; timezone: string }[];
  changesSince: { at: string; staffName: string | null; what: string }[];
  pinnedNotes: { body: string; private: boolean; authorName: string | null; provenance: Provenance }[];
  /** What they prefer, oldest first. */
  preferences: { topic: string | null; preference: string; private: boolean; provenance: Provenance }[];
  /** How they may be contacted (not the reader's business to hide: everyone who serves them needs it). */
  consent: CustomerConsent;
}
