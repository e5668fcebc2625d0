import { diffSnapshots, isEmptyDiff } from '../audit/audit-diff.js';
import { recordAudit } from '../audit/audit-store.js';
import type { Db } from '../platform/database/connect.js';
import { newId } from '../platform/ids.js';
import { conflict, DomainError, notFound, unprocessable, type FieldError } from '../platform/errors.js';
import { authored, touched, type WriteContext } from '../platform/write-context.js';
import { clean } from '../common/text-rules.js';
import { canonicalTimezone, checkHolidays, checkWeek, needsTimezone, type Holiday, type Week } from './location-calendar-rules.js';
import { sameName } from './location-rules.js';
import type { LocationCreate, LocationOut, LocationPatch } from './location-schemas.js';
import { allLocationNames, insertLocation, loadLocation, replaceHolidays, updateLocationRow, weekToColumn } from './location-store.js';

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
  if (!timezone) return null;
  const known = canonicalTimezone(timezone);
  if (!known) throw unprocessable('/body/timezone', `${timezone} is not a known IANA time zone (like Europe/London, America/Chicago or UTC)`);
  return known;
}

interface Fields {
  name: string;
  address: string | null;
  timezone: string | null;
  openingHours: Week | null;
  holidays: Holiday[];
}

/**
 * Checks every field of a location as it will be after the write, and reports every field that
 * breaks a rule at once (a name clash is a conflict and is reported alone).
 */
async function checkFields(db: Db, exceptId: string | null, input: LocationPatch, current: Fields): Promise<Fields> {
  const errors: FieldError[] = [];
  const attempt = async <T>(check: () => T | Promise<T>, fallback: T): Promise<T> => {
    try {
      return await check();
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'invalid' && error.errors) {
        errors.push(...error.errors);
        return fallback;
      }
      throw error;
    }
  };
  const fields: Fields = {
    name: input.name !== undefined ? await attempt(() => checkName(db, input.name!, exceptId), current.name) : current.name,
    address: input.address !== undefined ? clean(input.address) : current.address,
    timezone: input.timezone !== undefined ? await attempt(() => checkTimezone(input.timezone), current.timezone) : current.timezone,
    openingHours:
      input.openingHours !== undefined ? await attempt(() => (input.openingHours ? checkWeek(input.openingHours) : null), current.openingHours) : current.openingHours,
    holidays: input.holidays !== undefined ? await attempt(() => checkHolidays(input.holidays!), current.holidays) : current.holidays,
  };
  if (!fields.timezone && !errors.some((e) => e.path === '/body/timezone') && needsTimezone(fields)) {
    errors.push({ path: '/body/timezone', message: 'is needed for opening hours and holidays (they are in local time)' });
  }
  if (errors.length) {
    throw new DomainError('invalid', 'Unprocessable content', errors.length === 1 ? `${errors[0]!.path} ${errors[0]!.message}` : `${errors.length} fields need attention`, errors);
  }
  return fields;
}

export async function createLocation(db: Db, ctx: WriteContext, input: LocationCreate): Promise<string> {
  const id = newId();
  const fields = await checkFields(db, null, input, { name: input.name, address: null, timezone: null, openingHours: null, holidays: [] });
  const { openingHours, holidays, ...columns } = fields;
  const row = { id, ...columns, openingHours: weekToColumn(openingHours), ...authored(ctx) };
  await insertLocation(db, row);
  await replaceHolidays(db, id, holidays);
  await recordAudit(db, ctx.actor, { action: 'create', entityType: 'location', entityId: id, after: { ...row, openingHours, holidays } });
  return id;
}

export async function updateLocation(db: Db, ctx: WriteContext, id: string, patch: LocationPatch): Promise<void> {
  const before: LocationOut | undefined = await loadLocation(db, id);
  if (!before) throw notFound(`Location ${id}`);
  const fields = await checkFields(db, id, patch, before);
  // Nothing really changed: no write, no audit row.
  if (isEmptyDiff(diffSnapshots(before, { ...before, ...fields }))) return;
  const { openingHours, holidays, ...columns } = fields;
  const stamp = touched(ctx);
  await updateLocationRow(db, id, { ...columns, openingHours: weekToColumn(openingHours), ...stamp });
  if (JSON.stringify(holidays) !== JSON.stringify(before.holidays)) await replaceHolidays(db, id, holidays);
  await recordAudit(db, ctx.actor, { action: 'update', entityType: 'location', entityId: id, before, after: { ...before, ...fields, ...stamp } });
}
