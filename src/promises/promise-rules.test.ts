import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeToken, readToken, secretMatches, hashSecret, newSecret, firstNameOf, linkState } from './promise-link-rules.js';
import {
  checkDue,
  dueByOf,
  figuresBy,
  isDueToday,
  isDueWithinDay,
  isOverdue,
  judge,
  needsTelling,
  promiseFigures,
  slipsOf,
  untoldRevisions,
  type FigureInput,
  type PromiseStatus,
  type RevisionFacts,
} from './promise-rules.js';
import { endOfLocalDay, localDate, nextDay, startOfLocalDay } from './promise-time.js';
import { changeSentence, dueWords, promiseSentences, type PromiseBriefFact } from './promise-words.js';

const hour = 3_600_000;
const day = 24 * hour;

/** Zones with daylight saving at 02:00, at midnight, half hours, 45 minutes, far east and west, a skipped day. */
const zones = [
  'UTC',
  'America/Chicago',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'America/Havana',
  'America/Santiago',
  'America/Sao_Paulo',
  'Asia/Beirut',
  'Pacific/Apia',
  'Africa/Casablanca',
] as const;

const dayArb = fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const instantArb = fc.integer({ min: Date.parse('1950-01-01T00:00:00Z'), max: Date.parse('2100-12-31T00:00:00Z') });

describe('local days in a time zone', () => {
  it('starts each day at the first instant whose local date is that day or later', () => {
    fc.assert(
      fc.property(dayArb, fc.constantFrom(...zones), (d, zone) => {
        const start = startOfLocalDay(d, zone);
        expect(localDate(start, zone) >= d).toBe(true);
        expect(localDate(start - 1, zone) < d).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('ends each day at its last instant, where the next begins', () => {
    fc.assert(
      fc.property(dayArb, fc.constantFrom(...zones), (d, zone) => {
        const end = endOfLocalDay(d, zone);
        expect(end + 1).toBe(startOfLocalDay(nextDay(d), zone));
        expect(localDate(end, zone) <= d).toBe(true);
        expect(localDate(end + 1, zone) > d).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('handles daylight saving and midnight changes by hand-checked cases', () => {
    // Chicago: 12 March 2027 is in winter time (UTC-6); 1 July in summer time (UTC-5).
    expect(new Date(endOfLocalDay('2027-03-12', 'America/Chicago')).toISOString()).toBe('2027-03-13T05:59:59.999Z');
    expect(new Date(endOfLocalDay('2027-07-01', 'America/Chicago')).toISOString()).toBe('2027-07-02T04:59:59.999Z');
    // The day clocks go forward (14 March 2027) is 23 hours long.
    expect(startOfLocalDay('2027-03-15', 'America/Chicago') - startOfLocalDay('2027-03-14', 'America/Chicago')).toBe(23 * hour);
    // Havana moves its clocks at midnight: 14 March 2027 begins at 01:00 local time (05:00 UTC).
    expect(new Date(startOfLocalDay('2027-03-14', 'America/Havana')).toISOString()).toBe('2027-03-14T05:00:00.000Z');
    // Samoa skipped 30 December 2011: it "starts" when 31 December does.
    expect(startOfLocalDay('2011-12-30', 'Pacific/Apia')).toBe(startOfLocalDay('2011-12-31', 'Pacific/Apia'));
    expect(new Date(startOfLocalDay('2027-01-01', 'Asia/Kathmandu')).toISOString()).toBe('2026-12-31T18:15:00.000Z');
  });
});

describe('due and overdue', () => {
  it('is not overdue on any instant of its local day, and overdue on every instant after it', () => {
    fc.assert(
      fc.property(dayArb, fc.constantFrom(...zones), instantArb, (d, zone, t) => {
        const p = { status: 'open' as const, dueBy: dueByOf({ dueOn: d, dueAt: null }, zone) };
        expect(isOverdue(p, new Date(t))).toBe(localDate(t, zone) > d);
      }),
      { numRuns: 400 },
    );
  });

  it('is due within a day only when open, not overdue, and due in at most 24 hours', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: -3 * day, max: 3 * day }), fc.constantFrom<PromiseStatus>('open', 'kept', 'broken', 'cancelled'), (now, ahead, status) => {
        const p = { status, dueBy: new Date(now + ahead).toISOString() };
        const soon = isDueWithinDay(p, new Date(now));
        expect(soon).toBe(status === 'open' && ahead >= 0 && ahead <= day);
        if (soon) expect(isOverdue(p, new Date(now))).toBe(false);
        expect(isOverdue(p, new Date(now))).toBe(status === 'open' && ahead < 0);
      }),
    );
  });

  it('belongs on Today when open and due before the end of the reader’s day', () => {
    const end = Date.parse('2027-03-13T05:59:59.999Z');
    expect(isDueToday({ status: 'open', dueBy: '2027-03-13T05:59:59.999Z' }, end)).toBe(true);
    expect(isDueToday({ status: 'open', dueBy: '2027-03-13T06:00:00.000Z' }, end)).toBe(false);
    expect(isDueToday({ status: 'kept', dueBy: '2020-01-01T00:00:00.000Z' }, end)).toBe(false);
  });

  it('takes exactly one real due date, naming the field', () => {
    expect(checkDue({ dueOn: '2027-03-12' })).toEqual({ dueOn: '2027-03-12', dueAt: null });
    expect(checkDue({ dueAt: '2027-03-12T15:00:00+01:00' })).toEqual({ dueOn: null, dueAt: '2027-03-12T14:00:00.000Z' });
    expect(() => checkDue({})).toThrow(expect.objectContaining({ errors: [{ path: '/body/dueOn', message: expect.stringMatching(/give the day/) }] }));
    expect(() => checkDue({ dueOn: '2027-02-29' })).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: '/body/dueOn' })] }));
    expect(() => checkDue({ dueOn: '2027-03-12', dueAt: '2027-03-12T10:00:00Z' })).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: '/body/dueAt' })] }));
  });
});

