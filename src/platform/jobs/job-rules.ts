/**
 * How the queue retries, as pure functions (no database, no clock): unit-tested in job-rules.test.ts.
 */

export interface RetryPolicy {
  /** Runs at most this many times (the first run included), then the job is marked failed. */
  maxAttempts: number;
  /** The wait before the second run; it doubles after each failure... */
  retryBaseMs: number;
  /** ...up to this. */
  retryMaxMs: number;
}

/**
 * Five runs over about two and a half minutes: long enough to ride out a database failover or a
 * remote endpoint's restart, short enough that a broken job shows up as failed the same day.
 * A kind that talks to the outside world (webhooks) may want more attempts and a longer base.
 */
export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, retryBaseMs: 10_000, retryMaxMs: 60 * 60_000 };

/** Exponential back-off: the wait after the `attempt`-th run failed (attempt counts from 1). */
export function retryDelayMs(attempt: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, attempt - 1);
  // 2 ** 1024 is Infinity, which min() handles; the cap keeps the result a finite number of ms.
  return Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** exponent);
}

/** After the `attempt`-th run failed: try again later, or give up. */
export function afterFailure(attempt: number, policy: RetryPolicy): { retryInMs: number } | 'give up' {
  return attempt >= policy.maxAttempts ? 'give up' : { retryInMs: retryDelayMs(attempt, policy) };
}

/**
 * A thrown value as a line for the job's last_error: the message and the first frames of the stack,
 * bounded so that a huge error cannot bloat the table.
 */
export function describeFailure(error: unknown, limit = 4000): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : safeString(error);
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function safeString(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
