import { useId, useState, type FormEvent } from 'react';
import { promises } from '../api/endpoints';
import type { CustomerPromise } from '../api/types';
import { FormError, SelectField, TextField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useSubmit } from '../ui/useSubmit';
import { dueInput, toldChannels } from './promise-words';

/** Yes or no, as a pair of radio buttons in a fieldset whose legend asks the question. */
export function YesNo({ question, value, onChange, no = 'No', error }: { question: string; value: boolean | null; onChange: (v: boolean) => void; no?: string; error?: string | undefined }) {
  const id = useId();
  return (
    <fieldset className="choices">
      <legend>{question}</legend>
      <label className="checkbox">
        <input type="radio" name={`${id}-q`} checked={value === true} onChange={() => onChange(true)} /> Yes
      </label>
      <label className="checkbox">
        <input type="radio" name={`${id}-q`} checked={value === false} onChange={() => onChange(false)} /> {no}
      </label>
      {error ? <small className="error">{error}</small> : null}
    </fieldset>
  );
}

/** Change the date: the new date, why, and "Did you tell them? How? Did you apologise?" */
export function RevisionForm({ promise, onSaved, onCancel }: { promise: CustomerPromise; onSaved: (p: CustomerPromise) => void; onCancel: () => void }) {
  const [day, setDay] = useState('');
  const [time, setTime] = useState('');
  const [reason, setReason] = useState('');
  const [told, setTold] = useState<boolean | null>(null);
  const [channel, setChannel] = useState('call');
  const [apologised, setApologised] = useState<boolean | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const due = dueInput(day, time);
    if (!due) return setLocal('Please check: the new date.');
    if (told === null) return setLocal('Please say whether you told them.');
    setLocal(null);
    const body = { ...due, reason: reason.trim(), customerTold: told, ...(told ? { toldChannel: channel as 'call', apologised: apologised === true } : {}) };
    const saved = await run(() => promises.revise(promise.id, body));
    if (saved) onSaved(saved);
  };

  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={`Change the date: ${promise.what}`}>
      <FormError error={local ?? error} />
      <div className="row">
        <TextField label="New date" type="date" value={day} required autoFocus onChange={(e) => setDay(e.target.value)} error={fields.dueOn} />
        <TextField label="At (optional)" type="time" value={time} onChange={(e) => setTime(e.target.value)} error={fields.dueAt} />
      </div>
      <TextField
        label="Why the date changes"
        value={reason}
        maxLength={500}
        required
        onChange={(e) => setReason(e.target.value)}
        error={fields.reason}
        hint="In words the customer can read: they see it if you send them their promise link."
      />
      <YesNo question="Did you tell them?" value={told} onChange={setTold} no="Not yet" error={fields.customerTold} />
      {told ? (
        <div className="row">
          <SelectField label="How?" value={channel} onChange={(e) => setChannel(e.target.value)} error={fields.toldChannel}>
            {toldChannels.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <YesNo question="Did you apologise?" value={apologised} onChange={setApologised} error={fields.apologised} />
        </div>
      ) : null}
      <FormActions label="Save new date" busy={busy} disabled={busy || !day || !reason.trim()} onCancel={onCancel} />
    </form>
  );
}
