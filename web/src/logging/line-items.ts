import type { LineItem } from '../api/types';
import { toMinor } from '../ui/format';

/** Line items as typed into the purchase form, and what they become for the API. */
export interface ItemDraft {
  key: number;
  description: string;
  quantity: string;
  price: string;
}

let nextKey = 0;
export const blankItem = (): ItemDraft => ({ key: nextKey++, description: '', quantity: '1', price: '' });

const quantityOf = (text: string): number | null => {
  const value = Number(text.replace(',', '.').trim());
  return text.trim() && Number.isFinite(value) && value > 0 ? value : null;
};

/** What is wrong with one row, by field; empty when the row can be sent. */
export function itemProblems(item: ItemDraft, currency: string): Partial<Record<'description' | 'quantity' | 'price', string>> {
  const problems: Partial<Record<'description' | 'quantity' | 'price', string>> = {};
  if (!item.description.trim()) problems.description = 'Say what it was';
  if (quantityOf(item.quantity) === null) problems.quantity = 'A number above 0, e.g. 2 or 1.5';
  const price = toMinor(item.price, currency);
  if (price === null || price < 0) problems.price = 'A price, e.g. 3.49';
  return problems;
}

export const toLineItem = (item: ItemDraft, currency: string): LineItem => ({
  description: item.description.trim(),
  quantity: quantityOf(item.quantity) ?? 0,
  unitPriceMinor: toMinor(item.price, currency) ?? 0,
});

/** What the rows add up to in minor units, counting only the rows that can be read. */
export function itemsTotal(items: ItemDraft[], currency: string): number {
  return items.reduce((sum, item) => {
    const quantity = quantityOf(item.quantity);
    const price = toMinor(item.price, currency);
    return quantity === null || price === null ? sum : sum + Math.round(quantity * price);
  }, 0);
}
