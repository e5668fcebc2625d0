import { clean, requiredText } from '../common/text-rules.js';
import { unprocessable } from '../platform/errors.js';
import { hasAtMostThreeDecimals, itemsTotalMinor, relatedKindProblem, type TransactionKind } from './transaction-rules.js';
import type { ItemInput } from './transaction-schemas.js';

/** Pure checks on transaction input; each names the field it refuses. */

/** The ISO 4217 codes this runtime knows (from its ICU data), so money can always be shown. */
const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 code in upper case; an unknown code is a 422 naming the field. */
export function normalizeCurrency(code: string, path = '/body/currency'): string {
  const upper = code.toUpperCase();
  if (!knownCurrencies.has(upper)) throw unprocessable(path, `${code} is not an ISO 4217 currency code`);
  return upper;
}

export interface CleanItem {
  position: number;
  description: string;
  sku: string | null;
  quantity: number;
  unitPriceMinor: number;
}

export function checkItems(items: readonly ItemInput[], path = '/body/items'): CleanItem[] {
  return items.map((item, position) => {
    if (!hasAtMostThreeDecimals(item.quantity)) throw unprocessable(`${path}/${position}/quantity`, 'can have at most 3 decimals');
    return {
      position,
      description: requiredText(item.description, `${path}/${position}/description`),
      sku: clean(item.sku),
      quantity: item.quantity,
      unitPriceMinor: item.unitPriceMinor,
    };
  });
}

/** The amount as given, else what the items add up to; a transaction always moves some money. */
export function amountOf(amountMinor: number | undefined, items: readonly CleanItem[] | undefined, path = '/body/amountMinor'): number {
  if (amountMinor !== undefined) return amountMinor;
  if (!items || items.length === 0) throw unprocessable(path, 'is required when there are no items to add up');
  const total = itemsTotalMinor(items);
  if (total <= 0n) throw unprocessable(path, 'the items add up to nothing; give an amount greater than 0');
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw unprocessable(path, 'the items add up to more than can be stored');
  return Number(total);
}

export interface RelatedFacts {
  id: string;
  customerId: string;
  kind: TransactionKind;
  currency: string;
}

/** A related transaction belongs to the same customer, is in the same currency, and fits the kind. */
export function checkRelated(
  self: { id?: string; customerId: string; kind: TransactionKind; currency: string },
  related: RelatedFacts | undefined,
  relatedId: string,
  path = '/body/relatedTransactionId',
): void {
  if (!related) throw unprocessable(path, `transaction ${relatedId} does not exist`);
  if (related.id === self.id) throw unprocessable(path, 'a transaction cannot point at itself');
  if (related.customerId !== self.customerId) throw unprocessable(path, `transaction ${relatedId} belongs to another customer`);
  if (related.currency !== self.currency) throw unprocessable(path, `transaction ${relatedId} is in ${related.currency}, not ${self.currency}`);
  const problem = relatedKindProblem(self.kind, related.kind);
  if (problem) throw unprocessable(path, problem);
}

/**
 * Changing the kind or currency of a transaction others point at must keep them valid:
 * a refund of a purchase cannot be left pointing at a payment, or at another currency.
 */
export function checkDependents(after: { kind: TransactionKind; currency: string }, dependents: readonly RelatedFacts[]): void {
  for (const dependent of dependents) {
    if (dependent.currency !== after.currency) {
      throw unprocessable('/body/currency', `transaction ${dependent.id} points at this one in ${dependent.currency}`);
    }
    const problem = relatedKindProblem(dependent.kind, after.kind);
    if (problem) throw unprocessable('/body/kind', `transaction ${dependent.id} points at this one, and ${problem}`);
  }
}
