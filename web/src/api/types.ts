/**
 * The shapes the web app reads from /api/v1, taken from the server's own response schemas
 * (type-only imports: nothing of the server reaches the bundle). One source of truth: a field
 * the server stops sending is a type error here.
 */
import type { Static } from 'typebox';
import type { AuditItem } from '../../../src/audit/audit-schemas.js';
import type { Me as MeSchema } from '../../../src/auth/auth-schemas.js';
import type { BriefOut, BriefSection as BriefSectionSchema } from '../../../src/brief/brief-schemas.js';
import type { PartialDateOut } from '../../../src/common/schema.js';
import type {
  AddressInput,
  AddressOut,
  CustomerOut,
  CustomerPatch as CustomerPatchSchema,
  EmailOut,
  PhoneOut,
  RelationshipInput,
  RelationshipOut,
} from '../../../src/customers/customer-schemas.js';
import type { LifeEventCreate as LifeEventCreateSchema } from '../../../src/life-events/life-event-schemas.js';
import type { AuditQuery } from '../../../src/audit/audit-schemas.js';
import type { HolidayOut, LocationCreate as LocationCreateSchema, LocationOut, LocationPatch as LocationPatchSchema } from '../../../src/locations/location-schemas.js';
import type { StaffBrief as StaffBriefSchema } from '../../../src/staff/staff-schemas.js';
import type { SearchReason, SearchResult } from '../../../src/search/search-schemas.js';
import type { TimelineItem as TimelineItemSchema } from '../../../src/timeline/timeline-schemas.js';
import type {
  IntegrationCreate as IntegrationCreateSchema,
  StaffInvite as StaffInviteSchema,
  StaffOut,
  StaffPatch as StaffPatchSchema,
  StaffWithLink as StaffWithLinkSchema,
} from '../../../src/staff/staff-schemas.js';
import type { TokenCreate as TokenCreateSchema, TokenCreated as TokenCreatedSchema, TokenOut } from '../../../src/tokens/token-schemas.js';
import type { AccountOut, ItemInput, TransactionCreate as TransactionCreateSchema } from '../../../src/transactions/transaction-schemas.js';
import type { Role as ServerRole } from '../../../src/platform/auth/roles.js';
import type { ConsentOut, ConsentPut as ConsentPutSchema, DoNotContactPut as DoNotContactPutSchema } from '../../../src/consent/consent-schemas.js';
import type { PreferenceCreate as PreferenceCreateSchema, PreferenceOut, PreferencePatch as PreferencePatchSchema } from '../../../src/preferences/preference-schemas.js';
import type { RestoreOut, TrashContents as TrashContentsSchema, TrashEntryOut, TrashReceipt as TrashReceiptSchema, TrashSettings as TrashSettingsSchema } from '../../../src/trash/trash-schemas.js';
import type { ErasureOut, SubjectAccessOut } from '../../../src/data-rights/data-rights-schemas.js';
import type {
  FiguresReport as PromiseFiguresSchema,
  HandoverInput as PromiseHandoverSchema,
  LinkCreated as PromiseLinkCreatedSchema,
  PromiseCreate as PromiseCreateSchema,
  PromiseOut,
  PublicPromise as PublicPromiseSchema,
  RevisionCreate as PromiseRevisionCreateSchema,
  ToldInput as PromiseToldSchema,
} from '../../../src/promises/promise-schemas.js';
import type { CaseCreate as CaseCreateSchema, CaseDetail as CaseDetailSchema, CaseOut, CasePatch as CasePatchSchema, FiguresOut, TargetOut, TargetSet as TargetSetSchema, TargetsOut } from '../../../src/cases/case-schemas.js';
import type { InteractionOut } from '../../../src/interactions/interaction-schemas.js';
import type { DueItem as DueItemSchema, KeepInTouchOut, KeepInTouchPut as KeepInTouchPutSchema, WaitingItem as WaitingItemSchema } from '../../../src/contact-state/contact-state-schemas.js';
import type { TodayActionOut, TodayItemOut, TodayOut, TodaySectionOut } from '../../../src/today/today-schemas.js';
import type { NotificationOut, NotificationPage, ReadAllOut } from '../../../src/notifications/notification-schemas.js';
import type { DistinctIn, MergeIn, MergeOut, MergePreviewOut, MergeReceiptOut } from '../../../src/merges/merge-schemas.js';
import type { ImportOut, ImportStartQuery, ImportUndoOut, ProblemOut as ImportProblemOut } from '../../../src/imports/import-schemas.js';
import type { MayBeOut, SuspicionOut } from '../../../src/matching/duplicate-schemas.js';
import type { CustomerQualityOut, FindingOut, QualityCountsOut, QualityPageOut } from '../../../src/data-quality/quality-schemas.js';
import type {
  HandoffBannerOut as HandoffBannerSchema,
  HandoffCreate as HandoffCreateSchema,
  HandoffOut as HandoffOutSchema,
  HandoffReassign as HandoffReassignSchema,
  HeldCustomerOut as HeldCustomerSchema,
  ShiftOut as ShiftOutSchema,
} from '../../../src/handoffs/handoff-schemas.js';

