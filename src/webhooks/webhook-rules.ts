import { randomBytes } from 'node:crypto';
import type { RetryPolicy } from '../platform/jobs/job-rules.js';

/**
 * Outgoing webhooks as pure rules: the event types one may subscribe to, what a subscription's URL
 * may be, the secret, and how deliveries are retried. Unit-tested in webhook-rules.test.ts.
 */

export const webhookEventTypes = [
  'customer.created',
  'customer.changed',
  'customer.merged',
  'interaction.logged',
  'transaction.recorded',
  'promise.changed',
  'case.changed',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Sent by "Send a test" only; nobody subscribes to it. */
export const pingEventType = 'ping';

export const isWebhookEventType = (value: string): value is WebhookEventType => (webhookEventTypes as readonly string[]).includes(value);

export const maxUrlLength = 2000;

/**
 * Why a URL cannot receive webhooks, or null when it can: http or https, a host, no user name or
 * password in it (the signature proves who sent a delivery; a password in a URL ends up in logs and
 * screenshots), no #fragment (it would never be sent).
 */
export function urlProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'give the address that receives the webhooks, such as https://example.com/rapport-webhooks';
  if (trimmed.length > maxUrlLength) return `is longer than ${maxUrlLength} characters`;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'is not a web address: write it in full, such as https://example.com/rapport-webhooks';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must start with https:// or http:// (not ${url.protocol.replace(/:$/, '')})`;
  if (!url.hostname) return 'has no host name';
  if (url.username || url.password) return 'must not hold a user name or password: check the X-Rapport-Signature header instead (see the README)';
  if (url.hash) return 'must not hold a #fragment: it is never sent to the server';
  return null;
}

/**
 * The event types of a subscription, in the canonical order, or where the list is wrong: a type
 * that does not exist (by its index in the list), a type given twice, or none at all.
 */
export function checkEventTypes(list: readonly string[]): { types: WebhookEventType[] } | { index: number | null; message: string } {
  if (list.length === 0) return { index: null, message: `choose at least one event type: ${webhookEventTypes.join(', ')}` };
  const seen = new Set<string>();
  for (const [index, value] of list.entries()) {
    if (!isWebhookEventType(value)) return { index, message: `is not an event type; choose from ${webhookEventTypes.join(', ')}` };
    if (seen.has(value)) return { index, message: 'is listed twice' };
    seen.add(value);
  }
  return { types: webhookEventTypes.filter((t) => seen.has(t)) };
}

/** Secrets start with a fixed prefix so that secret scanners and people can tell what a leaked string is. */
export const secretPrefix = 'whsec_';
export const newWebhookSecret = (): string => `${secretPrefix}${randomBytes(32).toString('base64url')}`;

/**
 * Twelve tries over about fourteen and a half hours: 30 s after the first, then doubling (1, 2, 4, 8,
 * 16, 32 min, about 1, 2 and 4 h) up to 6 h, long enough to ride out a receiver's bad night.
 * The job queue keeps the schedule (job-rules.ts); the delivery row only mirrors it.
 */
export const webhookRetryPolicy: RetryPolicy = { maxAttempts: 12, retryBaseMs: 30_000, retryMaxMs: 6 * 60 * 60_000 };

/** How long Rapport waits for a receiver's answer. */
export const deliveryTimeoutMs = 10_000;

/** Whether an HTTP status means the receiver took the delivery. */
export const isDelivered = (status: number): boolean => status >= 200 && status < 300;
