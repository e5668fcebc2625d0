import { useState } from 'react';
import { useSession } from '../auth/session';
import { contactState } from '../api/endpoints';
import type { KeepInTouch } from '../api/types';
import { Confirm } from '../ui/Confirm';
import { FormError } from '../ui/Field';
import { ago } from '../ui/format';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { cadenceWords } from './contact-words';
import { KeepInTouchForm } from './KeepInTouchForm';

/**
 * How often we keep in touch with the customer, and who does: set, change or stop it. The
 * keep-in-touch list, Today and the brief follow from it; any contact or purchase resets the clock.
 */
export function KeepInTouchPanel({ customerId, version, onChanged }: { customerId: string; version: number; onChanged: () => void }) {
  const { me } = useSession();
  const current = useResource(() => contactState.keepInTouch(customerId), [customerId, version]);
  const [editing, setEditing] = useState(false);
  const [stopping, setStopping] = useState(false);
  const { busy, error, run } = useSubmit();
  const k = current.data;

  const saved = (next: KeepInTouch) => {
    current.set(next);
    setEditing(false);
    setStopping(false);
    onChanged();
  };
  const stop = async () => {
    const next = await run(() => contactState.stopKeepingInTouch(customerId));
    if (next) saved(next);
  };

  const who = k?.ownerId ? (k.ownerId === me.id ? 'you' : k.ownerName ?? 'a former colleague') : 'no one in particular';
  return (
    <section className={`card keep-in-touch${k?.due ? ' attention' : ''}`} aria-labelledby="keep-title" aria-busy={!k}>
      <h2 id="keep-title">Keep in touch</h2>
      {!k ? (
        <p className="muted">{current.error ? 'Could not be read.' : 'Loading…'}</p>
      ) : (
        <>
          {k.everyDays ? (
            <>
              <p>
                <strong>{cadenceWords(k.everyDays).replace(/^e/, 'E')}</strong>, kept by {who}.
              </p>
              <p className={k.due ? 'keep-due' : 'muted'}>
                {k.lastContactAt ? `Last seen ${ago(k.lastContactAt)}` : 'Not seen yet'}
                {k.dueAt ? (k.due ? `; a contact is due (since ${ago(k.dueAt)}).` : `; next contact due ${new Date(k.dueAt).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' })}.`) : '.'}
              </p>
            </>
          ) : (
            <p className="muted">No cadence: keep in touch with a good customer every few weeks or months, and Rapport reminds whoever does.</p>
          )}
          {editing ? (
            <KeepInTouchForm customerId={customerId} current={k} onSaved={saved} onCancel={() => setEditing(false)} />
          ) : stopping ? (
            <Confirm question="Stop keeping in touch on a cadence?" confirmLabel="Stop" busy={busy} onConfirm={() => void stop()} onCancel={() => setStopping(false)}>
              <FormError error={error} />
            </Confirm>
          ) : (
            <div className="actions">
              <button type="button" className="quiet small" onClick={() => setEditing(true)}>
                {k.everyDays ? 'Change' : 'Keep in touch'}
              </button>
              {k.everyDays ? (
                <button type="button" className="quiet small" onClick={() => setStopping(true)}>
                  Stop
                </button>
              ) : null}
            </div>
          )}
        </>
      )}
    </section>
  );
}
