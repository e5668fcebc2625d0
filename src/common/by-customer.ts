/** Rows read for many customers at once, grouped by customer, in the order read. */
export function byCustomer<T extends { customerId: string }>(rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.customerId);
    if (list) list.push(row);
    else grouped.set(row.customerId, [row]);
  }
  return grouped;
}
