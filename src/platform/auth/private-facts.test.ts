import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { canSeeFact } from './private-facts.js';

const actor = (role: Actor['role'], staffId = 's1', locationIds: string[] = []): Actor => ({
  staffId,
  name: 'x',
  role,
  locationIds,
  via: 'session',
  tokenId: null,
  canWrite: true,
});
const privateBy = (createdBy: string) => ({ sensitivity: 'private' as const, createdBy });

describe('private facts', () => {
  it('shows normal facts to everyone', () => {
    expect(canSeeFact(actor('frontline'), { sensitivity: 'normal', createdBy: 'other' }, { locationId: 'L1' })).toBe(true);
  });
  it('shows a private fact to its author, not to other frontline staff', () => {
    expect(canSeeFact(actor('frontline', 'a'), privateBy('a'), { locationId: 'L1' })).toBe(true);
    expect(canSeeFact(actor('frontline', 'b'), privateBy('a'), { locationId: 'L1' })).toBe(false);
  });
  it('shows it to managers of the customer location only, and to every admin', () => {
    expect(canSeeFact(actor('manager', 'm', ['L1']), privateBy('a'), { locationId: 'L1' })).toBe(true);
    expect(canSeeFact(actor('manager', 'm', ['L2']), privateBy('a'), { locationId: 'L1' })).toBe(false);
    expect(canSeeFact(actor('manager', 'm', []), privateBy('a'), { locationId: 'L1' })).toBe(true);
    expect(canSeeFact(actor('manager', 'm', ['L2']), privateBy('a'), { locationId: null })).toBe(true);
    expect(canSeeFact(actor('admin', 'z', ['L2']), privateBy('a'), { locationId: 'L1' })).toBe(true);
  });
});
