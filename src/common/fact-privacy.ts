import type { Sensitivity } from '../platform/auth/private-facts.js';
import type { Db } from '../platform/database/connect.js';
import { ensureLocation } from './references.js';

/**
 * The privacy columns of a fact as it is written or changed (notes, life events and every later
 * private-capable fact). The audience of a private fact is fixed when it is written: the customer's
 * home location then, or a location the writer names. Commands call these only after checking the
 * writer may read the fact, so only someone who can already read it can change who else may.
 */

const homeLocationOf = async (db: Db, customerId: string): Promise<string | null> =>
  (await db.selectFrom('customers').select('locationId').where('id', '=', customerId).executeTakeFirst())?.locationId ?? null;

export interface PrivacyInput {
  sensitivity?: Sensitivity | undefined;
  audienceLocationId?: string | null | undefined;
}

export async function privacyOfNewFact(db: Db, customerId: string, input: PrivacyInput): Promise<{ sensitivity: Sensitivity; audienceLocationId: string | null }> {
  await ensureLocation(db, input.audienceLocationId, '/body/audienceLocationId');
  return {
    sensitivity: input.sensitivity ?? 'normal',
    audienceLocationId: input.audienceLocationId !== undefined ? input.audienceLocationId : await homeLocationOf(db, customerId),
  };
}

/** The privacy columns a change sets: a named audience, or, when a fact becomes private, the customer's home location now. */
export async function privacyChanges(
  db: Db,
  before: { customerId: string; sensitivity: Sensitivity },
  patch: PrivacyInput,
): Promise<{ sensitivity?: Sensitivity; audienceLocationId?: string | null }> {
  const changes: { sensitivity?: Sensitivity; audienceLocationId?: string | null } = {};
  if (patch.sensitivity !== undefined) changes.sensitivity = patch.sensitivity;
  if (patch.audienceLocationId !== undefined) {
    await ensureLocation(db, patch.audienceLocationId, '/body/audienceLocationId');
    changes.audienceLocationId = patch.audienceLocationId;
  } else if (before.sensitivity === 'normal' && patch.sensitivity === 'private') {
    changes.audienceLocationId = await homeLocationOf(db, before.customerId);
  }
  return changes;
}
