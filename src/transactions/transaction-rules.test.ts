import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountByCurrency, hasAtMostThreeDecimals, itemsTotalMinor, relatedKindProblem, transactionKinds, type Movement } from './transaction-rules.js';

const currencies = ['USD', 'EUR', 'JPY'] as const;
const amount = fc.integer({ min: 1, max: 10_000_000 });
const movement = fc.record({ kind: fc.constantFrom(...transactionKinds), currency: fc.constantFrom(...currencies), amountMinor: amount });
const movements = fc.array(movement, { maxLength: 40 });
const figuresIn = (list: Movement[], currency: string) =>
  accountByCurrency(list).find((a) => a.currency === currency) ?? { currency, balanceOwedMinor: 0, lifetimeValueMinor: 0 };
const tx = (kind: Movement['kind'], amountMinor: number, currency = 'USD'): Movement => ({ kind, currency, amountMinor });

describe('account figures: worked examples', () => {
  it('a shop customer: two purchases, a return settled by a refund', () => {
    const list = [tx('purchase', 12_000), tx('purchase', 3_500), tx('return', 3_500), tx('refund', 3_500)];
    expect(accountByCurrency(list)).toEqual([{ currency: 'USD', balanceOwedMinor: 0, lifetimeValueMinor: 12_000 }]);
  });

  it('an account customer: invoiced, part paid, part credited', () => {
    const list = [tx('invoice', 50_000), tx('payment', 30_000), tx('credit', 5_000)];
    expect(accountByCurrency(list)).toEqual([{ currency: 'USD', balanceOwedMinor: 15_000, lifetimeValueMinor: 45_000 }]);
  });

  it('an overpayment leaves the customer in credit (a negative balance)', () => {
    expect(accountByCurrency([tx('invoice', 1_000), tx('payment', 1_500)])).toEqual([{ currency: 'USD', balanceOwedMinor: -500, lifetimeValueMinor: 1_000 }]);
  });

  it('keeps each currency apart, sorted by code, and lists a currency used only for a return', () => {
    const list = [tx('invoice', 700, 'USD'), tx('purchase', 900, 'EUR'), tx('return', 50, 'JPY')];
    expect(accountByCurrency(list)).toEqual([
      { currency: 'EUR', balanceOwedMinor: 0, lifetimeValueMinor: 900 },
      { currency: 'JPY', balanceOwedMinor: 0, lifetimeValueMinor: 0 },
      { currency: 'USD', balanceOwedMinor: 700, lifetimeValueMinor: 700 },
    ]);
  });

  it('has nothing to say about a customer with no transactions', () => {
    expect(accountByCurrency([])).toEqual([]);
  });
});

describe('account figures: properties', () => {
  it('follow the formulas: LTV = purchases + invoices - refunds - credits; owed = invoices - payments - credits', () => {
    fc.assert(
      fc.property(movements, (list) => {
        for (const currency of currencies) {
          const sum = (kind: Movement['kind']) => list.filter((m) => m.kind === kind && m.currency === currency).reduce((s, m) => s + m.amountMinor, 0);
          const figures = figuresIn(list, currency);
          expect(figures.lifetimeValueMinor).toBe(sum('purchase') + sum('invoice') - sum('refund') - sum('credit'));
          expect(figures.balanceOwedMinor).toBe(sum('invoice') - sum('payment') - sum('credit'));
        }
      }),
    );
  });

  it('do not depend on the order of the transactions', () => {
    fc.assert(fc.property(movements.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))), ([list, shuffled]) => {
      expect(accountByCurrency(shuffled)).toEqual(accountByCurrency(list));
    }));
  });

  it('never mix currencies: each currency’s figures come from its own transactions only', () => {
    fc.assert(
      fc.property(movements, (list) => {
        for (const account of accountByCurrency(list)) {
          expect(accountByCurrency(list.filter((m) => m.currency === account.currency))).toEqual([account]);
        }
        expect(accountByCurrency(list).map((a) => a.currency)).toEqual([...new Set(list.map((m) => m.currency))].sort());
      }),
    );
  });

  it('a payment of the full invoiced amount brings the balance to zero', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 10 }), fc.constantFrom(...currencies), (invoices, currency) => {
        const list = invoices.map((a) => tx('invoice', a, currency));
        const total = invoices.reduce((s, a) => s + a, 0);
        expect(figuresIn([...list, tx('payment', total, currency)], currency).balanceOwedMinor).toBe(0);
      }),
    );
  });

  it('a refund of a purchase brings the lifetime value back to what it was, and leaves the balance alone', () => {
    fc.assert(
      fc.property(movements, amount, fc.constantFrom(...currencies), (list, price, currency) => {
        const before = figuresIn(list, currency);
        const after = figuresIn([...list, tx('purchase', price, currency), tx('refund', price, currency)], currency);
        expect(after).toEqual({ ...before, currency });
      }),
    );
  });

  it('a return on its own moves no money', () => {
    fc.assert(
      fc.property(movements, amount, (list, price) => {
        // Every currency keeps its figures; a currency first seen in the return shows zeros.
        const usedUsd = list.some((m) => m.currency === 'USD');
        const withReturn = accountByCurrency([...list, tx('return', price, 'USD')]);
        expect(withReturn.filter((a) => usedUsd || a.currency !== 'USD')).toEqual(accountByCurrency(list));
        expect(figuresIn([...list, tx('return', price, 'USD')], 'USD')).toEqual(figuresIn(list, 'USD'));
      }),
    );
  });

  it('are sums: per-kind totals give the same answer as every transaction (what the store relies on)', () => {
    fc.assert(
      fc.property(movements, (list) => {
        const groups = new Map<string, Movement>();
        for (const m of list) {
          const key = `${m.kind}/${m.currency}`;
          const g = groups.get(key) ?? { ...m, amountMinor: 0 };
          g.amountMinor += m.amountMinor;
          groups.set(key, g);
        }
        expect(accountByCurrency([...groups.values()])).toEqual(accountByCurrency(list));
      }),
    );
  });
});

