import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../business-hours/business-hours.js';
import { weekdays, type Week } from '../locations/location-calendar-rules.js';
import { caseClocks, type CaseFacts } from './case-clock-rules.js';
import { caseTypeOf, checkOpenedAt, checkStatusChange, resolvedAtAfter } from './case-rules.js';
import { aboutWords, businessDuration, caseSentences } from './case-words.js';

const h = 3_600_000;
const t = (iso: string) => Date.parse(iso);
const everyHour: BusinessCalendar = { timezone: null, openingHours: null, holidays: [] };
/** London, Monday to Friday 09:00-17:00: 2026-03-02 is a Monday. */
const office: BusinessCalendar = {
  timezone: 'Europe/London',
  openingHours: Object.fromEntries(weekdays.map((d) => [d, d === 'sat' || d === 'sun' ? [] : [{ opens: '09:00', closes: '17:00' }]])) as unknown as Week,
  holidays: [{ date: '2026-03-04', name: 'A holiday' }],
};

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  openedAt: t('2026-03-02T09:00:00Z'),
  targets: { first_response: 60, next_response: 120, resolution: 8 * 60 },
  statuses: [{ at: t('2026-03-02T09:00:00Z'), status: 'new' }],
  thread: [],
  ...over,
});
const kind = (clocks: ReturnType<typeof caseClocks>, k: string) => clocks.clocks.find((c) => c.kind === k)!;