export type Role = ServerRole;
export type Me = Static<typeof MeSchema>;
export type PartialDate = Static<typeof PartialDateOut>;
export type Phone = Static<typeof PhoneOut>;
export type Email = Static<typeof EmailOut>;
export type Address = Static<typeof AddressOut>;
export type Relationship = Static<typeof RelationshipOut>;
export type Customer = Static<typeof CustomerOut>;
export type CustomerPatch = Static<typeof CustomerPatchSchema>;
export type MatchReason = Static<typeof SearchReason>;
export type LookupResult = Static<typeof SearchResult>;
export type BriefSection = Static<typeof BriefSectionSchema>;
export type Brief = Static<typeof BriefOut>;
export type TimelineItem = Static<typeof TimelineItemSchema>;
export type Account = Static<typeof AccountOut>;
export type HistoryItem = Static<typeof AuditItem>;
export type AddressCreate = Static<typeof AddressInput>;
export type RelationshipCreate = Static<typeof RelationshipInput>;
export type TransactionCreate = Static<typeof TransactionCreateSchema>;
export type LineItem = Static<typeof ItemInput>;
export type LifeEventCreate = Static<typeof LifeEventCreateSchema>;
export type Location = Static<typeof LocationOut>;
export type LocationCreate = Static<typeof LocationCreateSchema>;
export type LocationPatch = Static<typeof LocationPatchSchema>;
export type Week = NonNullable<Location['openingHours']>;
export type Holiday = Static<typeof HolidayOut>;
/** The audit trail's filters (GET /audit), without the paging. */
export type AuditFilter = Omit<Static<typeof AuditQuery>, 'cursor' | 'limit'>;
/** What everyone may know of a colleague (admins get more; this is what the audit filter uses). */
export type StaffBrief = Static<typeof StaffBriefSchema>;
/** A staff account as admins see it (people and integrations). */
export type StaffMember = Static<typeof StaffOut>;
export type StaffInvite = Static<typeof StaffInviteSchema>;
export type StaffPatch = Static<typeof StaffPatchSchema>;
export type IntegrationCreate = Static<typeof IntegrationCreateSchema>;
/** An invitation or reset: the account and its one-time link. */
export type StaffWithLink = Static<typeof StaffWithLinkSchema>;
export type ApiToken = Static<typeof TokenOut>;
export type ApiTokenCreate = Static<typeof TokenCreateSchema>;
export type ApiTokenCreated = Static<typeof TokenCreatedSchema>;

