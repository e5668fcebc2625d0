import { useState, type FormEvent } from 'react';
import { trash } from '../api/endpoints';
import type { TrashSettings } from '../api/types';
import { useSession } from '../auth/session';
import { FormError, TextField } from '../ui/Field';
import { plural } from '../ui/format';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';

const min = 1;
const max = 3650;

/** How long deleted records wait before they are removed for good; admins change it here. */
export function RetentionSetting({ onChanged }: { onChanged: () => void }) {
  const { me } = useSession();
  const settings = useResource(() => trash.settings(), []);
  const days = settings.data?.retentionDays;
  return (
    <section className="card retention" aria-labelledby="retention-title">
      <h2 id="retention-title">How long deleted records wait</h2>
      <p>
        {days === undefined
          ? settings.loading
            ? 'Reading the setting…'
            : 'The setting could not be read.'
          : `Deleted records wait here ${plural(days, 'day')}, then are removed for good. Until then a manager can restore them, exactly as they were.`}
      </p>
      {me.role === 'admin' && days !== undefined ? (
        <RetentionForm
          days={days}
          onSaved={(next) => {
            settings.set(next);
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

function RetentionForm({ days, onSaved }: { days: number; onSaved: (s: TrashSettings) => void }) {
  const [value, setValue] = useState(String(days));
  const [check, setCheck] = useState<string | undefined>();
  const [saved, setSaved] = useState('');
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    const n = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      setCheck(`A whole number of days from ${min} to ${max}.`);
      return;
    }
    setCheck(undefined);
    const next = await run(() => trash.setSettings({ retentionDays: n }));
    if (next) {
      setSaved(`Saved: deleted records now wait ${plural(next.retentionDays, 'day')}.`);
      onSaved(next);
    }
  };

  return (
    <form className="retention-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Change how long deleted records wait">
      <FormError error={error && !fields.retentionDays ? error : null} />
      <div className="row">
        <TextField
          label={`Days to keep deleted records (${min} to ${max})`}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={check ?? fields.retentionDays}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
      </div>
      <p className="hint" role="status">
        {saved}
      </p>
    </form>
  );
}
