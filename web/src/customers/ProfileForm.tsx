import { useState, type FormEvent } from 'react';
import { customers } from '../api/endpoints';
import type { Customer, CustomerPatch } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import { FormActions } from '../ui/FormActions';

const fields = [
  ['displayName', 'Listed as', 'name'],
  ['givenName', 'First name', 'given-name'],
  ['familyName', 'Last name', 'family-name'],
  ['preferredName', 'Goes by (greet them as)', 'off'],
  ['pronunciation', 'Say it', 'off'],
  ['pronouns', 'Pronouns', 'off'],
  ['language', 'Language (e.g. en, es-MX)', 'off'],
] as const;

type Key = (typeof fields)[number][0];

/** Inline profile edit: sends only what changed; an emptied field is cleared. */
export function ProfileForm({ customer, onSaved, onCancel }: { customer: Customer; onSaved: (c: Customer) => void; onCancel: () => void }) {
  const [values, setValues] = useState<Record<Key, string>>(() => Object.fromEntries(fields.map(([key]) => [key, customer[key] ?? ''])) as Record<Key, string>);
  const { busy, fields: errors, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const patch: CustomerPatch = {};
    for (const [key] of fields) {
      const value = values[key].trim();
      if (value !== (customer[key] ?? '')) (patch as Record<string, string | null>)[key] = value || null;
    }
    if (!Object.keys(patch).length) return onCancel();
    const saved = await run(() => customers.update(customer.id, patch));
    if (saved) onSaved(saved);
  };

  return (
    <form className="stack" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label="Edit profile">
      <FormError error={error} />
      {fields.map(([key, label, autoComplete], index) => (
        <TextField
          key={key}
          label={label}
          value={values[key]}
          autoComplete={autoComplete}
          autoFocus={index === 0}
          onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
          error={errors[key]}
        />
      ))}
      <FormActions label={'Save profile'} busy={busy} disabled={busy} onCancel={onCancel} />
    </form>
  );
}
