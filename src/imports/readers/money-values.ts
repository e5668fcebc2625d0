import { hasAtMostThreeDecimals } from '../../transactions/transaction-rules.js';
import { normalizeCurrency } from '../../transactions/transaction-input-rules.js';
import type { Parsed } from './date-values.js';
import { minorDigits } from '../../platform/money.js';

/**
 * Amounts of money as point-of-sale exports write them, to integer minor units (cents): "1,234.50"
 * (English), "1.234,50" (German), "1 234,50" and "1'234.50" (French, Swiss), "$12.00", "12.00 USD",
 * "€ 12,50", "-12.00", "(12.00)" (accountants' negative).
 *
 * Which mark is the decimal one: when both a comma and a dot appear, the last; when one appears once
 * with exactly three digits after it ("1,234"), it groups thousands, since shop prices do not have
 * three decimals (except in currencies that do, like the Kuwaiti dinar); otherwise it is the decimal mark.
 */

export interface Money {
  /** Integer minor units; negative for money going back (a refund written as "-12.00"). */
  minor: number;
  currency: string;
}

const symbols: Record<string, string> = { '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR', '₩': 'KRW', '₽': 'RUB', '₺': 'TRY', '₪': 'ILS', 'us$': 'USD', 'c$': 'CAD', 'a$': 'AUD', 'nz$': 'NZD', 'r$': 'BRL', 'hk$': 'HKD', 's$': 'SGD' };
const dollars = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN']);


/** An ISO 4217 code in upper case, or null when the runtime does not know it. */
function currencyCode(text: string): string | null {
  try {
    return normalizeCurrency(text.trim());
  } catch {
    return null;
  }
}

/** A number with grouping marks and a decimal mark, to its whole and fraction digits; null when it is not one. */
function digitsOf(text: string, places: number): { whole: string; fraction: string } | null {
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[.,]?\d[\d.,]*$/.test(compact)) return null;
  const marks = compact.replace(/\d/g, '');
  const last = marks.at(-1);
  let decimal: string | null = null;
  if (last !== undefined && marks.indexOf(last) === marks.length - 1) {
    // The last mark appears once: it is the decimal mark, unless it is alone and three digits follow ("1,234").
    const after = compact.length - compact.lastIndexOf(last) - 1;
    decimal = marks.length > 1 || after !== 3 || places === 3 ? last : null;
  }
  const cut = decimal ? compact.lastIndexOf(decimal) : compact.length;
  const whole = compact.slice(0, cut);
  const fraction = decimal ? compact.slice(cut + 1) : '';
  const grouping = whole.replace(/\d/g, '');
  if (grouping) {
    const mark = grouping[0]!;
    if (mark === decimal || !new RegExp(`^\\d{1,3}(\\${mark}\\d{3})+$`).test(whole)) return null;
  }
  if (!/^\d*$/.test(fraction)) return null;
  return { whole: whole.replace(/[.,]/g, '') || '0', fraction };
}

/**
 * An amount of money; `defaultCurrency` when the text names none. A bare "$" is the default currency
 * when that is a dollar, else US dollars.
 */
export function readMoney(text: string, defaultCurrency: string): Parsed<Money> {
  let rest = text.trim().replace(/\u2212/g, '-');
  let negative = false;
  if (/^\(.*\)$/.test(rest)) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }
  if (rest.startsWith('-') || rest.endsWith('-')) {
    negative = true;
    rest = rest.replace(/^-|-$/g, '').trim();
  }
  let currency: string | null = null;
  const code = /^([A-Za-z]{3})\s*(?=[-\d.,])|(?<=[\d.,])\s*([A-Za-z]{3})$/.exec(rest);
  if (code) {
    currency = currencyCode(code[1] ?? code[2]!);
    if (!currency) return { ok: false, reason: `names ${(code[1] ?? code[2]!).toUpperCase()}, which is not a currency code like EUR or USD` };
    rest = rest.replace(code[0], '').trim();
  } else {
    const symbol = /^([a-z]{0,2}\$|[€£¥₹₩₽₺₪])\s*|\s*([a-z]{0,2}\$|[€£¥₹₩₽₺₪])$/i.exec(rest);
    if (symbol) {
      const mark = (symbol[1] ?? symbol[2]!).toLowerCase();
      currency = mark === '$' ? (dollars.has(defaultCurrency) ? defaultCurrency : 'USD') : (symbols[mark] ?? null);
      if (!currency) return { ok: false, reason: 'is not an amount of money' };
      rest = rest.replace(symbol[0], '').trim();
    }
  }
  if (rest.startsWith('-')) {
    negative = true;
    rest = rest.slice(1).trim();
  }
  currency ??= defaultCurrency;
  const places = minorDigits(currency);
  const digits = digitsOf(rest, places);
  if (!digits) return { ok: false, reason: 'is not an amount of money' };
  if (digits.fraction.length > places) return { ok: false, reason: `has more decimals than ${currency} has (${places})` };
  const minor = Number(digits.whole + digits.fraction.padEnd(places, '0'));
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'is too large an amount' };
  return { ok: true, value: { minor: negative && minor !== 0 ? -minor : minor, currency } };
}

/** A quantity of items: more than 0, with a decimal point or comma, at most 3 decimals (1.5 kg, 0,25 h). */
export function readQuantity(text: string): Parsed<number> {
  const compact = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(compact)) return { ok: false, reason: 'is not a quantity' };
  const value = Number(compact);
  if (value <= 0) return { ok: false, reason: 'is not more than 0' };
  if (!hasAtMostThreeDecimals(value)) return { ok: false, reason: 'has more than 3 decimals' };
  return { ok: true, value };
}
