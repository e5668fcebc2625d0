import { privacyChanges, privacyOfNewFact } from '../common/fact-privacy.js';
import { ensureCustomer } from '../common/references.js';
import { recordAudit } from '../audit/audit-store.js';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import type { RowUpdate } from '../platform/database/schema.js';
import { newId } from '../platform/ids.js';
import { notFound } from '../platform/errors.js';
import { moveToTrash, type TrashReceipt } from '../trash/trash-commands.js';
import { nowIso } from '../platform/time.js';
import { authored, type WriteContext } from '../platform/write-context.js';
import { checkNoteBody } from './note-rules.js';
import type { NoteCreate, NotePatch } from './note-schemas.js';
import { findNote, insertNote, presentNote, updateNoteRow } from './note-store.js';

/** Writes to notes. Each runs inside the caller's transaction and audits itself. */

/**
 * The note, if the actor may see it. A private note someone may not see is "not found", the
 * same answer as a missing one, so its existence does not leak (and only those who see a note
 * can change it, its sensitivity included).
 */
export async function visibleNote(db: Db, actor: ActorOrSystem, id: string) {
  const row = await findNote(db, actor, id);
  if (!row) throw notFound(`Note ${id}`);
  return row;
}

export async function createNote(db: Db, ctx: WriteContext, input: NoteCreate): Promise<string> {
  const body = checkNoteBody(input.body);
  await ensureCustomer(db, input.customerId, '/body/customerId');
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    customerId: input.customerId,
    body,
    pinned: input.pinned ?? false,
    provenance: input.provenance ?? 'told_us',
    ...(await privacyOfNewFact(db, input.customerId, input)),
    ...authored(ctx, now),
  };
  await insertNote(db, row);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'note', entityId: id, customerId: input.customerId, after: presentNote(row) });
  return id;
}

export async function updateNote(db: Db, ctx: WriteContext, id: string, patch: NotePatch): Promise<void> {
  const before = await visibleNote(db, ctx.actor, id);
  const changes: RowUpdate<'notes'> = { updatedAt: nowIso(), updatedBy: ctx.actor?.staffId ?? null };
  if (patch.body !== undefined) changes.body = checkNoteBody(patch.body);
  if (patch.pinned !== undefined) changes.pinned = patch.pinned;
  if (patch.provenance !== undefined) changes.provenance = patch.provenance;
  Object.assign(changes, await privacyChanges(db, before, patch));
  await updateNoteRow(db, id, changes);
  await recordAudit(db, ctx.actor, {
    action: 'update',
    entityType: 'note',
    entityId: id,
    customerId: before.customerId,
    before: presentNote(before),
    after: presentNote({ ...before, ...changes } as typeof before),
  });
}

/** Moves the note to the trash (only someone who may read it can). */
export async function deleteNote(db: Db, ctx: WriteContext, id: string): Promise<TrashReceipt> {
  await visibleNote(db, ctx.actor, id);
  return moveToTrash(db, ctx, 'notes', id);
}
