import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../platform/errors.js';
import {
  bodyMax,
  checkBody,
  checkSubject,
  chooseAddress,
  emailRefusal,
  messageIdFor,
  parseMailbox,
  referencesFor,
  referencesKept,
  replySubject,
  senderHeaders,
  subjectMax,
  summaryOf,
  threadIdFor,
} from './email-out-rules.js';

const problemOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, errors: error.errors };
    throw error;
  }
  return null;
};

describe('subject and body', () => {
  it('keeps a subject as one trimmed line, and names the field when it is not one', () => {
    expect(checkSubject('  Your grout is in ')).toBe('Your grout is in');
    expect(problemOf(() => checkSubject(' \t '))).toEqual({ kind: 'invalid', errors: [{ path: '/body/subject', message: 'cannot be blank' }] });
    for (const bad of ['Two\nlines', 'Bcc: x\r\nmore', 'bell\u0007']) {
      expect(problemOf(() => checkSubject(bad))?.errors?.[0]?.message).toBe('must be one line, without line breaks or control characters');
    }
    expect(problemOf(() => checkSubject('x'.repeat(subjectMax + 1)))?.errors?.[0]?.path).toBe('/body/subject');
  });

  it('never lets a line break into a subject, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (typed) => {
        let subject: string;
        try {
          subject = checkSubject(typed);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          return;
        }
        expect(subject).not.toMatch(/[\r\n]/);
        expect(subject).toBe(subject.trim());
        expect(subject.length).toBeGreaterThan(0);
      }),
    );
  });

  it('keeps the body’s own lines, as \\n, without leading blank lines or trailing space', () => {
    expect(checkBody('\r\n\r\nHi Ann,\r\n\r\n  indented\r\nEarl \r\n\r\n')).toBe('Hi Ann,\n\n  indented\nEarl');
    expect(checkBody('one\rtwo')).toBe('one\ntwo');
    expect(problemOf(() => checkBody('\n \n\t'))).toEqual({ kind: 'invalid', errors: [{ path: '/body/body', message: 'cannot be blank' }] });
    expect(problemOf(() => checkBody('esc\u001b[31m'))?.errors?.[0]?.message).toBe('has a control character that an email cannot carry');
    expect(problemOf(() => checkBody('x'.repeat(bodyMax + 1)))?.errors?.[0]?.path).toBe('/body/body');
  });
});

describe('threading', () => {
  it('answers "Re: " once, however the subject already says it', () => {
    expect(replySubject('Grout question')).toBe('Re: Grout question');
    expect(replySubject('Re: Grout question')).toBe('Re: Grout question');
    expect(replySubject('RE:  Grout   question')).toBe('RE: Grout question');
    expect(replySubject('re : Grout')).toBe('re : Grout');
    expect(replySubject(null)).toBe('Re: your email');
    expect(replySubject('   ')).toBe('Re: your email');
    expect(replySubject('x'.repeat(subjectMax)).length).toBe(subjectMax);
  });

  it('builds References from the parent’s, then the parent, each id once', () => {
    expect(referencesFor({ messageId: 'c@x', inReplyTo: 'b@x', referencesIds: 'a@x b@x', threadId: 'a@x' })).toEqual(['a@x', 'b@x', 'c@x']);
    expect(referencesFor({ messageId: 'c@x', inReplyTo: 'b@x', referencesIds: null, threadId: 'b@x' })).toEqual(['b@x', 'c@x']);
    expect(referencesFor({ messageId: 'a@x', inReplyTo: null, referencesIds: '', threadId: 'a@x' })).toEqual(['a@x']);
    expect(referencesFor({ messageId: 'b@x', inReplyTo: null, referencesIds: 'a@x b@x', threadId: 'a@x' })).toEqual(['a@x', 'b@x']);
  });

  it('keeps a long thread’s first id and its newest ones', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), (n) => {
        const ids = Array.from({ length: n }, (_, i) => `m${i}@x`);
        const refs = referencesFor({ messageId: 'last@x', inReplyTo: ids.at(-1) ?? null, referencesIds: ids.join(' ') || null, threadId: ids[0] ?? 'last@x' });
        expect(refs.length).toBe(Math.min(n + 1, referencesKept));
        expect(refs.at(-1)).toBe('last@x');
        expect(refs[0]).toBe(ids[0] ?? 'last@x');
        expect(new Set(refs).size).toBe(refs.length);
      }),
    );
  });

  it('puts a reply in its parent’s thread, and a new email in its own', () => {
    expect(threadIdFor({ messageId: 'c@x', inReplyTo: 'b@x', referencesIds: 'a@x b@x', threadId: 'a@x' }, 'new@r')).toBe('a@x');
    expect(threadIdFor(null, 'new@r')).toBe('new@r');
  });

  it('makes Message-IDs on the host of the public address', () => {
    expect(messageIdFor('https://rapport.example.com/crm', 'u1')).toBe('u1@rapport.example.com');
    expect(messageIdFor('http://127.0.0.1:3000', 'u2')).toBe('u2@127.0.0.1');
    expect(messageIdFor('http://RAPPORT.Shop.Example:8080', 'u3')).toBe('u3@rapport.shop.example');
  });
});

