import type { Role } from '../../api/types';
import { SelectField } from '../../ui/Field';
import { roles } from './staff-words';

export function RoleField({ value, onChange, error, disabled, hint }: { value: Role; onChange: (role: Role) => void; error?: string | undefined; disabled?: boolean; hint?: string }) {
  return (
    <SelectField
      label="Role"
      value={value}
      onChange={(e) => onChange(e.target.value as Role)}
      error={error}
      disabled={disabled ?? false}
      hint={hint ?? `${roles.find((r) => r.value === value)?.label}: ${roles.find((r) => r.value === value)?.hint}.`}
    >
      {roles.map((r) => (
        <option key={r.value} value={r.value}>
          {r.label}
        </option>
      ))}
    </SelectField>
  );
}
