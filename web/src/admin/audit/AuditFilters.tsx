import type { StaffBrief } from '../../api/types';
import { actionLabels, entityTypeLabels } from '../../history/words';
import { CustomerPicker } from '../../lookup/CustomerPicker';
import { SelectField, TextField } from '../../ui/Field';
import { datesReversed, isFiltered, noFilters, type Filters } from './audit-filter';

interface Props {
  filters: Filters;
  staff: StaffBrief[];
  onChange: (filters: Filters) => void;
}

/** Who, what, when and which customer; each change applies at once. */
export function AuditFilters({ filters, staff, onChange }: Props) {
  const set = (change: Partial<Filters>) => onChange({ ...filters, ...change });
  return (
    <form role="search" aria-label="Filter the audit trail" className="audit-filters card" onSubmit={(e) => e.preventDefault()}>
      <div className="row">
        <SelectField label="Who" value={filters.staffId} onChange={(e) => set({ staffId: e.target.value })}>
          <option value="">Anyone</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.active ? '' : ' (disabled)'}
            </option>
          ))}
        </SelectField>
        <SelectField label="What" value={filters.entityType} onChange={(e) => set({ entityType: e.target.value })}>
          <option value="">Anything</option>
          {Object.entries(entityTypeLabels).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Action" value={filters.action} onChange={(e) => set({ action: e.target.value })}>
          <option value="">Any action</option>
          {Object.entries(actionLabels).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="row dates">
        <TextField label="From" type="date" value={filters.from} max={filters.to || undefined} onChange={(e) => set({ from: e.target.value })} />
        <TextField
          label="To"
          type="date"
          value={filters.to}
          min={filters.from || undefined}
          error={datesReversed(filters) ? 'is before From' : undefined}
          onChange={(e) => set({ to: e.target.value })}
        />
      </div>
      {filters.customer ? (
        <p className="picked-customer">
          Customer: <strong>{filters.customer.name}</strong>{' '}
          <button type="button" className="quiet small" onClick={() => set({ customer: null })}>
            Any customer
          </button>
        </p>
      ) : (
        <CustomerPicker
          label="Customer"
          listLabel="Customers"
          autoFocus={false}
          onPick={(result) => set({ customer: { id: result.id, name: result.displayName } })}
        />
      )}
      {isFiltered(filters) ? (
        <button type="button" className="quiet small" onClick={() => onChange(noFilters)}>
          Clear all filters
        </button>
      ) : null}
    </form>
  );
}
