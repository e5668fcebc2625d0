import type { Address, Customer } from '../api/types';
import { RemovePart } from '../trash/RemovePart';
import { AddContact } from './AddContact';

const addressLine = (a: Address) => [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).join(', ');

/** Phones, emails and addresses; a phone or email can be added in place. */
export function ContactPoints({ customer, onSaved }: { customer: Customer; onSaved: (c: Customer) => void }) {
  const { phones, emails, addresses } = customer;
  return (
    <section className="card" aria-labelledby="contact-title">
      <h2 id="contact-title">Contact</h2>
      {phones.length + emails.length + addresses.length === 0 ? <p className="muted">No phone, email or address yet.</p> : null}
      <ul className="plain contact-list">
        {phones.map((p) => (
          <li key={p.id}>
            <a href={`tel:${p.e164}`}>{p.number}</a>
            <Label text={p.label} primary={p.primary && phones.length > 1} />
            <RemovePart customer={customer} part="phones" itemId={p.id} what={`phone ${p.number}`} onSaved={onSaved} />
          </li>
        ))}
        {emails.map((e) => (
          <li key={e.id}>
            <a href={`mailto:${e.address}`}>{e.address}</a>
            <Label text={e.label} primary={e.primary && emails.length > 1} />
            <RemovePart customer={customer} part="emails" itemId={e.id} what={`email ${e.address}`} onSaved={onSaved} />
          </li>
        ))}
        {addresses.map((a) => (
          <li key={a.id}>
            {addressLine(a)}
            <Label text={a.label} primary={false} />
            <RemovePart customer={customer} part="addresses" itemId={a.id} what={`address ${addressLine(a)}`} onSaved={onSaved} />
          </li>
        ))}
      </ul>
      <AddContact customer={customer} onSaved={onSaved} />
    </section>
  );
}

function Label({ text, primary }: { text: string | null; primary: boolean }) {
  const words = [text, primary ? 'main' : null].filter(Boolean).join(', ');
  return words ? <span className="muted"> · {words}</span> : null;
}
