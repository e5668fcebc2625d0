import type { StaffKind } from '../platform/database/schema.js';

/**
 * Rules about staff accounts that need no database: integration handles, one-time links.
 *
 * The staff email column is NOT NULL UNIQUE, and SQLite cannot relax that without rebuilding the
 * staff table that nearly every other table references (migration 0005_staff_access). So an
 * integration, which has no email and never signs in, gets an internal handle there: unique (it
 * holds the account's id), not an email address (no "@", so no person's email can ever equal it),
 * never shown (presenters answer null) and never accepted at sign-in (which looks up people only).
 */
export const integrationHandle = (id: string): string => `integration:${id}`;

/** The email a person signs in with; integrations have none. */
export const presentedEmail = (row: { kind: StaffKind; email: string }): string | null => (row.kind === 'integration' ? null : row.email);

/** An invitation or reset link lasts seven days, and works once. */
export const linkLifetimeMs = 7 * 24 * 60 * 60 * 1000;

export const linkExpiry = (now: Date): string => new Date(now.getTime() + linkLifetimeMs).toISOString();

export const linkIsLive = (link: { expiresAt: string }, now: Date): boolean => now.getTime() < Date.parse(link.expiresAt);

/**
 * The link a person opens in the web app. The secret rides in the fragment, which browsers never send
 * to a server, so it stays out of access logs, proxies and Referer headers.
 */
export const welcomePath = (secret: string): string => `/welcome#token=${encodeURIComponent(secret)}`;

/** The same answer for a link that is unknown, used, expired or for an account that was disabled. */
export const deadLinkMessage = 'this link does not work: it may have been used already or be more than 7 days old. Ask an admin for a new one';
