import { performance } from 'node:perf_hooks';
import { newId } from '../platform/ids.js';
import type { JobKind } from '../platform/jobs/job-queue.js';
import { retryDelayMs } from '../platform/jobs/job-rules.js';
import { nowIso } from '../platform/time.js';
import { deliverJobKind } from './webhook-outbox.js';
import { deliveryTimeoutMs, isDelivered, urlProblem, webhookRetryPolicy } from './webhook-rules.js';
import { signatureHeader, signatureHeaderValue } from '../platform/http/signature.js';
import { deliveryToSend, markNotSent, recordAttempt, type DeliveryToSend } from './webhook-store.js';

/**
 * Sends one delivery: POSTs its payload, signed, to the subscription's URL, and records the try.
 * A 2xx answer is delivered; anything else (another status, a redirect, no connection, no answer
 * within 10 s) is a failed try, retried by the job queue with back-off (webhookRetryPolicy) until
 * the last, after which the delivery is failed and waits for an admin to replay it. Redirects are
 * never followed, to any host: the receiver's address is the subscription's, not one a response
 * names. Idempotent as the queue requires: a delivery no longer pending is not sent again (a
 * delivery sent but not recorded, when the process stopped in between, is sent once more: receivers
 * recognise it by its event id).
 */

export class DeliveryFailed extends Error {
  override readonly name = 'DeliveryFailed';
}

const deliveryIdOf = (payload: unknown): string | null =>
  typeof payload === 'object' && payload !== null && 'deliveryId' in payload && typeof payload.deliveryId === 'string' ? payload.deliveryId : null;

interface Outcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Why a fetch threw, in a line: the network's own code (ECONNREFUSED) where there is one. */
function failureText(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${deliveryTimeoutMs / 1000} s`;
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : null;
    return `could not connect: ${code ? `${code} (${cause.message})` : cause.message}`;
  }
  return `could not connect: ${error instanceof Error ? error.message : String(error)}`;
}

async function send(target: DeliveryToSend): Promise<Outcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(deliveryTimeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Rapport-Webhooks/1',
        'x-rapport-event': target.eventType,
        'x-rapport-delivery': target.id,
        [signatureHeader.toLowerCase()]: signatureHeaderValue(target.secret, Math.floor(Date.now() / 1000), target.payload),
      },
      body: target.payload,
    });
    // The answer's body is not needed: let the connection go.
    await response.body?.cancel().catch(() => undefined);
    const status = response.status;
    if (isDelivered(status)) return { statusCode: status, error: null, durationMs: elapsed() };
    if (status >= 300 && status < 400) {
      const location = response.headers.get('location');
      return {
        statusCode: status,
        error: `answered ${status}, a redirect${location ? ` to ${location.slice(0, 300)}` : ''}: redirects are not followed; give the subscription the final address`,
        durationMs: elapsed(),
      };
    }
    return { statusCode: status, error: `answered HTTP ${status}`, durationMs: elapsed() };
  } catch (error) {
    return { statusCode: null, error: failureText(error), durationMs: elapsed() };
  }
}

export const webhookDeliverJob: JobKind = {
  kind: deliverJobKind,
  ...webhookRetryPolicy,
  handler: async ({ db, payload, attempt, log }) => {
    const deliveryId = deliveryIdOf(payload);
    if (!deliveryId) {
      log.warn({ payload }, 'webhook job without a delivery id: nothing to send');
      return;
    }
    const target = await deliveryToSend(db, deliveryId);
    // Gone with its subscription or its customer's erasure, or delivered already.
    if (!target || target.status !== 'pending') return;
    if (!target.active) {
      await markNotSent(db, deliveryId, 'Not sent: the subscription is paused. Replay it once the subscription is active again.');
      return;
    }
    const refused = urlProblem(target.url);
    if (refused) {
      await markNotSent(db, deliveryId, `Not sent: the subscription's address ${refused}.`);
      return;
    }

    const at = nowIso();
    const outcome = await send(target);
    const delivered = outcome.error === null;
    const last = attempt >= webhookRetryPolicy.maxAttempts;
    const status = delivered ? 'delivered' : last ? 'failed' : 'pending';
    const nextAttemptAt = status === 'pending' ? new Date(Date.now() + retryDelayMs(attempt, webhookRetryPolicy)).toISOString() : null;
    await db.transaction().execute((trx) =>
      recordAttempt(trx, { deliveryId, attemptId: newId(), at, statusCode: outcome.statusCode, error: outcome.error, durationMs: outcome.durationMs, status, nextAttemptAt }),
    );
    if (!delivered) throw new DeliveryFailed(`webhook delivery ${deliveryId} to ${new URL(target.url).host}: ${outcome.error ?? 'failed'}`);
  },
};
