import { useState, type FormEvent } from 'react';
import { urgent } from '../api/endpoints';
import type { CaseDetail, CaseField } from '../api/types';
import { useSubmit } from '../ui/useSubmit';
import { dueWords } from './urgent-words';

/** The fields the case's type wants: what is due when, each filled in now or later (nothing is needed to save). */
export function CaseFields({ c, onSaved }: { c: CaseDetail; onSaved: (next: CaseDetail, message: string) => void }) {
  if (!c.fields.length) return null;
  const missing = c.fields.filter((f) => f.value === null).length;
  return (
    <section className="card case-fields" aria-labelledby="case-fields-title">
      <h2 id="case-fields-title">Details for this {c.type} case</h2>
      <p className="hint">
        {missing ? `${missing} still to fill in; they are on ${c.ownerName ?? 'the owner'}’s list to fill in later.` : 'Everything wanted is filled in.'}
        {c.closeOverride ? ` Closed without them by ${c.closeOverride.staffName ?? 'a manager'}: ${c.closeOverride.reason}` : ''}
      </p>
      <ul className="plain case-field-list">
        {c.fields.map((f) => (
          <FieldRow key={`${f.key}-${f.value ?? ''}`} caseId={c.id} field={f} onSaved={onSaved} />
        ))}
      </ul>
    </section>
  );
}

function FieldRow({ caseId, field, onSaved }: { caseId: string; field: CaseField; onSaved: (next: CaseDetail, message: string) => void }) {
  const [value, setValue] = useState(field.value ?? '');
  const saving = useSubmit();
  const id = `case-field-${field.key}`;
  const changed = value.trim() !== (field.value ?? '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await saving.run(() => urgent.fill(caseId, { [field.key]: value.trim() || null }));
    if (next) onSaved(next, `Saved ${field.label.toLowerCase()}.`);
  };
  return (
    <li className={`case-field${field.overdue ? ' attention' : ''}`}>
      <form onSubmit={submit} className="case-field-form">
        <label htmlFor={id}>
          {field.label} <span className={field.overdue ? 'tag attention' : 'muted'}>{dueWords(field)}</span>
        </label>
        <div className="case-field-input">
          <input id={id} value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={saving.error ? true : undefined} autoComplete="off" />
          <button type="submit" className="small" disabled={saving.busy || !changed}>
            {saving.busy ? 'Saving…' : 'Save'}
          </button>
        </div>
        {saving.error ? (
          <p className="form-error" role="alert">
            {saving.error}
          </p>
        ) : null}
      </form>
    </li>
  );
}
