import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channels as interactionChannels } from '../interactions/interaction-schemas.js';
import { DomainError } from '../platform/errors.js';
import {
  checkDay,
  consentChannelOf,
  consentChannels,
  contactPermission,
  dayInWords,
  outboundPermission,
  type ChannelConsent,
  type CustomerConsent,
} from './consent-rules.js';

const none: CustomerConsent = { channels: [], doNotContact: null };
const optedOutOfEmail: ChannelConsent = { channel: 'email', status: 'opted_out', givenOn: '2026-03-03', source: 'web form' };

describe('contactPermission', () => {
  it('says why, in words', () => {
    expect(contactPermission({ channels: [optedOutOfEmail], doNotContact: null }, 'email')).toEqual({
      allowed: false,
      basis: 'opted_out',
      reason: 'opted out of email on 3 March 2026 (web form)',
    });
    expect(contactPermission({ channels: [{ channel: 'phone', status: 'opted_in', givenOn: '2025-09-14', source: null }], doNotContact: null }, 'phone')).toEqual({
      allowed: true,
      basis: 'opted_in',
      reason: 'opted in to phone calls on 14 September 2025',
    });
    expect(contactPermission({ channels: [{ channel: 'post', status: 'opted_out', givenOn: '2026-01-01', source: '  told us at the counter ' }], doNotContact: null }, 'post').reason).toBe(
      'opted out of post on 1 January 2026 (told us at the counter)',
    );
  });

  it('treats a channel with nothing recorded as not recorded, and allowed', () => {
    expect(contactPermission(none, 'sms')).toEqual({ allowed: true, basis: 'not_recorded', reason: 'nothing recorded for text messages' });
    expect(contactPermission({ channels: [optedOutOfEmail], doNotContact: null }, 'phone').basis).toBe('not_recorded');
  });

  it('lets do-not-contact win over every channel, whatever was chosen', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            channel: fc.constantFrom(...consentChannels),
            status: fc.constantFrom('opted_in' as const, 'opted_out' as const),
            givenOn: fc.constant('2026-02-01'),
            source: fc.option(fc.string(), { nil: null }),
          }),
          { selector: (c) => c.channel },
        ),
        fc.constantFrom(...consentChannels),
        fc.string({ minLength: 1 }),
        (channels, channel, reason) => {
          const answer = contactPermission({ channels, doNotContact: { since: '2026-03-03', reason } }, channel);
          expect(answer.allowed).toBe(false);
          expect(answer.basis).toBe('do_not_contact');
          expect(answer.reason.startsWith('do not contact since 3 March 2026')).toBe(true);
        },
      ),
    );
  });

  it('allows a channel exactly when it is opted in or not recorded, without do-not-contact', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            channel: fc.constantFrom(...consentChannels),
            status: fc.constantFrom('opted_in' as const, 'opted_out' as const),
            givenOn: fc.constant('2026-02-01'),
            source: fc.option(fc.string(), { nil: null }),
          }),
          { selector: (c) => c.channel },
        ),
        fc.constantFrom(...consentChannels),
        (channels, channel) => {
          const recorded = channels.find((c) => c.channel === channel);
          const answer = contactPermission({ channels, doNotContact: null }, channel);
          expect(answer.allowed).toBe(!recorded || recorded.status === 'opted_in');
          expect(answer.reason.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('outbound contacts', () => {
  it('maps the kinds of contact to the channel they use', () => {
    expect(consentChannelOf('call')).toBe('phone');
    expect(consentChannelOf('letter')).toBe('post');
    expect(consentChannelOf('direct_mail')).toBe('post');
    expect(consentChannelOf('newsletter')).toBe('email');
    expect(consentChannelOf('visit')).toBeNull();
  });

  it('warns on a call to someone who opted out of phone calls, and on any contact with do-not-contact', () => {
    const phoneOut: CustomerConsent = { channels: [{ channel: 'phone', status: 'opted_out', givenOn: '2026-11-29', source: 'told us at the counter' }], doNotContact: null };
    expect(outboundPermission(phoneOut, 'call')).toMatchObject({ allowed: false, reason: 'opted out of phone calls on 29 November 2026 (told us at the counter)' });
    expect(outboundPermission(phoneOut, 'email').allowed).toBe(true);
    expect(outboundPermission(phoneOut, 'visit')).toMatchObject({ allowed: true, basis: 'not_needed' });
    const dnc: CustomerConsent = { channels: [], doNotContact: { since: '2026-05-10', reason: 'bereavement' } };
    for (const channel of interactionChannels) expect(outboundPermission(dnc, channel)).toMatchObject({ allowed: false, basis: 'do_not_contact' });
  });
});

describe('days', () => {
  it('writes a day in words', () => {
    expect(dayInWords('2026-03-03')).toBe('3 March 2026');
    expect(dayInWords('2025-12-31')).toBe('31 December 2025');
    expect(dayInWords('not a day')).toBe('not a day');
  });

  it('takes today when none is given, refuses future days, impossible days and the distant past, naming the field', () => {
    expect(checkDay(undefined, '2026-11-29', '/body/givenOn')).toBe('2026-11-29');
    expect(checkDay('2026-11-30', '2026-11-29', '/body/givenOn')).toBe('2026-11-30'); // a time zone ahead
    for (const bad of ['2026-12-01', '2026-02-30', '1899-12-31', '2026-13-01']) {
      let thrown: unknown;
      try {
        checkDay(bad, '2026-11-29', '/body/givenOn');
      } catch (error) {
        thrown = error;
      }
      expect(thrown, bad).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).errors?.[0]?.path).toBe('/body/givenOn');
    }
  });

  it('accepts every real day up to today as itself', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-29T00:00:00Z'), noInvalidDate: true }), (date) => {
        const day = date.toISOString().slice(0, 10);
        expect(checkDay(day, '2026-11-29', '/body/since')).toBe(day);
        expect(dayInWords(day)).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
      }),
    );
  });
});
