import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The customer's link to their promise: `<link id>.<expiry>.<secret>.<signature>`, every part
 * base64url or base36, so it survives being pasted into an email or a text message.
 *
 * - the link id (a UUID, 16 bytes) finds the row;
 * - the expiry (seconds since 1970, base36) is when it stops working;
 * - the secret (32 random bytes) is what makes it unguessable: only its SHA-256 is stored;
 * - the signature is HMAC-SHA256 over the link id and expiry with the server's key (kept in the
 *   settings table), so a link that was not made here, or whose expiry was edited, is refused
 *   before the database is asked.
 *
 * Pure (node:crypto only); the key is passed in.
 */

export interface LinkParts {
  linkId: string;
  expiresAt: Date;
  secret: string;
  signature: string;
}

const uuidToBytes = (id: string): Buffer => Buffer.from(id.replace(/-/g, ''), 'hex');
const bytesToUuid = (b: Buffer): string => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const signed = (key: Buffer, linkId: string, expiresSeconds: number) => createHmac('sha256', key).update(`${linkId}.${expiresSeconds}`).digest('base64url');

export const newSecret = (): string => randomBytes(32).toString('base64url');
export const newLinkKey = (): string => randomBytes(32).toString('base64url');
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** The token of a link; its expiry is kept to the second. */
export function makeToken(key: Buffer, linkId: string, expiresAt: Date, secret: string): string {
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  return `${uuidToBytes(linkId).toString('base64url')}.${seconds.toString(36)}.${secret}.${signed(key, linkId, seconds)}`;
}

/** The expiry a token will carry (to the second), so the stored row agrees with it. */
export const tokenExpiry = (expiresAt: Date): Date => new Date(Math.floor(expiresAt.getTime() / 1000) * 1000);

const part = /^[A-Za-z0-9_-]+$/;

/**
 * The parts of a token made with this key and not yet expired, or null: malformed, forged, edited
 * or expired all read the same (the caller answers one and the same "not found").
 */
export function readToken(key: Buffer, token: string, now: Date): LinkParts | null {
  const pieces = token.trim().split('.');
  if (pieces.length !== 4 || !pieces.every((p) => part.test(p))) return null;
  const [idPart, expiryPart, secret, signature] = pieces as [string, string, string, string];
  const idBytes = Buffer.from(idPart, 'base64url');
  if (idBytes.length !== 16 || idBytes.toString('base64url') !== idPart) return null;
  if (!/^[0-9a-z]{1,10}$/.test(expiryPart) || secret.length !== 43) return null;
  const seconds = parseInt(expiryPart, 36);
  const linkId = bytesToUuid(idBytes);
  const expected = Buffer.from(signed(key, linkId, seconds));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (seconds * 1000 <= now.getTime()) return null;
  return { linkId, expiresAt: new Date(seconds * 1000), secret, signature };
}

/** Whether a secret matches the stored hash (in constant time). */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A link's state for the staff who made it. */
export function linkState(link: { expiresAt: string; revokedAt: string | null }, now: Date): 'active' | 'expired' | 'revoked' {
  if (link.revokedAt !== null) return 'revoked';
  return Date.parse(link.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

/** "Nadia" from "Nadia Brooks": the customer sees no more of a staff member's name. */
export const firstNameOf = (name: string | null): string | null => name?.trim().split(/\s+/)[0] || null;
