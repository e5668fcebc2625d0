import { useState, type FormEvent } from 'react';
import { preferences as preferencesApi } from '../api/endpoints';
import type { Preference, Provenance } from '../api/types';
import { ProvenanceField } from '../logging/ProvenanceField';
import { Checkbox, FormError, TextField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useSubmit } from '../ui/useSubmit';

/** Add or change a preference: a short topic, what they prefer, how we know, and whether it is private. */
export function PreferenceForm({ customerId, current, onSaved, onCancel }: { customerId: string; current?: Preference; onSaved: () => void; onCancel: () => void }) {
  const [topic, setTopic] = useState(current?.topic ?? '');
  const [preference, setPreference] = useState(current?.preference ?? '');
  const [provenance, setProvenance] = useState<Provenance>(current?.provenance ?? 'told_us');
  const [hidden, setHidden] = useState(current?.sensitivity === 'private');
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { topic: topic.trim() || null, preference: preference.trim(), provenance, sensitivity: hidden ? ('private' as const) : ('normal' as const) };
    const saved = await run(() => (current ? preferencesApi.update(current.id, body) : preferencesApi.create({ customerId, ...body })));
    if (saved) onSaved();
  };

  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={current ? 'Change preference' : 'Add a preference'}>
      <FormError error={error} />
      <div className="row">
        <TextField label="About (optional)" value={topic} maxLength={100} placeholder="Appointments" autoFocus onChange={(e) => setTopic(e.target.value)} error={fields.topic} />
        <TextField label="They prefer" value={preference} required maxLength={500} placeholder="mornings, never Mondays" onChange={(e) => setPreference(e.target.value)} error={fields.preference} />
      </div>
      <div className="row">
        <ProvenanceField value={provenance} onChange={setProvenance} error={fields.provenance} />
        <Checkbox label="Private" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
      </div>
      <FormActions label="Save preference" busy={busy} disabled={busy || !preference.trim()} onCancel={onCancel} />
    </form>
  );
}
