import { useState } from 'react';
import { preferences as preferencesApi } from '../api/endpoints';
import type { Preference } from '../api/types';
import { useSession } from '../auth/session';
import { provenanceTag } from '../logging/ProvenanceField';
import { Confirm } from '../ui/Confirm';
import { FormError } from '../ui/Field';
import { useResource } from '../ui/useResource';
import { useSubmit } from '../ui/useSubmit';
import { PreferenceForm } from './PreferenceForm';

const nameOf = (p: Preference) => p.topic ?? p.preference;

/** What the customer prefers ("Appointments: mornings, never Mondays"): add, change, and (managers) remove. */
export function PreferencesPanel({ customerId, version, onChanged }: { customerId: string; version: number; onChanged: () => void }) {
  const { me } = useSession();
  const list = useResource(() => preferencesApi.list(customerId), [customerId, version]);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const mayRemove = me.role !== 'frontline';

  const done = () => {
    setEditing(null);
    setRemoving(null);
    onChanged();
  };
  const remove = async (id: string) => {
    if ((await run(() => preferencesApi.remove(id))) !== undefined) done();
  };

  const items = list.data ?? [];
  return (
    <section className="card preferences" aria-labelledby="preferences-title" aria-busy={list.loading}>
      <div className="card-head">
        <h2 id="preferences-title">Preferences</h2>
        {editing !== 'new' ? (
          <button type="button" className="quiet small" onClick={() => setEditing('new')}>
            Add preference
          </button>
        ) : null}
      </div>
      {editing === 'new' ? <PreferenceForm customerId={customerId} onSaved={done} onCancel={() => setEditing(null)} /> : null}
      {items.length === 0 && !list.loading && editing !== 'new' ? <p className="muted">Nothing noted yet: how they like things done.</p> : null}
      <ul className="plain preference-list">
        {items.map((p) => (
          <li key={p.id}>
            {editing === p.id ? (
              <PreferenceForm customerId={customerId} current={p} onSaved={done} onCancel={() => setEditing(null)} />
            ) : (
              <>
                <p className="preference">
                  {p.topic ? <strong>{p.topic}: </strong> : null}
                  {p.preference}
                  {provenanceTag(p.provenance) ? <span className="tag">{provenanceTag(p.provenance)}</span> : null}
                  {p.sensitivity === 'private' ? <span className="tag private">private</span> : null}
                </p>
                <div className="actions">
                  <button type="button" className="quiet small" aria-label={`Change preference: ${nameOf(p)}`} onClick={() => setEditing(p.id)}>
                    Change
                  </button>
                  {mayRemove ? (
                    <button type="button" className="quiet small" aria-label={`Remove preference: ${nameOf(p)}`} onClick={() => setRemoving(p.id)}>
                      Remove
                    </button>
                  ) : null}
                </div>
                {removing === p.id ? (
                  <Confirm question="Remove this preference?" confirmLabel="Remove" busy={busy} onConfirm={() => void remove(p.id)} onCancel={() => setRemoving(null)}>
                    <FormError error={error} />
                    <p className="hint">It goes to the trash, where a manager can restore it.</p>
                  </Confirm>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
