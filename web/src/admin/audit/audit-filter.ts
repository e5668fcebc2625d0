import type { AuditFilter } from '../../api/types';

/** The audit screen's filters as the person sets them, and as the API takes them. */
export interface Filters {
  staffId: string;
  entityType: string;
  action: string;
  /** Local dates YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  customer: { id: string; name: string } | null;
}

export const noFilters: Filters = { staffId: '', entityType: '', action: '', from: '', to: '', customer: null };

const startOfLocalDay = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!);
};

/** From the start of the "from" day to the end of the "to" day, in this browser's time zone. */
export function toQuery(filters: Filters): AuditFilter {
  const query: AuditFilter = {};
  if (filters.staffId) query.staffId = filters.staffId;
  if (filters.entityType) query.entityType = filters.entityType;
  if (filters.action) query.action = filters.action;
  if (filters.customer) query.customerId = filters.customer.id;
  if (filters.from) query.from = startOfLocalDay(filters.from).toISOString();
  if (filters.to) {
    const end = startOfLocalDay(filters.to);
    end.setDate(end.getDate() + 1);
    query.to = new Date(end.getTime() - 1).toISOString();
  }
  return query;
}

export const isFiltered = (filters: Filters) => JSON.stringify(filters) !== JSON.stringify(noFilters);
export const datesReversed = (filters: Filters) => Boolean(filters.from && filters.to && filters.from > filters.to);
