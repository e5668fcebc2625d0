import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BriefFacts } from './brief-facts.js';
import { composeBrief, preferencesSentence } from './brief-rules.js';
import { fineToMention, provenances, tactfulItem, tactfully, tactMark } from './tact-rules.js';

describe('tact', () => {
  it('leaves what they told us plain, and marks what we know otherwise', () => {
    expect(tactfully('Financed a car through our loan department', 'our_records')).toBe('Financed a car through our loan department: from our records, let them mention it.');
    expect(tactfully('Moved to Chicago.', 'other_system')).toBe('Moved to Chicago: from another system, let them mention it.');
    expect(tactfully('Her son started college (September 2025)', 'told_us')).toBe('Her son started college (September 2025).');
    expect(tactfully('Is the move going well?', 'told_us')).toBe('Is the move going well?');
    expect(tactfulItem('Statements: on paper', 'our_records')).toBe('Statements: on paper (from our records, let them mention it)');
    expect(tactfulItem('Coffee: black', 'told_us')).toBe('Coffee: black');
    expect(provenances.filter(fineToMention)).toEqual(['told_us']);
  });

  it('marks every fact not told by the customer exactly once, at its end, and never one they told us', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom(...provenances), (fact, provenance) => {
        const sentence = tactfully(fact, provenance);
        const core = fact.trim().replace(/[\s.;:,]+$/u, '');
        if (!core) {
          expect(sentence).toBe('');
          return;
        }
        expect(sentence.startsWith(core)).toBe(true);
        const mark = tactMark(provenance);
        if (mark) {
          expect(sentence).toBe(`${core}: ${mark}.`);
        } else {
          expect(sentence.slice(core.length)).toMatch(/^\.?$/);
          // Writing it again changes nothing: the brief may pass a sentence through twice.
          expect(tactfully(sentence, provenance)).toBe(sentence);
        }
      }),
    );
  });
});

const now = new Date('2026-11-23T12:00:00Z');
const maggie = (over: Partial<BriefFacts> = {}): BriefFacts => ({
  now,
  reader: { staffId: 's-teller', name: 'Tom' },
  customer: { kind: 'person', displayName: 'Margaret Chen', givenName: 'Margaret', preferredName: 'Maggie', pronunciation: null, pronouns: 'she/her', createdAt: '2015-04-02T10:00:00.000Z' },
  organizations: [],
  household: [],
  firstSeenAt: '2015-04-02T10:00:00.000Z',
  contactsLastYear: [],
  money: [],
  lifeEvents: [
    { title: 'Her son Daniel started college', kind: 'school_start', date: { year: 2026, month: 9, day: null }, createdAt: '2026-09-20T10:00:00Z', private: false, provenance: 'told_us' },
    { title: 'Financed a car through our loan department', kind: 'other', date: { year: 2025, month: 9, day: null }, createdAt: '2025-09-20T10:00:00Z', private: false, provenance: 'our_records' },
  ],
  projects: [
    { title: 'saving for a kitchen', status: 'active', startedOn: null, provenance: 'told_us' },
    { title: 'a mortgage application', status: 'active', startedOn: null, provenance: 'other_system' },
  ],
  waiting: null,
  keepInTouch: null,
  lastInteractions: [],
  lastTransactions: [],
  readerLastDealtAt: null,
  changesSince: [],
  pinnedNotes: [],
  preferences: [],
  consent: { channels: [], doNotContact: null },
  ...over,
});
const section = (facts: BriefFacts, key: string) => composeBrief(facts).sections.find((s) => s.key === key);

describe('the brief, tactfully (S2)', () => {
  it('says the car loan is from our records and to let her mention it, the college start plainly', () => {
    const life = section(maggie(), 'life')!.sentences;
    expect(life).toContain('Her son Daniel started college (September 2026).');
    expect(life).toContain('Financed a car through our loan department (September 2025): from our records, let them mention it.');
    expect(life).toContain('Working on saving for a kitchen.');
    expect(life).toContain('Working on a mortgage application: from another system, let them mention it.');
  });

  it('marks a pinned note from our records', () => {
    const notes = section(maggie({ pinnedNotes: [{ body: 'Pays by standing order', private: false, authorName: 'Priya', provenance: 'our_records' }] }), 'notes')!;
    expect(notes.sentences).toEqual(['Pays by standing order (from our records, let them mention it)']);
  });

  it('says what she prefers in one short sentence, tactful by provenance', () => {
    const preferences: BriefFacts['preferences'] = [
      { topic: 'Appointments', preference: 'mornings, never Mondays', private: false, provenance: 'told_us' },
      { topic: null, preference: 'Deals with Priya beyond deposits.', private: true, provenance: 'told_us' },
      { topic: 'Statements', preference: 'on paper', private: false, provenance: 'our_records' },
    ];
    expect(preferencesSentence(preferences)).toBe(
      'Prefers — Appointments: mornings, never Mondays; Deals with Priya beyond deposits [private]; Statements: on paper (from our records, let them mention it).',
    );
    expect(section(maggie({ preferences }), 'greeting')!.sentences.at(-1)).toMatch(/^Prefers — Appointments/);
    expect(preferencesSentence([])).toBeNull();
  });

  it('says how she may be contacted, with attention when she opted out or asked not to be contacted', () => {
    expect(section(maggie(), 'contact')).toBeUndefined();
    const optedIn = section(maggie({ consent: { channels: [{ channel: 'email', status: 'opted_in', givenOn: '2026-03-03', source: 'at the branch' }], doNotContact: null } }), 'contact')!;
    expect(optedIn).toMatchObject({ attention: false, sentences: ['Opted in to email on 3 March 2026 (at the branch).'] });
    const optedOut = section(
      maggie({
        consent: {
          channels: [
            { channel: 'email', status: 'opted_in', givenOn: '2026-03-03', source: 'at the branch' },
            { channel: 'phone', status: 'opted_out', givenOn: '2026-11-23', source: 'told us at the counter' },
          ],
          doNotContact: null,
        },
      }),
      'contact',
    )!;
    expect(optedOut.attention).toBe(true);
    expect(optedOut.sentences).toContain('Opted out of phone calls on 23 November 2026 (told us at the counter).');
    const dnc = section(maggie({ consent: { channels: [], doNotContact: { since: '2026-06-01', reason: 'asked after the bereavement' } } }), 'contact')!;
    expect(dnc).toMatchObject({ attention: true, sentences: ['Do not contact since 1 June 2026 (asked after the bereavement): no calls, emails, texts or letters from us.'] });
  });
});
