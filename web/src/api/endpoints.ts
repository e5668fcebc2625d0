import { get, patch, post, query, request } from './client';
import type { Account, AddressCreate, Brief, Customer, CustomerPatch, HistoryItem, LookupResult, Me, Page, RelationshipCreate, TimelineItem } from './types';
import type { AuditFilter, Location, LocationCreate, LocationPatch, StaffBrief } from './types';
import type { ApiToken, ApiTokenCreate, ApiTokenCreated, IntegrationCreate, StaffInvite, StaffMember, StaffPatch, StaffWithLink } from './types';
import type { ChannelConsent, Consent, ConsentPut, DoNotContactPut, Preference, PreferenceCreate, PreferencePatch } from './types';
import type { Erasure, RestoreResult, SubjectAccess, TrashContents, TrashEntry, TrashReceipt, TrashSettings } from './types';
import type { CustomerPromise, PromiseCreate, PromiseFigures, PromiseHandover, PromiseLinkCreated, PromiseRevisionCreate, PromiseTold, PublicPromise } from './types';
import type { DueItem, KeepInTouch, KeepInTouchPut, WaitingItem } from './types';
import type { Today, TodayAction } from './types';
import type { NotificationList, NotificationsReadAll, StaffNotification } from './types';
import type { Case, CaseCreate, CaseDetail, CaseFigures, CasePatch, CaseTargets, Interaction, TargetSet } from './types';
import type { CaseFieldValues, CaseType, CaseTypeCreate, CaseTypePut, FillInLaterPage, HelpReport, HelpReportQuery, UrgentCase, UrgentCaseCreate } from './types';
import type { DistinctMark, Merge, MergeCreate, MergePreview, MergeReceipt } from './types';
import type { DuplicatePair, Import, ImportProblem, ImportStart, MayBe } from './types';
import type { CustomerQuality, QualityCounts, QualityKind, QualityPage } from './types';
import type { Handoff, HandoffCreate, HandoffReassign, HandoffShift, HeldCustomer } from './types';

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

/** Locations with their calendar (time zone, weekly hours, holidays); admins change them. */
export const locations = {
  list: () => get<Page<Location>>('/locations?limit=200'),
  create: (body: LocationCreate) => post<Location>('/locations', body),
  update: (id: string, body: LocationPatch) => patch<Location>(`/locations/${id}`, body),
};

