import { useState, type FormEvent } from 'react';
import { log } from '../api/endpoints';
import { FormError, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import type { LogFormProps } from './form-props';
import type { Provenance } from '../api/types';
import { ProvenanceField } from './ProvenanceField';
import { FormActions } from '../ui/FormActions';

/** What they are working on ("bathroom tiling"), so the next person can ask how it goes. */
export function ProjectForm({ customerId, onLogged, onCancel }: LogFormProps) {
  const [title, setTitle] = useState('');
  const [detail, setDetail] = useState('');
  const [provenance, setProvenance] = useState<Provenance>('told_us');
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { customerId, title: title.trim(), status: 'active', provenance, ...(detail.trim() ? { detail: detail.trim() } : {}) };
    if (await run(() => log('projects', body))) onLogged('Project');
  };

  return (
    <form className="log-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label="Add a project">
      <FormError error={error} />
      <TextField label="Project" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus required maxLength={200} placeholder="e.g. tiling the bathroom" error={fields.title} className="wide" />
      <div className="row">
        <TextField label="Details (optional)" value={detail} onChange={(e) => setDetail(e.target.value)} maxLength={2000} error={fields.detail} className="wide" />
        <ProvenanceField value={provenance} onChange={setProvenance} error={fields.provenance} />
      </div>
      <FormActions label={'Add project'} busy={busy} disabled={busy || !title.trim()} onCancel={onCancel} />
    </form>
  );
}
