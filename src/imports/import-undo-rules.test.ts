import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importResultOf, nextPhase, revertPatch, sameValue, stateOf, undoStart, undoStateOf, withUndoState } from './import-undo-rules.js';

describe('the rules of an import’s undo', () => {
  it('says an undo asked for and not finished is under way', () => {
    expect(stateOf({ status: 'undone', undoneAt: null })).toBe('undoing');
    expect(stateOf({ status: 'undone', undoneAt: '2025-01-02T03:04:05.000Z' })).toBe('undone');
    expect(stateOf({ status: 'done', undoneAt: null })).toBe('done');
  });

  it('goes through its phases in order, customers first', () => {
    expect(nextPhase('customers')).toBe('added');
    expect(nextPhase('added')).toBe('filled');
    expect(nextPhase('filled')).toBeNull();
  });

  it('keeps its state beside the import’s counts without changing them', () => {
    const counts = JSON.stringify({ records: 3, created: 1, updated: 1, unchanged: 1, review: 0, problems: 0, notes: ['read as a google export'] });
    const kept = withUndoState(counts, { ...undoStart, phase: 'added', lastSeq: 7, trashed: 2 });
    expect(importResultOf(kept)).toEqual(JSON.parse(counts));
    expect(undoStateOf(kept)).toEqual({ phase: 'added', lastSeq: 7, trashed: 2, cleared: 0 });
    expect(undoStateOf(counts)).toBeNull();
    // A failed import may have no counts of its own: only the undo's.
    const alone = withUndoState(null, undoStart);
    expect(importResultOf(alone)).toBeNull();
    expect(undoStateOf(alone)).toEqual(undoStart);
  });

  it('puts back only the fields that still hold what the import wrote', () => {
    const before = { preferredName: null, birthday: null };
    const after = { preferredName: 'Odie', birthday: { year: 1979, month: 5, day: 2 } };
    // Stored with its keys in another order: still what the import wrote.
    expect(revertPatch({ preferredName: 'Odie', birthday: { day: 2, month: 5, year: 1979 } }, before, after)).toEqual(before);
    expect(revertPatch({ preferredName: 'Nes', birthday: { year: 1979, month: 5, day: 2 } }, before, after)).toEqual({ birthday: null });
    expect(revertPatch({ preferredName: 'Nes', birthday: null }, before, after)).toEqual({});
  });

  it('compares JSON values whatever the order of their keys', () => {
    const json = fc.jsonValue();
    fc.assert(fc.property(json, (value) => sameValue(value, JSON.parse(JSON.stringify(value)))));
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.integer()), (record) => sameValue(record, Object.fromEntries(Object.entries(record).reverse()))));
    fc.assert(fc.property(json, json, (a, b) => sameValue(a, b) === (JSON.stringify(canonical(a)) === JSON.stringify(canonical(b)))));
    // Found by the property above (seed 1558215991): a null under one key is not another key's value.
    expect(sameValue({ ' ': null }, { '': false })).toBe(false);
    expect(sameValue({ a: null }, { b: null })).toBe(false);
  });
});

/** A JSON value with every object's keys sorted. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]));
}
