import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summaryMax } from '../interactions/interaction-schemas.js';
import { firstLines, madeUpMessageId, occurredAtOf, senderAllowed, sourceBytes, storedSource, summaryOf } from './mail-in-rules.js';

describe('allowed envelope senders', () => {
  it('takes listed addresses and whole domains, case-insensitively, and nothing else', () => {
    const allowed = ['@shop.example', 'relay@mail.example'];
    expect(senderAllowed('Earl@Shop.Example', allowed)).toBe(true);
    expect(senderAllowed('relay@mail.example', allowed)).toBe(true);
    expect(senderAllowed('other@mail.example', allowed)).toBe(false);
    expect(senderAllowed('earl@evil-shop.example', allowed)).toBe(false);
    expect(senderAllowed('earl@shop.example.evil', allowed)).toBe(false);
    expect(senderAllowed('', allowed)).toBe(false);
  });
});

describe('what an email’s contact says', () => {
  it('puts the subject first, then the first lines written (not the quoted message), the forwarder and the files', () => {
    const body = 'Hello,\n\nThe boiler leaks again.\nPlease call.\n\nOn Mon, 3 Mar 2025 at 16:05, Earl <earl@shop.example> wrote:\n> We fitted it last week';
    expect(summaryOf({ subject: 'Boiler', body, note: 'Urgent one', forwardedBy: 'Earl', kept: ['leak.jpg'], skipped: ['setup.exe: a program or script'] })).toBe(
      'Boiler\nHello,\nThe boiler leaks again.\nPlease call.\nForwarded by Earl: Urgent one\nAttached: leak.jpg\nNot kept: setup.exe: a program or script',
    );
    expect(summaryOf({ subject: null, body: '', note: null, forwardedBy: null, kept: [], skipped: [] })).toBe('(no subject)');
    expect(firstLines('one\n--\nsignature')).toEqual(['one']);
  });

  it('is never longer than an interaction summary may be', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.string({ maxLength: 5000 }), fc.array(fc.string({ maxLength: 300 }), { maxLength: 60 }), (subject, body, files) => {
        const summary = summaryOf({ subject, body, note: body, forwardedBy: subject, kept: files, skipped: files });
        expect(summary.length).toBeLessThanOrEqual(summaryMax);
        expect(summary.trim().length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('when an email happened', () => {
  const received = '2025-03-04T09:00:00.000Z';
  it('is when it was written, never after it arrived nor before 1900, else when it arrived', () => {
    expect(occurredAtOf('2025-03-03T21:05:00.000Z', received)).toBe('2025-03-03T21:05:00.000Z');
    expect(occurredAtOf('2025-03-05T00:00:00.000Z', received)).toBe(received);
    expect(occurredAtOf('1850-01-01T00:00:00.000Z', received)).toBe(received);
    expect(occurredAtOf(null, received)).toBe(received);
  });
});

describe('a message’s source as stored', () => {
  it('comes back byte for byte, as text when it is UTF-8 and as base64 otherwise', () => {
    expect(storedSource(Buffer.from('Subject: hi\r\n\r\nhello')).rawEncoding).toBe('utf8');
    expect(storedSource(Buffer.from([0xff, 0xfe, 0x41])).rawEncoding).toBe('base64');
    expect(storedSource(Buffer.from('a\u0000b')).rawEncoding).toBe('base64');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const raw = Buffer.from(bytes);
        expect(sourceBytes(storedSource(raw)).equals(raw)).toBe(true);
      }),
    );
  });

  it('gives a message without a Message-ID the same made-up id each time it arrives', () => {
    const raw = Buffer.from('Subject: no id\r\n\r\nhello');
    expect(madeUpMessageId(raw)).toBe(madeUpMessageId(Buffer.from(raw)));
    expect(madeUpMessageId(raw)).not.toBe(madeUpMessageId(Buffer.from('Subject: other\r\n\r\nhello')));
  });
});
