import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aboutThem, acknowledgementNote, dayWindow, isRecent, spokenName, suggestion, worthAcknowledging, type EventForToday } from './life-event-today-rules.js';

const now = new Date('2026-11-29T21:00:00Z');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const dateOf = (d: Date) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });

const event = (over: Partial<EventForToday> = {}): EventForToday => ({
  id: 'e1',
  customerId: 'c1',
  customerName: 'Margaret Chen',
  preferredName: 'Maggie',
  givenName: 'Margaret',
  familyName: 'Chen',
  kind: 'school_start',
  title: 'Her son Daniel started college',
  year: null,
  month: null,
  day: null,
  sensitivity: 'normal',
  provenance: 'told_us',
  createdAt: daysAgo(2).toISOString(),
  createdBy: 's1',
  recorderName: 'Tom Becker',
  ...over,
});

describe('which life events are worth acknowledging', () => {
  it('takes the kinds a person acknowledges, told to us by the customer', () => {
    for (const kind of ['birth', 'marriage', 'moved_home', 'new_job', 'retirement', 'graduation', 'school_start', 'anniversary']) {
      expect(worthAcknowledging(event({ kind })), kind).toBe(true);
      expect(worthAcknowledging(event({ kind, sensitivity: 'private' })), `${kind} private`).toBe(true);
    }
    expect(worthAcknowledging(event({ kind: 'other' }))).toBe(false);
  });

  it('leaves what we know only from our records or another system for the customer to mention', () => {
    expect(worthAcknowledging(event({ provenance: 'our_records' }))).toBe(false);
    expect(worthAcknowledging(event({ provenance: 'other_system' }))).toBe(false);
  });

  it('suggests an illness or a bereavement only when it is not private', () => {
    for (const kind of ['illness', 'bereavement']) {
      expect(worthAcknowledging(event({ kind }))).toBe(true);
      expect(worthAcknowledging(event({ kind, sensitivity: 'private' }))).toBe(false);
    }
  });
});

describe('recent', () => {
  it('is an event dated within the last 14 days, whenever it was recorded', () => {
    const old = daysAgo(200).toISOString();
    expect(isRecent(event({ ...dateOf(daysAgo(0)), createdAt: old }), now)).toBe(true);
    expect(isRecent(event({ ...dateOf(daysAgo(14)), createdAt: old }), now)).toBe(true);
    expect(isRecent(event({ ...dateOf(daysAgo(15)), createdAt: old }), now)).toBe(false);
    expect(isRecent(event({ ...dateOf(daysAgo(-3)), createdAt: old }), now)).toBe(false);
  });

  it('is an event recorded within the last 14 days, unless its date makes it old news', () => {
    expect(isRecent(event({ createdAt: daysAgo(13).toISOString() }), now)).toBe(true);
    expect(isRecent(event({ createdAt: daysAgo(15).toISOString() }), now)).toBe(false);
    expect(isRecent(event({ ...dateOf(daysAgo(25)) }), now)).toBe(true);
    expect(isRecent(event({ ...dateOf(daysAgo(40)) }), now)).toBe(false);
    expect(isRecent(event({ year: 2026, month: 11 }), now)).toBe(true);
    expect(isRecent(event({ year: 2026, month: 10 }), now)).toBe(true);
    expect(isRecent(event({ year: 2026, month: 9 }), now)).toBe(false);
    expect(isRecent(event({ year: 2019, month: 4 }), now)).toBe(false);
    expect(isRecent(event({ year: 2026 }), now)).toBe(true);
    // A wedding next month, told to us this week: coming up.
    expect(isRecent(event({ kind: 'marriage', ...dateOf(daysAgo(-30)) }), now)).toBe(true);
  });

  it('has a database window that covers exactly the last 14 days and today, across month and year ends', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (at) => {
        const slices = dayWindow(at);
        expect(slices.length).toBeGreaterThanOrEqual(1);
        expect(slices.length).toBeLessThanOrEqual(2);
        const days = slices.flatMap((s) => Array.from({ length: s.toDay - s.fromDay + 1 }, (_, i) => Date.UTC(s.year, s.month - 1, s.fromDay + i)));
        const today = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
        expect(days).toEqual(Array.from({ length: 15 }, (_, i) => today - (14 - i) * 86_400_000));
        // Every day in the window is recent by the rules too (the database's cut never drops one).
        for (const d of days) expect(isRecent(event({ ...dateOf(new Date(d)), createdAt: '2000-01-01T00:00:00.000Z' }), at)).toBe(true);
      }),
    );
  });
});

