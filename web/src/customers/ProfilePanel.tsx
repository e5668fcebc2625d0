import { useState } from 'react';
import type { Customer } from '../api/types';
import { partialDate } from '../ui/format';
import { ProfileForm } from './ProfileForm';

/** Who the customer is, with inline editing. */
export function ProfilePanel({ customer, onSaved }: { customer: Customer; onSaved: (c: Customer) => void }) {
  const [editing, setEditing] = useState(false);
  const rows: [string, string | null][] = [
    ['Goes by', customer.preferredName],
    ['Say it', customer.pronunciation],
    ['Pronouns', customer.pronouns],
    ['Language', customer.language],
    ['Birthday', partialDate(customer.birthday) || null],
  ];
  const shown = rows.filter((r): r is [string, string] => Boolean(r[1]));

  return (
    <section className="card" aria-labelledby="profile-title">
      <div className="card-head">
        <h2 id="profile-title">Profile</h2>
        {!editing ? (
          <button type="button" className="quiet small" onClick={() => setEditing(true)} aria-label="Edit profile">
            Edit
          </button>
        ) : null}
      </div>
      {editing ? (
        <ProfileForm
          customer={customer}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            onSaved(next);
            setEditing(false);
          }}
        />
      ) : shown.length === 0 ? (
        <p className="muted">Nothing noted yet: how they like to be greeted, pronouns, language.</p>
      ) : (
        <dl className="facts">
          {shown.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