/** A customer's consent: the four channels, do-not-contact, and what each kind of outbound contact meets. */
export type Consent = Static<typeof ConsentOut>;
export type ChannelConsent = Consent['channels'][number];
export type ConsentPut = Static<typeof ConsentPutSchema>;
export type DoNotContactPut = Static<typeof DoNotContactPutSchema>;
export type Provenance = Preference['provenance'];
export type Preference = Static<typeof PreferenceOut>;
export type PreferenceCreate = Static<typeof PreferenceCreateSchema>;
export type PreferencePatch = Static<typeof PreferencePatchSchema>;

/** The trash: what a delete answers, an entry, what comes back with it, and what a restore did. */
export type TrashReceipt = Static<typeof TrashReceiptSchema>;
export type TrashEntry = Static<typeof TrashEntryOut>;
export type TrashContents = Static<typeof TrashContentsSchema>;
export type RestoreResult = Static<typeof RestoreOut>;
export type TrashSettings = Static<typeof TrashSettingsSchema>;
/** A customer's rights: the copy of everything held about them, and the receipt of an erasure. */
export type SubjectAccess = Static<typeof SubjectAccessOut>;
export type Erasure = Static<typeof ErasureOut>;

/** Your notifications (reminders): one, a page of them with the unread count, and what "Mark all read" did. */
export type StaffNotification = Static<typeof NotificationOut>;
export type NotificationList = Static<typeof NotificationPage>;
export type NotificationsReadAll = Static<typeof ReadAllOut>;

/** Today, the staff member's home beside the lookup: figures (managers), then sections of items, each with one action. */
export type Today = Static<typeof TodayOut>;
export type TodaySection = Static<typeof TodaySectionOut>;
export type TodayItem = Static<typeof TodayItemOut>;
export type TodayAction = Static<typeof TodayActionOut>;

/** Waiting for an answer (one row per person), keep-in-touch due, and a customer's cadence. */
export type WaitingItem = Static<typeof WaitingItemSchema>;
export type DueItem = Static<typeof DueItemSchema>;
export type KeepInTouch = Static<typeof KeepInTouchOut>;
export type KeepInTouchPut = Static<typeof KeepInTouchPutSchema>;

/** Cases with their response targets in business hours (src/cases/), the targets per priority, and the figures. */
export type Case = Static<typeof CaseOut>;
export type CaseDetail = Static<typeof CaseDetailSchema>;
export type CaseTarget = Static<typeof TargetOut>;
export type CaseCreate = Static<typeof CaseCreateSchema>;
export type CasePatch = Static<typeof CasePatchSchema>;
export type CaseTargets = Static<typeof TargetsOut>;
export type TargetSet = Static<typeof TargetSetSchema>;
export type CaseFigures = Static<typeof FiguresOut>;
/** A logged contact (for linking one to a case's thread). */
export type Interaction = Static<typeof InteractionOut>;

/** Promises made to a customer (src/promises/): with their changes of date, hand-overs and customer links; the figures; the customer's own view. */
export type CustomerPromise = Static<typeof PromiseOut>;
export type PromiseRevision = CustomerPromise['revisions'][number];
export type PromiseLink = CustomerPromise['links'][number];
export type PromiseCreate = Static<typeof PromiseCreateSchema>;
export type PromiseRevisionCreate = Static<typeof PromiseRevisionCreateSchema>;
export type PromiseTold = Static<typeof PromiseToldSchema>;
export type PromiseHandover = Static<typeof PromiseHandoverSchema>;
export type PromiseLinkCreated = Static<typeof PromiseLinkCreatedSchema>;
export type PromiseFigures = Static<typeof PromiseFiguresSchema>;
export type PublicPromise = Static<typeof PublicPromiseSchema>;

/** Merging two records of one customer (src/merges/): the preview side by side, the request, its receipt, a merge as listed, "not the same person". */
export type MergePreview = Static<typeof MergePreviewOut>;
export type MergeChoices = MergePreview['choices'];
export type MergeField = keyof MergeChoices;
export type MergeSide = MergeChoices[MergeField];
export type MergeCreate = Static<typeof MergeIn>;
export type MergeReceipt = Static<typeof MergeReceiptOut>;
export type Merge = Static<typeof MergeOut>;
export type DistinctMark = Static<typeof DistinctIn>;

