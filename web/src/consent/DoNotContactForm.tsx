import { useState, type FormEvent } from 'react';
import { consent as consentApi } from '../api/endpoints';
import type { Consent } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useSubmit } from '../ui/useSubmit';
import { localToday } from './consent-words';

/** The customer asked not to be contacted at all: why, and since when. */
export function DoNotContactForm({ customerId, onSaved, onCancel }: { customerId: string; onSaved: (next: Consent) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [since, setSince] = useState(localToday());
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => consentApi.doNotContact(customerId, { reason: reason.trim(), ...(since ? { since } : {}) }));
    if (saved) onSaved(saved);
  };

  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label="Do not contact">
      <h3>Do not contact</h3>
      <FormError error={error} />
      <TextField label="Why" value={reason} required autoFocus maxLength={500} placeholder="asked us to stop calling" onChange={(e) => setReason(e.target.value)} error={fields.reason} />
      <TextField label="Since" type="date" value={since} max={localToday()} onChange={(e) => setSince(e.target.value)} error={fields.since} />
      <FormActions label="Save do not contact" busy={busy} disabled={busy || !reason.trim()} onCancel={onCancel} />
    </form>
  );
}
