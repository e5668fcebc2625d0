import { useState, type FormEvent } from 'react';
import { cases, urgent } from '../api/endpoints';
import type { CaseDetail, Interaction } from '../api/types';
import { FormError, SelectField, TextField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { contactLabel } from './LinkContact';
import { priorities, priorityLabels } from './case-text';

/** Open a case for a customer: what it is about, its kind and priority, and the contact it started with. */
export function CaseForm({ customerId, contacts, onSaved, onCancel }: { customerId: string; contacts: Interaction[]; onSaved: (c: CaseDetail) => void; onCancel: () => void }) {
  const [subject, setSubject] = useState('');
  const [type, setType] = useState('');
  const [priority, setPriority] = useState<(typeof priorities)[number]>('normal');
  const [interactionId, setInteractionId] = useState('');
  const { busy, fields, error, run } = useSubmit();
  const free = contacts.filter((i) => !i.caseId);
  // The case types offered (archived ones are not); any other type may still be typed.
  const types = useResource(() => urgent.types(), []);
  const typeList = `${customerId}-case-types`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => cases.create({ customerId, subject, priority, ...(type.trim() ? { type } : {}), ...(interactionId ? { interactionId } : {}) }));
    if (saved) onSaved(saved);
  };

  return (
    <form className="stack case-form" aria-label="Open a case" onSubmit={(e) => void submit(e)}>
      <TextField label="Subject" value={subject} onChange={(e) => setSubject(e.target.value)} error={fields.subject} required maxLength={500} hint="What it is about, in a line" />
      <div className="row">
        <TextField label="Type" value={type} onChange={(e) => setType(e.target.value)} error={fields.type} maxLength={60} placeholder="general" list={typeList} />
        <datalist id={typeList}>
          {(types.data ?? [])
            .filter((t) => !t.archivedAt)
            .map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
        </datalist>
        <SelectField label="Priority" value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)} error={fields.priority}>
          {priorities.map((p) => (
            <option key={p} value={p}>
              {priorityLabels[p]}
            </option>
          ))}
        </SelectField>
      </div>
      {free.length ? (
        <SelectField label="It started with" value={interactionId} onChange={(e) => setInteractionId(e.target.value)} error={fields.interactionId}>
          <option value="">No contact yet</option>
          {free.map((i) => (
            <option key={i.id} value={i.id}>
              {contactLabel(i)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <FormError error={error} />
      <FormActions label="Open case" busy={busy} disabled={busy || !subject.trim()} onCancel={onCancel} />
    </form>
  );
}
