import type { PartialDate } from '../common/partial-date.js';
import type { CustomerConsent } from '../consent/consent-rules.js';
import type { Provenance } from './tact-rules.js';

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
  /** Inbound messages after the last outbound contact, oldest first. */
  unanswered: { channel: string; occurredAt: string; summary: string }[];
  lastInteractions: { channel: string; direction: string; occurredAt: string; summary: string; staffName: string | null; mood: string | null }[];
  lastTransactions: { kind: string; occurredAt: string; amountMinor: number; currency: string; description: string | null }[];
  /** When the reader last dealt with this customer, and what others changed since (null: never). */
  readerLastDealtAt: string | null;
  changesSince: { at: string; staffName: string | null; what: string }[];
  pinnedNotes: { body: string; private: boolean; authorName: string | null; provenance: Provenance }[];
  /** What they prefer, oldest first. */
  preferences: { topic: string | null; preference: string; private: boolean; provenance: Provenance }[];
  /** How they may be contacted (not the reader's business to hide: everyone who serves them needs it). */
  consent: CustomerConsent;
}
