import { get, patch, post, query, request } from './client';
import type { Account, AddressCreate, Brief, Customer, CustomerPatch, HistoryItem, LookupResult, Me, Page, RelationshipCreate, TimelineItem } from './types';

export const auth = {
  setupNeeded: () => get<{ needed: boolean }>('/setup').then((r) => r.needed),
  setup: (body: { name: string; email: string; password: string }) => post<Me>('/setup', body),
  me: () => get<Me>('/auth/me', { expect401: true }),
  login: (body: { email: string; password: string }) => post<Me>('/auth/login', body, { expect401: true }),
  logout: () => request<void>('POST', '/auth/logout', undefined, { expect401: true }),
};

/** Ranked lookup: exact phone, email and id first, then names, then misspellings. */
export async function lookup(q: string, signal?: AbortSignal): Promise<LookupResult[]> {
  return (await get<{ items: LookupResult[] }>(`/search${query({ q, limit: 8 })}`, signal ? { signal } : {})).items;
}

export const customers = {
  create: (body: Record<string, unknown>) => post<Customer>('/customers', body),
  get: (id: string) => get<Customer>(`/customers/${id}`),
  update: (id: string, body: CustomerPatch) => patch<Customer>(`/customers/${id}`, body),
  addPhone: (id: string, number: string) => post<Customer>(`/customers/${id}/phones`, { number }),
  addEmail: (id: string, address: string) => post<Customer>(`/customers/${id}/emails`, { address }),
  addAddress: (id: string, body: AddressCreate) => post<Customer>(`/customers/${id}/addresses`, body),
  link: (id: string, body: RelationshipCreate) => post<Customer>(`/customers/${id}/relationships`, body),
  /** Who changed what, newest first; entries about private facts the caller may not see are left out by the server. */
  history: (id: string, cursor: string | null) => get<Page<HistoryItem>>(`/customers/${id}/history${query({ cursor, limit: 20 })}`),
  timeline: (id: string, kinds: string | null, cursor: string | null, signal?: AbortSignal) =>
    get<Page<TimelineItem>>(`/customers/${id}/timeline${query({ kinds, cursor, limit: 20 })}`, signal ? { signal } : {}),
  brief: (id: string) => get<Brief>(`/customers/${id}/brief`),
  account: (id: string) => get<Account>(`/customers/${id}/account`),
};

/** Quick logging: each body carries customerId. */
export type LogKind = 'interactions' | 'transactions' | 'life-events' | 'projects' | 'notes';
export const log = (kind: LogKind, body: Record<string, unknown>) => post<{ id: string }>(`/${kind}`, body);
