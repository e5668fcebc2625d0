import { useState, type FormEvent } from 'react';
import { log } from '../api/endpoints';
import type { LifeEventCreate, Provenance } from '../api/types';
import { Checkbox, FormError, SelectField, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import type { LogFormProps } from './form-props';
import { InvolvedPeople } from './InvolvedPeople';
import { lifeEventKinds } from './log-kinds';
import { ProvenanceField } from './ProvenanceField';
import { FormActions } from '../ui/FormActions';

/** Something that happened in their life: what, roughly when, and whether it is private. */
export function LifeEventForm({ customerId, relatives, onLogged, onCancel }: LogFormProps) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState('other');
  const [when, setWhen] = useState('');
  const [hidden, setHidden] = useState(false);
  const [provenance, setProvenance] = useState<Provenance>('told_us');
  const [involved, setInvolved] = useState<string[]>([]);
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [year, month] = when.split('-').map(Number);
    const body: LifeEventCreate = {
      customerId,
      kind: kind as LifeEventCreate['kind'], // one of lifeEventKinds, the select's only options
      title: title.trim(),
      ...(year ? { date: { year, month: month ?? null, day: null } } : {}),
      sensitivity: hidden ? 'private' : 'normal',
      provenance,
      ...(involved.length ? { involvedCustomerIds: involved } : {}),
    };
    if (await run(() => log('life-events', body))) onLogged('Life event');
  };

  return (
    <form className="log-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label="Log a life event">
      <FormError error={error} />
      <TextField label="What happened" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus required maxLength={200} placeholder="e.g. son started college" error={fields.title} className="wide" />
      <div className="row">
        <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value)} error={fields.kind}>
          {lifeEventKinds.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField label="When (optional)" type="month" value={when} onChange={(e) => setWhen(e.target.value)} error={fields.date ?? fields['date/year']} />
        <ProvenanceField value={provenance} onChange={setProvenance} error={fields.provenance} />
        <Checkbox label="Private" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
      </div>
      <InvolvedPeople relatives={relatives} chosen={involved} onChange={setInvolved} />
      <FormActions label={'Log life event'} busy={busy} disabled={busy || !title.trim()} onCancel={onCancel} />
    </form>
  );
}