const revision = (createdAt: number, told: boolean, from = 0, to = 1): RevisionFacts => ({
  createdAt: new Date(createdAt * hour).toISOString(),
  fromDueBy: new Date(from * day).toISOString(),
  toDueBy: new Date(to * day).toISOString(),
  toldAt: told ? new Date(createdAt * hour).toISOString() : null,
  apologised: false,
});

describe('slipped and the customer not told', () => {
  it('is a change they never heard of, with no later change they were told of', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 8 }), fc.constantFrom<PromiseStatus>('open', 'kept'), (told, status) => {
        const revisions = told.map((t, i) => revision(i, t));
        const lastTold = told.lastIndexOf(true);
        const untold = untoldRevisions([...revisions].reverse());
        expect(untold).toEqual(revisions.slice(lastTold + 1));
        expect(untold.every((r) => r.toldAt === null)).toBe(true);
        expect(needsTelling({ status, revisions })).toBe(status === 'open' && lastTold < told.length - 1);
      }),
    );
  });

  it('counts as slips only the changes that moved the date later', () => {
    expect(slipsOf([revision(0, false, 10, 20), revision(1, false, 20, 15), revision(2, true, 15, 30)])).toBe(2);
  });
});

const statusArb = fc.constantFrom<PromiseStatus>('open', 'kept', 'broken', 'cancelled');
const figureArb: fc.Arbitrary<FigureInput> = fc
  .record({
    owner: fc.constantFrom('sam', 'nadia'),
    location: fc.constantFrom('centre', 'branch', null),
    customer: fc.constantFrom('ellen', 'jim', 'maggie'),
    status: statusArb,
    original: fc.integer({ min: -50, max: 50 }),
    moved: fc.integer({ min: -20, max: 40 }),
    kept: fc.integer({ min: -60, max: 0 }),
    slips: fc.nat(4),
  })
  .map((r) => ({
    ownerId: r.owner,
    locationId: r.location,
    customerId: r.customer,
    status: r.status,
    keptAt: r.status === 'kept' ? new Date(r.kept * day).toISOString() : null,
    originalDueBy: new Date(r.original * day).toISOString(),
    dueBy: new Date((r.original + r.moved) * day).toISOString(),
    slips: r.slips,
  }));

