import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits } from './money.js';

describe('money in minor units', () => {
  it('is written in the currency\'s own decimals', () => {
    expect(formatMoney(123450, 'USD')).toBe('$1,234.50');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(1234, 'KWD')).toMatch(/^KWD\s1\.234$/);
    expect(formatMoney(-999, 'EUR')).toBe('-€9.99');
    expect([minorDigits('EUR'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
  });

  it('stays the same when asked again (one formatter kept per currency)', () => {
    const first = formatMoney(4250, 'GBP');
    expect(formatMoney(4250, 'GBP')).toBe(first);
    expect(formatMoney(100, 'GBP')).toBe('£1.00');
  });

  it('keeps money readable for a code that is not a currency', () => {
    expect(formatMoney(4250, 'XQZ')).toMatch(/42\.50/);
    expect(formatMoney(4250, 'not a code')).toBe('42.50 not a code');
    expect(minorDigits('not a code')).toBe(2);
  });
});
