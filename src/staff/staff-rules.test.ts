import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { integrationHandle, linkExpiry, linkIsLive, linkLifetimeMs, presentedEmail, welcomePath } from './staff-rules.js';

describe('integration handles', () => {
  it('are unique per account, never an email, and never presented', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        expect(integrationHandle(a)).not.toContain('@');
        expect(integrationHandle(a) === integrationHandle(b)).toBe(a === b);
        expect(presentedEmail({ kind: 'integration', email: integrationHandle(a) })).toBeNull();
      }),
    );
    expect(presentedEmail({ kind: 'person', email: 'nia@example.org' })).toBe('nia@example.org');
  });
});

describe('one-time links', () => {
  it('live exactly seven days', () => {
    const now = new Date('2026-03-02T09:00:00.000Z');
    const link = { expiresAt: linkExpiry(now) };
    expect(Date.parse(link.expiresAt) - now.getTime()).toBe(linkLifetimeMs);
    expect(linkIsLive(link, new Date(now.getTime() + linkLifetimeMs - 1))).toBe(true);
    expect(linkIsLive(link, new Date(now.getTime() + linkLifetimeMs))).toBe(false);
  });

  it('carry the secret in the fragment, which browsers never send to a server', () => {
    fc.assert(
      fc.property(fc.string(), (secret) => {
        const url = new URL(welcomePath(secret), 'http://rapport.example');
        expect(url.pathname).toBe('/welcome');
        expect(url.search).toBe('');
        expect(decodeURIComponent(url.hash.slice('#token='.length))).toBe(secret);
      }),
    );
  });
});
