import type { ImportStatus } from '../platform/database/schema.js';

/**
 * What an import's undo decides, pure (the undo itself is import-undo.ts): where an import stands as
 * the API says it, the order the writes are undone in, where a stopped undo goes on, and which filled
 * fields go back to what they were.
 *
 * The imports table keeps no status of its own for an undo under way (its check constraint, migration
 * 0015, allows none): an undo that was asked for and has not finished is status 'undone' with
 * `undoneAt` still empty, and its progress is `processedRows` of `totalRows` (the writes to undo).
 * Its counts and where it has got to are kept beside the import's counts, under `undo`.
 */

export type ImportState = ImportStatus | 'undoing';

/** An undo asked for and not yet finished (undone_at is set when it finishes). */
export const isUndoing = (row: { status: ImportStatus; undoneAt: string | null }): boolean => row.status === 'undone' && row.undoneAt === null;

export const stateOf = (row: { status: ImportStatus; undoneAt: string | null }): ImportState => (isUndoing(row) ? 'undoing' : row.status);

/**
 * The order of an undo: the customers the import created first (each takes everything recorded
 * about them to the trash with it, so that restoring them brings it all back), then what it added to
 * customers already there, then the fields it filled in; each newest first.
 */
export const undoPhases = ['customers', 'added', 'filled'] as const;
export type UndoPhase = (typeof undoPhases)[number];

export interface UndoCounts {
  /** Records moved to the trash. */
  trashed: number;
  /** Fields filled in by the import emptied again. */
  cleared: number;
}

/** How far an undo has got: its phase, the last write done in it (by seq, going down), and its counts so far. */
export interface UndoState extends UndoCounts {
  phase: UndoPhase;
  lastSeq: number | null;
}

export const undoStart: UndoState = { phase: 'customers', lastSeq: null, trashed: 0, cleared: 0 };

/** The phase after this one, or null after the last. */
export function nextPhase(phase: UndoPhase): UndoPhase | null {
  return undoPhases[undoPhases.indexOf(phase) + 1] ?? null;
}

type Json = Record<string, unknown>;
const objectOf = (text: string | null): Json | null => {
  if (!text) return null;
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
};
const count = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0);

/** The undo's state kept in the import's counts (import_counts), or null when no undo was asked for. */
export function undoStateOf(importCounts: string | null): UndoState | null {
  const undo = objectOf(importCounts)?.undo;
  if (typeof undo !== 'object' || undo === null) return null;
  const u = undo as Json;
  const phase = undoPhases.find((p) => p === u.phase) ?? 'customers';
  return { phase, lastSeq: typeof u.lastSeq === 'number' ? u.lastSeq : null, trashed: count(u.trashed), cleared: count(u.cleared) };
}

/** The import's counts (what the import did), without the undo's state. */
export function importResultOf(importCounts: string | null): Json | null {
  const counts = objectOf(importCounts);
  if (!counts || !('records' in counts)) return null;
  const { undo: _undo, ...result } = counts;
  return result;
}

/** The import's counts with the undo's state beside them. */
export function withUndoState(importCounts: string | null, state: UndoState): string {
  return JSON.stringify({ ...(objectOf(importCounts) ?? {}), undo: state });
}

/** Whether two JSON values are the same, whatever the order of their keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a).filter((k) => (a as Json)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Json)[k] !== undefined);
  // The same keys on both sides: {"a": null} is not {"b": false}, though a missing "a" reads as null.
  const inB = new Set(kb);
  return ka.length === kb.length && ka.every((k) => inB.has(k) && sameValue((a as Json)[k], (b as Json)[k]));
}

/**
 * The fields to put back after an import filled them: each field the import set (`after`) that still
 * holds what the import wrote goes back to what it held before (`before`); a field someone changed
 * since is left as it is.
 */
export function revertPatch(current: Json, before: Json, after: Json): Json {
  return Object.fromEntries(
    Object.keys(after)
      .filter((field) => sameValue(current[field] ?? null, after[field] ?? null))
      .map((field) => [field, before[field] ?? null]),
  );
}
