import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../platform/errors.js';
import {
  firstLine,
  interactionTitle,
  isAfterCursor,
  lifeEventTitle,
  mergePage,
  newestFirst,
  noteTitle,
  parseKinds,
  transactionTitle,
  wholeText,
  type TimelineKey,
} from './timeline-rules.js';

describe('the human line of each item', () => {
  it('reads like a person wrote it', () => {
    expect(interactionTitle({ channel: 'visit', direction: 'inbound', summary: 'asked about grout' })).toBe('Visit, inbound: asked about grout');
    expect(interactionTitle({ channel: 'phone_call', direction: 'outbound', summary: 'called back\nabout the TV' })).toBe('Phone call, outbound: called back');
    expect(interactionTitle({ channel: 'sms', direction: 'outbound', summary: 'Tile is back in stock' })).toBe('Text message, outbound: Tile is back in stock');
    expect(transactionTitle({ kind: 'purchase', amountMinor: 4250, currency: 'USD', itemCount: 2 })).toBe('Purchase $42.50 (2 items)');
    expect(transactionTitle({ kind: 'refund', amountMinor: 999, currency: 'EUR', itemCount: 1 })).toBe('Refund €9.99 (1 item)');
    expect(transactionTitle({ kind: 'payment', amountMinor: 500, currency: 'JPY', itemCount: 0 })).toBe('Payment ¥500');
    expect(lifeEventTitle({ title: 'Son started college', date: { year: 2026, month: 9, day: null } })).toBe('Life event: Son started college (September 2026)');
    expect(lifeEventTitle({ title: 'Moved', date: null })).toBe('Life event: Moved');
    expect(noteTitle('\n  Prefers mornings  \nsecond line')).toBe('Note: Prefers mornings');
  });

  it('gives the whole text only when the title shortened it', () => {
    expect(wholeText('asked about grout')).toBeNull();
    expect(wholeText('  asked about grout \n')).toBeNull();
    expect(wholeText(null)).toBeNull();
    expect(wholeText('   ')).toBeNull();
    expect(wholeText('called back\nabout the TV')).toBe('called back\nabout the TV');
    expect(wholeText('x'.repeat(81))).toBe('x'.repeat(81));
    expect(wholeText('x'.repeat(80))).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const whole = wholeText(text);
        // Either the title (its first line, cut) already says all of it, or the whole text comes along.
        if (whole === null) expect(firstLine(text)).toBe(text.trim());
        else expect(whole).toBe(text.trim());
      }),
    );
  });

  it('cuts long lines at whole characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const line = firstLine(text, 20);
        expect([...line].length).toBeLessThanOrEqual(20);
        expect(line).not.toMatch(/[\uD800-\uDBFF]$/);
      }),
    );
    expect(firstLine('é'.repeat(30) + '😀', 10)).toBe(`${'é'.repeat(9)}…`);
  });
});

describe('kinds', () => {
  const known = ['interaction', 'transaction', 'life_event', 'note'];
  it('takes a comma list, trims and dedupes it, and means all when empty', () => {
    expect(parseKinds(undefined, known)).toEqual(known);
    expect(parseKinds(' , ', known)).toEqual(known);
    expect(parseKinds('note, interaction,note', known)).toEqual(['note', 'interaction']);
  });
  it('names an unknown kind at /query/kinds', () => {
    try {
      parseKinds('note,promise', known);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('bad_input');
      expect((error as DomainError).errors).toEqual([{ path: '/query/kinds', message: expect.stringContaining('"promise"') }]);
    }
  });
});

describe('merging sources into pages', () => {
  const item = fc.record({ at: fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'), source: fc.nat(3) });

  it('pages through any mix of sources newest first, with no repeats or gaps', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (raw, limit) => {
        const items = raw.map((r, i) => ({ ...r, id: `id-${String(i).padStart(3, '0')}` }));
        const sources = [0, 1, 2, 3].map((s) => items.filter((i) => i.source === s).sort(newestFirst));
        const seen: string[] = [];
        let cursor: TimelineKey | null = null;
        for (let guard = 0; guard < 100; guard++) {
          // What each source query returns: its rows after the cursor, cut to limit + 1.
          const lists = sources.map((list) => list.filter((i) => isAfterCursor(i, cursor)).slice(0, limit + 1));
          const page = mergePage(lists, limit);
          seen.push(...page.items.map((i) => i.id));
          if (!page.more) break;
          cursor = page.items.at(-1)!;
        }
        expect(seen).toEqual([...items].sort(newestFirst).map((i) => i.id));
      }),
    );
  });
});
