import type { Customer } from '../api/types';
import { customerPath, Link } from '../router';

/** Household, family and organisation links, each a way to the other customer. */
export function Household({ customer }: { customer: Customer }) {
  const links = customer.relationships;
  if (!links.length) return null;
  const household = links.filter((r) => r.household);
  const others = links.filter((r) => !r.household);
  return (
    <section className="card" aria-labelledby="household-title">
      <h2 id="household-title">{household.length ? 'Household and links' : 'Links'}</h2>
      <ul className="plain">
        {[...household, ...others].map((r) => (
          <li key={r.id}>
            <Link href={customerPath(r.relatedCustomerId)}>{r.relatedDisplayName}</Link>
            <span className="muted"> · {r.relatedLabel ?? `${customer.displayName} is their ${r.label}`}{r.household ? ', same household' : ''}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