describe('the figures', () => {
  const now = new Date(0);

  it('judges a promise against a date: kept by it, late, still pending, or not counted', () => {
    expect(judge({ status: 'kept', keptAt: '2027-03-12T10:00:00Z' }, '2027-03-13T05:59:59.999Z', now)).toBe('on_time');
    expect(judge({ status: 'kept', keptAt: '2027-03-13T06:00:00Z' }, '2027-03-13T05:59:59.999Z', now)).toBe('late');
    expect(judge({ status: 'broken', keptAt: null }, '2099-01-01T00:00:00Z', now)).toBe('late');
    expect(judge({ status: 'open', keptAt: null }, '1969-12-31T00:00:00Z', now)).toBe('late');
    expect(judge({ status: 'open', keptAt: null }, '1970-01-02T00:00:00Z', now)).toBe('pending');
    expect(judge({ status: 'cancelled', keptAt: null }, '1969-01-01T00:00:00Z', now)).toBe('not_counted');
  });

  it('add up: rates within 0..1, groups summing to the whole, slips per promise', () => {
    fc.assert(
      fc.property(fc.array(figureArb, { maxLength: 40 }), fc.constantFrom('staff', 'location', 'customer' as const), (items, by) => {
        const all = promiseFigures(items, now);
        expect(all.made).toBe(items.length);
        expect(all.open + all.kept + all.broken + all.cancelled).toBe(items.length);
        for (const rate of [all.byFirstDate, all.byDateInForce]) {
          expect(rate.onTime).toBeLessThanOrEqual(rate.judged);
          expect(rate.judged).toBeLessThanOrEqual(items.length - all.cancelled);
          expect(rate.rate).toBe(rate.judged ? rate.onTime / rate.judged : null);
        }
        expect(all.slipsPerPromise).toBe(items.length ? all.slips / items.length : null);
        const groups = figuresBy(items, by, now);
        for (const key of ['made', 'kept', 'overdue', 'slips'] as const) expect(groups.reduce((n, g) => n + g.figures[key], 0)).toBe(all[key]);
        expect(groups.reduce((n, g) => n + g.figures.byFirstDate.onTime, 0)).toBe(all.byFirstDate.onTime);
      }),
    );
  });

  it('never counts a promise on time by its first date and late by a later date in force', () => {
    fc.assert(
      fc.property(figureArb, (p) => {
        fc.pre(Date.parse(p.dueBy) >= Date.parse(p.originalDueBy));
        const first = judge(p, p.originalDueBy, now);
        const inForce = judge(p, p.dueBy, now);
        if (first === 'on_time') expect(inForce).toBe('on_time');
      }),
    );
  });
});

