import { useState } from 'react';
import { consent as consentApi } from '../api/endpoints';
import type { Consent } from '../api/types';
import { Confirm } from '../ui/Confirm';
import { FormError } from '../ui/Field';
import { useSubmit } from '../ui/useSubmit';
import { ConsentForm } from './ConsentForm';
import { channelLabel, consentDetail, dayWords, statusLabel, type ConsentChannel } from './consent-words';
import { DoNotContactForm } from './DoNotContactForm';

/**
 * How the customer may be contacted: each channel opted in, out or not recorded, and do-not-contact.
 * Anyone serving them can record what the customer says. Email written from Rapport honours it.
 */
export function ConsentPanel({ customerId, consent, onChanged }: { customerId: string; consent: Consent | undefined; onChanged: (next: Consent) => void }) {
  const [editing, setEditing] = useState<ConsentChannel | 'dnc' | null>(null);
  const [lifting, setLifting] = useState(false);
  const { busy, error, run } = useSubmit();

  const saved = (next: Consent) => {
    setEditing(null);
    setLifting(false);
    onChanged(next);
  };
  const lift = async () => {
    const next = await run(() => consentApi.liftDoNotContact(customerId));
    if (next) saved(next);
  };

  const dnc = consent?.doNotContact ?? null;
  return (
    <section className="card consent" aria-labelledby="consent-title" aria-busy={!consent}>
      <h2 id="consent-title">Consent</h2>
      {!consent ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          {dnc ? (
            <div className="consent-dnc">
              <p>
                <strong>Do not contact</strong> since {dayWords(dnc.since)}: {dnc.reason}
                {dnc.recordedByName ? <span className="muted"> · recorded by {dnc.recordedByName}</span> : null}
              </p>
              {lifting ? (
                <Confirm question="They may be contacted again?" confirmLabel="Lift do not contact" busy={busy} onConfirm={() => void lift()} onCancel={() => setLifting(false)}>
                  <FormError error={error} />
                  <p className="hint">Each channel then follows their own choice below.</p>
                </Confirm>
              ) : (
                <button type="button" className="quiet small" onClick={() => setLifting(true)}>
                  Lift do not contact
                </button>
              )}
            </div>
          ) : null}
          <ul className="plain consent-list">
            {consent.channels.map((c) => (
              <li key={c.channel} className={`consent-item ${c.status}`}>
                <div className="consent-row">
                  <span className="consent-channel">{channelLabel[c.channel]}</span>
                  <span className="consent-status">{statusLabel[c.status]}</span>
                  <button
                    type="button"
                    className="quiet small"
                    aria-label={`Change ${channelLabel[c.channel].toLowerCase()}`}
                    aria-expanded={editing === c.channel}
                    onClick={() => setEditing(editing === c.channel ? null : c.channel)}
                  >
                    Change
                  </button>
                </div>
                <small className="muted">{consentDetail(c)}</small>
                {editing === c.channel ? <ConsentForm customerId={customerId} current={c} onSaved={saved} onCancel={() => setEditing(null)} /> : null}
              </li>
            ))}
          </ul>
          {!dnc && editing !== 'dnc' ? (
            <button type="button" className="quiet small" onClick={() => setEditing('dnc')}>
              Mark do not contact
            </button>
          ) : null}
          {editing === 'dnc' ? <DoNotContactForm customerId={customerId} onSaved={saved} onCancel={() => setEditing(null)} /> : null}
          <p className="hint">Email written from Rapport honours these; honour them too when you call, write or text.</p>
        </>
      )}
    </section>
  );
}
