import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../platform/errors.js';
import { checkPolicy, closeProblems, completedAtAfter, dueAtOf, fieldKeyPattern, keyOf, percentile } from './case-field-rules.js';

/** The pure rules of help first, fill in later: policies, deadlines, the close check, completion and percentiles. */
describe('case field rules', () => {
  it('works a field’s deadline out from its policy', () => {
    const opened = '2024-01-10T00:30:00.000Z';
    expect(dueAtOf({ due: 'hours', hours: 24 }, opened, null)).toBe('2024-01-11T00:30:00.000Z');
    expect(dueAtOf({ due: 'dispatch' }, opened, null)).toBeNull();
    expect(dueAtOf({ due: 'dispatch' }, opened, '2024-01-10T00:36:00.000Z')).toBe('2024-01-10T00:36:00.000Z');
    expect(dueAtOf({ due: 'close' }, opened, '2024-01-10T00:36:00.000Z')).toBeNull();
  });

  it('names each missing field for the close check, and keeps the moment of completion', () => {
    expect(closeProblems([{ fieldKey: 'colour', label: 'Colour', value: null }, { fieldKey: 'plate', label: 'Plate', value: 'KB' }])).toEqual([{ path: '/body/fields/colour', message: 'Colour is wanted before closing' }]);
    expect(completedAtAfter([{ value: 'a' }], null, 'T2')).toBe('T2');
    expect(completedAtAfter([{ value: 'a' }], 'T1', 'T2')).toBe('T1');
    expect(completedAtAfter([{ value: null }], 'T1', 'T2')).toBeNull();
    expect(completedAtAfter([], null, 'T2')).toBe('T2');
  });

  it('checks a policy: keys once and well formed, hours when due within hours', () => {
    expect(checkPolicy([{ key: 'colour', label: ' Colour ', due: 'close', hours: 3 }])).toEqual([{ key: 'colour', label: 'Colour', due: 'close' }]);
    const problems = (fields: Parameters<typeof checkPolicy>[0]) => {
      try {
        checkPolicy(fields);
        return [];
      } catch (e) {
        return (e as DomainError).errors?.map((x) => x.path) ?? [];
      }
    };
    expect(problems([{ key: 'a', label: 'A', due: 'hours' }, { key: 'a', label: '', due: 'close' }])).toEqual(['/body/fields/0/hours', '/body/fields/1/key', '/body/fields/1/label']);
  });

  it('makes a well-formed key of any label', () => {
    fc.assert(
      fc.property(fc.string(), (label) => {
        expect(keyOf(label)).toMatch(new RegExp(fieldKeyPattern));
      }),
    );
    expect(keyOf('Roadside (night)')).toBe('roadside_night');
  });

  it('puts a percentile between the least and the greatest, rising with p', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, p): void => {
        const at = percentile(values, p)!;
        expect(at).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
        expect(at).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        expect(percentile(values, Math.min(1, p + 0.1))!).toBeGreaterThanOrEqual(at - 1e-9);
      }),
    );
    expect(percentile([7], 0.9)).toBe(7);
  });
});
