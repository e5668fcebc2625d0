import { recordAudit } from '../audit/audit-store.js';
import { ensureLocation } from '../common/references.js';
import { hashPassword, hasPassword, noPassword, randomSecret, sha256 } from '../auth/secrets.js';
import { endSessionsOf } from '../auth/session-store.js';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import type { StaffKind } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { revokeTokensOf } from '../tokens/token-commands.js';
import { consumePasswordLink, findPasswordLink, insertPasswordLink, voidPasswordLinks } from './password-link-store.js';
import { deadLinkMessage, integrationHandle, linkExpiry, linkIsLive, presentedEmail } from './staff-rules.js';
import type { IntegrationCreate, StaffCreate, StaffInvite, StaffPatch } from './staff-schemas.js';
import { countActiveAdmins, findStaffByEmail, findStaffByExtension, findStaffRow, normalizeStaffEmail, replaceStaffLocations } from './staff-store.js';

/** What the audit trail may say about a staff row: never the password hash, never an integration's handle. */
function auditable<T extends { passwordHash?: string; kind: StaffKind; email: string; active: unknown }>(row: T) {
  const { passwordHash: _secret, ...rest } = row;
  return { ...rest, email: presentedEmail(row), active: Boolean(row.active) };
}

async function ensureLocations(db: Db, ids: string[] | undefined) {
  for (const [index, id] of (ids ?? []).entries()) await ensureLocation(db, id, `/body/locationIds/${index}`);
}

interface NewStaff {
  id?: string;
  email: string;
  name: string;
  role: StaffCreate['role'];
  kind: StaffKind;
  passwordHash: string;
  locationIds?: string[] | undefined;
}

/** Writes one staff row and its locations, and audits it. Checks the locations; the caller checks the email. */
async function insertStaff(db: Db, actor: ActorOrSystem, input: NewStaff, action: 'create' | 'setup', extra: Record<string, unknown> = {}): Promise<string> {
  await ensureLocations(db, input.locationIds);
  const id = input.id ?? newId();
  const now = nowIso();
  const row = {
    id,
    kind: input.kind,
    email: input.email,
    name: input.name.trim(),
    role: input.role,
    passwordHash: input.passwordHash,
    active: true,
    createdAt: now,
    updatedAt: now,
    createdBy: actor?.staffId ?? null,
    updatedBy: actor?.staffId ?? null,
  };
  await db.insertInto('staff').values(row).execute();
  await replaceStaffLocations(db, id, input.locationIds ?? []);
  // The first admin creates themself: the setup row names them rather than no one.
  const author = actor ?? (action === 'setup' ? { staffId: id, tokenId: null } : null);
  await recordAudit(db, author, { action, entityType: 'staff', entityId: id, after: { ...auditable(row), locationIds: input.locationIds ?? [], ...extra } });
  return id;
}

/** One extension rings one person's screen. */
async function ensureExtensionFree(db: Db, extension: string, staffId: string) {
  const holder = await findStaffByExtension(db, extension);
  if (holder && holder.id !== staffId) {
    throw conflict(`The phone extension ${extension} is already ${holder.name}'s.`, [{ path: '/body/phoneExtension', message: 'is already in use' }]);
  }
}

async function ensureEmailFree(db: Db, email: string) {
  if (await findStaffByEmail(db, email)) {
    throw conflict(`A staff account for ${normalizeStaffEmail(email)} already exists.`, [{ path: '/body/email', message: 'is already in use' }]);
  }
}

/** A person with a password chosen for them (set-up, the command line, the API). */
export async function createStaff(db: Db, actor: ActorOrSystem, input: StaffCreate, action: 'create' | 'setup' = 'create'): Promise<string> {
  await ensureEmailFree(db, input.email);
  const { password, ...rest } = input;
  return insertStaff(db, actor, { ...rest, email: normalizeStaffEmail(input.email), kind: 'person', passwordHash: await hashPassword(password) }, action);
}

export interface IssuedLink {
  staffId: string;
  /** Goes in the link; only its SHA-256 is stored. */
  secret: string;
  expiresAt: string;
}

async function issueLink(db: Db, actor: ActorOrSystem, staffId: string, purpose: 'invite' | 'reset', now: Date): Promise<IssuedLink> {
  const secret = randomSecret();
  const expiresAt = linkExpiry(now);
  await voidPasswordLinks(db, staffId, now.toISOString());
  await insertPasswordLink(db, { id: newId(), staffId, purpose, tokenHash: sha256(secret), createdAt: now.toISOString(), createdBy: actor?.staffId ?? null, expiresAt });
  return { staffId, secret, expiresAt };
}

/** A person invited by an admin: no password until they choose one through the link. */
export async function inviteStaff(db: Db, actor: ActorOrSystem, input: StaffInvite, now = new Date()): Promise<IssuedLink> {
  await ensureEmailFree(db, input.email);
  const staffId = await insertStaff(
    db,
    actor,
    { ...input, email: normalizeStaffEmail(input.email), kind: 'person', passwordHash: noPassword },
    'create',
    { invitedUntil: linkExpiry(now) },
  );
  return issueLink(db, actor, staffId, 'invite', now);
}

/** A named system ("POS sync") that acts only through the API tokens an admin makes for it. */
export async function createIntegration(db: Db, actor: ActorOrSystem, input: IntegrationCreate): Promise<string> {
  const id = newId();
  return insertStaff(db, actor, { ...input, id, email: integrationHandle(id), kind: 'integration', passwordHash: noPassword }, 'create');
}

