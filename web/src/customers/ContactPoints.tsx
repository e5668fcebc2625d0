import { customerFiles, type ExportFormat } from '../api/endpoints';
import type { Customer } from '../api/types';
import { RemovePart } from '../trash/RemovePart';
import { addressLine } from '../ui/address-line';
import { DownloadLinks } from '../ui/DownloadLinks';
import { AddContact } from './AddContact';

/** Phones, emails and addresses; a phone or email can be added in place; the customer as a file, to download. */
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
      <CustomerFiles customer={customer} />
    </section>
  );
}

/** The files one customer downloads as: each link's words (kept on one line), and its name saying whose ("Download Jim Alvarez’s contact card (vCard)"). */
const files: { format: ExportFormat; text: string; name: (customer: string) => string }[] = [
  { format: 'vcard', text: 'contact card\u00a0(vCard)', name: (customer) => `Download ${customer}’s contact card (vCard)` },
  { format: 'csv', text: 'spreadsheet\u00a0(CSV)', name: (customer) => `Download ${customer}’s record as a spreadsheet (CSV)` },
  { format: 'jsonl', text: 'JSON\u00a0lines', name: (customer) => `Download ${customer}’s record as JSON lines` },
];

function CustomerFiles({ customer }: { customer: Customer }) {
  const links = files.map(({ format, text, name }) => ({ href: customerFiles.oneUrl(customer.id, format), text, name: name(customer.displayName) }));
  return <DownloadLinks className="hint" lead="Download:" links={links} />;
}

function Label({ text, primary }: { text: string | null; primary: boolean }) {
  const words = [text, primary ? 'main' : null].filter(Boolean).join(', ');
  return words ? <span className="muted"> · {words}</span> : null;
}
