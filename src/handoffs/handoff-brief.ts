import type { Actor } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import { customerParts } from './handoff-read.js';
import { addresseeWords, showsBanner } from './handoff-rules.js';
import type { HandoffBannerOut } from './handoff-schemas.js';
import { customerHandoffRows, namesOf, readRows } from './handoff-store.js';

/**
 * The banner at the top of a customer's brief: their hand-offs that their new owner has not read
 * yet (while pending there is no new owner: it shows), left out for a reader who has read it.
 * Lines the reader may not see are absent (the one privacy rule). A withdrawn one is left out.
 */
export async function handoffBanners(db: Db, actor: Actor, customerId: string): Promise<HandoffBannerOut[]> {
  // A withdrawn hand-off never reached anyone: it has no banner.
  const rows = (await customerHandoffRows(db, customerId, 20)).filter((r) => r.status !== 'withdrawn');
  if (!rows.length) return [];
  const reads = await readRows(
    db,
    rows.map((r) => r.itemId),
  );
  const shown = rows.filter((r) =>
    showsBanner(
      r,
      reads.filter((x) => x.handoffCustomerId === r.itemId).map((x) => x.staffId),
      actor.staffId,
    ),
  );
  if (!shown.length) return [];
  const [parts, staff, locations] = await Promise.all([
    customerParts(
      db,
      actor,
      shown.map((r) => ({ id: r.itemId, customerId, handoff: r })),
    ),
    namesOf(
      db,
      'staff',
      shown.flatMap((r) => [r.fromStaffId, r.toStaffId, r.acceptedBy]),
    ),
    namesOf(
      db,
      'locations',
      shown.map((r) => r.toLocationId),
    ),
  ]);
  const name = (map: Map<string, string>, id: string | null) => (id ? (map.get(id) ?? null) : null);
  return shown.map((r) => {
    const part = parts.get(r.itemId)!;
    return {
      handoffId: r.id,
      status: r.status,
      fromStaffName: name(staff, r.fromStaffId),
      toName: addresseeWords({ toStaffName: name(staff, r.toStaffId), toLocationName: name(locations, r.toLocationId) }),
      acceptedByName: name(staff, r.acceptedBy),
      createdAt: r.createdAt,
      acceptedAt: r.acceptedAt,
      notes: part.notes,
      promises: part.promises,
      cases: part.cases,
    };
  });
}
