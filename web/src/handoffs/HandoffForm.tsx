import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { auditTrail, cases as casesApi, customers, handoffs, locations } from '../api/endpoints';
import type { HandoffCreate, HandoffTopic, HeldCustomer } from '../api/types';
import { useSession } from '../auth/session';
import { navigate } from '../router';
import { Checkbox, FormError, SelectField } from '../ui/Field';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { topics } from './handoff-words';

interface Entry {
  customerId: string;
  displayName: string;
  promises: HeldCustomer['promises'];
  cases: HeldCustomer['cases'];
  caseIds: string[];
  lines: Record<HandoffTopic, { body: string; private: boolean }>;
}

const blankLines = (): Entry['lines'] => ({ told: { body: '', private: false }, worries: { body: '', private: false }, sensitivities: { body: '', private: true }, next_step: { body: '', private: false } });
const entryOf = (c: HeldCustomer): Entry => ({ ...c, caseIds: c.cases.map((k) => k.id), lines: blankLines() });

/**
 * Write a hand-off: choose the customers (those you hold promises or cases for, and the customer you
 * came from), say per customer what they were told, what worries them, sensitivities and the next
 * step, tick the cases that go with them; your open promises to them travel with it.
 */
export function HandoffForm({ startWith }: { startWith: string | null }) {
  const { me } = useSession();
  const held = useResource(() => handoffs.held(), []);
  const staff = useResource(() => auditTrail.staff(), []);
  const places = useResource(() => locations.list().then((p) => p.items), []);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [to, setTo] = useState('');
  const { busy, fields, error, run, setError } = useSubmit();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Write a hand-off · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  // Coming from a customer's page: they are in it from the start, with their open cases.
  useEffect(() => {
    if (!startWith || !held.data) return;
    const mine = held.data.find((c) => c.customerId === startWith);
    if (mine) {
      setEntries((e) => (e.some((x) => x.customerId === startWith) ? e : [...e, entryOf(mine)]));
      return;
    }
    let live = true;
    void Promise.all([customers.get(startWith), casesApi.list({ customerId: startWith, open: true })]).then(
      ([c, open]) => {
        if (!live) return;
        const entry = entryOf({ customerId: c.id, displayName: c.displayName, promises: [], cases: open.items.map((k) => ({ id: k.id, subject: k.subject, status: k.status })) });
        setEntries((e) => (e.some((x) => x.customerId === startWith) ? e : [...e, { ...entry, caseIds: [] }]));
      },
      () => live && setError('That customer could not be loaded.'),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startWith, held.data]);

  const myLocations = (places.data ?? []).filter((l) => me.locationIds.includes(l.id));
  const colleagues = (staff.data ?? []).filter((s) => s.active && s.id !== me.id);
  const choices = useMemo(() => held.data ?? [], [held.data]);
  const chosen = (id: string) => entries.some((e) => e.customerId === id);
  const toggle = (c: HeldCustomer) => setEntries((e) => (chosen(c.customerId) ? e.filter((x) => x.customerId !== c.customerId) : [...e, entryOf(c)]));
  const update = (id: string, change: (e: Entry) => Entry) => setEntries((all) => all.map((e) => (e.customerId === id ? change(e) : e)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [kind, target] = to.split(':') as ['staff' | 'location', string];
    const body: HandoffCreate = {
      ...(kind === 'staff' ? { toStaffId: target } : { toLocationId: target }),
      customers: entries.map((e) => ({
        customerId: e.customerId,
        caseIds: e.caseIds,
        notes: topics
          .filter(({ topic }) => e.lines[topic].body.trim())
          .map(({ topic }) => ({ topic, body: e.lines[topic].body.trim(), sensitivity: e.lines[topic].private ? ('private' as const) : ('normal' as const) })),
      })),
    };
    const saved = await run(() => handoffs.create(body));
    if (saved) navigate('/handoffs');
  };

  return (
    <section className="page narrow handoff-form-page" aria-labelledby="handoff-form-heading">
      <h1 id="handoff-form-heading" ref={heading} tabIndex={-1}>
        Write a hand-off
      </h1>
      <form className="stack" onSubmit={submit} aria-label="Hand-off">
        <FormError error={error} />
        <SelectField label="Hand over to" value={to} required onChange={(e) => setTo(e.target.value)} error={fields.toStaffId ?? fields.toLocationId}>
          <option value="">{staff.loading || places.loading ? 'Loading…' : 'Choose the next shift or a colleague'}</option>
          {myLocations.map((l) => (
            <option key={l.id} value={`location:${l.id}`}>
              The next shift at {l.name}
            </option>
          ))}
          {colleagues.map((s) => (
            <option key={s.id} value={`staff:${s.id}`}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <fieldset className="choices handoff-choices">
          <legend>Your customers (open promises and cases you hold)</legend>
          {held.loading ? <p className="muted">Loading…</p> : null}
          {!held.loading && !choices.length ? <p className="muted">You hold no open promises or cases.</p> : null}
          {choices.map((c) => (
            <Checkbox key={c.customerId} label={c.displayName} checked={chosen(c.customerId)} onChange={() => toggle(c)} />
          ))}
        </fieldset>
        {entries.map((e, i) => (
          <EntryFields key={e.customerId} entry={e} index={i} fields={fields} onChange={(change) => update(e.customerId, change)} onRemove={() => setEntries((all) => all.filter((x) => x.customerId !== e.customerId))} />
        ))}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || !to || !entries.length}>
            {busy ? 'Saving…' : 'Hand over'}
          </button>
          <button type="button" className="quiet" onClick={() => navigate('/handoffs')}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function EntryFields({ entry, index, fields, onChange, onRemove }: { entry: Entry; index: number; fields: Record<string, string>; onChange: (change: (e: Entry) => Entry) => void; onRemove: () => void }) {
  return (
    <fieldset className="card handoff-entry">
      <legend>{entry.displayName}</legend>
      {fields[`customers/${index}/customerId`] ? <p className="error">{fields[`customers/${index}/customerId`]}</p> : null}
      {entry.promises.length ? (
        <p className="hint">Your open promises to them go with it: {entry.promises.map((p) => p.what).join('; ')}.</p>
      ) : null}
      {topics.map(({ topic, label, hint }) => (
        <LineField
          key={topic}
          label={label}
          hint={hint}
          value={entry.lines[topic].body}
          error={Object.entries(fields).find(([k]) => k.startsWith(`customers/${index}/notes/`))?.[1]}
          onChange={(body) => onChange((e) => ({ ...e, lines: { ...e.lines, [topic]: { ...e.lines[topic], body } } }))}
          privateLine={entry.lines[topic].private}
          onPrivate={(p) => onChange((e) => ({ ...e, lines: { ...e.lines, [topic]: { ...e.lines[topic], private: p } } }))}
          customer={entry.displayName}
        />
      ))}
      {entry.cases.length ? (
        <fieldset className="choices">
          <legend>Cases that go with them</legend>
          {entry.cases.map((k) => (
            <Checkbox
              key={k.id}
              label={k.subject}
              checked={entry.caseIds.includes(k.id)}
              onChange={() => onChange((e) => ({ ...e, caseIds: e.caseIds.includes(k.id) ? e.caseIds.filter((x) => x !== k.id) : [...e.caseIds, k.id] }))}
            />
          ))}
        </fieldset>
      ) : null}
      <button type="button" className="quiet small" onClick={onRemove}>
        Leave {entry.displayName} out
      </button>
    </fieldset>
  );
}

function LineField(props: { label: string; hint: string; value: string; error: string | undefined; onChange: (v: string) => void; privateLine: boolean; onPrivate: (p: boolean) => void; customer: string }) {
  const id = useId();
  return (
    <div className="field handoff-line">
      <label htmlFor={id}>
        {props.label} <span className="visually-hidden">({props.customer})</span>
      </label>
      <textarea id={id} rows={2} maxLength={2000} value={props.value} aria-describedby={`${id}-hint`} onChange={(e) => props.onChange(e.target.value)} />
      <small id={`${id}-hint`} className="hint">
        {props.hint}
      </small>
      <Checkbox label={`Private: ${props.label.toLowerCase()} (${props.customer})`} checked={props.privateLine} onChange={(e) => props.onPrivate(e.target.checked)} />
    </div>
  );
}
