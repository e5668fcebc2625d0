import { recordAudit } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import type { WriteContext } from '../platform/write-context.js';
import { readSetting, writeSetting } from '../settings/settings-store.js';

/** How long a deleted record waits in the trash before the purge job removes it for good. */
export const defaultRetentionDays = 30;
const key = 'trash.retentionDays';

export const trashRetentionDays = (db: Db): Promise<number> => readSetting(db, key, defaultRetentionDays);

export async function setTrashRetentionDays(db: Db, ctx: WriteContext, days: number): Promise<void> {
  const before = await trashRetentionDays(db);
  await writeSetting(db, key, days, ctx.actor?.staffId ?? null);
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'setting', entityId: key, before: { retentionDays: before }, after: { retentionDays: days } });
}

const day = 24 * 60 * 60 * 1000;

/** When an entry deleted at `deletedAt` leaves the trash. */
export const purgeAfter = (deletedAt: string, days: number): string => new Date(Date.parse(deletedAt) + days * day).toISOString();

/** Entries deleted before this moment are due for purging. */
export const purgeCutoff = (now: Date, days: number): string => new Date(now.getTime() - days * day).toISOString();
