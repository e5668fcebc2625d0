import { badRequest } from '../platform/errors.js';

/** Opaque page cursors: the sort key of the last item, base64url JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): (string | number)[] | null {
  if (cursor === undefined) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('The cursor is not one this endpoint gave out.', [{ path: '/query/cursor', message: 'is not a valid cursor' }]);
}

/**
 * One page out of `limit + 1` rows fetched in order: the first `limit`, and a cursor made of the
 * last one's sort key when there was more. Every paged list cuts its page here.
 */
export function pageOf<T>(rows: T[], limit: number, sortKey: (row: T) => readonly (string | number)[]): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(sortKey(last)) : null };
}
