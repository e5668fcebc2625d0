import { describe, expect, it } from 'vitest';
import type { BriefFacts } from './brief-facts.js';
import { composeBrief, frequency } from './brief-rules.js';
import { ago, list } from './brief-words.js';
import { formatMoney as money } from '../platform/money.js';

const now = new Date('2026-11-23T12:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

const jim = (over: Partial<BriefFacts> = {}): BriefFacts => ({
  now,
  reader: { staffId: 's-clerk', name: 'Dana' },
  customer: {
    kind: 'person',
    displayName: 'Jim Alvarez',
    givenName: 'Jim',
    preferredName: null,
    pronunciation: null,
    pronouns: 'he/him',
    createdAt: '2019-04-02T10:00:00.000Z',
  },
  organizations: [],
  household: [],
  firstSeenAt: '2019-04-02T10:00:00.000Z',
  contactsLastYear: [daysAgo(3), daysAgo(10)],
  money: [{ currency: 'USD', balanceOwedMinor: 0, lifetimeValueMinor: 421_050 }],
  lifeEvents: [],
  projects: [
    { title: 'bathroom tiling', status: 'active', startedOn: null, provenance: 'told_us' },
    { title: 'deck', status: 'done', startedOn: null, provenance: 'told_us' },
  ],
  waiting: null,
  keepInTouch: null,
  lastInteractions: [{ channel: 'visit', direction: 'inbound', occurredAt: daysAgo(3), summary: 'Bought the wrong grout.', staffName: 'Earl', mood: 'happy' }],
  lastTransactions: [{ kind: 'return', occurredAt: daysAgo(2), amountMinor: 2399, currency: 'USD', description: 'Sanded grout' }],
  readerLastDealtAt: null,
  changesSince: [],
  pinnedNotes: [],
  preferences: [],
  consent: { channels: [], doNotContact: null },
  ...over,
});

const text = (facts: BriefFacts) => composeBrief(facts).sections.flatMap((s) => s.sentences).join(' ');

describe('the brief', () => {
  it('tells a clerk who Jim is in a few sentences (S1)', () => {
    const brief = composeBrief(jim());
    expect(brief.greetAs).toBe('Jim');
    const all = text(jim());
    expect(all).toContain('Greet him as Jim.');
    expect(all).toContain('Customer since 2019.');
    expect(all).toContain('Working on bathroom tiling.');
    expect(all).not.toContain('deck');
    expect(all).toContain('Last contact with Earl 3 days ago (a visit, in good spirits): Bought the wrong grout.');
    expect(all).toContain('a return of $23.99 (Sanded grout) 2 days ago');
    expect(all).toContain('Has spent $4,210.50 with us in all.');
    expect(all).toContain('You have not dealt with Jim before.');
  });

  it('greets by the preferred name and says how to pronounce it (S2)', () => {
    const facts = jim({ customer: { ...jim().customer, displayName: 'Margaret Okafor', givenName: 'Margaret', preferredName: 'Maggie', pronunciation: 'MAG-ee oh-KAH-for', pronouns: 'she/her' } });
    expect(composeBrief(facts).greetAs).toBe('Maggie');
    expect(text(facts)).toContain('Greet her as Maggie.');
    expect(text(facts)).toContain('Say it "MAG-ee oh-KAH-for".');
    expect(text(jim({ customer: { ...jim().customer, pronouns: null } }))).toContain('Greet them as Jim.');
  });

  it('flags what we owe: a waiting customer and money owed', () => {
    const facts = jim({
      waiting: { since: daysAgo(1), channels: ['voicemail', 'email'], count: 2 },
      money: [{ currency: 'EUR', balanceOwedMinor: 12_000, lifetimeValueMinor: 50_000 }],
    });
    const owed = composeBrief(facts).sections.find((s) => s.key === 'owed')!;
    expect(owed.attention).toBe(true);
    expect(owed.sentences[0]).toBe('Waiting for an answer since yesterday: a voicemail and an email.');
    expect(owed.sentences[1]).toBe('Owes €120.00.');
  });

  it('says what changed since the reader last dealt with them', () => {
    const facts = jim({ readerLastDealtAt: daysAgo(14), changesSince: [{ at: daysAgo(3), staffName: 'Earl', what: 'logged a visit' }] });
    expect(text(facts)).toContain('Since you last dealt with Jim 2 weeks ago: Earl logged a visit.');
    expect(text(jim({ readerLastDealtAt: daysAgo(1) }))).toContain('Nothing new since you last dealt with Jim yesterday.');
  });

  it('marks private facts it was allowed to show', () => {
    const facts = jim({ pinnedNotes: [{ body: 'In arrears on the loan since March.', private: true, authorName: 'Ade', provenance: 'told_us' }] });
    expect(text(facts)).toContain('In arrears on the loan since March. [private]');
  });
});

describe('brief wording', () => {
  it('counts how often they come', () => {
    expect(frequency(0)).toMatch(/No visits/);
    expect(frequency(1)).toBe('One contact in the past year.');
    expect(frequency(30)).toBe('About 3 contacts a month this past year.');
    expect(frequency(7)).toBe('7 contacts in the past year.');
  });
  it('formats money in minor units of each currency', () => {
    expect(money(123456, 'USD')).toBe('$1,234.56');
    expect(money(5000, 'JPY')).toBe('¥5,000');
  });
  it('writes relative times and lists', () => {
    expect(ago(daysAgo(1), now)).toBe('yesterday');
    expect(ago(daysAgo(120), now)).toBe('4 months ago');
    expect(list(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