describe('in words', () => {
  it('writes dates where the promise belongs', () => {
    expect(dueWords({ dueOn: '2027-03-12', dueAt: null }, 'America/Chicago')).toBe('12 March 2027');
    expect(dueWords({ dueOn: '2027-03-12', dueAt: null }, 'UTC', { year: 'when-other', now: new Date('2027-01-01T12:00:00Z') })).toBe('12 March');
    expect(dueWords({ dueOn: null, dueAt: '2027-03-12T21:00:00Z' }, 'America/Chicago')).toBe('12 March 2027 at 15:00');
    expect(changeSentence({ createdAt: '2027-03-20T15:00:00Z', from: { dueOn: '2027-03-12', dueAt: null }, to: { dueOn: '2027-04-23', dueAt: null }, reason: 'a backlog ' }, 'UTC')).toBe(
      'On 20 March 2027 the date moved from 12 March 2027 to 23 April 2027. Why: a backlog.',
    );
  });

  it('prompts the brief reader when a promise slipped and the customer was never told', () => {
    const now = new Date('2027-06-01T12:00:00Z');
    const tv: PromiseBriefFact = {
      what: 'the TV',
      status: 'open',
      due: { dueOn: '2027-05-20', dueAt: null },
      originalDue: { dueOn: '2027-03-12', dueAt: null },
      dueBy: dueByOf({ dueOn: '2027-05-20', dueAt: null }, 'America/Chicago'),
      timezone: 'America/Chicago',
      ownerName: 'Sam Delgado',
      revisions: [revision(1, false, 1, 2), revision(2, false, 2, 3)],
    };
    expect(promiseSentences([tv], 'Eileen', now)).toEqual({
      attention: true,
      sentences: ["Overdue since 20 May: the TV (Sam Delgado's promise).", 'The TV, promised for 12 March, slipped twice and Eileen was never told: explain and apologise.'],
    });
    const told = { ...tv, revisions: [revision(1, true, 1, 2), revision(2, false, 2, 3)] };
    expect(promiseSentences([told], 'Eileen', now).sentences[1]).toBe('The TV, promised for 12 March, slipped twice and Eileen was not told of the latest change: explain and apologise.');
    const fine = { ...tv, revisions: [revision(1, true, 1, 2)], due: { dueOn: '2027-06-10', dueAt: null }, dueBy: dueByOf({ dueOn: '2027-06-10', dueAt: null }, 'UTC') };
    expect(promiseSentences([fine], 'Eileen', now)).toEqual({ attention: false, sentences: ["Promised by 10 June: the TV (Sam Delgado's promise)."] });
    const many = Array.from({ length: 7 }, () => fine);
    expect(promiseSentences(many, 'Eileen', now).sentences.at(-1)).toBe('And 2 more open promises.');
  });
});

describe('customer links', () => {
  const key = Buffer.alloc(32, 1);
  const id = '01912345-6789-7abc-8def-0123456789ab';
  const now = new Date('2027-01-01T00:00:00Z');
  const expires = new Date('2027-01-31T00:00:00Z');

  it('read back what they were made with, until they expire', () => {
    const secret = newSecret();
    const token = makeToken(key, id, expires, secret);
    expect(readToken(key, token, now)).toMatchObject({ linkId: id, expiresAt: expires, secret });
    expect(readToken(key, token, expires)).toBeNull();
    expect(readToken(Buffer.alloc(32, 2), token, now)).toBeNull();
    expect(secretMatches(secret, hashSecret(secret))).toBe(true);
    expect(secretMatches(newSecret(), hashSecret(secret))).toBe(false);
  });

  it('refuse any change to any character, and any garbage', () => {
    const token = makeToken(key, id, expires, newSecret());
    const [idPart, expiry, , signature] = token.split('.') as [string, string, string, string];
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...'abcXYZ019-_.'), (at, c) => {
        fc.pre(token[at] !== c);
        const changed = `${token.slice(0, at)}${c}${token.slice(at + 1)}`;
        const read = readToken(key, changed, now);
        // Only the secret is not signed: changing it passes here and fails against the stored hash.
        if (read) {
          const [i, e, , sig] = changed.split('.');
          expect([i, e, sig]).toEqual([idPart, expiry, signature]);
        }
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (garbage) => {
        expect(readToken(key, garbage, now)).toBeNull();
      }),
    );
  });

  it('say their state, and give the customer a first name only', () => {
    expect(linkState({ expiresAt: '2027-01-31T00:00:00Z', revokedAt: null }, now)).toBe('active');
    expect(linkState({ expiresAt: '2026-12-31T00:00:00Z', revokedAt: null }, now)).toBe('expired');
    expect(linkState({ expiresAt: '2027-01-31T00:00:00Z', revokedAt: '2027-01-01T00:00:00Z' }, now)).toBe('revoked');
    expect(firstNameOf('  Nadia   Brooks ')).toBe('Nadia');
    expect(firstNameOf(null)).toBeNull();
  });
});
