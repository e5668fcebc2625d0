import { useState, type FormEvent } from 'react';
import { urgent } from '../api/endpoints';
import type { CaseType, CaseTypePut } from '../api/types';
import { SelectField, TextField } from '../ui/Field';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { dueKindWords } from './urgent-words';

type Draft = CaseTypePut['fields'][number];

/** Case types and their policies (admins): the fields each wants and by when. Cases opened from then on take them. */
export function CaseTypesAdmin() {
  const types = useResource(() => urgent.types(), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const archiving = useSubmit();
  const saved = (items: CaseType[], message: string) => {
    types.set(items);
    setEditing(null);
    setSaid(message);
  };
  const archive = async (t: CaseType, archived: boolean) => {
    const items = await archiving.run(() => urgent.archiveType(t.key, archived));
    if (items) saved(items, archived ? `Archived ${t.label}: new cases can no longer take it; its cases keep it.` : `Restored ${t.label}: new cases can take it again.`);
  };
  return (
    <div className="stack case-types-admin">
      <p className="hint">What each type of case asks for, and by when: at dispatch, before closing, or within some hours of opening. Nothing is ever needed to save a case; what is missing goes on its owner’s list to fill in later.</p>
      <p role="status" className="hint">
        {said}
      </p>
      {archiving.error ? (
        <p className="form-error" role="alert">
          {archiving.error}
        </p>
      ) : null}
      {(types.data ?? []).map((t) =>
        editing === t.key ? (
          <TypeForm key={t.key} type={t} onSaved={(items) => saved(items, `Saved ${t.label}.`)} onCancel={() => setEditing(null)} />
        ) : (
          <section key={t.key} className={`card${t.archivedAt ? ' archived' : ''}`} aria-labelledby={`type-${t.key}`}>
            <div className="card-head">
              <h2 id={`type-${t.key}`}>
                {t.label}
                {t.archivedAt ? <span className="tag"> Archived</span> : null}
              </h2>
              <div className="card-actions">
                <button type="button" className="quiet small" onClick={() => setEditing(t.key)} aria-label={`Change ${t.label}`}>
                  Change
                </button>
                <button type="button" className="quiet small" disabled={archiving.busy} onClick={() => void archive(t, !t.archivedAt)} aria-label={`${t.archivedAt ? 'Restore' : 'Archive'} ${t.label}`}>
                  {t.archivedAt ? 'Restore' : 'Archive'}
                </button>
              </div>
            </div>
            {t.archivedAt ? <p className="hint">Not offered for new cases; its cases keep it.</p> : null}
            {t.fields.length ? (
              <ul className="plain">
                {t.fields.map((f) => (
                  <li key={f.key}>
                    {f.label} <span className="muted">· {f.due === 'hours' ? `within ${f.hours} h of opening` : dueKindWords[f.due].toLowerCase()}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">Wants nothing more than the case itself.</p>
            )}
          </section>
        ),
      )}
      {editing === '' ? (
        <TypeForm type={null} onSaved={(items) => saved(items, 'Added the case type.')} onCancel={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing('')}>
          Add a case type
        </button>
      )}
    </div>
  );
}

const keyOf = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);

function TypeForm({ type, onSaved, onCancel }: { type: CaseType | null; onSaved: (items: CaseType[]) => void; onCancel: () => void }) {
  const [label, setLabel] = useState(type?.label ?? '');
  const [fields, setFields] = useState<Draft[]>(type?.fields.map((f) => ({ key: f.key, label: f.label, due: f.due, ...(f.hours ? { hours: f.hours } : {}) })) ?? []);
  const saving = useSubmit();
  const change = (i: number, patch: Partial<Draft>) => setFields((all) => all.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { label, fields: fields.map((f) => ({ key: f.key || keyOf(f.label), label: f.label, due: f.due, ...(f.due === 'hours' ? { hours: f.hours ?? 24 } : {}) })) };
    const items = await saving.run(() => (type ? urgent.saveType(type.key, body) : urgent.addType(body)));
    if (items) onSaved(items);
  };
  const title = type ? `Change ${type.label}` : 'New case type';
  return (
    <form className="card stack" onSubmit={submit} aria-label={title} noValidate>
      <h2>{title}</h2>
      <TextField label="Name" value={label} onChange={(e) => setLabel(e.target.value)} error={saving.fields.label ?? saving.fields.key} />
      <fieldset className="stack">
        <legend>Fields wanted</legend>
        {fields.map((f, i) => (
          <div key={i} className="type-field-row">
            <TextField label={`Field ${i + 1}`} value={f.label} onChange={(e) => change(i, { label: e.target.value, ...(type?.fields.some((x) => x.key === f.key) ? {} : { key: keyOf(e.target.value) }) })} error={saving.fields[`fields/${i}/label`] ?? saving.fields[`fields/${i}/key`]} />
            <SelectField label="Due" value={f.due} onChange={(e) => change(i, { due: e.target.value as Draft['due'] })}>
              <option value="dispatch">{dueKindWords.dispatch}</option>
              <option value="hours">{dueKindWords.hours}</option>
              <option value="close">{dueKindWords.close}</option>
            </SelectField>
            {f.due === 'hours' ? (
              <TextField label="Hours" type="number" min={1} max={8760} value={String(f.hours ?? 24)} onChange={(e) => change(i, { hours: Number(e.target.value) })} error={saving.fields[`fields/${i}/hours`]} />
            ) : null}
            <button type="button" className="quiet small" onClick={() => setFields((all) => all.filter((_, j) => j !== i))} aria-label={`Remove field ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="quiet" onClick={() => setFields((all) => [...all, { key: '', label: '', due: 'close' }])}>
          Add a field
        </button>
      </fieldset>
      {saving.error ? (
        <p className="form-error" role="alert">
          {saving.error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={saving.busy}>
          {saving.busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