describe('a case’s clocks', () => {
  it('runs the first response from opening, in business hours, and falls due at the target', () => {
    const c = caseClocks(office, facts(), t('2026-03-02T09:45:00Z'));
    expect(kind(c, 'first_response')).toMatchObject({ state: 'running', usedMs: 0.75 * h, leftMs: 0.25 * h, dueAt: t('2026-03-02T10:00:00Z'), warnAt: t('2026-03-02T09:48:00Z'), breached: false });
    expect(kind(c, 'next_response').state).toBe('idle');
    expect(c.next).toEqual({ kind: 'first_response', warnAt: t('2026-03-02T09:48:00Z'), dueAt: t('2026-03-02T10:00:00Z') });
  });

  it('stops the first response at the first answer, and counts it missed when late', () => {
    const answered = facts({ thread: [{ at: t('2026-03-02T11:00:00Z'), direction: 'outbound', channel: 'call' }] });
    const c = caseClocks(office, answered, t('2026-03-02T12:00:00Z'));
    expect(kind(c, 'first_response')).toMatchObject({ state: 'missed', usedMs: 2 * h, stoppedAt: t('2026-03-02T11:00:00Z'), dueAt: t('2026-03-02T10:00:00Z'), breached: true });
    expect(c.lateCount).toBe(1);
    expect(c.firstResponseAt).toBe(t('2026-03-02T11:00:00Z'));
    // A visit is answered on the spot; a newsletter answers nothing.
    const visit = caseClocks(office, facts({ thread: [{ at: t('2026-03-02T09:30:00Z'), direction: 'inbound', channel: 'visit' }] }), t('2026-03-02T12:00:00Z'));
    expect(kind(visit, 'first_response').state).toBe('met');
    const mailing = caseClocks(office, facts({ thread: [{ at: t('2026-03-02T09:30:00Z'), direction: 'outbound', channel: 'newsletter' }] }), t('2026-03-02T09:40:00Z'));
    expect(kind(mailing, 'first_response').state).toBe('running');
    // A contact from before the case was opened is its background, not its answer.
    const earlier = caseClocks(office, facts({ thread: [{ at: t('2026-02-27T15:00:00Z'), direction: 'outbound', channel: 'call' }] }), t('2026-03-02T09:40:00Z'));
    expect(kind(earlier, 'first_response').state).toBe('running');
    expect(earlier.firstResponseAt).toBeNull();
  });

  it('starts a next response at each unanswered contact after the first answer', () => {
    const thread: CaseFacts['thread'] = [
      { at: t('2026-03-02T09:10:00Z'), direction: 'outbound', channel: 'call' },
      { at: t('2026-03-02T10:00:00Z'), direction: 'inbound', channel: 'email' },
      { at: t('2026-03-02T10:30:00Z'), direction: 'inbound', channel: 'voicemail' },
      { at: t('2026-03-02T15:00:00Z'), direction: 'outbound', channel: 'email' },
      { at: t('2026-03-02T16:00:00Z'), direction: 'inbound', channel: 'sms' },
    ];
    const c = caseClocks(office, facts({ thread }), t('2026-03-03T09:30:00Z'));
    expect(c.nextResponses.map((n) => [n.state, n.startedAt, n.usedMs])).toEqual([
      ['missed', t('2026-03-02T10:00:00Z'), 5 * h],
      ['running', t('2026-03-02T16:00:00Z'), 1.5 * h],
    ]);
    // The one owed now is shown; it fell due at 09:00 the next morning (an hour that evening, an hour the next day).
    expect(kind(c, 'next_response')).toMatchObject({ state: 'running', dueAt: t('2026-03-03T10:00:00Z'), leftMs: 0.5 * h });
    expect(c.lateCount).toBe(1);
    // The missed next response, and the resolution: 8 business hours on Monday and half an hour on Tuesday.
    expect(kind(c, 'resolution')).toMatchObject({ state: 'running', breached: true, dueAt: t('2026-03-02T17:00:00Z') });
    expect(c.breaches).toBe(2);
  });

  it('counts a call the customer made as a conversation that answers them, as a visit or a meeting, never as a message waiting for a reply', () => {
    // Opened on an email; the customer rang at 09:20 and someone took the call: that was the first response.
    const opened: CaseFacts['thread'] = [{ at: t('2026-03-02T09:00:00Z'), direction: 'inbound', channel: 'email' }];
    const rang = caseClocks(office, facts({ thread: [...opened, { at: t('2026-03-02T09:20:00Z'), direction: 'inbound', channel: 'call' }] }), t('2026-03-02T12:00:00Z'));
    expect(kind(rang, 'first_response')).toMatchObject({ state: 'met', stoppedAt: t('2026-03-02T09:20:00Z'), breached: false });
    expect(rang.firstResponseAt).toBe(t('2026-03-02T09:20:00Z'));
    // After the first answer, an email waits for a reply; the customer's call an hour later answers it, and starts nothing.
    const thread: CaseFacts['thread'] = [
      ...opened,
      { at: t('2026-03-02T09:10:00Z'), direction: 'outbound', channel: 'email' },
      { at: t('2026-03-02T10:00:00Z'), direction: 'inbound', channel: 'email' },
      { at: t('2026-03-02T11:00:00Z'), direction: 'inbound', channel: 'call' },
    ];
    const c = caseClocks(office, facts({ thread }), t('2026-03-02T15:00:00Z'));
    expect(c.nextResponses.map((n) => [n.state, n.startedAt, n.stoppedAt, n.usedMs])).toEqual([['met', t('2026-03-02T10:00:00Z'), t('2026-03-02T11:00:00Z'), h]]);
    expect(kind(c, 'next_response').state).toBe('met');
    expect(c.next).toMatchObject({ kind: 'resolution' });
    // A call nobody took is a voicemail: that one waits for a reply.
    const missed = caseClocks(office, facts({ thread: [...thread.slice(0, 3), { at: t('2026-03-02T11:00:00Z'), direction: 'inbound', channel: 'voicemail' }] }), t('2026-03-02T15:00:00Z'));
    expect(kind(missed, 'next_response')).toMatchObject({ state: 'running', startedAt: t('2026-03-02T10:00:00Z') });
  });

  it('watches the earliest 80% mark of the clocks still going, beside the one that falls due first', () => {
    // Resolution (8 hours): 80% at 15:24, due 17:00. A message at 14:30 owes a reply within 2 hours: 80% at 16:06, due 16:30.
    const thread: CaseFacts['thread'] = [
      { at: t('2026-03-02T09:10:00Z'), direction: 'outbound', channel: 'call' },
      { at: t('2026-03-02T14:30:00Z'), direction: 'inbound', channel: 'email' },
    ];
    const c = caseClocks(office, facts({ thread }), t('2026-03-02T15:30:00Z'));
    expect(kind(c, 'resolution')).toMatchObject({ state: 'running', warnAt: t('2026-03-02T15:24:00Z'), dueAt: t('2026-03-02T17:00:00Z') });
    expect(kind(c, 'next_response')).toMatchObject({ state: 'running', warnAt: t('2026-03-02T16:06:00Z'), dueAt: t('2026-03-02T16:30:00Z') });
    // The next response falls due first; the case needs attention from 15:24, when 80% of the resolution target is used.
    expect(c.next).toEqual({ kind: 'next_response', warnAt: t('2026-03-02T15:24:00Z'), dueAt: t('2026-03-02T16:30:00Z') });
  });

  it('pauses every clock while waiting on the customer, and falls due never while the wait goes on', () => {
    const statuses: CaseFacts['statuses'] = [
      { at: t('2026-03-02T09:00:00Z'), status: 'new' },
      { at: t('2026-03-02T09:30:00Z'), status: 'waiting_on_customer' },
    ];
    const waiting = caseClocks(office, facts({ statuses }), t('2026-03-02T16:00:00Z'));
    expect(kind(waiting, 'first_response')).toMatchObject({ state: 'paused', usedMs: 0.5 * h, leftMs: 0.5 * h, dueAt: null });
    expect(waiting.next).toBeNull();
    const resumed = caseClocks(office, facts({ statuses: [...statuses, { at: t('2026-03-02T14:00:00Z'), status: 'open' }] }), t('2026-03-02T14:10:00Z'));
    expect(kind(resumed, 'first_response')).toMatchObject({ state: 'running', usedMs: (40 / 60) * h, dueAt: t('2026-03-02T14:30:00Z') });
    expect(kind(resumed, 'resolution')).toMatchObject({ state: 'running', usedMs: (40 / 60) * h });
  });

  it('keeps a breach that happened before the wait began', () => {
    const statuses: CaseFacts['statuses'] = [
      { at: t('2026-03-02T09:00:00Z'), status: 'new' },
      { at: t('2026-03-02T11:00:00Z'), status: 'waiting_on_customer' },
    ];
    const c = caseClocks(office, facts({ statuses }), t('2026-03-05T12:00:00Z'));
    expect(kind(c, 'first_response')).toMatchObject({ state: 'paused', breached: true, dueAt: t('2026-03-02T10:00:00Z') });
    expect(c.next).toMatchObject({ kind: 'first_response', dueAt: t('2026-03-02T10:00:00Z') });
  });

  it('stops every clock on resolving, and resumes the resolution clock on reopening without counting the gap', () => {
    const resolved: CaseFacts['statuses'] = [
      { at: t('2026-03-02T09:00:00Z'), status: 'new' },
      { at: t('2026-03-02T09:20:00Z'), status: 'resolved' },
    ];
    const done = caseClocks(office, facts({ statuses: resolved }), t('2026-03-06T12:00:00Z'));
    expect(done.clocks.map((c) => c.state)).toEqual(['met', 'idle', 'met']);
    expect(done.next).toBeNull();
    const reopened = caseClocks(office, facts({ statuses: [...resolved, { at: t('2026-03-03T09:00:00Z'), status: 'open' }] }), t('2026-03-03T10:00:00Z'));
    // 20 minutes before resolving, the holiday-free hour after reopening; the evening and night in between do not count.
    expect(kind(reopened, 'resolution')).toMatchObject({ state: 'running', usedMs: (80 / 60) * h });
  });

  it('skips the holiday and the weekend when falling due', () => {
    // Opened Tuesday 16:00 with a 3-hour first response: an hour Tuesday, none on the Wednesday holiday, two on Thursday.
    const c = caseClocks(office, facts({ openedAt: t('2026-03-03T16:00:00Z'), statuses: [{ at: t('2026-03-03T16:00:00Z'), status: 'new' }], targets: { first_response: 180, next_response: null, resolution: null } }), t('2026-03-03T16:00:00Z'));
    expect(kind(c, 'first_response').dueAt).toBe(t('2026-03-05T11:00:00Z'));
    expect(c.clocks.map((x) => x.state)).toEqual(['running', 'none', 'none']);
  });

  it('counts every hour at a location with no hours set', () => {
    const c = caseClocks(everyHour, facts(), t('2026-03-02T12:00:00Z'));
    expect(kind(c, 'first_response')).toMatchObject({ state: 'running', usedMs: 3 * h, leftMs: -2 * h, breached: true });
  });
});

