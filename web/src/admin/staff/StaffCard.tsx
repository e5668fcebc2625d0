import { useState } from 'react';
import { ApiError } from '../../api/client';
import { staffAdmin } from '../../api/endpoints';
import type { Location, StaffMember, StaffWithLink } from '../../api/types';
import { Confirm } from '../../ui/Confirm';
import { FormError } from '../../ui/Field';
import { AccessForm } from './AccessForm';
import { LinkPanel } from './LinkPanel';
import { placesOf, roleLabel, statusOf } from './staff-words';

type Panel = 'none' | 'access' | 'disable' | 'reset';

/** One account: what it is, and what an admin may do with it (your own account is protected). */
export function StaffCard({ staff, self, locations, onChanged }: { staff: StaffMember; self: boolean; locations: Location[]; onChanged: (staff: StaffMember) => void }) {
  const [panel, setPanel] = useState<Panel>('none');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reset, setReset] = useState<StaffWithLink | null>(null);
  const integration = staff.kind === 'integration';
  const who = <span className="visually-hidden"> {staff.name}</span>;

  async function act<T>(work: () => Promise<T>, done: (result: T) => void) {
    setBusy(true);
    setError(null);
    try {
      done(await work());
      setPanel('none');
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.detail ?? caught.title) : 'Rapport could not be reached. Check the connection and try again.');
    } finally {
      setBusy(false);
    }
  }
  const setActive = (active: boolean) => act(() => staffAdmin.update(staff.id, { active }), onChanged);
  const resetPassword = () =>
    act(
      () => staffAdmin.resetPassword(staff.id),
      (issued) => {
        setReset(issued);
        onChanged(issued.staff);
      },
    );

  const headingId = `staff-${staff.id}`;
  return (
    <li className={`card staff-card${staff.active ? '' : ' inactive'}`} aria-labelledby={headingId}>
      <div className="card-head">
        <h3 id={headingId}>
          {staff.name}
          {self ? ' (you)' : ''}
        </h3>
        {integration ? <span className="tag">Integration</span> : null}
      </div>
      <p className="staff-email">{staff.email ?? 'No sign-in: acts only through its API tokens'}</p>
      <dl className="facts">
        <div>
          <dt>Role</dt>
          <dd>{roleLabel(staff.role)}</dd>
        </div>
        <div>
          <dt>Locations</dt>
          <dd>{placesOf(staff, locations)}</dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>{statusOf(staff)}</dd>
        </div>
        {staff.phoneExtension ? (
          <div>
            <dt>Phone extension</dt>
            <dd>{staff.phoneExtension}</dd>
          </div>
        ) : null}
      </dl>
      <FormError error={error} />
      {reset ? <LinkPanel issued={reset} purpose="reset" onDone={() => setReset(null)} /> : null}
      {panel === 'access' ? (
        <AccessForm
          staff={staff}
          self={self}
          locations={locations}
          onSaved={(saved) => {
            onChanged(saved);
            setPanel('none');
          }}
          onCancel={() => setPanel('none')}
        />
      ) : panel === 'disable' ? (
        <Confirm question={`Disable ${staff.name}?`} confirmLabel="Disable" busy={busy} onConfirm={() => void setActive(false)} onCancel={() => setPanel('none')}>
          <p>{integration ? 'Its API tokens are revoked at once.' : 'They are signed out at once, their API tokens are revoked, and they cannot sign in until enabled again.'}</p>
        </Confirm>
      ) : panel === 'reset' ? (
        <Confirm question={`Reset ${staff.name}’s password?`} confirmLabel="Reset password" busy={busy} onConfirm={() => void resetPassword()} onCancel={() => setPanel('none')}>
          <p>Their password, sessions and API tokens stop working at once. You get a link to pass on; with it they choose a new password within 7 days.</p>
        </Confirm>
      ) : (
        <div className="actions">
          <button type="button" className="small" onClick={() => setPanel('access')}>
            Change role, locations and extension{who}
          </button>
          {self ? null : staff.active ? (
            <button type="button" className="small" onClick={() => setPanel('disable')}>
              Disable{who}
            </button>
          ) : (
            <button type="button" className="small" disabled={busy} onClick={() => void setActive(true)}>
              Enable{who}
            </button>
          )}
          {self || integration || !staff.active ? null : (
            <button type="button" className="small" onClick={() => setPanel('reset')}>
              Reset password{who}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