/** Imports from other systems (src/imports/): an import with its check and result, how a file is read, a row's problem, what an undo did. */
export type Import = Static<typeof ImportOut>;
export type ImportCounts = NonNullable<Import['check']>;
export type ImportStart = Static<typeof ImportStartQuery>;
export type ImportProblem = Static<typeof ImportProblemOut>;
export type ImportUndo = Static<typeof ImportUndoOut>;
/** The duplicates queue (src/matching/): a pair who may be one person, with the reasons. */
export type DuplicatePair = Static<typeof SuspicionOut>;
export type DuplicateReason = DuplicatePair['reasons'][number];
export type DuplicateSide = DuplicatePair['first'];
/** Someone who may be a customer, worked out on asking (GET /customers/{id}/duplicates). */
export type MayBe = Static<typeof MayBeOut>;

/** Data quality (src/data-quality/): what to fix on a customer, the counts per kind, a kind's customers. */
export type CustomerQuality = Static<typeof CustomerQualityOut>;
export type QualityFinding = Static<typeof FindingOut>;
export type QualityKind = QualityFinding['kind'];
export type QualityCounts = Static<typeof QualityCountsOut>;
export type QualityKindCount = QualityCounts['kinds'][number];
export type QualityPage = Static<typeof QualityPageOut>;
export type QualityItem = QualityPage['items'][number];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Hand-offs (src/handoffs/): one with its customers, the lines the reader may see, cases and promises; the shift view; what a hand-off of yours would carry; the brief's banner. */
export type Handoff = Static<typeof HandoffOutSchema>;
export type HandoffCustomer = Handoff['customers'][number];
export type HandoffCreate = Static<typeof HandoffCreateSchema>;
export type HandoffReassign = Static<typeof HandoffReassignSchema>;
export type HandoffShift = Static<typeof ShiftOutSchema>;
export type HeldCustomer = Static<typeof HeldCustomerSchema>;
export type HandoffBanner = Static<typeof HandoffBannerSchema>;
export type HandoffTopic = HandoffCustomer['notes'][number]['topic'];

/** Help first, fill in later (src/cases/urgent-schemas.ts): the urgent intake, case types and their fields, time to help. */
import type { CaseFieldOut, FieldValues as FieldValuesSchema } from '../../../src/cases/case-schemas.js';
import type { CaseTypeCreate as CaseTypeCreateSchema, CaseTypeOut, CaseTypePut as CaseTypePutSchema, FillInLaterPage as FillInLaterPageSchema, HelpReportOut, HelpReportQuery as HelpReportQuerySchema, UrgentCaseIn, UrgentCaseOut } from '../../../src/cases/urgent-schemas.js';
export type UrgentCaseCreate = Static<typeof UrgentCaseIn>;
export type UrgentCase = Static<typeof UrgentCaseOut>;
export type CaseField = Static<typeof CaseFieldOut>;
export type CaseFieldValues = Static<typeof FieldValuesSchema>;
export type CaseType = Static<typeof CaseTypeOut>;
export type CaseTypeCreate = Static<typeof CaseTypeCreateSchema>;
export type CaseTypePut = Static<typeof CaseTypePutSchema>;
export type HelpReport = Static<typeof HelpReportOut>;
export type HelpReportQuery = Static<typeof HelpReportQuerySchema>;
export type FillInLaterPage = Static<typeof FillInLaterPageSchema>;
export type FillInLaterItem = FillInLaterPage['items'][number];
/** A call ringing for the signed-in agent: the 'call.ringing' event of GET /api/v1/events (src/phone/). */
export type { RingingEventData as IncomingCall } from '../../../src/phone/phone-schemas.js';
