import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed HTTP requests, both ways, with one recipe (Stripe's): a shared secret signs the time and
 * the raw body,
 *
 *   X-Rapport-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">
 *
 * Rapport checks it on the phone system's call webhooks (src/phone/, the secret in
 * RAPPORT_PHONE_WEBHOOK_SECRET) and writes it on the webhooks it delivers (src/webhooks/, a secret per
 * subscription). The time is inside what is signed, so a captured request cannot be replayed after
 * five minutes; the body is the bytes as sent. Pure: no clock or configuration of its own.
 */

export const signatureHeader = 'x-rapport-signature';
/** A signature older (or further ahead, a clock set wrong) than this is refused. */
export const toleranceSeconds = 300;

export const signatureOf = (secret: string, timestamp: number, body: string | Buffer): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** The header's value for a body signed at a time, as a phone system (or a test) writes it. */
export const signatureHeaderValue = (secret: string, timestamp: number, body: string | Buffer): string => `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/** "t=1700000000,v1=ab12…" into its time and its v1 signatures (several when a secret is being changed over). */
export function parseSignature(header: string | undefined): { timestamp: number; signatures: string[] } | null {
  if (!header) return null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/** Whether a request's signature header is right for its body, at `nowSeconds`. Compared in constant time. */
export function checkSignature(header: string | undefined, body: Buffer, secret: string, nowSeconds: number): SignatureCheck {
  const parsed = parseSignature(header);
  if (!parsed) return { valid: false, reason: `Send the ${signatureHeader} header: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with the shared secret>.` };
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) {
    return { valid: false, reason: `The signature's time is more than ${toleranceSeconds / 60} minutes from now: sign each request when it is sent (and check the phone system's clock).` };
  }
  const expected = Buffer.from(signatureOf(secret, parsed.timestamp, body), 'hex');
  const matches = parsed.signatures.some((given) => timingSafeEqual(Buffer.from(given, 'hex'), expected));
  return matches ? { valid: true } : { valid: false, reason: 'The signature does not match the body: sign the exact bytes sent with the shared secret.' };
}
