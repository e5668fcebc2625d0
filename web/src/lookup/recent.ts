/** The last customers opened in this browser, for one-click return. Names only; no private facts. */

export interface Recent {
  id: string;
  displayName: string;
}

const key = 'rapport.recent';

export function recentCustomers(): Recent[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Recent[]).filter((r) => typeof r?.id === 'string' && typeof r?.displayName === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberCustomer(customer: Recent): void {
  const list = [{ id: customer.id, displayName: customer.displayName }, ...recentCustomers().filter((r) => r.id !== customer.id)].slice(0, 6);
  try {
    localStorage.setItem(key, JSON.stringify(list));
  } catch {
    // storage full or disabled: recents are a convenience
  }
}

export function forgetRecent(): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // ignore
  }
}

/** Takes one customer off the list: deleted or erased, their name should not stay on the screen. */
export function forgetCustomer(id: string): void {
  const list = recentCustomers();
  if (!list.some((r) => r.id === id)) return;
  try {
    localStorage.setItem(key, JSON.stringify(list.filter((r) => r.id !== id)));
  } catch {
    // ignore
  }
}
