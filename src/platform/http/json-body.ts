import type { FastifyInstance } from 'fastify';
import { badRequest } from '../errors.js';

/**
 * How deep the arrays and objects of a request body may nest. The deepest body the API takes nests
 * three or four levels; 64 leaves room for any real use, and keeps every walk over a parsed body
 * (the NUL guard, the schema validator) far from the end of the stack.
 */
export const maxJsonDepth = 64;

/**
 * Whether the arrays and objects of a JSON text nest deeper than `limit`: one pass over the
 * characters, skipping strings (and the escapes inside them), stopping at the first level too deep.
 * The text need not be valid JSON; the parser says so afterwards.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: jump to its closing quote, stepping over escaped characters.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * Replaces Fastify's JSON body parser with the same parser (prototype poisoning refused) behind a
 * depth check: `[[[[...` fifty thousand levels deep is refused with 400 before it is parsed,
 * rather than overflowing the stack of whatever walks it next.
 */
export function parseJsonWithDepthLimit(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestsDeeperThan(body as string, maxJsonDepth)) {
      const message = `must not nest arrays and objects more than ${maxJsonDepth} levels deep`;
      done(badRequest(`/body ${message}.`, [{ path: '/body', message }]), undefined);
      return;
    }
    parse(request, body as string, done);
  });
}
