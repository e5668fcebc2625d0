import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bareMessageId, messageIdsIn, parentIdsOf, referencesList, referencesText, threadIdOf } from './thread-rules.js';

describe('message ids in headers', () => {
  it('reads ids with or without angle brackets, in order, once each', () => {
    expect(messageIdsIn('<a@x.example> <b@y.example>\r\n <a@x.example>')).toEqual(['a@x.example', 'b@y.example']);
    expect(messageIdsIn(['<a@x>', '<b@y>'])).toEqual(['a@x', 'b@y']);
    expect(messageIdsIn('a@x b@y')).toEqual(['a@x', 'b@y']);
    expect(messageIdsIn('')).toEqual([]);
    expect(messageIdsIn(undefined)).toEqual([]);
    expect(bareMessageId(' <CAF=abc+1@mail.gmail.com> ')).toBe('CAF=abc+1@mail.gmail.com');
    expect(bareMessageId(null)).toBeNull();
  });

  it('keeps references through the stored form', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9.+=_-]{1,20}@[a-z0-9.-]{1,20}$/), { maxLength: 8 }), (ids) => {
        const unique = [...new Set(ids)];
        expect(referencesList(referencesText(unique))).toEqual(unique);
        expect(messageIdsIn(unique.map((id) => `<${id}>`).join(' '))).toEqual(unique);
      }),
    );
  });
});

describe('the thread of a message', () => {
  it('is the first of References, else In-Reply-To, else its own id', () => {
    expect(threadIdOf({ messageId: 'c@x', inReplyTo: 'b@x', references: ['a@x', 'b@x'] })).toBe('a@x');
    expect(threadIdOf({ messageId: 'b@x', inReplyTo: 'a@x', references: [] })).toBe('a@x');
    expect(threadIdOf({ messageId: 'a@x', inReplyTo: null, references: [] })).toBe('a@x');
  });

  it('looks for its parents nearest first: In-Reply-To, then References from the newest back', () => {
    expect(parentIdsOf({ messageId: 'd@x', inReplyTo: 'c@x', references: ['a@x', 'b@x', 'c@x'] })).toEqual(['c@x', 'b@x', 'a@x']);
    expect(parentIdsOf({ messageId: 'a@x', inReplyTo: null, references: [] })).toEqual([]);
    // A message that names itself is not its own parent.
    expect(parentIdsOf({ messageId: 'a@x', inReplyTo: 'a@x', references: ['a@x'] })).toEqual([]);
  });

  it('gives every message of a thread written by any mail program the same thread id', () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { minLength: 1, maxLength: 10 }), (uuids) => {
        const ids = [...new Set(uuids)].map((u) => `${u}@mail.example`);
        // Each reply carries In-Reply-To (its parent) and References (every message before it).
        const threads = ids.map((id, i) => threadIdOf({ messageId: id, inReplyTo: i > 0 ? ids[i - 1]! : null, references: ids.slice(0, i) }));
        expect(new Set(threads)).toEqual(new Set([ids[0]]));
      }),
    );
  });
});
