import { useState, type FormEvent } from 'react';
import { staffAdmin } from '../../api/endpoints';
import type { Location, Role, StaffMember } from '../../api/types';
import { FormError, TextField } from '../../ui/Field';
import { FormActions } from '../../ui/FormActions';
import { useSubmit } from '../../ui/useSubmit';
import { LocationChoices, locationError } from './LocationChoices';
import { RoleField } from './RoleField';

/** Role, locations and phone extension, saved together in one change (all or nothing). */
export function AccessForm({ staff, self, locations, onSaved, onCancel }: { staff: StaffMember; self: boolean; locations: Location[]; onSaved: (staff: StaffMember) => void; onCancel: () => void }) {
  const [role, setRole] = useState<Role>(staff.role);
  const [locationIds, setLocationIds] = useState(staff.locationIds);
  const [extension, setExtension] = useState(staff.phoneExtension ?? '');
  const { busy, fields, error, run } = useSubmit();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await run(() => staffAdmin.update(staff.id, { ...(self ? {} : { role }), locationIds, phoneExtension: extension.trim() || null }));
    if (saved) onSaved(saved);
  };

  return (
    <form className="stack access-form" onSubmit={submit} noValidate aria-label={`Role and locations of ${staff.name}`}>
      <FormError error={error} />
      <RoleField value={role} onChange={setRole} error={fields.role} disabled={self} {...(self ? { hint: 'You cannot change your own role: ask another admin.' } : {})} />
      <LocationChoices locations={locations} chosen={locationIds} onChange={setLocationIds} error={locationError(fields)} />
      <TextField
        label="Phone extension"
        value={extension}
        onChange={(e) => setExtension(e.target.value)}
        error={fields.phoneExtension}
        hint="What the phone system calls them (214, or a user name): calls to it show the caller on their screen. Leave empty for none."
        autoComplete="off"
        inputMode="text"
      />
      <FormActions label="Save" busy={busy} disabled={busy} onCancel={onCancel} />
    </form>
  );
}
