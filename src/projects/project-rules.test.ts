import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProjectDates, checkProjectTitle } from './project-rules.js';

const day = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('project rules', () => {
  it('refuses exactly the ends before the start, naming the changed field', () => {
    fc.assert(
      fc.property(day, day, (startedOn, endedOn) => {
        const wrong = new Date(endedOn) < new Date(startedOn);
        const check = () => checkProjectDates({ startedOn, endedOn });
        if (wrong) expect(check).toThrow(/cannot be before/);
        else expect(check).not.toThrow();
      }),
    );
    expect(() => checkProjectDates({ startedOn: '2024-01-02', endedOn: '2024-01-01' }, 'startedOn')).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: '/body/startedOn' })] }),
    );
    expect(() => checkProjectDates({ startedOn: null, endedOn: '2024-01-01' })).not.toThrow();
  });

  it('trims titles and refuses blank ones', () => {
    expect(checkProjectTitle('  Deck  ')).toBe('Deck');
    expect(() => checkProjectTitle(' \t')).toThrow();
  });
});
