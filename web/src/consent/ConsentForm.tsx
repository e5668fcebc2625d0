import { useId, useState, type FormEvent } from 'react';
import { consent as consentApi } from '../api/endpoints';
import type { ChannelConsent, Consent } from '../api/types';
import { FormError, TextField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useSubmit } from '../ui/useSubmit';
import { channelLabel, localToday } from './consent-words';

/** Record what the customer chose for one channel: in or out, the day they said so, and where it came from. */
export function ConsentForm({ customerId, current, onSaved, onCancel }: { customerId: string; current: ChannelConsent; onSaved: (next: Consent) => void; onCancel: () => void }) {
  const id = useId();
  const [status, setStatus] = useState<'opted_in' | 'opted_out'>(current.status === 'opted_out' ? 'opted_out' : 'opted_in');
  const [givenOn, setGivenOn] = useState(localToday());
  const [source, setSource] = useState('');
  const { busy, fields, error, run } = useSubmit();
  const label = channelLabel[current.channel];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => consentApi.set(customerId, current.channel, { status, ...(givenOn ? { givenOn } : {}), source: source.trim() || null }));
    if (saved) onSaved(saved);
  };

  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={`${label}: their choice`}>
      <FormError error={error} />
      <fieldset className="choices">
        <legend>{label}</legend>
        {(['opted_in', 'opted_out'] as const).map((value) => (
          <label key={value} className="checkbox">
            <input type="radio" name={`${id}-status`} value={value} checked={status === value} onChange={() => setStatus(value)} autoFocus={status === value} />{' '}
            {value === 'opted_in' ? 'Opted in' : 'Opted out'}
          </label>
        ))}
        {fields.status ? <small className="error">{fields.status}</small> : null}
      </fieldset>
      <div className="row">
        <TextField label="Day they told us" type="date" value={givenOn} max={localToday()} onChange={(e) => setGivenOn(e.target.value)} error={fields.givenOn} />
        <TextField label="Where it came from (optional)" value={source} maxLength={500} placeholder="told us at the counter" onChange={(e) => setSource(e.target.value)} error={fields.source} />
      </div>
      <FormActions label="Save choice" busy={busy} disabled={busy} onCancel={onCancel} />
    </form>
  );
}
