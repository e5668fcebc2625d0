import { useRef, useState } from 'react';
import type { Customer } from '../api/types';
import { customerPath, Link } from '../router';
import { RemovePart } from '../trash/RemovePart';
import { LinkForm } from './LinkForm';

/** Household, family and organisation links, each a way to the other customer; a new link can be added here. */
export function Household({ customer, onSaved }: { customer: Customer; onSaved: (c: Customer) => void }) {
  const [adding, setAdding] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const links = customer.relationships;
  const household = links.filter((r) => r.household);
  const others = links.filter((r) => !r.household);
  const close = () => {
    setAdding(false);
    requestAnimationFrame(() => opener.current?.focus());
  };

  return (
    <section className="card" aria-labelledby="household-title">
      <h2 id="household-title">{household.length || !links.length ? 'Household and links' : 'Links'}</h2>
      {links.length ? (
        <ul className="plain">
          {[...household, ...others].map((r) => (
            <li key={r.id}>
              <Link href={customerPath(r.relatedCustomerId)}>{r.relatedDisplayName}</Link>
              <span className="muted"> · {r.relatedLabel ?? `${customer.displayName} is their ${r.label}`}{r.household ? ', same household' : ''}</span>
              <RemovePart customer={customer} part="relationships" itemId={r.id} what={`link to ${r.relatedDisplayName}`} onSaved={onSaved} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No family or organisation linked yet.</p>
      )}
      {adding ? (
        <LinkForm
          customer={customer}
          onCancel={close}
          onSaved={(next) => {
            onSaved(next);
            close();
          }}
        />
      ) : (
        <button ref={opener} type="button" className="quiet small" onClick={() => setAdding(true)}>
          Link a relative or organisation
        </button>
      )}
    </section>
  );
}