describe('summary', () => {
  it('says the subject and how the body starts, on one line', () => {
    expect(summaryOf('Your grout', 'Hi Ann,\n\nIt is in.\n')).toBe('Your grout — Hi Ann, It is in.');
    const long = summaryOf('Long', `${'word '.repeat(100)}end`);
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual('Long — '.length + 281);
    expect(long).not.toMatch(/\s…$/);
  });
});

describe('sender', () => {
  it('reads RAPPORT_MAIL_FROM with or without a name', () => {
    expect(parseMailbox('Hutchins Hardware <mail@shop.example>')).toEqual({ name: 'Hutchins Hardware', address: 'mail@shop.example' });
    expect(parseMailbox('"Hutchins, Hardware" <mail@shop.example>')).toEqual({ name: 'Hutchins, Hardware', address: 'mail@shop.example' });
    expect(parseMailbox('<mail@shop.example>')).toEqual({ name: null, address: 'mail@shop.example' });
    expect(parseMailbox('mail@shop.example')).toEqual({ name: null, address: 'mail@shop.example' });
  });

  it('sends From the configured address in the writer’s name, with the writer as Reply-To', () => {
    const earl = { name: 'Earl Hutchins', email: 'earl@shop.example' };
    expect(senderHeaders('Hutchins Hardware <mail@shop.example>', earl)).toEqual({
      from: { name: 'Earl Hutchins via Hutchins Hardware', address: 'mail@shop.example' },
      replyTo: { name: 'Earl Hutchins', address: 'earl@shop.example' },
    });
    expect(senderHeaders('mail@shop.example', earl).from).toEqual({ name: 'Earl Hutchins', address: 'mail@shop.example' });
  });
});

describe('the address', () => {
  const addresses = [
    { address: 'ann@home.example', isPrimary: true },
    { address: 'Ann.Lee@Work.example', isPrimary: false },
  ];

  it('takes the primary address unless another of theirs is asked for', () => {
    expect(chooseAddress(undefined, addresses, 'Ann Lee')).toBe('ann@home.example');
    expect(chooseAddress(undefined, [{ address: 'first@x.example', isPrimary: false }, { address: 'second@x.example', isPrimary: false }], 'Ann Lee')).toBe('first@x.example');
    expect(chooseAddress(' ann.lee@work.EXAMPLE ', addresses, 'Ann Lee')).toBe('Ann.Lee@Work.example');
  });

  it('refuses an address that is not theirs, and a customer without one, at /body/to', () => {
    expect(problemOf(() => chooseAddress('someone@else.example', addresses, 'Ann Lee'))?.errors).toEqual([{ path: '/body/to', message: "is not one of Ann Lee's email addresses" }]);
    expect(problemOf(() => chooseAddress(undefined, [], 'Jo Quinn'))?.errors).toEqual([{ path: '/body/to', message: 'Jo Quinn has no email address: add one to their profile first' }]);
  });
});

describe('consent', () => {
  it('lets an email through when nothing is recorded or they opted in, and names the setting that stops it otherwise', () => {
    expect(emailRefusal({ allowed: true, basis: 'not_recorded', reason: 'nothing recorded for email' }, 'Ann')).toBeNull();
    expect(emailRefusal({ allowed: true, basis: 'opted_in', reason: 'opted in to email on 1 March 2026' }, 'Ann')).toBeNull();
    expect(emailRefusal({ allowed: false, basis: 'do_not_contact', reason: 'do not contact since 5 January 2026 (moved abroad)' }, 'Ed Moss')).toBe(
      'Ed Moss asked not to be contacted (do not contact since 5 January 2026 (moved abroad)), so Rapport sends them no email. The “Do not contact” setting on their Consent panel stops it.',
    );
    expect(emailRefusal({ allowed: false, basis: 'opted_out', reason: 'opted out of email on 3 March 2026 (web form)' }, 'Fay Ng')).toBe(
      'Fay Ng opted out of email on 3 March 2026 (web form), so Rapport sends them no email. Their choice for email on the Consent panel stops it.',
    );
  });
});
