import { useEffect, useRef, useState, type FormEvent } from 'react';
import { customers } from '../api/endpoints';
import type { Customer } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import { AddressForm } from './AddressForm';

type Kind = 'phone' | 'email' | 'address';
const choices: [Kind, string][] = [
  ['phone', 'Add phone'],
  ['email', 'Add email'],
  ['address', 'Add address'],
];

/** "Add phone" / "Add email": one field, Enter to save, Esc to cancel; "Add address" opens a short form. */
export function AddContact({ customer, onSaved }: { customer: Customer; onSaved: (c: Customer) => void }) {
  const customerId = customer.id;
  const [kind, setKind] = useState<Kind | null>(null);
  const [value, setValue] = useState('');
  const { busy, fields, error, run } = useSubmit();
  const buttons = useRef<Partial<Record<Kind, HTMLButtonElement | null>>>({});
  const closed = useRef<Kind | null>(null);

  // Back to the button that opened the form, so the keyboard does not fall to the top of the page.
  useEffect(() => {
    if (!kind && closed.current) buttons.current[closed.current]?.focus();
    closed.current = null;
  }, [kind]);

  const close = () => {
    closed.current = kind;
    setKind(null);
    setValue('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!kind || !value.trim()) return;
    const saved = await run(() => (kind === 'phone' ? customers.addPhone(customerId, value.trim()) : customers.addEmail(customerId, value.trim())));
    if (saved) {
      onSaved(saved);
      close();
    }
  };

  if (!kind) {
    return (
      <div className="actions">
        {choices.map(([k, text]) => (
          <button
            key={k}
            ref={(el) => {
              buttons.current[k] = el;
            }}
            type="button"
            className="quiet small"
            onClick={() => setKind(k)}
          >
            {text}
          </button>
        ))}
      </div>
    );
  }
  if (kind === 'address') {
    return (
      <AddressForm
        customer={customer}
        onCancel={close}
        onSaved={(saved) => {
          onSaved(saved);
          close();
        }}
      />
    );
  }
  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <FormError error={error && !fields.number && !fields.address ? error : null} />
      <TextField
        label={kind === 'phone' ? 'New phone number' : 'New email address'}
        type={kind === 'phone' ? 'tel' : 'email'}
        value={value}
        autoFocus
        onChange={(e) => setValue(e.target.value)}
        error={fields.number ?? fields.address}
      />
      <div className="actions">
        <button type="submit" className="primary small" disabled={busy}>
          Save
        </button>
        <button type="button" className="quiet small" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
