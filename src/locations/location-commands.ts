import { diffSnapshots, isEmptyDiff } from '../audit/audit-diff.js';
import { recordAudit } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { conflict, notFound, unprocessable } from '../platform/errors.js';
import { nowIso } from '../platform/time.js';
import { authored, type WriteContext } from '../platform/write-context.js';
import { clean } from '../common/text-rules.js';
import { isKnownTimezone, sameName } from './location-rules.js';
import type { LocationCreate, LocationPatch } from './location-schemas.js';
import { allLocationNames, findLocation, insertLocation, updateLocationRow } from './location-store.js';

/** Writes to locations. Each runs inside the caller's transaction and audits itself. */

async function checkName(db: Db, name: string, exceptId: string | null): Promise<string> {
  const clean = name.trim();
  if (!clean) throw unprocessable('/body/name', 'must not be blank');
  const clash = (await allLocationNames(db)).find((l) => l.id !== exceptId && sameName(l.name, clean));
  if (clash) throw conflict(`There is already a location called ${clash.name}.`, [{ path: '/body/name', message: 'is already in use' }]);
  return clean;
}

function checkTimezone(value: string | null | undefined): string | null {
  const timezone = clean(value);
  if (timezone && !isKnownTimezone(timezone)) throw unprocessable('/body/timezone', `${timezone} is not a known IANA time zone`);
  return timezone;
}

export async function createLocation(db: Db, ctx: WriteContext, input: LocationCreate): Promise<string> {
  const id = newId();
  const now = nowIso();
  const row = {
    id,
    name: await checkName(db, input.name, null),
    address: clean(input.address),
    timezone: checkTimezone(input.timezone),
    ...authored(ctx, now),
  };
  await insertLocation(db, row);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'location', entityId: id, after: row });
  return id;
}

export async function updateLocation(db: Db, ctx: WriteContext, id: string, patch: LocationPatch): Promise<void> {
  const before = await findLocation(db, id);
  if (!before) throw notFound(`Location ${id}`);
  const fields = {
    ...(patch.name !== undefined ? { name: await checkName(db, patch.name, id) } : {}),
    ...(patch.address !== undefined ? { address: clean(patch.address) } : {}),
    ...(patch.timezone !== undefined ? { timezone: checkTimezone(patch.timezone) } : {}),
  };
  // Nothing really changed: no write, no audit row.
  if (isEmptyDiff(diffSnapshots(before, { ...before, ...fields }))) return;
  const changes = { ...fields, updatedAt: nowIso(), updatedBy: ctx.actor?.staffId ?? null };
  await updateLocationRow(db, id, changes);
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'location', entityId: id, before, after: { ...before, ...changes } });
}
