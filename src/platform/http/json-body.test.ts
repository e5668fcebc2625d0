import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './json-body.js';

/** How deep a parsed JSON value nests its arrays and objects (a scalar is 0). */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depthOf));
}

describe('jsonNestsDeeperThan', () => {
  it('agrees with the depth of the parsed value, for any JSON text', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, limit) => {
        expect(jsonNestsDeeperThan(JSON.stringify(value), limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 500 },
    );
  });

  it('reads brackets, quotes and backslashes inside strings as text', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ a: '[[[[{{{{' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify({ a: 'say \\"[[[["', b: '\\\\' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan('{"a\\"[[[":1}', 1)).toBe(false);
    expect(jsonNestsDeeperThan('[["\\\\"]]', 1)).toBe(true);
  });

  it('finds fifty thousand levels without parsing them', () => {
    expect(jsonNestsDeeperThan('['.repeat(50_000) + ']'.repeat(50_000), 64)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":'.repeat(50_000), 64)).toBe(true);
    expect(jsonNestsDeeperThan('['.repeat(64) + ']'.repeat(64), 64)).toBe(false);
  });
});
