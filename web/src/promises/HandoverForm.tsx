import { useState, type FormEvent } from 'react';
import { auditTrail, promises } from '../api/endpoints';
import type { CustomerPromise } from '../api/types';
import { FormError, SelectField, TextField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';

/** Hand the promise to a colleague, saying why; the history keeps every hand-over. */
export function HandoverForm({ promise, onSaved, onCancel }: { promise: CustomerPromise; onSaved: (p: CustomerPromise) => void; onCancel: () => void }) {
  const staff = useResource(() => auditTrail.staff(), []);
  const [ownerId, setOwnerId] = useState('');
  const [reason, setReason] = useState('');
  const { busy, fields, error, run } = useSubmit();
  const colleagues = (staff.data ?? []).filter((s) => s.active && s.id !== promise.ownerId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => promises.handOver(promise.id, { ownerId, reason: reason.trim() }));
    if (saved) onSaved(saved);
  };

  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={`Hand over: ${promise.what}`}>
      <FormError error={error} />
      <div className="row">
        <SelectField label="Hand it to" value={ownerId} required autoFocus onChange={(e) => setOwnerId(e.target.value)} error={fields.ownerId}>
          <option value="">{staff.loading ? 'Loading…' : 'Choose a colleague'}</option>
          {colleagues.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Why" value={reason} maxLength={500} required onChange={(e) => setReason(e.target.value)} error={fields.reason} />
      </div>
      <FormActions label="Hand over" busy={busy} disabled={busy || !ownerId || !reason.trim()} onCancel={onCancel} />
    </form>
  );
}
