import { recordAudit } from '../audit/audit-store.js';
import { ensureLocation } from '../common/references.js';
import { hashPassword } from '../auth/secrets.js';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import type { StaffCreate, StaffPatch } from './staff-schemas.js';
import { countActiveAdmins, findStaffByEmail, findStaffRow, normalizeStaffEmail, replaceStaffLocations } from './staff-store.js';

/** What the audit trail may say about a staff row: never the password hash. */
const auditable = ({ passwordHash: _secret, ...row }: { passwordHash?: string } & Record<string, unknown>) => row;

async function ensureLocations(db: Db, ids: string[] | undefined) {
  for (const [index, id] of (ids ?? []).entries()) await ensureLocation(db, id, `/body/locationIds/${index}`);
}

export async function createStaff(db: Db, actor: ActorOrSystem, input: StaffCreate, action: 'create' | 'setup' = 'create'): Promise<string> {
  if (await findStaffByEmail(db, input.email)) {
    throw conflict(`A staff account for ${input.email} already exists.`, [{ path: '/body/email', message: 'is already in use' }]);
  }
  await ensureLocations(db, input.locationIds);
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    email: normalizeStaffEmail(input.email),
    name: input.name.trim(),
    role: input.role,
    passwordHash: await hashPassword(input.password),
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
  await recordAudit(db, author, { action, entityType: 'staff', entityId: id, after: { ...auditable(row), locationIds: input.locationIds ?? [] } });
  return id;
}

export async function updateStaff(db: Db, actor: ActorOrSystem, id: string, patch: StaffPatch): Promise<void> {
  const before = await findStaffRow(db, id);
  if (!before) throw notFound(`Staff member ${id}`);
  if (actor?.staffId === id && (patch.active === false || (patch.role && patch.role !== before.role))) {
    throw unprocessable(patch.active === false ? '/body/active' : '/body/role', 'you cannot disable your own account or change your own role');
  }
  // Someone must always be able to administer Rapport: the last active admin stays an active admin.
  const losesAdmin = before.role === 'admin' && Boolean(before.active) && (patch.active === false || (patch.role !== undefined && patch.role !== 'admin'));
  if (losesAdmin && (await countActiveAdmins(db)) <= 1) {
    throw unprocessable(patch.active === false ? '/body/active' : '/body/role', 'this is the last active admin; make someone else an admin first');
  }
  await ensureLocations(db, patch.locationIds);
  const changes = {
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.active !== undefined ? { active: patch.active } : {}),
    ...(patch.password !== undefined ? { passwordHash: await hashPassword(patch.password) } : {}),
    updatedAt: nowIso(),
    updatedBy: actor?.staffId ?? null,
  };
  await db.updateTable('staff').set(changes).where('id', '=', id).execute();
  if (patch.locationIds) await replaceStaffLocations(db, id, patch.locationIds);
  // A disabled account or a new password ends every session of that account.
  if (patch.active === false || patch.password !== undefined) await db.deleteFrom('sessions').where('staffId', '=', id).execute();
  const action = patch.password !== undefined && Object.keys(patch).length === 1 ? 'reset_password' : patch.active === false ? 'disable' : 'update';
  await recordAudit(db, actor, {
    action,
    entityType: 'staff',
    entityId: id,
    before: { ...auditable(before), active: Boolean(before.active) },
    after: { ...auditable({ ...before, ...changes }), active: Boolean(changes.active ?? before.active), ...(patch.password ? { password: 'changed' } : {}) },
  });
}
