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
import type { SearchReason, SearchResult } from '../../../src/search/search-schemas.js';
import type { TimelineItem as TimelineItemSchema } from '../../../src/timeline/timeline-schemas.js';
import type { AccountOut, ItemInput, TransactionCreate as TransactionCreateSchema } from '../../../src/transactions/transaction-schemas.js';
import type { Role as ServerRole } from '../../../src/platform/auth/roles.js';

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

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
