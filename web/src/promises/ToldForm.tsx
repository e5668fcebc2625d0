import { useState, type FormEvent } from 'react';
import { promises } from '../api/endpoints';
import type { CustomerPromise } from '../api/types';
import { FormError, SelectField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useSubmit } from '../ui/useSubmit';
import { toldChannels } from './promise-words';
import { YesNo } from './RevisionForm';

/** They were told of the latest date after all (and we apologised): recorded on the latest change. */
export function ToldForm({ promise, onSaved, onCancel }: { promise: CustomerPromise; onSaved: (p: CustomerPromise) => void; onCancel: () => void }) {
  const [channel, setChannel] = useState('call');
  const [apologised, setApologised] = useState<boolean | null>(null);
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => promises.told(promise.id, { channel: channel as 'call', apologised: apologised === true }));
    if (saved) onSaved(saved);
  };

  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={`We told them: ${promise.what}`}>
      <FormError error={error} />
      <div className="row">
        <SelectField label="How did you tell them?" value={channel} autoFocus onChange={(e) => setChannel(e.target.value)} error={fields.channel}>
          {toldChannels.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <YesNo question="Did you apologise?" value={apologised} onChange={setApologised} error={fields.apologised} />
      </div>
      <FormActions label="Save" busy={busy} disabled={busy} onCancel={onCancel} />
    </form>
  );
}
