import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callSummary, displayNumber, durationWords, ending, startOf } from './phone-rules.js';
import { checkSignature, parseSignature, signatureHeaderValue } from '../platform/http/signature.js';

const secret = 'a-shared-secret-of-the-phone-system';
const now = 1_760_000_000;
const body = Buffer.from('{"callId":"c-1","event":"ringing","from":"+12175550142"}');

describe('the webhook signature', () => {
  it('is the hex HMAC-SHA256 of "t.body", as the README recipe computes it', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body.toString()}`).digest('hex');
    expect(signatureHeaderValue(secret, now, body)).toBe(`t=${now},v1=${expected}`);
    expect(checkSignature(`t=${now},v1=${expected}`, body, secret, now)).toEqual({ valid: true });
  });

  it('is refused when missing or unreadable, saying what to send', () => {
    for (const header of [undefined, '', 'v1=abc', `t=${now}`, `t=soon,v1=${'a'.repeat(64)}`, `t=${now},v1=not-hex`]) {
      const check = checkSignature(header, body, secret, now);
      expect(check.valid, String(header)).toBe(false);
      if (!check.valid) expect(check.reason).toMatch(/x-rapport-signature/);
    }
  });

  it('is refused with another secret, for another body, or a time changed after signing', () => {
    const right = signatureHeaderValue(secret, now, body);
    expect(checkSignature(signatureHeaderValue('someone-elses-secret-entirely', now, body), body, secret, now).valid).toBe(false);
    expect(checkSignature(right, Buffer.from(body.toString().replace('ringing', 'ended')), secret, now).valid).toBe(false);
    expect(checkSignature(right.replace(`t=${now}`, `t=${now + 1}`), body, secret, now).valid).toBe(false);
  });

  it('is refused more than five minutes old or ahead, and taken within them', () => {
    const at = (t: number) => checkSignature(signatureHeaderValue(secret, t, body), body, secret, now);
    expect(at(now - 300).valid).toBe(true);
    expect(at(now + 300).valid).toBe(true);
    const stale = at(now - 301);
    expect(stale.valid).toBe(false);
    if (!stale.valid) expect(stale.reason).toMatch(/5 minutes/);
    expect(at(now + 301).valid).toBe(false);
  });

  it('takes any of several v1 signatures (a secret being changed over), in either case of hex', () => {
    const right = signatureHeaderValue(secret, now, body).split('v1=')[1]!;
    expect(checkSignature(`t=${now}, v1=${'0'.repeat(64)}, v1=${right.toUpperCase()}`, body, secret, now)).toEqual({ valid: true });
    expect(parseSignature(`v1=${right},t=${now}`)).toEqual({ timestamp: now, signatures: [right] });
  });

  it('never throws, whatever the header', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (header) => typeof checkSignature(header, body, secret, now).valid === 'boolean'));
  });
});

describe('how a call ends', () => {
  const call = { state: 'ringing' as const, startedAt: '2026-03-02T10:00:00.000Z', answeredAt: null, endedAt: null };

  it('is missed when nobody answered, with no duration', () => {
    expect(ending(call, '2026-03-02T10:00:40.000Z', undefined)).toEqual({ state: 'missed', answeredAt: null, endedAt: '2026-03-02T10:00:40.000Z', durationSeconds: null });
    expect(ending(call, '2026-03-02T10:00:40.000Z', 0)?.state).toBe('missed');
  });

  it('is answered with the length the phone system gives, or the time since it was answered', () => {
    const answered = { ...call, state: 'answered' as const, answeredAt: '2026-03-02T10:00:10.000Z' };
    expect(ending(answered, '2026-03-02T10:04:22.000Z', 252)).toEqual({ state: 'answered', answeredAt: answered.answeredAt, endedAt: '2026-03-02T10:04:22.000Z', durationSeconds: 252 });
    expect(ending(answered, '2026-03-02T10:04:22.000Z', undefined)?.durationSeconds).toBe(252);
  });

  it('is answered when only its end is reported with a length, answered that long before', () => {
    expect(ending(call, '2026-03-02T10:05:00.000Z', 60)).toEqual({ state: 'answered', answeredAt: '2026-03-02T10:04:00.000Z', endedAt: '2026-03-02T10:05:00.000Z', durationSeconds: 60 });
    expect(startOf('ended', '2026-03-02T10:05:00.000Z', 60)).toBe('2026-03-02T10:04:00.000Z');
    expect(startOf('ringing', '2026-03-02T10:05:00.000Z', undefined)).toBe('2026-03-02T10:05:00.000Z');
  });

  it('ends once', () => {
    expect(ending({ ...call, state: 'missed', endedAt: '2026-03-02T10:00:40.000Z' }, '2026-03-02T10:01:00.000Z', 5)).toBeNull();
  });
});

describe('the words of a call', () => {
  it('says how long in minutes and seconds', () => {
    expect([0, 45, 60, 252, 3600, 3900].map(durationWords)).toEqual(['0 s', '45 s', '1 min', '4 min 12 s', '1 h', '1 h 5 min']);
  });

  it('shows the number as people read it, as received when it is none, or nothing when withheld', () => {
    expect(displayNumber('+12175550142', '(217) 555-0142')).toBe('+1 217 555 0142');
    expect(displayNumber(null, ' anonymous ')).toBe('anonymous');
    expect(displayNumber(null, '  ')).toBeNull();
  });

  it('sums up the call for the customer’s history', () => {
    expect(callSummary({ state: 'answered', number: '+1 217 555 0142', agentName: 'Earl Hughes', durationSeconds: 252 })).toBe('Phone call from +1 217 555 0142, answered by Earl Hughes: 4 min 12 s.');
    expect(callSummary({ state: 'missed', number: '+1 217 555 0142', agentName: 'Earl Hughes', durationSeconds: null })).toBe(
      'Missed call from +1 217 555 0142: nobody answered (it rang Earl Hughes). Call them back.',
    );
    expect(callSummary({ state: 'missed', number: null, agentName: null, durationSeconds: null })).toBe('Missed call: nobody answered. Call them back.');
  });
});
