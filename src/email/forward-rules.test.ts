import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTextForward, isForwardSubject, looksForwarded, partiesIn, partyIn, readWrittenDate, unwrapForward, withoutForwardPrefix } from './forward-rules.js';
import type { ReadMail } from './mail-message.js';

const mail = (over: Partial<ReadMail>): ReadMail => ({
  messageId: 'fwd-1@staff.example',
  inReplyTo: null,
  references: [],
  subject: null,
  from: { address: 'earl@shop.example', name: 'Earl' },
  to: [{ address: 'log@rapport.example', name: null }],
  cc: [],
  date: new Date('2025-03-04T09:00:00.000Z'),
  dateOffsetMinutes: -300,
  text: '',
  attachments: [],
  embedded: [],
  resentFrom: null,
  forwardedMessageId: null,
  ...over,
});

const gmail = `Can you look at this?

---------- Forwarded message ---------
From: Maggie Smith <Maggie@Example.com>
Date: Mon, Mar 3, 2025 at 4:05 PM
Subject: The boiler is leaking again
To: <support@shop.example>


Hello, the boiler you fitted is leaking again.
Please call me back.

Maggie`;

const outlook = `FYI

________________________________
From: Maggie Smith <maggie@example.com>
Sent: Monday, March 3, 2025 4:05 PM
To: Support <support@shop.example>; Earl
 <earl@shop.example>
Subject: The boiler is leaking again

Hello, the boiler is leaking again.`;

const outlookClassic = `-----Original Message-----
From: Smith, Maggie [mailto:maggie@example.com]
Sent: Monday, March 3, 2025 4:05 PM
To: support@shop.example
Subject: The boiler is leaking again

Hello.`;

const apple = `Begin forwarded message:

> From: Maggie Smith <maggie@example.com>
> Subject: The boiler is leaking again
> Date: 3 March 2025 at 16:05:12 GMT-5
> To: support@shop.example
>
> Hello, the boiler is leaking again.`;

const thunderbird = `-------- Forwarded Message --------
Subject: \tThe boiler is leaking again
Date: \tMon, 3 Mar 2025 16:05:12 -0500
From: \tMaggie Smith <maggie@example.com>
To: \tsupport@shop.example

Hello, the boiler is leaking again.`;

describe('the forwarded block in a message’s text', () => {
  it('reads Gmail’s: the original sender, subject, date in the forwarder’s zone, and body; the forwarder’s note apart', () => {
    const f = findTextForward(gmail, -300)!;
    expect(f.from).toEqual({ address: 'maggie@example.com', name: 'Maggie Smith' });
    expect(f.to).toEqual([{ address: 'support@shop.example', name: null }]);
    expect(f.subject).toBe('The boiler is leaking again');
    expect(f.writtenAt).toBe('2025-03-03T21:05:00.000Z');
    expect(f.body).toBe('Hello, the boiler you fitted is leaking again.\nPlease call me back.\n\nMaggie');
    expect(f.note).toBe('Can you look at this?');
  });

  it('reads Outlook’s (both kinds), Apple Mail’s quoted one and Thunderbird’s', () => {
    for (const [text, name] of [
      [outlook, 'Maggie Smith'],
      [outlookClassic, 'Smith, Maggie'],
      [apple, 'Maggie Smith'],
      [thunderbird, 'Maggie Smith'],
    ] as const) {
      const f = findTextForward(text, -300)!;
      expect(f, text).not.toBeNull();
      expect(f.from).toEqual({ address: 'maggie@example.com', name });
      expect(f.subject).toBe('The boiler is leaking again');
      expect(f.writtenAt).toMatch(/^2025-03-03T21:05:(00|12)\.000Z$/);
      expect(f.body.startsWith('Hello')).toBe(true);
    }
    expect(findTextForward(outlook, 0)!.to.map((p) => p.address)).toEqual(['support@shop.example', 'earl@shop.example']);
    expect(findTextForward(apple, 0)!.body).toBe('Hello, the boiler is leaking again.');
  });

  it('is not there in an ordinary message, nor under a marker with no sender', () => {
    expect(findTextForward('Hello,\n\nsee you on Monday.\n\n-- \nEarl', 0)).toBeNull();
    expect(findTextForward('---------- Forwarded message ---------\nSubject: no sender here\n\nText', 0)).toBeNull();
  });
});

describe('reading addresses', () => {
  it('reads a name and an address in the ways mail programs write them', () => {
    expect(partyIn('"Smith, Maggie" <MAGGIE@example.com>')).toEqual({ address: 'maggie@example.com', name: 'Smith, Maggie' });
    expect(partyIn('*Maggie Smith* <maggie@example.com>')).toEqual({ address: 'maggie@example.com', name: 'Maggie Smith' });
    expect(partyIn('maggie@example.com')).toEqual({ address: 'maggie@example.com', name: null });
    expect(partyIn('Maggie')).toBeNull();
    expect(partiesIn('"Smith, M" <m@x.example>; Earl <earl@shop.example>, bob@y.example').map((p) => p.address)).toEqual(['m@x.example', 'earl@shop.example', 'bob@y.example']);
  });
});