describe('the words of a suggestion', () => {
  it('puts family after the name, and anything else after a colon', () => {
    expect(aboutThem('Maggie Chen', 'Her son Daniel started college.')).toBe('Maggie Chen’s son Daniel started college');
    expect(aboutThem('Maggie Chen', 'Son started college')).toBe('Maggie Chen’s son started college');
    expect(aboutThem('Raj Patel', 'Their baby was born')).toBe('Raj Patel’s baby was born');
    expect(aboutThem('Jim Alvarez', 'Retired from the fire service')).toBe('Jim Alvarez: Retired from the fire service');
    expect(aboutThem('Jim Alvarez', 'Sonja moved in')).toBe('Jim Alvarez: Sonja moved in');
    expect(aboutThem('Jonah Novak', 'Jonah started at a new school', 'Jonah')).toBe('Jonah Novak started at a new school');
    expect(aboutThem('Jonah Novak', 'Jonahs started at a new school', 'Jonah')).toBe('Jonah Novak: Jonahs started at a new school');
  });

  it('names them as staff know them', () => {
    expect(spokenName(event())).toBe('Maggie Chen');
    expect(spokenName(event({ preferredName: null }))).toBe('Margaret Chen');
    expect(spokenName(event({ customerName: 'Acme Ltd', preferredName: null, givenName: null, familyName: null }))).toBe('Acme Ltd');
  });

  it('suggests a human action and says who they told', () => {
    const s = suggestion(event({ kind: 'new_job', title: 'Her husband David started a new job', ...dateOf(daysAgo(3)) }), now);
    expect(s).toEqual({
      title: 'Maggie Chen’s husband David started a new job',
      detail: 'Ask how the new job is going. They told Tom Becker.',
      at: new Date(Date.UTC(2026, 10, 26, 12)).toISOString(),
    });
    expect(suggestion(event({ kind: 'bereavement', title: 'Her father died' }), now).detail).toMatch(/^If the moment is right, offer your condolences gently\./);
    expect(suggestion(event({ kind: 'marriage', title: 'Getting married', ...dateOf(daysAgo(-20)) }), now).detail).toMatch(/^Wish them well for the wedding\./);
    expect(suggestion(event({ recorderName: null }), now).detail).toBe('Ask how it is going and how they are settling in.');
    expect(suggestion(event({ sensitivity: 'private' }), now).title).toMatch(/ \[private\]$/);
    // Undated: when we heard. A month or a year only: said in the title, as the brief does.
    expect(suggestion(event(), now).at).toBe(event().createdAt);
    expect(suggestion(event({ year: 2026, month: 11 }), now)).toMatchObject({ title: 'Maggie Chen’s son Daniel started college (November 2026)', at: event().createdAt });
  });

  it('never sends or writes on the customer’s behalf: every detail is advice to the staff member', () => {
    for (const kind of ['birth', 'marriage', 'moved_home', 'new_job', 'retirement', 'graduation', 'school_start', 'anniversary', 'illness', 'bereavement']) {
      const { detail } = suggestion(event({ kind }), now);
      expect(detail, kind).toMatch(/^(Congratulate|Ask|Wish|If the moment is right)/);
      expect(detail).not.toMatch(/send|email|message|text them/i);
    }
  });

  it('records the acknowledgement in a note', () => {
    expect(acknowledgementNote('Her son Daniel started college. ')).toBe('Acknowledged their news: Her son Daniel started college.');
  });
});
