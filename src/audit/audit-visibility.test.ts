import { describe, expect, it } from 'vitest';
import type { Actor } from '../platform/auth/actor.js';
import { factFromTrail, isFactEntry, mayReadFactEntry, parseDiff } from './audit-visibility.js';

const actor = (role: Actor['role'], staffId: string, locationIds: string[] = []): Actor => ({ staffId, name: 'x', role, locationIds, via: 'session', tokenId: null, canWrite: true });

describe('which audit entries are about facts', () => {
  it('knows notes and life events, and anything whose diff speaks of sensitivity', () => {
    expect(isFactEntry({ entityType: 'note', diff: null })).toBe(true);
    expect(isFactEntry({ entityType: 'life_event', diff: { before: { title: 'a' }, after: { title: 'b' } } })).toBe(true);
    expect(isFactEntry({ entityType: 'memo', diff: { after: { sensitivity: 'normal' } } })).toBe(true);
    expect(isFactEntry({ entityType: 'customer', diff: { after: { displayName: 'x' } } })).toBe(false);
    expect(parseDiff(null)).toBeNull();
  });
});

describe('what the trail says about a fact', () => {
  it('takes the author from the creation when an update names only the changed fields', () => {
    const fact = factFromTrail([{ after: { sensitivity: 'private', createdBy: 'a', body: 'x' } }, { before: { body: 'x' }, after: { body: 'y' } }], undefined);
    expect(fact).toEqual({ sensitivity: 'private', createdBy: 'a' });
  });
  it('counts a fact as private if it ever was, so an old "before" cannot leak', () => {
    const trail = [{ after: { sensitivity: 'private', createdBy: 'a' } }, { before: { sensitivity: 'private' }, after: { sensitivity: 'normal' } }];
    expect(factFromTrail(trail, { sensitivity: 'normal', createdBy: 'a' }).sensitivity).toBe('private');
  });
  it('trusts the current row when the trail says nothing', () => {
    expect(factFromTrail([null], { sensitivity: 'private', createdBy: 'b' })).toEqual({ sensitivity: 'private', createdBy: 'b' });
    expect(factFromTrail([], undefined)).toEqual({ sensitivity: 'normal', createdBy: null });
  });
});

describe('who may read a fact entry', () => {
  const fact = { sensitivity: 'private' as const, createdBy: 'author' };
  const customer = { locationId: 'L1' };
  it('follows the private-facts rule', () => {
    expect(mayReadFactEntry(actor('frontline', 'author'), fact, customer)).toBe(true);
    expect(mayReadFactEntry(actor('frontline', 'other'), fact, customer)).toBe(false);
    expect(mayReadFactEntry(actor('manager', 'm', ['L1']), fact, customer)).toBe(true);
    expect(mayReadFactEntry(actor('manager', 'm', ['L2']), fact, customer)).toBe(false);
    expect(mayReadFactEntry(actor('admin', 'z'), fact, customer)).toBe(true);
    expect(mayReadFactEntry(actor('frontline', 'other'), { ...fact, sensitivity: 'normal' }, customer)).toBe(true);
  });
});
