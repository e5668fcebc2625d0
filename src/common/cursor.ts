import { badRequest } from '../platform/errors.js';

/** Opaque page cursors: the sort key of the last item, base64url JSON. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * What one part of a cursor holds. Every part is checked on the way in, so that a cursor nobody
 * gave out is a 400 naming /query/cursor, never a query the database refuses (PostgreSQL refuses
 * NUL and broken UTF-16 in text, and a time column refuses text that is not a time).
 * 'time': an ISO-8601 instant as the API writes them; 'text': any string; 'number': a finite number.
 */
export type CursorPart = 'time' | 'text' | 'number';

const isoInstant = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

/** A time both engines read the same way: a real calendar day in the years 1 to 9999. */
function isInstant(value: string): boolean {
  const match = isoInstant.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text a database can hold: no NUL, no half of a surrogate pair, not absurdly long. */
const isStorableText = (value: string) => value.length <= 1000 && !value.includes('\u0000') && !loneSurrogate.test(value);

function partFits(value: unknown, part: CursorPart | undefined): boolean {
  if (typeof value === 'number') return Number.isFinite(value) && (part === undefined || part === 'number');
  if (typeof value !== 'string' || !isStorableText(value)) return false;
  return part === undefined || part === 'text' || (part === 'time' && isInstant(value));
}

/**
 * The sort key a cursor holds: `shape` names what each part is (or, as a number, only how many
 * parts there are: then each is text or a finite number).
 */
export function decodeCursor(cursor: string | undefined, shape: number | readonly CursorPart[]): (string | number)[] | null {
  if (cursor === undefined) return null;
  const parts = typeof shape === 'number' ? Array<undefined>(shape).fill(undefined) : shape;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === parts.length && key.every((k, i) => partFits(k, parts[i]))) {
      return key as (string | number)[];
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
