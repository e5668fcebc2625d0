import { useState, type FormEvent } from 'react';
import { locations } from '../../api/endpoints';
import type { Location } from '../../api/types';
import { FormError, TextField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { useSubmit } from '../../ui/useSubmit';
import { HolidaysEditor } from './HolidaysEditor';
import { blanks, bodyOf, draftOf, fieldLabel, officeHours, type Draft } from './location-draft';
import { TimezoneField } from './TimezoneField';
import { WeekEditor } from './WeekEditor';

/**
 * A location and its calendar in one form, saved in one request: either all of it is saved or
 * none of it, and each field the server refuses shows its message beside it.
 */
export function LocationForm({ location, onSaved, onCancel }: { location: Location | null; onSaved: (saved: Location) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(location));
  const [local, setLocal] = useState<Record<string, string>>({});
  const { busy, fields, error, run } = useSubmit();
  const errors = { ...fields, ...local };
  const problems = Object.entries(errors);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const title = location ? `Edit ${location.name}` : 'New location';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = blanks(draft);
    setLocal(found);
    if (Object.keys(found).length) return;
    const body = bodyOf(draft);
    const saved = await run(() => (location ? locations.update(location.id, body) : locations.create(body)));
    if (saved) onSaved(saved);
  };

  return (
    <form className="stack card location-form" onSubmit={submit} aria-labelledby="location-form-title" noValidate>
      <h2 id="location-form-title">{title}</h2>
      {problems.length ? (
        <div className="form-error" role="alert">
          <p>Nothing was saved. Please check:</p>
          <ul>
            {problems.map(([path, message]) => (
              <li key={path}>
                {fieldLabel(path, draft)}: {message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <FormError error={error} />
      )}
      <TextField label="Name" value={draft.name} autoFocus autoComplete="off" error={errors.name} onChange={(e) => set({ name: e.target.value })} />
      <TextField label="Address" value={draft.address} autoComplete="off" error={errors.address} onChange={(e) => set({ address: e.target.value })} />
      <TimezoneField value={draft.timezone} error={errors.timezone} onChange={(timezone) => set({ timezone })} />
      <WeekEditor
        hoursSet={draft.hoursSet}
        week={draft.week}
        errors={errors}
        onHoursSet={(hoursSet) => set({ hoursSet, week: hoursSet && !Object.values(draft.week).some((d) => d.length) ? officeHours() : draft.week })}
        onChange={(week) => set({ week })}
      />
      <HolidaysEditor holidays={draft.holidays} errors={errors} onChange={(holidays) => set({ holidays })} />
      <FormActions label={location ? 'Save location' : 'Create location'} busy={busy} disabled={busy} onCancel={onCancel} />
    </form>
  );
}
