import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeBrief, keepInTouchSentence } from '../brief/brief-rules.js';
import { channels } from '../interactions/interaction-schemas.js';
import { addDays, answers, cadenceWords, contactStateOf, expectsAnswer, messagesWords, teamLocations, unansweredOf, type ContactFacts, type Message } from './contact-state-rules.js';

const now = new Date('2026-11-23T12:00:00.000Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

const facts = (over: Partial<ContactFacts> = {}): ContactFacts => ({
  customerId: 'c1',
  locationId: 'north',
  erased: false,
  lastInteractionAt: null,
  lastStaffId: null,
  lastTransactionAt: null,
  keep: null,
  unanswered: [],
  ...over,
});

describe('which contacts wait and which answer', () => {
  it('waits on the channels where the customer reached out; answers with anything personal we send, or a conversation', () => {
    for (const c of ['voicemail', 'email', 'sms', 'chat', 'letter', 'web_form']) expect(expectsAnswer(c, 'inbound'), c).toBe(true);
    // A call someone took was a conversation; one nobody took is a voicemail.
    for (const c of ['call', 'visit', 'meeting', 'service_call', 'newsletter', 'other']) expect(expectsAnswer(c, 'inbound'), c).toBe(false);
    expect(answers('call', 'inbound')).toBe(true);
    expect(expectsAnswer('email', 'outbound')).toBe(false);
    // A ticket imported with its status: solved or closed was answered where the service desk keeps the replies.
    expect(expectsAnswer('email', 'inbound', 'solved')).toBe(false);
    expect(expectsAnswer('web_form', 'inbound', ' Closed ')).toBe(false);
    expect(expectsAnswer('email', 'inbound', 'open')).toBe(true);
    for (const c of ['call', 'email', 'sms', 'letter', 'service_call', 'other']) expect(answers(c, 'outbound'), c).toBe(true);
    for (const c of ['newsletter', 'direct_mail', 'invoice_sent']) expect(answers(c, 'outbound'), c).toBe(false);
    expect(answers('visit', 'inbound')).toBe(true);
    expect(answers('meeting', 'inbound')).toBe(true);
    expect(answers('email', 'inbound')).toBe(false);
  });

  it('a voicemail and an email unanswered are one waiting person, since the first of them (S7)', () => {
    const history: Message[] = [
      { id: '1', channel: 'service_call', direction: 'outbound', occurredAt: daysAgo(8) },
      { id: '3', channel: 'email', direction: 'inbound', occurredAt: '2026-11-22T16:22:00.000Z' },
      { id: '2', channel: 'voicemail', direction: 'inbound', occurredAt: '2026-11-22T16:05:00.000Z' },
      { id: '4', channel: 'newsletter', direction: 'outbound', occurredAt: '2026-11-22T18:00:00.000Z' },
    ];
    const waiting = unansweredOf(history);
    expect(waiting.map((m) => m.channel)).toEqual(['voicemail', 'email']);
    const state = contactStateOf(facts({ unanswered: waiting, lastInteractionAt: '2026-11-22T16:22:00.000Z' }))!;
    expect(state).toMatchObject({ waitingSince: '2026-11-22T16:05:00.000Z', waitingCount: 2, waitingChannels: 'voicemail,email', waitingFirstInteractionId: '2' });
    // One reply on any channel answers both.
    expect(unansweredOf([...history, { id: '5', channel: 'call', direction: 'outbound', occurredAt: '2026-11-23T09:00:00.000Z' }])).toEqual([]);
  });

  it('an answer at the same moment counts; one before does not', () => {
    const message = { id: 'm', channel: 'sms', direction: 'inbound', occurredAt: daysAgo(2) };
    expect(unansweredOf([message, { id: 'a', channel: 'sms', direction: 'outbound', occurredAt: daysAgo(2) }])).toEqual([]);
    expect(unansweredOf([message, { id: 'a', channel: 'sms', direction: 'outbound', occurredAt: daysAgo(3) }])).toEqual([message]);
  });

  it('the unanswered are exactly the messages after the last answer, whatever the order they are given in', () => {
    const message = fc.record({
      id: fc.uuid(),
      channel: fc.constantFrom(...channels),
      direction: fc.constantFrom('inbound', 'outbound'),
      occurredAt: fc.integer({ min: 0, max: 40 }).map((n) => daysAgo(n)),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 25 }), (history) => {
        const waiting = unansweredOf(history);
        const lastAnswer = history.filter((m) => answers(m.channel, m.direction)).reduce((a, m) => (m.occurredAt > a ? m.occurredAt : a), '');
        for (const m of history) {
          const isWaiting = waiting.includes(m);
          expect(isWaiting).toBe(expectsAnswer(m.channel, m.direction) && m.occurredAt > lastAnswer);
        }
        expect(unansweredOf([...history].reverse()).map((m) => m.id)).toEqual(waiting.map((m) => m.id));
      }),
      { seed: 9, numRuns: 300 },
    );
  });
});

