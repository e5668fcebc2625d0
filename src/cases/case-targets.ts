import { recordAudit } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import type { CasePriority } from '../platform/database/schema.js';
import { DomainError, type FieldError } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import type { WriteContext } from '../platform/write-context.js';
import type { TargetSet, TargetsIn } from './case-schemas.js';
import { allTargets, saveTargets } from './case-store.js';

/**
 * Response targets per priority, in business minutes, set by admins. A case takes the targets of
 * its priority when it is opened or its priority changes, so a change here applies from then on
 * and never rewrites what a case already missed.
 */

const order: CasePriority[] = ['urgent', 'high', 'normal', 'low'];

export async function listTargets(db: Db) {
  const rows = await allTargets(db);
  return order.map((priority) => {
    const r = rows.find((t) => t.priority === priority);
    return {
      priority,
      firstResponseMinutes: r?.firstResponseMinutes ?? null,
      nextResponseMinutes: r?.nextResponseMinutes ?? null,
      resolutionMinutes: r?.resolutionMinutes ?? null,
      updatedAt: r?.updatedAt ?? new Date(0).toISOString(),
      updatedBy: r?.updatedBy ?? null,
    };
  });
}

/** Each priority once; a next response never allowed longer than resolution makes no sense, but is the admin's call. */
function checkTargets(items: TargetSet[]): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.priority)) errors.push({ path: `/body/items/${i}/priority`, message: `${item.priority} is listed twice` });
    seen.add(item.priority);
    if (item.firstResponseMinutes !== null && item.resolutionMinutes !== null && item.resolutionMinutes < item.firstResponseMinutes) {
      errors.push({ path: `/body/items/${i}/resolutionMinutes`, message: 'cannot be shorter than the first-response target' });
    }
  });
  if (errors.length) throw new DomainError('invalid', 'Unprocessable content', errors.length === 1 ? `${errors[0]!.path} ${errors[0]!.message}` : `${errors.length} fields need attention`, errors);
}

export async function setTargets(db: Db, ctx: WriteContext, input: TargetsIn): Promise<void> {
  checkTargets(input.items);
  const current = await listTargets(db);
  const now = nowIso();
  for (const item of input.items) {
    const before = current.find((t) => t.priority === item.priority)!;
    const after = { firstResponseMinutes: item.firstResponseMinutes, nextResponseMinutes: item.nextResponseMinutes, resolutionMinutes: item.resolutionMinutes };
    const was = { firstResponseMinutes: before.firstResponseMinutes, nextResponseMinutes: before.nextResponseMinutes, resolutionMinutes: before.resolutionMinutes };
    if (JSON.stringify(was) === JSON.stringify(after)) continue;
    await saveTargets(db, { priority: item.priority, ...after, updatedAt: now, updatedBy: ctx.actor?.staffId ?? null });
    await recordAudit(db, ctx.actor, { action: 'update', entityType: 'case_targets', entityId: item.priority, before: was, after });
  }
}
