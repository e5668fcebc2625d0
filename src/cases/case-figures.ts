import type { Actor } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import { unprocessable } from '../platform/errors.js';
import type { FigureRow } from './case-schemas.js';
import { figureCounts, namesOf, type FigureCounts } from './case-store.js';

/**
 * How each location and each owner is doing against the targets: what is open now and past or near
 * a target, and of the cases opened in a period, how many missed one. A manager with locations sees
 * those locations; admins and managers of no location in particular see all.
 */

const dayMs = 86_400_000;

export async function caseFigures(db: Db, actor: Actor, query: { from?: string | undefined; to?: string | undefined }, now = new Date()) {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * dayMs);
  if (!(from < to)) throw unprocessable('/query/from', 'must be before to');
  const scope = actor.role === 'manager' && actor.locationIds.length ? actor.locationIds : null;
  const range = { from: from.toISOString(), to: to.toISOString(), now: now.toISOString() };
  const [byLocation, byOwner] = await Promise.all([figureCounts(db, 'location', range, scope), figureCounts(db, 'owner', range, scope)]);
  const [locations, staff] = await Promise.all([
    namesOf(db, 'locations', byLocation.map((r) => r.key).filter((k): k is string => k !== null)),
    namesOf(db, 'staff', byOwner.map((r) => r.key).filter((k): k is string => k !== null)),
  ]);
  const row = (r: FigureCounts, names: Map<string, string>, none: string): FigureRow => ({
    id: r.key,
    name: r.key ? (names.get(r.key) ?? 'Unknown') : none,
    open: r.open,
    breachedNow: r.breachedNow,
    nearNow: r.nearNow,
    escalatedNow: r.escalatedNow,
    opened: r.opened,
    resolved: r.resolved,
    withBreach: r.withBreach,
    breaches: r.breaches,
    metRate: r.opened ? (r.opened - r.withBreach) / r.opened : null,
  });
  const byName = (a: FigureRow, b: FigureRow) => a.name.localeCompare(b.name);
  return {
    from: range.from,
    to: range.to,
    byLocation: byLocation.map((r) => row(r, locations, 'No location')).sort(byName),
    byOwner: byOwner.map((r) => row(r, staff, 'No owner')).sort(byName),
  };
}
