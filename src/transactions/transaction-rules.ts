/**
 * The money rules: what a customer's transactions add up to. Pure functions, no database; this is
 * the only place these figures are computed (the account endpoint and the customer brief call it).
 *
 * Every transaction carries a positive amount in integer minor units (cents); its kind says which
 * way the money moved:
 *
 *   kind       lifetime value   balance owed
 *   purchase        +                .         bought and paid on the spot
 *   invoice         +                +         billed, to be paid later
 *   payment         .                -         pays what was invoiced
 *   refund          -                .         money handed back
 *   credit          -                -         a credit note: lowers what they owe and what they spent
 *   return          .                .         goods coming back; the refund or credit that settles
 *                                              the return moves the money, so it is not counted twice
 *
 * So: lifetime value = purchases + invoices - refunds - credits;
 *     balance owed   = invoices - payments - credits (negative when the customer is in credit).
 *
 * Figures are kept per currency and never mixed: there are no exchange rates here. Both figures
 * are sums, so a caller may pass one movement per (kind, currency) holding the total of that group
 * instead of every transaction, and get the same answer.
 */

export const transactionKinds = ['purchase', 'payment', 'invoice', 'return', 'refund', 'credit'] as const;
export type TransactionKind = (typeof transactionKinds)[number];

type Sign = -1 | 0 | 1;
export const moneyEffect: Record<TransactionKind, { lifetimeValue: Sign; balanceOwed: Sign }> = {
  purchase: { lifetimeValue: 1, balanceOwed: 0 },
  invoice: { lifetimeValue: 1, balanceOwed: 1 },
  payment: { lifetimeValue: 0, balanceOwed: -1 },
  refund: { lifetimeValue: -1, balanceOwed: 0 },
  credit: { lifetimeValue: -1, balanceOwed: -1 },
  return: { lifetimeValue: 0, balanceOwed: 0 },
};

export interface Movement {
  kind: TransactionKind;
  currency: string;
  amountMinor: number;
}

export interface CurrencyAccount {
  currency: string;
  balanceOwedMinor: number;
  lifetimeValueMinor: number;
}

/** Balance owed and lifetime value, one entry per currency the customer has used, by currency code. */
export function accountByCurrency(movements: Iterable<Movement>): CurrencyAccount[] {
  const byCurrency = new Map<string, CurrencyAccount>();
  for (const { kind, currency, amountMinor } of movements) {
    const account = byCurrency.get(currency) ?? { currency, balanceOwedMinor: 0, lifetimeValueMinor: 0 };
    account.balanceOwedMinor += moneyEffect[kind].balanceOwed * amountMinor;
    account.lifetimeValueMinor += moneyEffect[kind].lifetimeValue * amountMinor;
    byCurrency.set(currency, account);
  }
  // `+ 0` turns a -0 (from 0 * -1) into 0, so that figures compare and print plainly.
  return [...byCurrency.values()]
    .map((a) => ({ currency: a.currency, balanceOwedMinor: a.balanceOwedMinor + 0, lifetimeValueMinor: a.lifetimeValueMinor + 0 }))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/** Which kinds a transaction of this kind may settle: a refund or return settles something bought. */
export const settles: Partial<Record<TransactionKind, readonly TransactionKind[]>> = {
  refund: ['purchase', 'invoice'],
  return: ['purchase', 'invoice'],
};

/** Why `kind` may not point at `relatedKind`, or null when it may. */
export function relatedKindProblem(kind: TransactionKind, relatedKind: TransactionKind): string | null {
  const allowed = settles[kind];
  return allowed && !allowed.includes(relatedKind) ? `a ${kind} must point at a ${allowed.join(' or ')}, not a ${relatedKind}` : null;
}

/** A quantity has at most three decimals: 1.5 kg, 0.25 h, 2.125 m. */
export function hasAtMostThreeDecimals(quantity: number): boolean {
  if (!Number.isFinite(quantity)) return false;
  const text = String(quantity);
  if (/e-/i.test(text)) return false;
  if (/e\+/i.test(text)) return true;
  return (text.split('.')[1]?.length ?? 0) <= 3;
}

/**
 * What items add up to: the sum of quantity x unit price, rounded once to the minor unit (half up),
 * not line by line. Computed exactly on thousandths of a unit, so no floating-point drift.
 * Quantities must have at most three decimals. Returns a bigint: the caller decides what is too large.
 */
export function itemsTotalMinor(items: readonly { quantity: number; unitPriceMinor: number }[]): bigint {
  let thousandths = 0n;
  for (const { quantity, unitPriceMinor } of items) thousandths += BigInt(Math.round(quantity * 1000)) * BigInt(unitPriceMinor);
  return (thousandths + 500n) / 1000n;
}