describe('the stored state of one customer', () => {
  it('keeps nothing for a customer with no contact and no cadence, or one erased', () => {
    expect(contactStateOf(facts())).toBeNull();
    expect(contactStateOf(facts({ erased: true, lastInteractionAt: daysAgo(1), keep: { everyDays: 30, ownerId: 's', setAt: daysAgo(9), changedAt: daysAgo(9) } }))).toBeNull();
  });

  it('is due the cadence after the last contact or transaction, or after the cadence was set when never seen (S8)', () => {
    const keep = { everyDays: 90, ownerId: 'priya', setAt: daysAgo(1), changedAt: daysAgo(1) };
    const seen = contactStateOf(facts({ keep, lastInteractionAt: daysAgo(122), lastTransactionAt: daysAgo(130), lastStaffId: 'priya' }))!;
    expect(seen).toMatchObject({ lastContactAt: daysAgo(122), keepDueAt: daysAgo(32), keepRemindAt: daysAgo(1), keepOwnerId: 'priya', keepEveryDays: 90, waitingSince: null, waitingCount: 0 });
    expect(contactStateOf(facts({ keep, lastInteractionAt: daysAgo(122), lastTransactionAt: daysAgo(3) }))!.keepDueAt).toBe(addDays(daysAgo(3), 90));
    expect(contactStateOf(facts({ keep }))!).toMatchObject({ lastContactAt: null, keepDueAt: addDays(daysAgo(1), 90), keepRemindAt: addDays(daysAgo(1), 90) });
  });

  it('keeps the channels of the first 20 waiting messages and counts them all', () => {
    const unanswered = Array.from({ length: 25 }, (_, i) => ({ id: `m${i}`, channel: i % 2 ? 'email' : 'call', occurredAt: daysAgo(30 - i) }));
    const state = contactStateOf(facts({ unanswered }))!;
    expect(state.waitingCount).toBe(25);
    expect(state.waitingChannels!.split(',')).toHaveLength(20);
  });
});

describe('words', () => {
  it('says a cadence the way people do', () => {
    expect([1, 7, 14, 30, 90, 180, 365, 730, 45].map(cadenceWords)).toEqual([
      'every day',
      'every week',
      'every 2 weeks',
      'every month',
      'every 3 months',
      'every 6 months',
      'every year',
      'every 2 years',
      'every 45 days',
    ]);
  });

  it('groups the waiting messages by channel', () => {
    const phrase = (c: string, n: number) => (n === 1 ? `a ${c}` : `${n} ${c}s`);
    expect(messagesWords(['voicemail', 'email'], 2, phrase)).toBe('a voicemail and a email');
    expect(messagesWords(['email', 'call', 'email'], 5, phrase)).toBe('2 emails, a call and 2 more');
  });

  it('writes the brief: waiting on every channel, and keeping in touch with attention when past due', () => {
    const reader = { staffId: 'priya', name: 'Priya' };
    const keepInTouch = { everyDays: 90, ownerId: 'priya', ownerName: 'Priya Nair', lastContactAt: daysAgo(122), dueAt: daysAgo(32) };
    expect(keepInTouchSentence({ keepInTouch, reader, now })).toEqual({ sentence: 'Last seen 4 months ago; you keep in touch every 3 months, so they are due a contact.', due: true });
    expect(keepInTouchSentence({ keepInTouch, reader: { staffId: 'tom', name: 'Tom' }, now })!.sentence).toBe('Last seen 4 months ago; Priya Nair keeps in touch every 3 months, so they are due a contact.');
    const early = { ...keepInTouch, lastContactAt: daysAgo(14), dueAt: daysAgo(-76), ownerId: null, ownerName: null };
    expect(keepInTouchSentence({ keepInTouch: early, reader, now })).toEqual({ sentence: 'Last seen 2 weeks ago; we keep in touch every 3 months.', due: false });

    const base = {
      now,
      reader,
      customer: { kind: 'person' as const, displayName: 'Helen Park', givenName: 'Helen', preferredName: null, pronunciation: null, pronouns: 'she/her', createdAt: daysAgo(800) },
      organizations: [],
      household: [],
      firstSeenAt: daysAgo(800),
      contactsLastYear: [],
      money: [],
      lifeEvents: [],
      projects: [],
      waiting: null,
      keepInTouch,
      lastInteractions: [],
      lastTransactions: [],
      readerLastDealtAt: null,
      changesSince: [],
      pinnedNotes: [],
      preferences: [],
      consent: { channels: [], doNotContact: null },
    };
    const owed = composeBrief(base).sections.find((s) => s.key === 'owed')!;
    expect(owed).toMatchObject({ attention: true, sentences: ['Last seen 4 months ago; you keep in touch every 3 months, so they are due a contact.'] });
    const waiting = composeBrief({ ...base, keepInTouch: early, waiting: { since: daysAgo(1), channels: ['voicemail', 'email', 'email'], count: 3 } }).sections.find((s) => s.key === 'owed')!;
    expect(waiting).toMatchObject({ attention: true, sentences: ['Waiting for an answer since yesterday: a voicemail and 2 emails.', 'Last seen 2 weeks ago; we keep in touch every 3 months.'] });
  });
});

describe('whose customers a list covers', () => {
  it('gives managers their locations, or all of them without any, admins all, frontline staff none', () => {
    expect(teamLocations({ role: 'frontline', locationIds: ['a'] })).toBeNull();
    expect(teamLocations({ role: 'manager', locationIds: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(teamLocations({ role: 'manager', locationIds: [] })).toBe('all');
    expect(teamLocations({ role: 'admin', locationIds: ['a'] })).toBe('all');
  });
});
