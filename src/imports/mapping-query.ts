import { badRequest } from '../platform/errors.js';

/**
 * The `mapping` query parameter of a file upload (an import, a mailing's recipients): a JSON object
 * of column header → field, or undefined when it is not given. Anything else is refused naming it.
 */
export function mappingQuery(raw: string | undefined): Record<string, unknown> | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // Refused below, as a value that is not an object is.
  }
  throw badRequest('mapping is not a JSON object of column header → field.', [{ path: '/query/mapping', message: 'is not a JSON object' }]);
}
