import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionAbsoluteMs, sessionIdleMs, sessionIsLive, sessionNeedsTouch, touchEveryMs } from './session-rules.js';

const start = Date.parse('2026-03-02T09:00:00.000Z');
const at = (ms: number) => new Date(start + ms);
const session = (lastSeenMs: number) => ({
  createdAt: at(0).toISOString(),
  lastSeenAt: at(lastSeenMs).toISOString(),
  expiresAt: at(sessionAbsoluteMs).toISOString(),
});

describe('session expiry', () => {
  it('ends after two idle hours', () => {
    expect(sessionIsLive(session(0), at(sessionIdleMs - 1))).toBe(true);
    expect(sessionIsLive(session(0), at(sessionIdleMs))).toBe(false);
  });

  it('ends after twelve hours however busy', () => {
    expect(sessionIsLive(session(sessionAbsoluteMs - 60_000), at(sessionAbsoluteMs - 1))).toBe(true);
    expect(sessionIsLive(session(sessionAbsoluteMs - 60_000), at(sessionAbsoluteMs))).toBe(false);
  });

  it('is live exactly when both limits hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sessionAbsoluteMs }), fc.integer({ min: 0, max: 2 * sessionAbsoluteMs }), (lastSeen, now) => {
        const live = now < sessionAbsoluteMs && now < lastSeen + sessionIdleMs;
        expect(sessionIsLive(session(lastSeen), at(now))).toBe(live);
      }),
    );
  });

  it('writes lastSeenAt at most once a minute', () => {
    expect(sessionNeedsTouch(session(0), at(touchEveryMs - 1))).toBe(false);
    expect(sessionNeedsTouch(session(0), at(touchEveryMs))).toBe(true);
  });
});
