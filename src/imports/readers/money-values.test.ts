import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readMoney, readQuantity } from './money-values.js';

const money = (minor: number, currency: string) => ({ ok: true, value: { minor, currency } });

describe('reading amounts of money', () => {
  it.each([
    ['1,234.50', 'USD', money(123450, 'USD')],
    ['1.234,50', 'EUR', money(123450, 'EUR')],
    ['1 234,50', 'EUR', money(123450, 'EUR')],
    ["1'234.50", 'CHF', money(123450, 'CHF')],
    ['$12.00', 'USD', money(1200, 'USD')],
    ['$12.00', 'CAD', money(1200, 'CAD')],
    ['$12.00', 'EUR', money(1200, 'USD')],
    ['12.00 USD', 'EUR', money(1200, 'USD')],
    ['eur 12,5', 'USD', money(1250, 'EUR')],
    ['€ 12,50', 'USD', money(1250, 'EUR')],
    ['12,50 €', 'USD', money(1250, 'EUR')],
    ['£7', 'USD', money(700, 'GBP')],
    ['1,234', 'USD', money(123400, 'USD')],
    ['1.234', 'EUR', money(123400, 'EUR')],
    // Three digits after a lone mark group thousands: shop prices do not have three decimals.
    ['12.999', 'USD', money(1299900, 'USD')],
    ['1,234,567.89', 'USD', money(123456789, 'USD')],
    ['12', 'USD', money(1200, 'USD')],
    ['.50', 'USD', money(50, 'USD')],
    ['-12.00', 'USD', money(-1200, 'USD')],
    ['-$9.99', 'USD', money(-999, 'USD')],
    ['(45.00)', 'USD', money(-4500, 'USD')],
    ['45.00-', 'USD', money(-4500, 'USD')],
    ['USD -3.10', 'EUR', money(-310, 'USD')],
    ['¥1,500', 'USD', money(1500, 'JPY')],
    ['1.500', 'JPY', money(1500, 'JPY')],
    ['1.234', 'KWD', money(1234, 'KWD')],
  ])('%s (%s by default)', (text, currency, expected) => {
    expect(readMoney(text, currency)).toEqual(expected);
  });

  it.each([
    ['twelve', 'is not an amount of money'],
    ['12.3.4', 'is not an amount of money'],
    ['1,23,4.00', 'is not an amount of money'],
    ['12.345,6.7', 'is not an amount of money'],
    ['', 'is not an amount of money'],
    ['12.5 XYZ', 'names XYZ, which is not a currency code like EUR or USD'],
    ['¥1.50', 'has more decimals than JPY has (0)'],
    ['12.1234', 'has more decimals than USD has (2)'],
  ])('refuses %s', (text, reason) => {
    expect(readMoney(text, 'USD')).toEqual({ ok: false, reason });
  });

  it('reads back amounts written the English and the German way', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.constantFrom('en-US', 'de-DE', 'fr-FR', 'de-CH'), fc.constantFrom('EUR', 'USD', 'JPY'), (minor, locale, currency) => {
        const digits = currency === 'JPY' ? 0 : 2;
        const text = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);
        expect(readMoney(text, currency)).toEqual(money(minor, currency));
        expect(readMoney(`${text} ${currency}`, 'GBP')).toEqual(money(minor, currency));
      }),
    );
  });
});

describe('reading quantities', () => {
  it('reads whole and decimal quantities, with a point or a comma', () => {
    expect(readQuantity('3')).toEqual({ ok: true, value: 3 });
    expect(readQuantity('1.5')).toEqual({ ok: true, value: 1.5 });
    expect(readQuantity('0,25')).toEqual({ ok: true, value: 0.25 });
  });

  it('refuses nothing, negatives, words and too many decimals', () => {
    expect(readQuantity('0')).toEqual({ ok: false, reason: 'is not more than 0' });
    expect(readQuantity('-1')).toEqual({ ok: false, reason: 'is not a quantity' });
    expect(readQuantity('two')).toEqual({ ok: false, reason: 'is not a quantity' });
    expect(readQuantity('1.2345')).toEqual({ ok: false, reason: 'has more than 3 decimals' });
  });
});
