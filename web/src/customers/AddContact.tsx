import { useState, type FormEvent } from 'react';
import { customers } from '../api/endpoints';
import type { Customer } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';

type Kind = 'phone' | 'email';

/** "Add phone" / "Add email": one field, Enter to save, Esc to cancel. */
export function AddContact({ customerId, onSaved }: { customerId: string; onSaved: (c: Customer) => void }) {
  const [kind, setKind] = useState<Kind | null>(null);
  const [value, setValue] = useState('');
  const { busy, fields, error, run } = useSubmit();

  const close = () => {
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
        <button type="button" className="quiet small" onClick={() => setKind('phone')}>
          Add phone
        </button>
        <button type="button" className="quiet small" onClick={() => setKind('email')}>
          Add email
        </button>
      </div>
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
