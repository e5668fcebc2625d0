import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { canSeeFact, privacyOfChange, type FactPrivacy } from './private-facts.js';

const actor = (role: Actor['role'], staffId = 's1', locationIds: string[] = []): Actor => ({
  staffId,
  name: 'x',
  role,
  locationIds,
  via: 'session',
  tokenId: null,
  canWrite: true,
});
const privateBy = (createdBy: string, audienceLocationId: string | null = 'L1'): FactPrivacy => ({ sensitivity: 'private', createdBy, audienceLocationId });

describe('the privacy rule', () => {
  it('shows normal facts to everyone', () => {
    expect(canSeeFact(actor('frontline'), { sensitivity: 'normal', createdBy: 'other', audienceLocationId: 'L1' })).toBe(true);
  });
  it('shows a private fact to its author, not to other frontline staff', () => {
    expect(canSeeFact(actor('frontline', 'a'), privateBy('a'))).toBe(true);
    expect(canSeeFact(actor('frontline', 'b'), privateBy('a'))).toBe(false);
    expect(canSeeFact(actor('frontline', 'b', ['L1']), privateBy('a'))).toBe(false);
  });
  it('shows it to managers of its audience location only, and to every admin', () => {
    expect(canSeeFact(actor('manager', 'm', ['L1']), privateBy('a'))).toBe(true);
    expect(canSeeFact(actor('manager', 'm', ['L2']), privateBy('a'))).toBe(false);
    expect(canSeeFact(actor('manager', 'm', []), privateBy('a'))).toBe(true);
    expect(canSeeFact(actor('manager', 'm', ['L2']), privateBy('a', null))).toBe(true);
    expect(canSeeFact(actor('admin', 'z', ['L2']), privateBy('a'))).toBe(true);
  });
  it('never lets a fact with no author be read as anyone\'s own', () => {
    expect(canSeeFact(actor('frontline', 'a'), { sensitivity: 'private', createdBy: null, audienceLocationId: null })).toBe(false);
  });
  it('takes no customer: the audience is the fact\'s own, whatever the customer\'s location is now', () => {
    fc.assert(
      fc.property(fc.constantFrom('frontline', 'manager', 'admin'), fc.subarray(['L1', 'L2', 'L3']), fc.option(fc.constantFrom('L1', 'L2', 'L3')), (role, locations, audience) => {
        const fact = privateBy('author', audience);
        const seen = canSeeFact(actor(role as Actor['role'], 'reader', locations), fact);
        const expected = role === 'admin' || (role === 'manager' && (audience === null || locations.length === 0 || locations.includes(audience)));
        expect(seen).toBe(expected);
      }),
    );
  });
});

describe('the privacy of an audit entry', () => {
  it('is normal when neither side is private', () => {
    expect(privacyOfChange({ sensitivity: 'normal', body: 'x' }, { body: 'y' })).toEqual({ sensitivity: 'normal', createdBy: null, audienceLocationId: null });
  });
  it('is private when a fact is made public (the before shows what it said), to the old audience', () => {
    expect(privacyOfChange({ sensitivity: 'private', createdBy: 'a', audienceLocationId: 'L1' }, { sensitivity: 'normal', createdBy: 'a', audienceLocationId: 'L2' })).toEqual({
      sensitivity: 'private',
      createdBy: 'a',
      audienceLocationId: 'L1',
    });
  });
  it('is private when a fact is made private, to its new audience', () => {
    expect(privacyOfChange({ sensitivity: 'normal' }, { sensitivity: 'private', createdBy: 'a', audienceLocationId: 'L2' }).audienceLocationId).toBe('L2');
  });
  it('takes the author from either side when the private side does not carry it', () => {
    expect(privacyOfChange({ sensitivity: 'private', audienceLocationId: null }, { createdBy: 'b' }).createdBy).toBe('b');
  });
});
