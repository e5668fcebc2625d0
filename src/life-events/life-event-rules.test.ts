import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partialDateProblem } from '../common/partial-date.js';
import { checkEventDate, involvedCustomers, orderInvolved } from './life-event-rules.js';

const part = (max: number) => fc.option(fc.integer({ min: 1, max }), { nil: null });

describe('life event rules', () => {
  it('accepts a partial date exactly when partialDateProblem does, naming the wrong part', () => {
    fc.assert(
      fc.property(part(9999), part(12), part(31), (year, month, day) => {
        const date = { year, month, day };
        const problem = partialDateProblem(date);
        if (problem) expect(() => checkEventDate(date)).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: `/body/date/${problem.part}` })] }));
        else expect(checkEventDate(date)).toEqual(year === null && month === null && day === null ? null : date);
      }),
    );
  });

  it('involves the owner once, first', () => {
    expect(involvedCustomers('m', ['s', 'm', 's', 'd'])).toEqual(['m', 's', 'd']);
    expect(involvedCustomers('m')).toEqual(['m']);
    expect(orderInvolved('m', ['s', 'd', 'm'])).toEqual(['m', 'd', 's']);
  });
});
