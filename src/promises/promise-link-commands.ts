import { recordAudit } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import { conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import { settingOrCreate } from '../settings/settings-store.js';
import { existingPromise } from './promise-commands.js';
import { firstNameOf, hashSecret, makeToken, newLinkKey, newSecret, readToken, secretMatches, tokenExpiry } from './promise-link-rules.js';
import type { PublicPromise } from './promise-schemas.js';
import { findLinkRow, findPromiseRow, insertLink, insertLinkView, lastViewAt, locationRow, revisionsOf, staffNames, updateLinkRow } from './promise-store.js';
import { changeSentence, dayWords, dueWords } from './promise-words.js';
import { localDate } from './promise-time.js';

/**
 * The customer's own view of a promise: a link a staff member makes and sends themselves. Signed
 * with a server key kept in the settings table (made once), unguessable, expiring, revocable; only
 * a hash of its secret is stored. Opening it needs no sign-in, shows only what the customer needs,
 * and is recorded (not as a contact from them: it leaves nobody waiting for an answer).
 */

const keySetting = 'promiseLinkKey';
const day = 86_400_000;
/** Opening the page again within this time is the same visit. */
export const revisitWindowMs = 10 * 60_000;

export const linkKey = async (db: Db): Promise<Buffer> => Buffer.from(await settingOrCreate(db, keySetting, newLinkKey), 'base64url');

export const customerPagePath = (token: string) => `/your-promise#token=${token}`;

export async function createPromiseLink(db: Db, ctx: WriteContext, promiseId: string, input: { expiresInDays?: number | undefined }): Promise<{ linkId: string; token: string }> {
  const promise = await existingPromise(db, promiseId);
  const key = await linkKey(db);
  const linkId = newId();
  const now = Date.now();
  const expiresAt = tokenExpiry(new Date(now + (input.expiresInDays ?? 30) * day));
  const secret = newSecret();
  const row = {
    id: linkId,
    promiseId,
    customerId: promise.customerId,
    secretHash: hashSecret(secret),
    expiresAt: expiresAt.toISOString(),
    revokedAt: null,
    revokedBy: null,
    createdAt: new Date(now).toISOString(),
    createdBy: ctx.actor?.staffId ?? null,
  };
  await insertLink(db, row);
  const { secretHash: _hash, ...shown } = row;
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'promise_link', entityId: linkId, customerId: promise.customerId, after: shown });
  return { linkId, token: makeToken(key, linkId, expiresAt, secret) };
}

export async function revokePromiseLink(db: Db, ctx: WriteContext, promiseId: string, linkId: string): Promise<void> {
  const link = await findLinkRow(db, linkId);
  if (!link || link.promiseId !== promiseId) throw notFound(`Link ${linkId}`);
  if (link.revokedAt !== null) throw conflict('This link is revoked already.');
  const revokedAt = nowIso();
  await updateLinkRow(db, linkId, { revokedAt, revokedBy: ctx.actor?.staffId ?? null });
  await recordAudit(db, ctx.actor, { action: 'revoke', entityType: 'promise_link', entityId: linkId, customerId: link.customerId, before: { revokedAt: null }, after: { revokedAt } });
}

/** The one answer for a link that is unknown, forged, revoked, expired or whose promise is gone. */
const noSuchLink = () => notFound('This link');

/**
 * Opens a customer's link: the promise as they may see it. Records the visit (once per ten
 * minutes), audited as done by Rapport itself.
 */
export async function openPromiseLink(db: Db, token: string, now = new Date()): Promise<PublicPromise> {
  const parts = readToken(await linkKey(db), token, now);
  if (!parts) throw noSuchLink();
  const link = await findLinkRow(db, parts.linkId);
  if (!link || link.revokedAt !== null || Date.parse(link.expiresAt) !== parts.expiresAt.getTime() || !secretMatches(parts.secret, link.secretHash)) throw noSuchLink();
  const promise = await findPromiseRow(db, link.promiseId);
  if (!promise) throw noSuchLink();

  const last = await lastViewAt(db, link.id);
  if (!last || now.getTime() - Date.parse(last) >= revisitWindowMs) {
    const view = { id: newId(), promiseId: promise.id, linkId: link.id, customerId: promise.customerId, at: now.toISOString() };
    await insertLinkView(db, view);
    await recordAudit(db, null, { action: 'create', entityType: 'promise_link_view', entityId: view.id, customerId: promise.customerId, after: view });
  }

  const revisions = await revisionsOf(db, promise.id);
  const owner = (await staffNames(db, [promise.ownerId])).get(promise.ownerId) ?? null;
  const location = promise.locationId ? await locationRow(db, promise.locationId) : undefined;
  const tz = promise.timezone;
  const due = { dueOn: promise.dueOn, dueAt: promise.dueAt };
  return {
    what: promise.what,
    status: promise.status,
    expected: promise.status === 'kept' && promise.keptAt ? dayWords(localDate(Date.parse(promise.keptAt), tz)) : dueWords(due, tz),
    expectedOn: promise.dueOn,
    expectedAt: promise.dueAt,
    timezone: tz,
    firstPromised: dueWords({ dueOn: promise.originalDueOn, dueAt: promise.originalDueAt }, tz),
    changes: revisions.map((r) => {
      const from = { dueOn: r.fromDueOn, dueAt: r.fromDueAt };
      const to = { dueOn: r.toDueOn, dueAt: r.toDueAt };
      return {
        on: localDate(Date.parse(r.createdAt), tz),
        from: dueWords(from, tz),
        to: dueWords(to, tz),
        reason: r.reason,
        sentence: changeSentence({ createdAt: r.createdAt, from, to, reason: r.reason }, tz),
      };
    }),
    contact: { firstName: firstNameOf(owner), location: location?.name ?? null },
  };
}