describe('related kinds', () => {
  it('lets a refund or return point only at a purchase or invoice; other kinds point where they like', () => {
    for (const kind of ['refund', 'return'] as const) {
      expect(relatedKindProblem(kind, 'purchase')).toBeNull();
      expect(relatedKindProblem(kind, 'invoice')).toBeNull();
      for (const other of ['payment', 'return', 'refund', 'credit'] as const) expect(relatedKindProblem(kind, other)).toMatch(/purchase or invoice/);
    }
    expect(relatedKindProblem('payment', 'invoice')).toBeNull();
    expect(relatedKindProblem('credit', 'return')).toBeNull();
  });
});

describe('items', () => {
  it('add up quantity x unit price, rounded once to the minor unit', () => {
    expect(itemsTotalMinor([{ quantity: 3, unitPriceMinor: 199 }])).toBe(597n);
    expect(itemsTotalMinor([{ quantity: 0.5, unitPriceMinor: 199 }])).toBe(100n); // 99.5 rounds half up
    expect(itemsTotalMinor([{ quantity: 1.333, unitPriceMinor: 100 }])).toBe(133n); // 133.3
    expect(itemsTotalMinor([{ quantity: 0.5, unitPriceMinor: 1 }, { quantity: 0.5, unitPriceMinor: 1 }])).toBe(1n); // not 1 + 1
    expect(itemsTotalMinor([{ quantity: 0.1, unitPriceMinor: 3 }, { quantity: 0.2, unitPriceMinor: 3 }])).toBe(1n); // 0.9, no float drift
    expect(itemsTotalMinor([{ quantity: 1_000_000, unitPriceMinor: Number.MAX_SAFE_INTEGER }])).toBe(BigInt(Number.MAX_SAFE_INTEGER) * 1_000_000n);
    expect(itemsTotalMinor([])).toBe(0n);
  });

  it('give the exact product for whole quantities and do not depend on item order', () => {
    const item = fc.record({ quantity: fc.integer({ min: 1, max: 1000 }), unitPriceMinor: fc.integer({ min: 0, max: 1_000_000 }) });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 20 }), (items) => {
        expect(itemsTotalMinor(items)).toBe(BigInt(items.reduce((s, i) => s + i.quantity * i.unitPriceMinor, 0)));
        expect(itemsTotalMinor([...items].reverse())).toBe(itemsTotalMinor(items));
      }),
    );
  });

  it('stay within half a minor unit of the exact sum for quantities with three decimals', () => {
    const item = fc.record({ thousandths: fc.integer({ min: 1, max: 1_000_000 }), unitPriceMinor: fc.integer({ min: 0, max: 100_000 }) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 20 }), (raw) => {
        const items = raw.map((i) => ({ quantity: i.thousandths / 1000, unitPriceMinor: i.unitPriceMinor }));
        const exactThousandths = raw.reduce((s, i) => s + BigInt(i.thousandths) * BigInt(i.unitPriceMinor), 0n);
        const diff = itemsTotalMinor(items) * 1000n - exactThousandths;
        // Half up: a total exactly half-way (x.5) rounds up, so the result may be 0.5 above, never 0.5 below.
        expect(diff > -500n && diff <= 500n).toBe(true);
        expect(raw.every((i) => hasAtMostThreeDecimals(i.thousandths / 1000))).toBe(true);
      }),
    );
  });

  it('take quantities with at most three decimals', () => {
    for (const q of [1, 0.5, 1.25, 2.125, 0.001, 999999.999, 1e21]) expect(hasAtMostThreeDecimals(q), String(q)).toBe(true);
    for (const q of [0.0001, 1.2345, 1e-7, Number.NaN, Number.POSITIVE_INFINITY]) expect(hasAtMostThreeDecimals(q), String(q)).toBe(false);
  });
});
