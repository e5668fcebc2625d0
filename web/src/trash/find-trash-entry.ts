import { trash } from '../api/endpoints';

/**
 * The trash entry of a record deleted a moment ago, for removals that answer with the customer rather
 * than a receipt (a phone, an email, an address, a link).
 */
export async function findTrashEntry(entityType: string, entityId: string): Promise<string> {
  const entry = (await trash.list({ entityType, entityId }, null, 1)).items[0];
  if (!entry) throw new Error('not in the trash');
  return entry.id;
}
