import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailure, defaultRetryPolicy, describeFailure, retryDelayMs } from './job-rules.js';

const policy = { maxAttempts: 4, retryBaseMs: 1000, retryMaxMs: 5000 };

describe('job retry rules', () => {
  it('doubles the wait after each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, policy))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('stays a finite wait between the base and the cap, whatever the attempt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (attempt) => {
        const wait = retryDelayMs(attempt, defaultRetryPolicy);
        return Number.isFinite(wait) && wait >= defaultRetryPolicy.retryBaseMs && wait <= defaultRetryPolicy.retryMaxMs;
      }),
    );
  });

  it('gives up after the last attempt', () => {
    expect(afterFailure(1, policy)).toEqual({ retryInMs: 1000 });
    expect(afterFailure(3, policy)).toEqual({ retryInMs: 4000 });
    expect(afterFailure(4, policy)).toBe('give up');
    expect(afterFailure(9, policy)).toBe('give up');
  });

  it('describes a failure in bounded text, whatever was thrown', () => {
    expect(describeFailure(new Error('disk full'))).toContain('Error: disk full');
    expect(describeFailure('plain')).toBe('plain');
    expect(describeFailure({ code: 42 })).toBe('{"code":42}');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeFailure(circular)).toBe('[object Object]');
    expect(describeFailure('x'.repeat(10_000), 100)).toHaveLength(100);
  });
});