/** Ends every session of an account, revokes its tokens and voids its links: its old access is gone. */
async function cutAccess(db: Db, actor: ActorOrSystem, id: string) {
  const sessionsEnded = await endSessionsOf(db, id);
  const tokensRevoked = await revokeTokensOf(db, actor, id);
  await voidPasswordLinks(db, id, nowIso());
  return { sessionsEnded, tokensRevoked };
}

/**
 * "Reset password" from the admin screen: the old password, sessions and tokens stop at once, and the
 * answer carries a link for the person to choose a new password.
 */
export async function resetPassword(db: Db, actor: ActorOrSystem, id: string, now = new Date()): Promise<IssuedLink> {
  const before = await findStaffRow(db, id);
  if (!before) throw notFound(`Staff member ${id}`);
  if (before.kind === 'integration') throw unprocessable('/params/id', `${before.name} is an integration: it has no password; revoke its tokens and make new ones instead`);
  if (!before.active) throw unprocessable('/params/id', `${before.name}'s account is disabled; enable it first`);
  if (actor?.staffId === id) throw unprocessable('/params/id', 'you cannot reset your own password here, as it would sign you out; ask another admin');
  await db.updateTable('staff').set({ passwordHash: noPassword, updatedAt: now.toISOString(), updatedBy: actor?.staffId ?? null }).where('id', '=', id).execute();
  const cut = await cutAccess(db, actor, id);
  const link = await issueLink(db, actor, id, 'reset', now);
  await recordAudit(db, actor, {
    action: 'reset_password',
    entityType: 'staff',
    entityId: id,
    before: { password: hasPassword(before.passwordHash) ? 'set' : 'not set yet' },
    after: { password: 'reset: a one-time link to choose a new one was issued', linkExpiresAt: link.expiresAt, ...cut },
  });
  return link;
}

export async function updateStaff(db: Db, actor: ActorOrSystem, id: string, patch: StaffPatch): Promise<void> {
  const before = await findStaffRow(db, id);
  if (!before) throw notFound(`Staff member ${id}`);
  if (patch.password !== undefined && before.kind === 'integration') {
    throw unprocessable('/body/password', 'an integration has no password: it never signs in and acts only through its API tokens');
  }
  if (actor?.staffId === id && (patch.active === false || (patch.role && patch.role !== before.role))) {
    throw unprocessable(patch.active === false ? '/body/active' : '/body/role', 'you cannot disable your own account or change your own role');
  }
  // Someone must always be able to administer Rapport: the last active admin stays an active admin.
  const losesAdmin =
    before.kind === 'person' && before.role === 'admin' && Boolean(before.active) && (patch.active === false || (patch.role !== undefined && patch.role !== 'admin'));
  if (losesAdmin && (await countActiveAdmins(db)) <= 1) {
    throw unprocessable(patch.active === false ? '/body/active' : '/body/role', 'this is the last active admin; make someone else an admin first');
  }
  await ensureLocations(db, patch.locationIds);
  if (patch.phoneExtension) await ensureExtensionFree(db, patch.phoneExtension, id);
  const changes = {
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    ...(patch.password !== undefined ? { passwordHash: await hashPassword(patch.password) } : {}),
    ...(patch.phoneExtension !== undefined ? { phoneExtension: patch.phoneExtension } : {}),
    updatedAt: nowIso(),
    updatedBy: actor?.staffId ?? null,
  };
  await db.updateTable('staff').set(changes).where('id', '=', id).execute();
  if (patch.locationIds) await replaceStaffLocations(db, id, patch.locationIds);
  // A disabled account or a new password ends every session of that account and revokes its tokens.
  const cut = patch.active === false || patch.password !== undefined ? await cutAccess(db, actor, id) : {};
  const action = patch.password !== undefined && Object.keys(patch).length === 1 ? 'reset_password' : patch.active === false ? 'disable' : 'update';
  await recordAudit(db, actor, {
    action,
    entityType: 'staff',
    entityId: id,
    before: auditable(before),
    after: { ...auditable({ ...before, ...changes }), ...(patch.password ? { password: 'changed' } : {}), ...cut },
  });
}

export interface LiveLink {
  id: string;
  staffId: string;
  purpose: 'invite' | 'reset';
}

/** The link behind a secret if it still works (known, unused, unexpired, for an active person); else null. Uses nothing up. */
export async function findLiveLink(db: Db, secret: string, now = new Date()): Promise<LiveLink | null> {
  const link = await findPasswordLink(db, sha256(secret));
  if (!link || !linkIsLive(link, now) || !link.active || link.kind !== 'person') return null;
  return { id: link.id, staffId: link.staffId, purpose: link.purpose };
}

/**
 * The person behind a live link chooses their password (hashed by the caller, outside the transaction).
 * The link is used up first, so of two requests racing with one link only one succeeds.
 */
export async function choosePassword(db: Db, link: LiveLink, passwordHash: string): Promise<void> {
  if (!(await consumePasswordLink(db, link.id))) throw unprocessable('/body/token', deadLinkMessage);
  const now = nowIso();
  await db.updateTable('staff').set({ passwordHash, updatedAt: now, updatedBy: link.staffId }).where('id', '=', link.staffId).execute();
  await voidPasswordLinks(db, link.staffId, now);
  await recordAudit(db, { staffId: link.staffId, tokenId: null }, {
    action: 'update',
    entityType: 'staff',
    entityId: link.staffId,
    before: { password: 'not set' },
    after: { password: link.purpose === 'invite' ? 'chosen with an invitation link' : 'chosen with a reset link' },
  });
}