/** The whole audit trail (admins), newest first, and who may appear in it. */
export const auditTrail = {
  list: (filter: AuditFilter, cursor: string | null) => get<Page<HistoryItem>>(`/audit${query({ ...filter, cursor, limit: 25 })}`),
  /** Every staff account, a page at a time until the end. */
  async staff(): Promise<StaffBrief[]> {
    const all: StaffBrief[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<StaffBrief> = await get<Page<StaffBrief>>(`/staff${query({ cursor, limit: 200 })}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  },
};

/** Everything of a paged list, a page at a time until the end. */
async function everyPage<T>(path: string): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await get<Page<T>>(`${path}${query({ cursor, limit: 200 })}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Staff accounts (admins): people and integrations; invitations and resets answer a one-time link. */
export const staffAdmin = {
  list: () => everyPage<StaffMember>('/staff'),
  invite: (body: StaffInvite) => post<StaffWithLink>('/staff/invitations', body),
  addIntegration: (body: IntegrationCreate) => post<StaffMember>('/staff/integrations', body),
  update: (id: string, body: StaffPatch) => patch<StaffMember>(`/staff/${id}`, body),
  resetPassword: (id: string) => post<StaffWithLink>(`/staff/${id}/password-reset`, {}),
  /** Public: choose a password with a one-time link, and be signed in. */
  acceptLink: (body: { token: string; password: string }) => post<Me>('/auth/accept-link', body, { expect401: true }),
};

/** API tokens (admins): the secret is in the answer to create only. */
export const tokens = {
  list: () => everyPage<ApiToken>('/tokens'),
  create: (body: ApiTokenCreate) => post<ApiTokenCreated>('/tokens', body),
  revoke: (id: string) => request<void>('DELETE', `/tokens/${id}`),
};

/** A customer's consent; every change answers the whole consent as it is now. */
export const consent = {
  get: (customerId: string) => get<Consent>(`/customers/${customerId}/consent`),
  set: (customerId: string, channel: ChannelConsent['channel'], body: ConsentPut) => request<Consent>('PUT', `/customers/${customerId}/consent/${channel}`, body),
  doNotContact: (customerId: string, body: DoNotContactPut) => request<Consent>('PUT', `/customers/${customerId}/do-not-contact`, body),
  liftDoNotContact: (customerId: string) => request<Consent>('DELETE', `/customers/${customerId}/do-not-contact`),
};

/** What a customer prefers; removing one sends it to the trash (managers). */
export const preferences = {
  /** The first 200, oldest first: far more than anyone keeps about one person. */
  list: (customerId: string) => get<Page<Preference>>(`/preferences${query({ customerId, limit: 200 })}`).then((page) => page.items),
  create: (body: PreferenceCreate) => post<Preference>('/preferences', body),
  update: (id: string, body: PreferencePatch) => patch<Preference>(`/preferences/${id}`, body),
  remove: (id: string) => request<unknown>('DELETE', `/preferences/${id}`),
};

/** Deleting moves a record, with everything that hung from it, to the trash (managers; a customer: admins). */
export type DeletableKind = 'notes' | 'interactions' | 'transactions' | 'life-events' | 'projects';
export type CustomerPart = 'phones' | 'emails' | 'addresses' | 'relationships';
export const deleting = {
  record: (kind: DeletableKind, id: string) => request<TrashReceipt>('DELETE', `/${kind}/${id}`),
  customer: (id: string) => request<TrashReceipt>('DELETE', `/customers/${id}`),
  /** A phone, email, address or link: answers the customer as it is now. */
  customerPart: (customerId: string, part: CustomerPart, itemId: string) => request<Customer>('DELETE', `/customers/${customerId}/${part}/${itemId}`),
};

/** The trash (managers): newest first; restoring puts a record back exactly as it was. */
export const trash = {
  list: (filter: { entityType?: string | null; customerId?: string | null; entityId?: string | null }, cursor: string | null, limit = 25) =>
    get<Page<TrashEntry>>(`/trash${query({ ...filter, cursor, limit })}`),
  get: (id: string) => get<TrashContents>(`/trash/${id}`),
  restore: (id: string) => post<RestoreResult>(`/trash/${id}/restore`, {}),
  settings: () => get<TrashSettings>('/trash/settings'),
  setSettings: (body: TrashSettings) => request<TrashSettings>('PUT', '/trash/settings', body),
};

/** A customer's rights: a copy of everything held about them (JSON, or a readable page), and erasure (admins). */
export const dataRights = {
  copy: (customerId: string) => get<SubjectAccess>(`/customers/${customerId}/subject-access`),
  /** Served with the session cookie, so a plain link opens it. */
  pageUrl: (customerId: string) => `/api/v1/customers/${customerId}/subject-access?format=html`,
  erase: (customerId: string, reason: string) => post<Erasure>(`/customers/${customerId}/erase`, { reason }),
};

/**
 * Customers as files: a spreadsheet (CSV, which the import reads back), contact cards (vCard 4.0) or
 * JSON lines. One customer: any staff member; every customer: admins (streamed). Served with the
 * session cookie as attachments, so a plain link downloads them.
 */
export type ExportFormat = 'csv' | 'vcard' | 'jsonl';
export const customerFiles = {
  oneUrl: (customerId: string, format: ExportFormat) => `/api/v1/customers/${customerId}/export${query({ format })}`,
  everyUrl: (format: ExportFormat) => `/api/v1/customers/export${query({ format })}`,
};

/** Your notifications (reminders), newest first with the unread count; opening one marks it read. */
export const notifications = {
  list: (limit = 20, cursor: string | null = null) => get<NotificationList>(`/notifications${query({ limit, cursor })}`),
  read: (id: string) => post<StaffNotification>(`/notifications/${id}/read`, {}),
  readAll: () => post<NotificationsReadAll>('/notifications/read-all', {}),
};

/** Today: what needs the signed-in staff member, and the one action of an item (the API call it names). */
export const today = {
  get: () => get<Today>('/today'),
  act: (action: TodayAction) => request<unknown>(action.method, action.path, action.body),
};

/** Customers waiting for an answer, keep-in-touch due, and a customer's cadence (src/contact-state/). */
export const contactState = {
  waiting: (locationId: string | null, cursor: string | null) => get<Page<WaitingItem>>(`/waiting${query({ locationId, cursor, limit: 25 })}`),
  due: (view: 'mine' | 'team', locationId: string | null, cursor: string | null) => get<Page<DueItem>>(`/keep-in-touch/due${query({ view, locationId, cursor, limit: 25 })}`),
  keepInTouch: (customerId: string) => get<KeepInTouch>(`/customers/${customerId}/keep-in-touch`),
  setKeepInTouch: (customerId: string, body: KeepInTouchPut) => request<KeepInTouch>('PUT', `/customers/${customerId}/keep-in-touch`, body),
  stopKeepingInTouch: (customerId: string) => request<KeepInTouch>('DELETE', `/customers/${customerId}/keep-in-touch`),
};

/** Cases and their response targets; a case's thread is the customer's contacts linked to it. */
export const cases = {
  list: (filter: { customerId?: string; ownerId?: string; escalatedTo?: string; open?: boolean; attention?: 'breached' | 'near' }, cursor: string | null = null, limit = 50) =>
    get<Page<Case>>(`/cases${query({ ...filter, open: filter.open === undefined ? null : String(filter.open), cursor, limit })}`),
  get: (id: string) => get<CaseDetail>(`/cases/${id}`),
  create: (body: CaseCreate) => post<CaseDetail>('/cases', body),
  update: (id: string, body: CasePatch) => patch<CaseDetail>(`/cases/${id}`, body),
  escalate: (id: string, body: { managerId: string; reason: string }) => post<CaseDetail>(`/cases/${id}/escalate`, body),
  link: (id: string, interactionId: string) => post<CaseDetail>(`/cases/${id}/thread`, { interactionId }),
  unlink: (id: string, interactionId: string) => request<CaseDetail>('DELETE', `/cases/${id}/thread/${interactionId}`),
  apologise: (id: string, note: string | null) => post<CaseDetail>(`/cases/${id}/apologies`, { note }),
  remove: (id: string) => request<TrashReceipt>('DELETE', `/cases/${id}`),
  /** The customer's latest contacts, to link one to a case. */
  contacts: (customerId: string) => get<Page<Interaction>>(`/interactions${query({ customerId, limit: 30 })}`).then((p) => p.items),
  figures: () => get<CaseFigures>('/cases/figures'),
  targets: () => get<CaseTargets>('/case-targets'),
  setTargets: (items: TargetSet[]) => request<CaseTargets>('PUT', '/case-targets', { items }),
};

/** Promises made to a customer: make, change the date (and say whether they were told), keep, break, cancel, hand over; managers delete. */
export const promises = {
  /** A customer's promises by due date (the first 200: far more than anyone is owed). */
  list: (customerId: string) => get<Page<CustomerPromise>>(`/promises${query({ customerId, limit: 200 })}`).then((page) => page.items),
  create: (body: PromiseCreate) => post<CustomerPromise>('/promises', body),
  revise: (id: string, body: PromiseRevisionCreate) => post<CustomerPromise>(`/promises/${id}/revisions`, body),
  told: (id: string, body: PromiseTold) => post<CustomerPromise>(`/promises/${id}/told`, body),
  keep: (id: string) => post<CustomerPromise>(`/promises/${id}/keep`, {}),
  close: (id: string, how: 'break' | 'cancel', reason: string) => post<CustomerPromise>(`/promises/${id}/${how}`, { reason }),
  handOver: (id: string, body: PromiseHandover) => post<CustomerPromise>(`/promises/${id}/handovers`, body),
  remove: (id: string) => request<TrashReceipt>('DELETE', `/promises/${id}`),
  /** On-time rates and slips of one customer's promises. */
  figures: (customerId: string) => get<PromiseFigures>(`/promises/figures${query({ customerId, by: 'customer' })}`),
  link: (id: string) => post<PromiseLinkCreated>(`/promises/${id}/links`, {}),
  revokeLink: (id: string, linkId: string) => post<CustomerPromise>(`/promises/${id}/links/${linkId}/revoke`, {}),
  /** Public: the customer's own view of their promise, from the token in their link. */
  open: (token: string) => post<PublicPromise>('/promise-links/open', { token }, { expect401: true }),
};

/** Two records of one customer: the preview side by side, the merge into the customer whose id stays, its undo, "not the same person" (managers merge). */
export const merges = {
  preview: (id: string, otherId: string) => get<MergePreview>(`/customers/${id}/merge-preview${query({ with: otherId })}`),
  merge: (id: string, body: MergeCreate) => post<MergeReceipt>(`/customers/${id}/merge`, body),
  undo: (mergeId: string) => post<MergeReceipt>(`/merges/${mergeId}/undo`, {}),
  /** Records merged into this customer, or this record merged away, newest first. */
  list: (id: string) => get<{ items: Merge[] }>(`/customers/${id}/merges`).then((r) => r.items),
  distinct: (id: string, body: DistinctMark) => request<void>('POST', `/customers/${id}/distinct`, body),
};

/**
 * Imports from other systems (managers and admins): the file goes up as the request's body itself (not
 * JSON), and is checked in the background; then committed (imported in the background) or undone (in the background too).
 */
export const imports = {
  upload: (file: ArrayBuffer, contentType: string, params: ImportStart) => request<Import>('POST', `/imports${query({ ...params })}`, undefined, { file: { bytes: file, contentType } }),
  get: (id: string) => get<Import>(`/imports/${id}`),
  list: (cursor: string | null, limit = 20) => get<Page<Import>>(`/imports${query({ cursor, limit })}`),
  problems: (id: string, cursor: string | null, limit = 10) => get<Page<ImportProblem>>(`/imports/${id}/problems${query({ cursor, limit })}`),
  commit: (id: string) => post<Import>(`/imports/${id}/commit`, {}),
  undo: (id: string) => post<Import>(`/imports/${id}/undo`, {}),
};

/** The duplicates queue (managers): pairs who may be one person, most likely first; merge them, or say they are two people (merges.distinct). */
export const duplicates = {
  list: (cursor: string | null, limit = 20, customerId?: string) => get<Page<DuplicatePair> & { total: number }>(`/duplicates${query({ cursor, limit, customerId })}`),
  /** Who else may be this customer now, with the reasons (worked out on asking, queued or not). */
  of: (customerId: string) => get<{ items: MayBe[] }>(`/customers/${customerId}/duplicates`).then((r) => r.items),
};

/** Data quality: what to fix on one customer; for managers, the counts per kind and a kind's customers page by page. */
export const dataQuality = {
  customer: (id: string) => get<CustomerQuality>(`/customers/${id}/quality`),
  counts: () => get<QualityCounts>('/data-quality'),
  page: (kind: QualityKind, cursor: string | null, limit = 25) => get<QualityPage>(`/data-quality${query({ kind, cursor, limit })}`),
  /** "Still right": saving an email, phone or address as it is records that it was confirmed (and when). */
  confirm: (customerId: string, part: 'emails' | 'phones' | 'addresses', itemId: string) => patch<Customer>(`/customers/${customerId}/${part}/${itemId}`, {}),
};

/** Hand-offs: write one, yours incoming / outgoing / accepted (a page at a time), accept, withdraw, mark read (the brief's banner), and for managers the shift view and reassigning. */
export const handoffs = {
  list: (box: 'incoming' | 'outgoing' | 'accepted', cursor: string | null = null) => get<Page<Handoff>>(`/handoffs${query({ box, limit: 50, cursor })}`),
  get: (id: string) => get<Handoff>(`/handoffs/${id}`),
  create: (body: HandoffCreate) => post<Handoff>('/handoffs', body),
  accept: (id: string) => post<Handoff>(`/handoffs/${id}/accept`, {}),
  read: (id: string, customerId: string) => post<Handoff>(`/handoffs/${id}/read`, { customerId }),
  reassign: (id: string, body: HandoffReassign) => post<Handoff>(`/handoffs/${id}/reassign`, body),
  withdraw: (id: string) => post<Handoff>(`/handoffs/${id}/withdraw`, {}),
  held: () => get<{ items: HeldCustomer[] }>('/handoffs/held-customers').then((r) => r.items),
  shift: (locationId: string | null, pages: { cursor?: string | null; acceptedCursor?: string | null } = {}) =>
    get<HandoffShift>(`/handoffs/shift${query({ locationId, limit: 50, cursor: pages.cursor ?? null, acceptedCursor: pages.acceptedCursor ?? null })}`),
};

/** Help first, fill in later (issue 11): the urgent intake, help dispatched and given, fields filled in later, case types, time to help. */
export const urgent = {
  open: (body: UrgentCaseCreate) => post<UrgentCase>('/urgent-cases', body),
  dispatched: (id: string) => post<CaseDetail>(`/cases/${id}/help-dispatched`, {}),
  given: (id: string) => post<CaseDetail>(`/cases/${id}/help-given`, {}),
  fill: (id: string, fields: CaseFieldValues) => patch<CaseDetail>(`/cases/${id}/fields`, { fields }),
  types: () => get<{ items: CaseType[] }>('/case-types').then((r) => r.items),
  addType: (body: CaseTypeCreate) => post<{ items: CaseType[] }>('/case-types', body).then((r) => r.items),
  saveType: (key: string, body: CaseTypePut) => request<{ items: CaseType[] }>('PUT', `/case-types/${key}`, body).then((r) => r.items),
  archiveType: (key: string, archived: boolean) => post<{ items: CaseType[] }>(`/case-types/${key}/${archived ? 'archive' : 'restore'}`, {}).then((r) => r.items),
  fillInLater: (scope: 'mine' | 'locations', cursor: string | null) => get<FillInLaterPage>(`/cases/fill-in-later${query({ scope, cursor, limit: 50 })}`),
  report: (params: HelpReportQuery) => get<HelpReport>(`/cases/help-report${query({ ...params })}`),
};
