/**
 * Threads of email, from the headers every mail program writes (RFC 5322): Message-ID,
 * In-Reply-To and References. Pure rules, no database.
 */

/** Longest Message-ID kept (a header line is at most 998 characters). */
const maxIdLength = 998;

/** The ids in a header, in order, without angle brackets: "<a@x> <b@y>" → ["a@x", "b@y"]. */
export function messageIdsIn(header: string | readonly string[] | null | undefined): string[] {
  if (header === null || header === undefined) return [];
  const text = typeof header === 'string' ? header : header.join(' ');
  const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  const ids = bracketed.length ? bracketed : text.split(/[\s,]+/).filter((s) => s.includes('@'));
  const out: string[] = [];
  for (const id of ids) {
    const bare = id.trim().slice(0, maxIdLength);
    if (bare && !out.includes(bare)) out.push(bare);
  }
  return out;
}

/** One id without angle brackets, or null when there is none. */
export const bareMessageId = (header: string | null | undefined): string | null => messageIdsIn(header)[0] ?? null;

export interface ThreadHeaders {
  messageId: string;
  inReplyTo: string | null;
  references: readonly string[];
}

/**
 * The thread a message belongs to, as far as its own headers know: the Message-ID of the thread's
 * first message, which is the first of References, else In-Reply-To, else its own id.
 */
export function threadIdOf(m: ThreadHeaders): string {
  return m.references[0] ?? m.inReplyTo ?? m.messageId;
}

/**
 * The messages this one answers, nearest first: In-Reply-To, then References from the newest back.
 * The first of them already logged for the customer gives its thread (and its case) to this one.
 */
export function parentIdsOf(m: ThreadHeaders): string[] {
  const ids = [m.inReplyTo, ...[...m.references].reverse()].filter((id): id is string => id !== null && id !== m.messageId);
  return [...new Set(ids)];
}

/** References as stored: space-separated ids, no brackets; null when there are none. */
export const referencesText = (ids: readonly string[]): string | null => (ids.length ? ids.join(' ') : null);

/** Stored references back to a list. */
export const referencesList = (stored: string | null): string[] => (stored ? stored.split(' ').filter(Boolean) : []);
