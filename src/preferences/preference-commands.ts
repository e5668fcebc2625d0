import { recordAudit } from '../audit/audit-store.js';
import { privacyChanges, privacyOfNewFact } from '../common/fact-privacy.js';
import { ensureCustomer } from '../common/references.js';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import type { RowUpdate } from '../platform/database/schema.js';
import { notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { nowIso } from '../platform/time.js';
import { authored, type WriteContext } from '../platform/write-context.js';
import { moveToTrash, type TrashReceipt } from '../trash/trash-commands.js';
import { checkPreference, cleanTopic } from './preference-rules.js';
import type { PreferenceCreate, PreferencePatch } from './preference-schemas.js';
import { findPreference, insertPreference, presentPreference, updatePreferenceRow } from './preference-store.js';

/** Writes to preferences. Each runs inside the caller's transaction and audits itself. */

/** The preference, if the actor may see it; a private one they may not see is "not found", like a missing one. */
export async function visiblePreference(db: Db, actor: ActorOrSystem, id: string) {
  const row = await findPreference(db, actor, id);
  if (!row) throw notFound(`Preference ${id}`);
  return row;
}

export async function createPreference(db: Db, ctx: WriteContext, input: PreferenceCreate): Promise<string> {
  const preference = checkPreference(input.preference);
  await ensureCustomer(db, input.customerId, '/body/customerId');
  const id = newId();
  const row = {
    id,
    customerId: input.customerId,
    topic: cleanTopic(input.topic),
    preference,
    provenance: input.provenance ?? 'told_us',
    ...(await privacyOfNewFact(db, input.customerId, input)),
    ...authored(ctx, nowIso()),
  };
  await insertPreference(db, row);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'preference', entityId: id, customerId: input.customerId, after: presentPreference(row) });
  return id;
}

export async function updatePreference(db: Db, ctx: WriteContext, id: string, patch: PreferencePatch): Promise<void> {
  const before = await visiblePreference(db, ctx.actor, id);
  const changes: RowUpdate<'preferences'> = { updatedAt: nowIso(), updatedBy: ctx.actor?.staffId ?? null };
  if (patch.topic !== undefined) changes.topic = cleanTopic(patch.topic);
  if (patch.preference !== undefined) changes.preference = checkPreference(patch.preference);
  if (patch.provenance !== undefined) changes.provenance = patch.provenance;
  Object.assign(changes, await privacyChanges(db, before, patch));
  await updatePreferenceRow(db, id, changes);
  await recordAudit(db, ctx.actor, {
    action: 'update',
    entityType: 'preference',
    entityId: id,
    customerId: before.customerId,
    before: presentPreference(before),
    after: presentPreference({ ...before, ...changes } as typeof before),
  });
}

/** Moves the preference to the trash (only someone who may read it can). */
export async function deletePreference(db: Db, ctx: WriteContext, id: string): Promise<TrashReceipt> {
  await visiblePreference(db, ctx.actor, id);
  return moveToTrash(db, ctx, 'preferences', id);
}
