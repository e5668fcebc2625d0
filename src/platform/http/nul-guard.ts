import type { FastifyRequest } from 'fastify';
import { badRequest, type FieldError } from '../errors.js';

/**
 * PostgreSQL cannot store the NUL character in text, and no person types one: refuse it at the
 * door with the field named, rather than fail deep in a query on one engine only.
 */
function findNul(value: unknown, path: string, found: FieldError[]): void {
  if (found.length >= 10) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ path, message: 'must not contain the NUL character' });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findNul(item, `${path}/${index}`, found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) findNul(item, `${path}/${key}`, found);
  }
}

export async function refuseNul(request: FastifyRequest): Promise<void> {
  const found: FieldError[] = [];
  findNul(request.body, '/body', found);
  findNul(request.query, '/query', found);
  findNul(request.params, '/params', found);
  if (found.length) throw badRequest(`${found[0]!.path} ${found[0]!.message}`, found);
}
