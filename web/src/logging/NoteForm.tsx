import { useState, type FormEvent } from 'react';
import { log } from '../api/endpoints';
import { Checkbox, FormError } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import type { LogFormProps } from './form-props';
import type { Provenance } from '../api/types';
import { ProvenanceField } from './ProvenanceField';
import { FormActions } from '../ui/FormActions';

/** A note; pinned notes lead the brief, private ones only the right people see. */
export function NoteForm({ customerId, onLogged, onCancel }: LogFormProps) {
  const [body, setBody] = useState('');
  const [pinned, setPinned] = useState(false);
  const [hidden, setHidden] = useState(false);
  const [provenance, setProvenance] = useState<Provenance>('told_us');
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const note = { customerId, body: body.trim(), pinned, sensitivity: hidden ? 'private' : 'normal', provenance };
    if (await run(() => log('notes', note))) onLogged('Note');
  };

  return (
    <form className="log-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label="Write a note">
      <FormError error={error} />
      <div className={`field${fields.body ? ' field-invalid' : ''}`}>
        <label htmlFor="note-body">Note</label>
        <textarea
          id="note-body"
          rows={2}
          value={body}
          autoFocus
          required
          maxLength={20000}
          aria-invalid={fields.body ? true : undefined}
          aria-describedby={fields.body ? 'note-body-error' : 'note-body-hint'}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
          }}
        />
        {fields.body ? (
          <small id="note-body-error" className="error">
            {fields.body}
          </small>
        ) : (
          <small id="note-body-hint" className="hint">
            Ctrl+Enter saves.
          </small>
        )}
      </div>
      <div className="row">
        <ProvenanceField value={provenance} onChange={setProvenance} error={fields.provenance} />
        <Checkbox label="Pin to the brief" checked={pinned} onChange={(e) => setPinned(e.target.checked)} />
        <Checkbox label="Private (only their adviser and managers)" checked={hidden} onChange={(e) => setHidden(e.target.checked)} />
      </div>
      <FormActions label={'Save note'} busy={busy} disabled={busy || !body.trim()} onCancel={onCancel} />
    </form>
  );
}
