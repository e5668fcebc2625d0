import type { Actor } from '../platform/auth/actor.js';
import { canSeeFact } from '../platform/auth/private-facts.js';
import type { AuditDiff } from './audit-diff.js';

/**
 * Who may read which audit entries of a customer. Notes and life events may be private; their
 * audit rows carry what they said, so an entry about a fact is shown only to those who may see
 * the fact. A fact counts as private if it is private now or ever was (an older "before" would
 * otherwise show what a private note said), and its author is taken from the row or its creation.
 */
export const factEntityTypes: ReadonlySet<string> = new Set(['note', 'life_event']);

export interface FactFacts {
  sensitivity: 'normal' | 'private';
  createdBy: string | null;
}

export const parseDiff = (diff: string | null): AuditDiff | null => (diff ? (JSON.parse(diff) as AuditDiff) : null);

const snapshots = (diff: AuditDiff | null) => [diff?.before, diff?.after].filter((s): s is Record<string, unknown> => s !== undefined);

/** Whether an audit entry is about a fact that may be private: by its type, or because its diff speaks of sensitivity. */
export const isFactEntry = (entry: { entityType: string; diff: AuditDiff | null }): boolean =>
  factEntityTypes.has(entry.entityType) || snapshots(entry.diff).some((s) => 'sensitivity' in s);

/** What the trail (and the row, if it still exists) says about one fact. */
export function factFromTrail(diffs: (AuditDiff | null)[], current: FactFacts | undefined): FactFacts {
  const all = diffs.flatMap(snapshots);
  const everPrivate = current?.sensitivity === 'private' || all.some((s) => s.sensitivity === 'private');
  const author = current?.createdBy ?? all.map((s) => s.createdBy).find((v): v is string => typeof v === 'string') ?? null;
  return { sensitivity: everPrivate ? 'private' : 'normal', createdBy: author };
}

export const mayReadFactEntry = (actor: Actor, fact: FactFacts, customer: { locationId: string | null }): boolean =>
  canSeeFact(actor, fact, customer);
