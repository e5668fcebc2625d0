import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session';
import { auditTrail, contactState } from '../api/endpoints';
import type { KeepInTouch } from '../api/types';
import { FormError, SelectField, TextField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { cadences } from './contact-words';

const other = 'other';
const nobody = 'nobody';

/** How often, and who keeps in touch (you unless you choose a colleague, or no one in particular). */
export function KeepInTouchForm({ customerId, current, onSaved, onCancel }: { customerId: string; current: KeepInTouch; onSaved: (next: KeepInTouch) => void; onCancel: () => void }) {
  const { me } = useSession();
  const staff = useResource(() => auditTrail.staff(), []);
  const start = current.everyDays ?? 90;
  const preset = cadences.some(([days]) => days === start);
  const [choice, setChoice] = useState(preset ? String(start) : other);
  const [days, setDays] = useState(String(start));
  const [owner, setOwner] = useState(current.everyDays ? (current.ownerId ?? nobody) : me.id);
  const { busy, fields, error, run } = useSubmit();

  const everyDays = choice === other ? Number(days) : Number(choice);
  const valid = Number.isInteger(everyDays) && everyDays >= 1 && everyDays <= 3650;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => contactState.setKeepInTouch(customerId, { everyDays, ownerId: owner === nobody ? null : owner }));
    if (saved) onSaved(saved);
  };

  const colleagues = (staff.data ?? []).filter((s) => s.active && s.id !== me.id).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <form className="inline-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label="Keep in touch">
      <FormError error={error} />
      <SelectField label="How often" value={choice} onChange={(e) => setChoice(e.target.value)} autoFocus>
        {cadences.map(([value, label]) => (
          <option key={value} value={String(value)}>
            {label}
          </option>
        ))}
        <option value={other}>Another number of days</option>
      </SelectField>
      {choice === other ? (
        <TextField label="Every how many days" type="number" inputMode="numeric" min={1} max={3650} required value={days} onChange={(e) => setDays(e.target.value)} error={fields.everyDays} />
      ) : null}
      <SelectField label="Who keeps in touch" value={owner} onChange={(e) => setOwner(e.target.value)} error={fields.ownerId}>
        <option value={me.id}>You ({me.name})</option>
        {colleagues.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
        {current.ownerId && current.ownerId !== me.id && !colleagues.some((s) => s.id === current.ownerId) ? <option value={current.ownerId}>{current.ownerName ?? 'A former colleague'}</option> : null}
        <option value={nobody}>No one in particular</option>
      </SelectField>
      <FormActions label="Save" busy={busy} disabled={busy || !valid} onCancel={onCancel} />
    </form>
  );
}
