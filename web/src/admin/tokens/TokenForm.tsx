import { useEffect, useRef, useState, type FormEvent } from 'react';
import { tokens } from '../../api/endpoints';
import type { ApiTokenCreated, Me, StaffMember } from '../../api/types';
import { Link } from '../../router';
import { FormError, SelectField, TextField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { useSubmit } from '../../ui/useSubmit';
import { scopes } from './token-words';

/** A new token, acting as you or as an integration (never as another person). */
export function TokenForm({ me, integrations, onCreated, onCancel }: { me: Me; integrations: StaffMember[]; onCreated: (token: ApiTokenCreated) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [staffId, setStaffId] = useState('');
  const [scope, setScope] = useState<'read' | 'read_write'>('read');
  const { busy, fields, error, run } = useSubmit();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(() => tokens.create({ name: name.trim(), scope, ...(staffId ? { staffId } : {}) }));
    if (created) onCreated(created);
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="new-token-heading">
      <h2 id="new-token-heading" ref={heading} tabIndex={-1}>
        Create a token
      </h2>
      <FormError error={error} />
      <TextField label="Token name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" error={fields.name} hint="What it is for, e.g. “POS nightly import”" />
      <SelectField
        label="Acts as"
        value={staffId}
        onChange={(e) => setStaffId(e.target.value)}
        error={fields.staffId}
        hint={
          <>
            A token acts as you or as an integration, with its role and locations; never as a colleague. To give a system access of its own, add an integration under{' '}
            <Link href="/admin/staff">Staff</Link>.
          </>
        }
      >
        <option value="">You ({me.name})</option>
        {integrations.map((i) => (
          <option key={i.id} value={i.id}>
            {i.name} (integration)
          </option>
        ))}
      </SelectField>
      <fieldset className="choices">
        <legend>What it may do</legend>
        {scopes.map((s) => (
          <label key={s.value} className="checkbox">
            <input type="radio" name="scope" value={s.value} checked={scope === s.value} onChange={() => setScope(s.value)} /> {s.label}{' '}
            <span className="hint">({s.hint})</span>
          </label>
        ))}
        {fields.scope ? <small className="error">{fields.scope}</small> : null}
      </fieldset>
      <FormActions label="Create token" busy={busy} disabled={busy} onCancel={onCancel} />
    </form>
  );
}
