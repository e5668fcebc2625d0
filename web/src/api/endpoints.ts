import { get, isNotFound, patch, post, query, request } from './client';
import type { Account, Brief, Customer, CustomerPatch, LookupResult, Me, Page, TimelineItem } from './types';

export const auth = {
  setupNeeded: () => get<{ needed: boolean }>('/setup').then((r) => r.needed),
  setup: (body: { name: string; email: string; password: string }) => post<Me>('/setup', body),
  me: () => get<Me>('/auth/me', { expect401: true }),
  login: (body: { email: string; password: string }) => post<Me>('/auth/login', body, { expect401: true }),
  logout: () => request<void>('POST', '/auth/logout', undefined, { expect401: true }),
};

interface CustomerSummary {
  id: string;
  kind: 'person' | 'organization';
  displayName: string;
  preferredName: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
}

/**
 * Ranked lookup. Falls back to the plain customer listing only while /search does not exist (404);
 * delete the fallback once every server has /search.
 */
export async function lookup(q: string, signal?: AbortSignal): Promise<LookupResult[]> {
  try {
    return (await get<Page<LookupResult>>(`/search${query({ q, limit: 8 })}`, signal ? { signal } : {})).items;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const page = await get<Page<CustomerSummary>>(`/customers${query({ q, limit: 8 })}`, signal ? { signal } : {});
  return page.items.map((c) => ({ ...c, organization: null, lastInteractionAt: null, reasons: [] }));
}

export const customers = {
  create: (body: Record<string, unknown>) => post<Customer>('/customers', body),
  get: (id: string) => get<Customer>(`/customers/${id}`),
  update: (id: string, body: CustomerPatch) => patch<Customer>(`/customers/${id}`, body),
  addPhone: (id: string, number: string) => post<Customer>(`/customers/${id}/phones`, { number }),
  addEmail: (id: string, address: string) => post<Customer>(`/customers/${id}/emails`, { address }),
  timeline: (id: string, kinds: string | null, cursor: string | null, signal?: AbortSignal) =>
    get<Page<TimelineItem>>(`/customers/${id}/timeline${query({ kinds, cursor, limit: 20 })}`, signal ? { signal } : {}),
  /** Null while the server has no such endpoint. */
  brief: (id: string) => optional(get<Brief>(`/customers/${id}/brief`)),
  account: (id: string) => optional(get<Account>(`/customers/${id}/account`)),
};

async function optional<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** Quick logging: each body carries customerId. */
export type LogKind = 'interactions' | 'transactions' | 'life-events' | 'projects' | 'notes';
export const log = (kind: LogKind, body: Record<string, unknown>) => post<{ id: string }>(`/${kind}`, body);
