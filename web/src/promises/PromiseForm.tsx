import { useState, type FormEvent } from 'react';
import { promises } from '../api/endpoints';
import type { CustomerPromise } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useSubmit } from '../ui/useSubmit';
import { dueInput, localToday } from './promise-words';

/**
 * Make a promise: what, and by when (a day, or a day and a time). The maker owns it; it can be
 * handed to a colleague later. Used in the Promises panel and in the quick-log bar.
 */
export function PromiseForm({ customerId, onSaved, onCancel }: { customerId: string; onSaved: (p: CustomerPromise) => void; onCancel: () => void }) {
  const [what, setWhat] = useState('');
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const due = dueInput(day, time);
    if (!due) return setLocal('Say by when: the day it is due.');
    setLocal(null);
    const saved = await run(() => promises.create({ customerId, what: what.trim(), ...due }));
    if (saved) onSaved(saved);
  };

  return (
    <form className="inline-form promise-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label="Make a promise">
      <FormError error={local ?? error} />
      <TextField
        label="What we promise"
        value={what}
        maxLength={500}
        required
        autoFocus
        placeholder="the free HD TV, a call back after the scan"
        onChange={(e) => setWhat(e.target.value)}
        error={fields.what}
      />
      <div className="row">
        <TextField label="Due by" type="date" value={day} min={localToday()} required onChange={(e) => setDay(e.target.value)} error={fields.dueOn} hint="The end of that day where the promise belongs." />
        <TextField label="At (optional)" type="time" value={time} onChange={(e) => setTime(e.target.value)} error={fields.dueAt} />
      </div>
      <FormActions label="Save promise" busy={busy} disabled={busy || !what.trim() || !day} onCancel={onCancel} />
    </form>
  );
}
