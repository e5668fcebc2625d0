import { describe, expect, it } from 'vitest';
import { newTokenSecret, tokenOwnerProblem } from './token-rules.js';

describe('token secrets', () => {
  it('are prefixed and random', () => {
    expect(newTokenSecret()).toMatch(/^rpt_[A-Za-z0-9_-]{43}$/);
    expect(newTokenSecret()).not.toBe(newTokenSecret());
  });
});

describe('whom a token may act as', () => {
  const me = { id: 'me', kind: 'person', active: true, name: 'Ada' };
  it('is the person who creates it, or an active integration', () => {
    expect(tokenOwnerProblem('me', me, 'me')).toBeNull();
    expect(tokenOwnerProblem('me', { id: 'pos', kind: 'integration', active: 1, name: 'POS sync' }, 'pos')).toBeNull();
    expect(tokenOwnerProblem('me', { id: 'pos', kind: 'integration', active: 0, name: 'POS sync' }, 'pos')).toBe("POS sync's account is disabled");
    expect(tokenOwnerProblem('me', { id: 'cleo', kind: 'person', active: true, name: 'Cleo' }, 'cleo')).toMatch(/acts only as the person who creates it.*Cleo is a person/);
    expect(tokenOwnerProblem('me', undefined, 'ghost')).toBe('staff member ghost does not exist');
  });
});
