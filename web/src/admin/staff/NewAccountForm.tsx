import { useEffect, useRef, useState, type FormEvent } from 'react';
import { staffAdmin } from '../../api/endpoints';
import type { Location, Role, StaffMember, StaffWithLink } from '../../api/types';
import { FormError, TextField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { useSubmit } from '../../ui/useSubmit';
import { LocationChoices, locationError } from './LocationChoices';
import { RoleField } from './RoleField';

type Done = { kind: 'person'; invited: StaffWithLink } | { kind: 'integration'; added: StaffMember };

/** Invite a person (they choose their own password through a link) or add an integration (no sign-in at all). */
export function NewAccountForm({ kind, locations, onDone, onCancel }: { kind: 'person' | 'integration'; locations: Location[]; onDone: (done: Done) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('frontline');
  const [locationIds, setLocationIds] = useState<string[]>([]);
  const { busy, fields, error, run } = useSubmit();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const person = kind === 'person';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const common = { name: name.trim(), role, locationIds };
    if (person) {
      const invited = await run(() => staffAdmin.invite({ ...common, email: email.trim() }));
      if (invited) onDone({ kind, invited });
    } else {
      const added = await run(() => staffAdmin.addIntegration(common));
      if (added) onDone({ kind, added });
    }
  };

  const title = person ? 'Invite a person' : 'Add an integration';
  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="new-account-heading">
      <h2 id="new-account-heading" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="hint">
        {person
          ? 'You get a link to pass on; with it they choose their own password within 7 days.'
          : 'A system such as a point of sale or phone system. It never signs in: it acts only through the API tokens you make for it, with this role and these locations.'}
      </p>
      <FormError error={error} />
      <TextField
        label={person ? 'Name' : 'Integration name'}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        autoComplete="off"
        error={fields.name}
        hint={person ? undefined : 'What the system is, e.g. “POS sync”'}
      />
      {person ? <TextField label="Email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" error={fields.email} hint="They sign in with it." /> : null}
      <RoleField value={role} onChange={setRole} error={fields.role} />
      <LocationChoices locations={locations} chosen={locationIds} onChange={setLocationIds} error={locationError(fields)} />
      <FormActions label={person ? 'Invite' : 'Add integration'} busy={busy} disabled={busy} onCancel={onCancel} />
    </form>
  );
}
