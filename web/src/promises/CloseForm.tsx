import { useState, type FormEvent } from 'react';
import { promises } from '../api/endpoints';
import type { CustomerPromise } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useSubmit } from '../ui/useSubmit';

/** Broken or cancelled, with why. */
export function CloseForm({ promise, how, onSaved, onCancel }: { promise: CustomerPromise; how: 'break' | 'cancel'; onSaved: (p: CustomerPromise) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, fields, error, run } = useSubmit();
  const words = how === 'break' ? { label: 'Why it could not be kept', save: 'Mark broken', form: 'Mark broken' } : { label: 'Why it is cancelled', save: 'Cancel the promise', form: 'Cancel the promise' };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => promises.close(promise.id, how, reason.trim()));
    if (saved) onSaved(saved);
  };

  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={`${words.form}: ${promise.what}`}>
      <FormError error={error} />
      <TextField label={words.label} value={reason} maxLength={500} required autoFocus onChange={(e) => setReason(e.target.value)} error={fields.reason} />
      <FormActions label={words.save} busy={busy} disabled={busy || !reason.trim()} onCancel={onCancel} />
    </form>
  );
}
