import { customers } from '../api/endpoints';
import { money } from '../ui/format';
import { useResource } from '../ui/useResource';

/** What they owe and have spent, per currency, from GET /customers/:id/account. */
export function AccountFigures({ customerId, version }: { customerId: string; version: number }) {
  const account = useResource(() => customers.account(customerId), [customerId, version]);
  const rows = account.data?.currencies.filter((c) => c.balanceOwedMinor !== 0 || c.lifetimeValueMinor !== 0) ?? [];
  if (!rows.length) return null;
  return (
    <section className="card" aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      <dl className="facts">
        {rows.map((c) => (
          <div key={c.currency}>
            <dt>Spent in all{rows.length > 1 ? ` (${c.currency})` : ''}</dt>
            <dd>{money(c.lifetimeValueMinor, c.currency)}</dd>
          </div>
        ))}
        {rows
          .filter((c) => c.balanceOwedMinor !== 0)
          .map((c) => (
            <div key={`owed-${c.currency}`} className={c.balanceOwedMinor > 0 ? 'attention' : undefined}>
              <dt>{c.balanceOwedMinor > 0 ? 'Owes us' : 'In credit'}</dt>
              <dd>{money(Math.abs(c.balanceOwedMinor), c.currency)}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}