describe('reading the date a forwarded block says', () => {
  it('reads each mail program’s way, with its zone or in the one given', () => {
    expect(readWrittenDate('Mon, Mar 3, 2025 at 4:05 PM', 60)).toBe('2025-03-03T15:05:00.000Z');
    expect(readWrittenDate('3 March 2025 at 16:05:12 GMT+1', null)).toBe('2025-03-03T15:05:12.000Z');
    expect(readWrittenDate('Monday, March 3, 2025 4:05 PM', 0)).toBe('2025-03-03T16:05:00.000Z');
    expect(readWrittenDate('Mon, 3 Mar 2025 16:05:12 +0000 (UTC)', 120)).toBe('2025-03-03T16:05:12.000Z');
    expect(readWrittenDate('Sept. 30, 2025 at 12:10 AM EDT', null)).toBe('2025-09-30T04:10:00.000Z');
    expect(readWrittenDate('Tue, 4 Mar 2025 at 09:30', null)).toBe('2025-03-04T09:30:00.000Z');
  });

  it('says nothing rather than guess: no time, no month name, or no such day', () => {
    expect(readWrittenDate('03/04/2025 10:00', 0)).toBeNull();
    expect(readWrittenDate('Monday, March 3, 2025', 0)).toBeNull();
    expect(readWrittenDate('31 February 2025 at 10:00', 0)).toBeNull();
    expect(readWrittenDate('yesterday', 0)).toBeNull();
  });

  it('gives back any moment Gmail, Apple Mail or RFC 5322 writes, in any zone', () => {
    const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2080-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -48, max: 56 }), (date, quarters) => {
        const offset = quarters * 15;
        const at = new Date(Math.floor(date.getTime() / 60_000) * 60_000);
        const wall = new Date(at.getTime() + offset * 60_000);
        const h = wall.getUTCHours();
        const mm = String(wall.getUTCMinutes()).padStart(2, '0');
        const month = names[wall.getUTCMonth()]!;
        const sign = offset < 0 ? '-' : '+';
        const abs = Math.abs(offset);
        const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
        const gmailStyle = `${days[wall.getUTCDay()]}, ${month} ${wall.getUTCDate()}, ${wall.getUTCFullYear()} at ${((h + 11) % 12) + 1}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
        const rfc = `${days[wall.getUTCDay()]}, ${wall.getUTCDate()} ${month} ${wall.getUTCFullYear()} ${String(h).padStart(2, '0')}:${mm}:00 ${zone}`;
        expect(readWrittenDate(gmailStyle, offset)).toBe(at.toISOString());
        expect(readWrittenDate(rfc, null)).toBe(at.toISOString());
      }),
    );
  });
});

describe('unwrapping a forward', () => {
  it('knows a forward by its subject, a forwarded-message header, an attached message or a forwarded block', () => {
    expect(isForwardSubject('Fwd: boiler')).toBe(true);
    expect(isForwardSubject('FW: boiler')).toBe(true);
    expect(isForwardSubject('WG: Heizung')).toBe(true);
    expect(isForwardSubject('Re: boiler')).toBe(false);
    expect(isForwardSubject('Fwding rules')).toBe(false);
    expect(withoutForwardPrefix('Fwd: FW: boiler')).toBe('boiler');
    expect(looksForwarded(mail({ subject: 'Boiler', text: 'Hello' }))).toBe(false);
    expect(looksForwarded(mail({ subject: 'Fwd: Boiler', text: 'Hello' }))).toBe(true);
    expect(looksForwarded(mail({ forwardedMessageId: 'orig@x' }))).toBe(true);
    expect(looksForwarded(mail({ text: gmail }))).toBe(true);
    expect(looksForwarded(mail({ embedded: [mail({ from: { address: 'maggie@example.com', name: null } })] }))).toBe(true);
  });

  it('takes an attached message whole: its own id, thread, sender, date and files, and the forwarder’s note', () => {
    const original = mail({
      messageId: 'orig@example.com',
      inReplyTo: 'earlier@shop.example',
      references: ['first@shop.example', 'earlier@shop.example'],
      subject: 'Leaking again',
      from: { address: 'maggie@example.com', name: 'Maggie' },
      date: new Date('2025-03-03T21:05:00.000Z'),
      text: 'It leaks.',
      attachments: [{ fileName: 'leak.jpg', contentType: 'image/jpeg', content: Buffer.from([0xff, 0xd8, 0xff]) }],
    });
    const unwrapped = unwrapForward(mail({ subject: 'Fwd: Leaking again', text: 'See below', embedded: [original] }))!;
    expect(unwrapped).toMatchObject({
      messageId: 'orig@example.com',
      inReplyTo: 'earlier@shop.example',
      references: ['first@shop.example', 'earlier@shop.example'],
      subject: 'Leaking again',
      from: { address: 'maggie@example.com' },
      writtenAt: '2025-03-03T21:05:00.000Z',
      body: 'It leaks.',
      note: 'See below',
    });
    expect(unwrapped.attachments.map((a) => a.fileName)).toEqual(['leak.jpg']);
  });

  it('takes a forwarded block: the forward’s own id unless it names the original’s, the block’s subject or the forward’s without Fwd:', () => {
    const unwrapped = unwrapForward(mail({ subject: 'Fwd: The boiler', text: gmail }))!;
    expect(unwrapped).toMatchObject({ messageId: 'fwd-1@staff.example', from: { address: 'maggie@example.com' }, subject: 'The boiler is leaking again', writtenAt: '2025-03-03T21:05:00.000Z', note: 'Can you look at this?' });
    expect(unwrapForward(mail({ subject: 'Fwd: x', text: gmail, forwardedMessageId: 'orig@example.com' }))!.messageId).toBe('orig@example.com');
    expect(unwrapForward(mail({ subject: 'Fwd: nothing to unwrap', text: 'Just a note' }))).toBeNull();
  });
});
