import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../platform/errors.js';
import { decodeCursor, encodeCursor, type CursorPart } from './cursor.js';

const forge = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
const refused = (cursor: string, shape: number | CursorPart[]) => {
  try {
    decodeCursor(cursor, shape);
  } catch (error) {
    return error instanceof DomainError && error.kind === 'bad_input' && error.errors?.[0]?.path === '/query/cursor';
  }
  return false;
};

describe('page cursors', () => {
  it('give back the key they were made of', () => {
    const time = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
    const text = fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !s.includes('\u0000'));
    fc.assert(
      fc.property(fc.tuple(fc.constantFrom(0, 1), time, text), (key) => {
        expect(decodeCursor(encodeCursor(key), ['number', 'time', 'text'])).toEqual(key);
        expect(decodeCursor(encodeCursor(key), 3)).toEqual(key);
      }),
    );
  });

  it('refuse with 400 on /query/cursor what no endpoint gave out, before it reaches a query', () => {
    for (const [key, shape] of [
      [['\u0000', 'x'], 2],
      [['x', 'a\u0000b'], ['text', 'text']],
      [['\uD800', 1], 2],
      [['x\uDFFF', 'y'], ['text', 'text']],
      [['x'.repeat(1001), 'y'], 2],
      [[1e308 * 10, 'x'], 2],
      [[{}, 'x'], 2],
      [['x', 'y', 'z'], 2],
      [['not a date', 'x'], ['time', 'text']],
      [[1e308, 'x'], ['time', 'text']],
      [['2024-02-30T00:00:00.000Z', 'x'], ['time', 'text']],
      [['2023-02-29T00:00:00.000Z', 'x'], ['time', 'text']],
      [['0000-01-01T00:00:00.000Z', 'x'], ['time', 'text']],
      [['+275760-09-13T00:00:00.000Z', 'x'], ['time', 'text']],
      [['2024-05-01', 'x'], ['time', 'text']],
      [['2024-05-01T24:00:00Z', 'x'], ['time', 'text']],
      [[true, '2024-05-01T00:00:00.000Z', 'x'], ['number', 'time', 'text']],
      [['1', '2024-05-01T00:00:00.000Z', 'x'], ['number', 'time', 'text']],
    ] as [unknown[], number | CursorPart[]][]) {
      expect(refused(forge(key), shape), JSON.stringify(key)).toBe(true);
    }
    expect(refused('not base64 json', 2)).toBe(true);
  });

  it('take leap days and time zone offsets that are real', () => {
    expect(decodeCursor(forge(['2024-02-29T23:59:59.999Z', 'x']), ['time', 'text'])).toEqual(['2024-02-29T23:59:59.999Z', 'x']);
    expect(decodeCursor(forge(['2024-05-01T09:00:00+14:00', 'x']), ['time', 'text'])).not.toBeNull();
    expect(decodeCursor(undefined, ['time', 'text'])).toBeNull();
  });
});
