import type { Actor } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import { unprocessable } from '../platform/errors.js';
import { minutesBetween, percentile, tenth } from './case-field-rules.js';
import { allCaseTypes, helpTimes } from './case-field-store.js';
import { namesOf } from './case-store.js';
import type { HelpReportOut, HelpReportQuery, HelpReportRow } from './urgent-schemas.js';

/**
 * Time to help (opened → help dispatched) and time to complete (opened → every wanted field
 * filled in), per case type and location, over the cases opened in a period: how many, the median
 * and the 90th percentile. A manager with locations sees those locations; admins and managers of no
 * location in particular see all.
 */

const dayMs = 86_400_000;
export const percentileMethod = 'Linear between the closest ranks (R type 7, as spreadsheets’ PERCENTILE.INC); minutes to a tenth';

export async function helpReport(db: Db, actor: Actor, query: HelpReportQuery, now = new Date()): Promise<HelpReportOut> {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * dayMs);
  if (!(from < to)) throw unprocessable('/query/from', 'must be before to');
  const scope = actor.role === 'manager' && actor.locationIds.length ? actor.locationIds : null;
  const range = { from: from.toISOString(), to: to.toISOString() };
  const type = query.type?.trim().toLowerCase();
  const rows = await helpTimes(db, range, scope, { caseType: undefined, locationId: query.locationId });
  const groups = new Map<string, { type: string; locationId: string | null; help: number[]; complete: number[]; cases: number }>();
  for (const r of rows) {
    const key = r.caseType.trim().toLowerCase();
    if (type && key !== type) continue;
    const id = `${key}\u0000${r.locationId ?? ''}`;
    const g = groups.get(id) ?? { type: key, locationId: r.locationId, help: [], complete: [], cases: 0 };
    g.cases += 1;
    if (r.helpDispatchedAt) g.help.push(minutesBetween(r.openedAt, r.helpDispatchedAt));
    if (r.completedAt) g.complete.push(minutesBetween(r.openedAt, r.completedAt));
    groups.set(id, g);
  }
  const [types, locations] = await Promise.all([
    allCaseTypes(db),
    namesOf(db, 'locations', [...groups.values()].map((g) => g.locationId).filter((l): l is string => l !== null)),
  ]);
  const labels = new Map(types.map((t) => [t.key, t.label]));
  const out: HelpReportRow[] = [...groups.values()].map((g) => ({
    type: g.type,
    typeLabel: labels.get(g.type) ?? g.type,
    locationId: g.locationId,
    locationName: g.locationId ? (locations.get(g.locationId) ?? 'Unknown') : 'No location',
    cases: g.cases,
    helped: g.help.length,
    completed: g.complete.length,
    helpMedian: tenth(percentile(g.help, 0.5)),
    helpP90: tenth(percentile(g.help, 0.9)),
    completeMedian: tenth(percentile(g.complete, 0.5)),
    completeP90: tenth(percentile(g.complete, 0.9)),
  }));
  out.sort((a, b) => a.typeLabel.localeCompare(b.typeLabel) || a.locationName.localeCompare(b.locationName));
  return { from: range.from, to: range.to, method: percentileMethod, rows: out };
}
