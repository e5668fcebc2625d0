import { useState } from 'react';
import { locations as locationsApi, staffAdmin } from '../../api/endpoints';
import type { StaffMember, StaffWithLink } from '../../api/types';
import { useSession } from '../../auth/session';
import { Link } from '../../router';
import { useResource } from '../../ui/useResource';
import { LinkPanel } from './LinkPanel';
import { NewAccountForm } from './NewAccountForm';
import { StaffCard } from './StaffCard';

type Adding = 'none' | 'person' | 'integration';

/** Staff accounts: people and integrations; invite, change, disable, reset. */
export function StaffAdmin() {
  const { me } = useSession();
  const data = useResource(async () => {
    const [staff, places] = await Promise.all([staffAdmin.list(), locationsApi.list()]);
    return { staff, locations: places.items };
  }, []);
  const [adding, setAdding] = useState<Adding>('none');
  const [invited, setInvited] = useState<StaffWithLink | null>(null);
  const [added, setAdded] = useState<StaffMember | null>(null);

  if (data.loading && !data.data) return <p role="status">Loading staff accounts…</p>;
  if (!data.data) return <p role="alert">The staff accounts could not be loaded. Reload the page to try again.</p>;
  const { staff, locations } = data.data;

  const put = (member: StaffMember) => {
    const others = staff.filter((s) => s.id !== member.id);
    data.set({ locations, staff: [...others, member].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)) });
  };
  const start = (kind: Adding) => {
    setInvited(null);
    setAdded(null);
    setAdding(kind);
  };

  return (
    <div className="stack staff-admin">
      {adding === 'none' ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => start('person')}>
            Invite a person
          </button>
          <button type="button" onClick={() => start('integration')}>
            Add an integration
          </button>
        </div>
      ) : (
        <NewAccountForm
          kind={adding}
          locations={locations}
          onCancel={() => setAdding('none')}
          onDone={(done) => {
            setAdding('none');
            if (done.kind === 'person') {
              put(done.invited.staff);
              setInvited(done.invited);
            } else {
              put(done.added);
              setAdded(done.added);
            }
          }}
        />
      )}
      {invited ? <LinkPanel issued={invited} purpose="invite" onDone={() => setInvited(null)} /> : null}
      {added ? (
        <p role="status" className="link-panel">
          {added.name} is added. Make it a token under <Link href="/admin/tokens">API tokens</Link>.
        </p>
      ) : null}
      <h2 id="staff-list-heading">Accounts ({staff.length})</h2>
      <ul className="staff-list" aria-labelledby="staff-list-heading">
        {staff.map((s) => (
          <StaffCard key={s.id} staff={s} self={s.id === me.id} locations={locations} onChanged={put} />
        ))}
      </ul>
    </div>
  );
}
