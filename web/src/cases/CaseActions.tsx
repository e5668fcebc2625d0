import { useState, type FormEvent } from 'react';
import { cases } from '../api/endpoints';
import type { Case, CaseDetail, CasePatch, StaffBrief } from '../api/types';
import { FormError, SelectField, TextField } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import { priorities, priorityLabels, statuses, statusLabels } from './case-text';

/** Change the status, priority (and so the targets) or owner of a case. */
/** `overridable`: a manager may close it although details its type wants are missing, giving a reason. */
export function CaseChanges({ c, people, onSaved, overridable = false }: { c: Case; people: StaffBrief[]; onSaved: (next: CaseDetail) => void; overridable?: boolean }) {
  const [overrideReason, setOverrideReason] = useState('');
  const [status, setStatus] = useState(c.status);
  const [priority, setPriority] = useState(c.priority);
  const [ownerId, setOwnerId] = useState(c.ownerId ?? '');
  const { busy, fields, error, run } = useSubmit();
  const patch: CasePatch = {
    ...(status !== c.status ? { status } : {}),
    ...(priority !== c.priority ? { priority } : {}),
    ...(ownerId !== (c.ownerId ?? '') ? { ownerId: ownerId || null } : {}),
  };
  const closing = status !== c.status && (status === 'resolved' || status === 'closed');
  if (overridable && closing && overrideReason.trim()) patch.overrideReason = overrideReason.trim();
  const changed = Object.keys(patch).length > 0;
  // The owner may have left or be an integration: keep them choosable as they are.
  const owners = c.ownerId && !people.some((p) => p.id === c.ownerId) ? [{ id: c.ownerId, name: c.ownerName ?? 'Former colleague' }, ...people] : people;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await run(() => cases.update(c.id, patch));
    if (next) onSaved(next);
  };

  return (
    <section className="card" aria-labelledby="case-change-title">
      <h2 id="case-change-title">Change</h2>
      <form className="stack" aria-label="Change the case" onSubmit={(e) => void submit(e)}>
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value as Case['status'])} error={fields.status} hint="Waiting on the customer pauses every target; resolved and closed stop them.">
          {statuses
            .filter((s) => s !== 'new' || c.status === 'new')
            .map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
        </SelectField>
        {overridable && closing ? (
          <TextField label="Reason to close without the missing details" value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} error={fields.overrideReason} hint="Managers only; kept on the case and in the audit trail." />
        ) : null}
        <SelectField label="Priority" value={priority} onChange={(e) => setPriority(e.target.value as Case['priority'])} error={fields.priority} hint="A new priority brings its own targets.">
          {priorities.map((p) => (
            <option key={p} value={p}>
              {priorityLabels[p]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)} error={fields.ownerId}>
          <option value="">No owner</option>
          {owners.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <FormError error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !changed}>
            {busy ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Escalate to a manager with the reason; the case goes on their list. */
export function Escalate({ c, managers, onSaved }: { c: Case; managers: StaffBrief[]; onSaved: (next: CaseDetail) => void }) {
  const [managerId, setManagerId] = useState('');
  const [reason, setReason] = useState('');
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await run(() => cases.escalate(c.id, { managerId, reason }));
    if (next) {
      setReason('');
      setManagerId('');
      onSaved(next);
    }
  };

  return (
    <section className="card" aria-labelledby="case-escalate-title">
      <h2 id="case-escalate-title">Escalate</h2>
      <form className="stack" aria-label="Escalate the case" onSubmit={(e) => void submit(e)}>
        <SelectField label="Manager" value={managerId} onChange={(e) => setManagerId(e.target.value)} error={fields.managerId} required>
          <option value="">Choose a manager</option>
          {managers.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={fields.reason} required maxLength={500} hint="What the manager needs to know, in a sentence" />
        <FormError error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !managerId || !reason.trim()}>
            {busy ? 'Escalating…' : 'Escalate'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** After explaining a missed target to the customer and apologising: say so, and the brief stops asking for it. */
export function RecordApology({ c, onSaved }: { c: Case; onSaved: (next: CaseDetail) => void }) {
  const [note, setNote] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = await run(() => cases.apologise(c.id, note.trim() || null));
    if (next) {
      setNote('');
      onSaved(next);
    }
  };
  return (
    <form className="stack case-apology" aria-label="Record an apology" onSubmit={(e) => void submit(e)}>
      <p>A target was missed: explain it to the customer and apologise, then record it here.</p>
      <TextField label="What you told them" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="Called, explained the delay and apologised" />
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Record apology'}
        </button>
      </div>
    </form>
  );
}