describe('cases in words', () => {
  it('writes business durations a person reads', () => {
    expect(businessDuration(0)).toBe('0 business minutes');
    expect(businessDuration(60_000)).toBe('1 business minute');
    expect(businessDuration(2 * h)).toBe('2 business hours');
    expect(businessDuration(2.5 * h)).toBe('2 business hours 30 minutes');
    expect(businessDuration(30 * h + 60_000)).toBe('30 business hours');
  });

  it('prompts an apology for a missed target, and says what is owed on the others', () => {
    expect(aboutWords('Boiler not heating')).toBe('boiler not heating');
    expect(aboutWords('TV not delivered.')).toBe('TV not delivered');
    const words = caseSentences([
      { subject: 'The boiler', status: 'open', breach: { kind: 'first_response', sinceMs: 2 * h }, next: null },
      { subject: 'Invoice query', status: 'waiting_on_us', breach: null, next: { kind: 'resolution', leftMs: 3 * h, paused: false } },
    ]);
    expect(words.attention).toBe(true);
    expect(words.sentences).toEqual([
      'The case about the boiler passed its first-response target 2 business hours ago: explain and apologise.',
      'Open case about invoice query: 3 business hours left to the resolution target.',
    ]);
  });
});

describe('case rules', () => {
  it('keeps when a case was resolved from resolved to closed, and forgets it on reopening', () => {
    expect(resolvedAtAfter('open', 'resolved', null, 'T1')).toBe('T1');
    expect(resolvedAtAfter('resolved', 'closed', 'T1', 'T2')).toBe('T1');
    expect(resolvedAtAfter('closed', 'open', 'T1', 'T3')).toBeNull();
    expect(() => checkStatusChange('open', 'new')).toThrow(/cannot go back to new/);
    expect(() => checkStatusChange('new', 'new')).not.toThrow();
  });

  it('takes an opening time up to now, never in the future', () => {
    const now = Date.parse('2026-03-02T09:00:00Z');
    expect(checkOpenedAt(undefined, now)).toBe('2026-03-02T09:00:00.000Z');
    expect(checkOpenedAt('2026-03-02T10:00:00+02:00', now)).toBe('2026-03-02T08:00:00.000Z');
    expect(() => checkOpenedAt('2026-03-02T09:05:00Z', now)).toThrow(/future/);
    expect(() => checkOpenedAt('1899-12-31T00:00:00Z', now)).toThrow(/1900/);
    expect(caseTypeOf('  ')).toBe('general');
    expect(caseTypeOf(' Complaint ')).toBe('Complaint');
  });
});
