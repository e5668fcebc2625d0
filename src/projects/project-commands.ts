import { ensureCustomer } from '../common/references.js';
import { recordAudit } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import type { RowUpdate } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { notFound } from '../platform/errors.js';
import { moveToTrash, type TrashReceipt } from '../trash/trash-commands.js';
import { nowIso } from '../platform/time.js';
import { authored, type WriteContext } from '../platform/write-context.js';
import { checkProjectDates, checkProjectTitle } from './project-rules.js';
import type { ProjectCreate, ProjectPatch } from './project-schemas.js';
import { findProject, insertProject, presentProject, updateProjectRow } from './project-store.js';

/** Writes to projects ("what they are working on"). Each runs inside the caller's transaction and audits itself. */

const cleanDetail = (detail: string | null | undefined): string | null => (detail?.trim() ? detail : null);

export async function createProject(db: Db, ctx: WriteContext, input: ProjectCreate): Promise<string> {
  const title = checkProjectTitle(input.title);
  const dates = { startedOn: input.startedOn ?? null, endedOn: input.endedOn ?? null };
  checkProjectDates(dates);
  await ensureCustomer(db, input.customerId, '/body/customerId');
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    customerId: input.customerId,
    title,
    status: input.status ?? 'active',
    ...dates,
    detail: cleanDetail(input.detail),
    provenance: input.provenance ?? 'told_us',
    ...authored(ctx, now),
  };
  await insertProject(db, row);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'project', entityId: id, customerId: input.customerId, after: presentProject(row) });
  return id;
}

export async function updateProject(db: Db, ctx: WriteContext, id: string, patch: ProjectPatch): Promise<void> {
  const before = await findProject(db, id);
  if (!before) throw notFound(`Project ${id}`);
  const changes: RowUpdate<'projects'> = { updatedAt: nowIso(), updatedBy: ctx.actor?.staffId ?? null };
  if (patch.title !== undefined) changes.title = checkProjectTitle(patch.title);
  if (patch.status !== undefined) changes.status = patch.status;
  if (patch.startedOn !== undefined) changes.startedOn = patch.startedOn;
  if (patch.endedOn !== undefined) changes.endedOn = patch.endedOn;
  if (patch.detail !== undefined) changes.detail = cleanDetail(patch.detail);
  if (patch.provenance !== undefined) changes.provenance = patch.provenance;
  const after = { ...before, ...changes } as typeof before;
  checkProjectDates(after, patch.endedOn === undefined && patch.startedOn !== undefined ? 'startedOn' : 'endedOn');
  await updateProjectRow(db, id, changes);
  await recordAudit(db, ctx.actor, {
    action: 'update',
    entityType: 'project',
    entityId: id,
    customerId: before.customerId,
    before: presentProject(before),
    after: presentProject(after),
  });
}

export async function deleteProject(db: Db, ctx: WriteContext, id: string): Promise<TrashReceipt> {
  if (!(await findProject(db, id))) throw notFound(`Project ${id}`);
  return moveToTrash(db, ctx, 'projects', id);
}
