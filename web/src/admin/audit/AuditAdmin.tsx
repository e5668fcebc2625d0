import { useMemo, useState } from 'react';
import { auditTrail } from '../../api/endpoints';
import { useResource } from '../../ui/useResource';
import { AuditEntry } from './AuditEntry';
import { AuditFilters } from './AuditFilters';
import { datesReversed, isFiltered, noFilters, toQuery, type Filters } from './audit-filter';
import { useAuditTrail } from './useAuditTrail';

/** The whole audit trail, newest first: who changed what, when, on which customer, each in words. */
export function AuditAdmin() {
  const [filters, setFilters] = useState<Filters>(noFilters);
  const staff = useResource(() => auditTrail.staff(), []);
  const query = useMemo(() => (datesReversed(filters) ? null : toQuery(filters)), [filters]);
  const trail = useAuditTrail(query);

  return (
    <div className="stack audit-admin">
      <AuditFilters filters={filters} staff={staff.data ?? []} onChange={setFilters} />
      <section aria-labelledby="audit-entries-title">
        <h2 id="audit-entries-title">Entries, newest first</h2>
        {trail.items.length ? (
          <ol className="plain change-list" aria-labelledby="audit-entries-title">
            {trail.items.map((item) => (
              <AuditEntry key={item.id} item={item} />
            ))}
          </ol>
        ) : null}
        {trail.failed ? (
          <p className="form-error" role="alert">
            The audit trail could not be loaded.
          </p>
        ) : null}
        <p role="status" className="hint">
          {trail.loading ? 'Loading entries…' : trail.loaded && !trail.items.length ? (isFiltered(filters) ? 'No entries match these filters.' : 'Nothing has been recorded yet.') : ''}
        </p>
        {trail.nextCursor ? (
          <button type="button" onClick={trail.showOlder}>
            Show older entries
          </button>
        ) : null}
      </section>
    </div>
  );
}
