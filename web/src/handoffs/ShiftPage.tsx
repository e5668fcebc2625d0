import { useEffect, useRef, useState, type FormEvent } from 'react';
import { auditTrail, handoffs, locations } from '../api/endpoints';
import type { Handoff, HandoffShift } from '../api/types';
import { useSession } from '../auth/session';
import { FormError, SelectField } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { HandoffCard } from './HandoffCard';
import { when } from './handoff-words';
import { WithdrawHandoff } from './WithdrawHandoff';

/** Managers: a location's open hand-offs, who has not accepted theirs, the customers and cases in them; Reassign, Withdraw; "More" for the next page. */
export function ShiftPage() {
  const { me } = useSession();
  const places = useResource(() => locations.list().then((p) => p.items), []);
  const mine = (places.data ?? []).filter((l) => me.role === 'admin' || me.locationIds.length === 0 || me.locationIds.includes(l.id));
  const [locationId, setLocationId] = useState<string>(me.locationIds[0] ?? '');
  const [version, setVersion] = useState(0);
  const chosen = locationId || mine[0]?.id || '';
  const shift = useResource(() => (chosen ? handoffs.shift(chosen) : Promise.resolve(null)), [chosen, version]);
  // Later pages of either list, appended to the first ("More"); a new first page starts them again.
  const [later, setLater] = useState<{ pending: Handoff[]; nextCursor: string | null; accepted: Handoff[]; acceptedNextCursor: string | null } | null>(null);
  const [moreBusy, setMoreBusy] = useState(false);
  const [moreFailed, setMoreFailed] = useState(false);
  useEffect(() => setLater(null), [shift.data]);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Shift view · Rapport';
    heading.current?.focus({ preventScroll: true });
    return () => {
      document.title = 'Rapport';
    };
  }, []);

  if (me.role === 'frontline') {
    return (
      <section className="page narrow">
        <h1>Shift view</h1>
        <p>The shift view is for managers of a location.</p>
      </section>
    );
  }
  const first: HandoffShift | null = shift.data ?? null;
  const s = first && {
    ...first,
    pending: [...first.pending, ...(later?.pending ?? [])],
    nextCursor: later ? later.nextCursor : first.nextCursor,
    acceptedLately: [...first.acceptedLately, ...(later?.accepted ?? [])],
    acceptedNextCursor: later ? later.acceptedNextCursor : first.acceptedNextCursor,
  };
  const more = async (which: 'pending' | 'accepted') => {
    if (!s) return;
    setMoreBusy(true);
    setMoreFailed(false);
    try {
      const page = await handoffs.shift(s.locationId, which === 'pending' ? { cursor: s.nextCursor } : { acceptedCursor: s.acceptedNextCursor });
      setLater((l) => {
        const base = l ?? { pending: [], nextCursor: first?.nextCursor ?? null, accepted: [], acceptedNextCursor: first?.acceptedNextCursor ?? null };
        return which === 'pending'
          ? { ...base, pending: [...base.pending, ...page.pending], nextCursor: page.nextCursor }
          : { ...base, accepted: [...base.accepted, ...page.acceptedLately], acceptedNextCursor: page.acceptedNextCursor };
      });
    } catch {
      setMoreFailed(true);
    } finally {
      setMoreBusy(false);
    }
  };
  const moreButton = (which: 'pending' | 'accepted', label: string) => (
    <button type="button" className="quiet" disabled={moreBusy} onClick={() => void more(which)} aria-label={`More: ${label}`}>
      {moreBusy ? 'Loading…' : 'More'}
    </button>
  );
  return (
    <section className="page handoffs-page" aria-labelledby="shift-heading">
      <h1 id="shift-heading" ref={heading} tabIndex={-1}>
        Shift view
      </h1>
      <SelectField label="Location" value={chosen} onChange={(e) => setLocationId(e.target.value)}>
        {mine.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </SelectField>
      {shift.error ? (
        <p className="form-error" role="alert">
          The shift view could not be loaded.
        </p>
      ) : null}
      {s ? (
        <>
          <section className="handoff-section" aria-labelledby="waiting-on">
            <h2 id="waiting-on">Not accepted yet</h2>
            {s.waitingOn.length ? (
              <ul className="plain handoff-waiting">
                {s.waitingOn.map((w) => (
                  <li key={w.staffId ?? w.name}>
                    <strong>{w.name}</strong>: {w.handoffs} {w.handoffs === 1 ? 'hand-off' : 'hand-offs'}, waiting since {when(w.since)}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">Every hand-off at {s.locationName} has been accepted.</p>
            )}
            {s.pending.map((h) => (
              <HandoffCard
                key={h.id}
                handoff={h}
                actions={
                  h.canReassign || h.canWithdraw ? (
                    <>
                      {h.canReassign ? <Reassign handoff={h} onDone={() => setVersion((v) => v + 1)} /> : null}
                      {h.canWithdraw ? <WithdrawHandoff handoff={h} onWithdrawn={() => setVersion((v) => v + 1)} /> : null}
                    </>
                  ) : undefined
                }
              />
            ))}
            {s.nextCursor ? moreButton('pending', 'open hand-offs') : null}
          </section>
          <section className="handoff-section" aria-labelledby="accepted-lately">
            <h2 id="accepted-lately">Accepted in the last day</h2>
            {s.acceptedLately.length ? s.acceptedLately.map((h) => <HandoffCard key={h.id} handoff={h} />) : <p className="muted">None yet.</p>}
            {s.acceptedNextCursor ? moreButton('accepted', 'accepted in the last day') : null}
          </section>
          {moreFailed ? (
            <p className="form-error" role="alert">
              The next page could not be loaded.
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function Reassign({ handoff, onDone }: { handoff: Handoff; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const staff = useResource(() => (open ? auditTrail.staff() : Promise.resolve([])), [open]);
  const places = useResource(() => (open ? locations.list().then((p) => p.items) : Promise.resolve([])), [open]);
  const [to, setTo] = useState('');
  const { busy, fields, error, run } = useSubmit();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`Reassign the hand-off from ${handoff.fromStaffName ?? 'a colleague'}`}>
        Reassign
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const [kind, id] = to.split(':') as ['staff' | 'location', string];
    const done = await run(() => handoffs.reassign(handoff.id, kind === 'staff' ? { toStaffId: id } : { toLocationId: id }));
    if (done) {
      setOpen(false);
      onDone();
    }
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Reassign the hand-off from ${handoff.fromStaffName ?? 'a colleague'}`}>
      <FormError error={error} />
      <SelectField label="Give it to" value={to} required autoFocus onChange={(e) => setTo(e.target.value)} error={fields.toStaffId ?? fields.toLocationId}>
        <option value="">{staff.loading ? 'Loading…' : 'Choose'}</option>
        {(places.data ?? []).map((l) => (
          <option key={l.id} value={`location:${l.id}`}>
            The next shift at {l.name}
          </option>
        ))}
        {(staff.data ?? [])
          .filter((s) => s.active && s.id !== handoff.fromStaffId && s.id !== handoff.toStaffId)
          .map((s) => (
            <option key={s.id} value={`staff:${s.id}`}>
              {s.name}
            </option>
          ))}
      </SelectField>
      <FormActions label="Reassign" busy={busy} disabled={busy || !to} onCancel={() => setOpen(false)} />
    </form>
  );
}
