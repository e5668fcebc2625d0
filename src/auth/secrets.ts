import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** scrypt parameters: N=2^15, r=8, p=1 (about 32 MiB and tens of milliseconds a hash). */
const params = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const keyLength = 32;

/** A self-describing hash: scrypt$N$r$p$salt$key, salt and key in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, keyLength, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: params.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/**
 * Stored instead of a hash when an account has no password: an invited person who has not chosen one
 * yet, a person whose password was reset, and every integration. No password verifies against it.
 */
export const noPassword = 'none';
export const hasPassword = (stored: string): boolean => stored.startsWith('scrypt$');

/** A random secret for a cookie or a token: 32 bytes, base64url. */
export const randomSecret = (): string => randomBytes(32).toString('base64url');

/** Secrets are stored as their SHA-256, so a copy of the database yields no live session or token. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** A password hash to compare against when the account does not exist, so timing does not tell. */
export const decoyHash = hashPassword('decoy password, never valid');
