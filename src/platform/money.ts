/**
 * Amounts kept in minor units (cents), written for people: "$1,234.50", "¥1,235", "KWD 1.235".
 * One formatter per currency, made once: making an Intl.NumberFormat costs more than formatting with
 * it a thousand times (a CPU profile put it at 4 % of a brief and 11 % of a timeline page).
 */

interface CurrencyFormat {
  format: Intl.NumberFormat;
  /** Decimals of the minor unit: 2 for EUR, 0 for JPY, 3 for KWD. */
  digits: number;
}

const formats = new Map<string, CurrencyFormat | null>();

/** The currency's formatter, or null when the code is not a currency the runtime knows. */
function currencyFormat(currency: string): CurrencyFormat | null {
  let found = formats.get(currency);
  if (found === undefined) {
    try {
      const format = new Intl.NumberFormat('en', { style: 'currency', currency });
      found = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    } catch {
      found = null;
    }
    // Codes come from stored rows, so the map stays as small as the currencies in use (a bad code is one entry).
    if (formats.size < 1000) formats.set(currency, found);
  }
  return found;
}

/** How many decimals a currency's minor unit has; 2 for a code that is not a currency. */
export const minorDigits = (currency: string): number => currencyFormat(currency)?.digits ?? 2;

/** "$1,234.50" from 123450 USD; a code that is not a currency is written after two decimals ("12.50 XYZ"). */
export function formatMoney(amountMinor: number, currency: string): string {
  const found = currencyFormat(currency);
  return found ? found.format.format(amountMinor / 10 ** found.digits) : `${(amountMinor / 100).toFixed(2)} ${currency}`;
}
