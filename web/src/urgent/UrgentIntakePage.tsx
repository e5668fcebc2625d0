import { useEffect, useRef, useState, type FormEvent } from 'react';
import { customers, urgent } from '../api/endpoints';
import { navigate, useLocation } from '../router';
import { SelectField, TextField } from '../ui/Field';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { callerOf } from './urgent-words';

/**
 * The urgent intake (S4): who (a callback number or a name, or the customer it was opened from),
 * where they are, what help is needed, and the case type. Saves with the first alone; the case
 * page then dispatches help, and the rest is filled in later.
 */
export function UrgentIntakePage() {
  const { searchParams } = useLocation();
  const customerId = searchParams.get('customerId');
  const customer = useResource(() => (customerId ? customers.get(customerId) : Promise.resolve(null)), [customerId]);
  const types = useResource(() => urgent.types(), []);
  const [who, setWho] = useState(searchParams.get('q') ?? '');
  const [situation, setSituation] = useState('');
  const [helpNeeded, setHelpNeeded] = useState('');
  const [type, setType] = useState('general');
  const saving = useSubmit();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    document.title = 'Urgent case · Rapport';
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const opened = await saving.run(() =>
      urgent.open({
        ...(customerId ? { customerId } : callerOf(who)),
        ...(situation.trim() ? { situation: situation.trim() } : {}),
        ...(helpNeeded.trim() ? { helpNeeded: helpNeeded.trim() } : {}),
        type,
      }),
    );
    if (opened) navigate(`/cases/${opened.id}`);
  };

  const whoError = saving.fields.callbackNumber ?? saving.fields.name ?? saving.fields.customerId;
  return (
    <section className="page narrow urgent-intake" aria-labelledby="urgent-heading">
      <h1 id="urgent-heading" ref={heading} tabIndex={-1}>
        Urgent case
      </h1>
      <p className="hint">Help first: any one of these is enough to save. The rest can be filled in later.</p>
      <form onSubmit={submit} className="stack" noValidate>
        {customerId ? (
          <p>
            For <strong>{customer.data?.displayName ?? 'this customer'}</strong>
          </p>
        ) : (
          <TextField label="Callback number or name" value={who} onChange={(e) => setWho(e.target.value)} error={whoError} autoComplete="off" inputMode="text" />
        )}
        <TextField label="Where they are, or what is happening" value={situation} onChange={(e) => setSituation(e.target.value)} error={saving.fields.situation} autoComplete="off" />
        <TextField label="Help needed" value={helpNeeded} onChange={(e) => setHelpNeeded(e.target.value)} error={saving.fields.helpNeeded} autoComplete="off" />
        <SelectField label="Case type" value={type} onChange={(e) => setType(e.target.value)} error={saving.fields.type}>
          {(types.data?.filter((t) => !t.archivedAt) ?? [{ key: 'general', label: 'General' }]).map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </SelectField>
        {saving.error ? (
          <p className="form-error" role="alert">
            {saving.error}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="urgent-button" disabled={saving.busy}>
            {saving.busy ? 'Opening…' : 'Open urgent case'}
          </button>
        </div>
      </form>
    </section>
  );
}
