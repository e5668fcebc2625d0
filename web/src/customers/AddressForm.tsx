import { useState, type FormEvent } from 'react';
import { customers } from '../api/endpoints';
import type { AddressCreate, Customer } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';

const keys = ['line1', 'city', 'postalCode', 'country'] as const;
type Key = (typeof keys)[number];

/** The country to start with: the customer's other address, else this browser's region. */
function likelyCountry(customer: Customer): string {
  const known = customer.addresses.find((a) => a.country)?.country;
  if (known) return known;
  const region = /-([A-Za-z]{2})\b/.exec(navigator.language)?.[1];
  return region?.toUpperCase() ?? '';
}

/** A postal address: street, city, postal code and country; what is left empty is not sent. */
export function AddressForm({ customer, onSaved, onCancel }: { customer: Customer; onSaved: (c: Customer) => void; onCancel: () => void }) {
  const [values, setValues] = useState<Record<Key, string>>({ line1: '', city: '', postalCode: '', country: likelyCountry(customer) });
  const { busy, fields, error, run } = useSubmit();
  const set = (key: Key) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body: AddressCreate = {};
    for (const key of keys) if (values[key].trim()) body[key] = key === 'country' ? values[key].trim().toUpperCase() : values[key].trim();
    const saved = await run(() => customers.addAddress(customer.id, body));
    if (saved) onSaved(saved);
  };

  return (
    <form className="inline-form" aria-label="Add an address" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <FormError error={error && !keys.some((k) => fields[k]) ? error : null} />
      <TextField label="Street and number" autoComplete="address-line1" value={values.line1} onChange={set('line1')} autoFocus maxLength={500} error={fields.line1} />
      <div className="row">
        <TextField label="City" autoComplete="address-level2" value={values.city} onChange={set('city')} maxLength={200} error={fields.city} />
        <TextField label="Postal code" autoComplete="postal-code" value={values.postalCode} onChange={set('postalCode')} maxLength={40} error={fields.postalCode} />
        <TextField
          label="Country"
          autoComplete="country"
          value={values.country}
          onChange={set('country')}
          maxLength={2}
          size={3}
          autoCapitalize="characters"
          hint="Two letters: US, GB, MX"
          error={fields.country ? 'Two letters, e.g. US' : undefined}
        />
      </div>
      <div className="actions">
        <button type="submit" className="primary small" disabled={busy || !(values.line1.trim() || values.city.trim() || values.postalCode.trim())}>
          Save address
        </button>
        <button type="button" className="quiet small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
