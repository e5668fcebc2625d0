import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyRapportSignature } from '../test/webhook-receiver.js';
import { eventsOf, eventTypeOf, logChangesOf, payloadOf, type AuditedChange } from './webhook-event-rules.js';
import { checkEventTypes, newWebhookSecret, urlProblem, webhookEventTypes } from './webhook-rules.js';
import { signatureHeaderValue, signatureOf } from '../platform/http/signature.js';

const change = (over: Partial<AuditedChange>): AuditedChange => ({
  eventId: 'e1',
  occurredAt: '2026-11-23T18:13:25.399Z',
  action: 'create',
  entityType: 'customer',
  entityId: 'c1',
  customerId: 'c1',
  private: false,
  ...over,
});

describe('subscription rules', () => {
  it('takes http and https addresses only, without credentials or a fragment', () => {
    expect(urlProblem('https://example.com/hooks?x=1')).toBeNull();
    expect(urlProblem('http://127.0.0.1:8787/')).toBeNull();
    expect(urlProblem('  https://example.com/ ')).toBeNull();
    expect(urlProblem('ftp://example.com/')).toMatch(/not ftp/);
    expect(urlProblem('javascript:alert(1)')).toMatch(/not javascript/);
    expect(urlProblem('file:///etc/passwd')).toMatch(/not file/);
    expect(urlProblem('https://user@example.com/')).toMatch(/user name or password/);
    expect(urlProblem('https://:pw@example.com/')).toMatch(/user name or password/);
    expect(urlProblem('https://example.com/#x')).toMatch(/fragment/);
    expect(urlProblem('example.com')).toMatch(/not a web address/);
    expect(urlProblem('')).toMatch(/give the address/);
    expect(urlProblem(`https://example.com/${'a'.repeat(2000)}`)).toMatch(/longer than 2000/);
  });

  it('never takes an address that is not http or https, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        if (urlProblem(text) !== null) return true;
        const url = new URL(text.trim());
        return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
      }),
    );
  });

  it('checks event types: known, each once, at least one, in the canonical order', () => {
    expect(checkEventTypes(['case.changed', 'customer.created'])).toEqual({ types: ['customer.created', 'case.changed'] });
    expect(checkEventTypes([])).toMatchObject({ index: null, message: expect.stringMatching(/at least one/) });
    expect(checkEventTypes(['customer.created', 'customer.deleted'])).toMatchObject({ index: 1 });
    expect(checkEventTypes(['case.changed', 'case.changed'])).toEqual({ index: 1, message: 'is listed twice' });
  });

  it('makes secrets that are prefixed and never repeat', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

describe('the signature', () => {
  it('is the hex HMAC-SHA256 of "t.body" under the secret (checked against openssl)', () => {
    // printf '%s' '1700000000.{"id":"e1","type":"ping"}' | openssl dgst -sha256 -hmac 'whsec_test'
    expect(signatureOf('whsec_test', 1700000000, '{"id":"e1","type":"ping"}')).toBe('0d7f29c442e994b76c9163904aacfae80dae69fb454d6ac294faf86e90470181');
    expect(signatureHeaderValue('whsec_test', 1700000000, '{"id":"e1","type":"ping"}')).toBe('t=1700000000,v1=0d7f29c442e994b76c9163904aacfae80dae69fb454d6ac294faf86e90470181');
  });

  it('verifies with the README’s check for any body, and fails for any other body or secret', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (body, other) => {
        const now = Math.floor(Date.now() / 1000);
        const header = signatureHeaderValue('whsec_k', now, body);
        return verifyRapportSignature(body, header, 'whsec_k') && !verifyRapportSignature(body + other, header, 'whsec_k') && !verifyRapportSignature(body, header, `whsec_k${other}`);
      }),
    );
  });
});

describe('which changes are events', () => {
  it('maps the audited entity types and actions to the seven event types', () => {
    const table: [string, string, string | null][] = [
      ['create', 'customer', 'customer.created'],
      ['update', 'customer', 'customer.changed'],
      ['delete', 'customer', 'customer.changed'],
      ['restore', 'customer', 'customer.changed'],
      ['unmerge', 'customer', 'customer.changed'],
      ['erase', 'customer', 'customer.changed'],
      ['merge', 'customer', 'customer.merged'],
      ['subject_access', 'customer', null],
      ['export', 'customer', null],
      ['purge', 'customer', null],
      ['create', 'email', 'customer.changed'],
      ['delete', 'phone', 'customer.changed'],
      ['update', 'address', 'customer.changed'],
      ['create', 'external_id', 'customer.changed'],
      ['create', 'relationship', 'customer.changed'],
      ['create', 'interaction', 'interaction.logged'],
      ['update', 'interaction', null],
      ['create', 'transaction', 'transaction.recorded'],
      ['update', 'transaction', null],
      ['create', 'promise', 'promise.changed'],
      ['update', 'promise', 'promise.changed'],
      ['create', 'promise_revision', 'promise.changed'],
      ['update', 'promise_revision', 'promise.changed'],
      ['create', 'promise_handover', 'promise.changed'],
      ['create', 'promise_link', null],
      ['create', 'case', 'case.changed'],
      ['update', 'case', 'case.changed'],
      ['delete', 'case', 'case.changed'],
      ['create', 'case_event', 'case.changed'],
      ['create', 'note', null],
      ['create', 'life_event', null],
      ['create', 'webhook_subscription', null],
      ['sign_in', 'staff', null],
    ];
    for (const [action, entityType, type] of table) expect(eventTypeOf(action, entityType), `${action} ${entityType}`).toBe(type);
    const raised = new Set(table.map(([, , type]) => type).filter(Boolean));
    expect([...raised].sort()).toEqual([...webhookEventTypes].sort());
  });

  it('folds a new customer’s contact points into customer.created, and keeps later ones apart', () => {
    const events = eventsOf([
      change({ eventId: 'e1', after: { id: 'c1', displayName: 'Ines Duarte' } }),
      change({ eventId: 'e2', entityType: 'email', entityId: 'm1', after: { id: 'm1', address: 'ines@example.com' } }),
      change({ eventId: 'e3', entityType: 'phone', entityId: 'p1', customerId: 'c2', after: { id: 'p1', number: '555' } }),
    ]);
    expect(events).toEqual([
      { id: 'e1', type: 'customer.created', occurredAt: '2026-11-23T18:13:25.399Z', customerId: 'c1', data: { action: 'create', customerId: 'c1', entityType: 'customer', entityId: 'c1', record: { id: 'c1', displayName: 'Ines Duarte', emails: [{ id: 'm1', address: 'ines@example.com' }] } } },
      { id: 'e3', type: 'customer.changed', occurredAt: '2026-11-23T18:13:25.399Z', customerId: 'c2', data: { action: 'create', customerId: 'c2', entityType: 'phone', entityId: 'p1', record: { id: 'p1', number: '555' } } },
    ]);
    expect(JSON.parse(payloadOf(events[0]!))).toEqual({ id: 'e1', type: 'customer.created', occurredAt: '2026-11-23T18:13:25.399Z', data: events[0]!.data });
  });

  it('says what an update changed, and names what a child record belongs to', () => {
    const [updated, revised] = eventsOf([
      change({ action: 'update', entityType: 'case', entityId: 'k1', before: { subject: 'Boiler', priority: 'normal', updatedAt: 'a' }, after: { subject: 'Boiler', priority: 'high', updatedAt: 'b' } }),
      change({ eventId: 'e2', entityType: 'promise_revision', entityId: 'r1', after: { id: 'r1', promiseId: 'p9', reason: 'Parts late' } }),
    ]);
    expect(updated!.data).toEqual({
      action: 'update',
      customerId: 'c1',
      entityType: 'case',
      entityId: 'k1',
      caseId: 'k1',
      record: { subject: 'Boiler', priority: 'high', updatedAt: 'b' },
      changes: { before: { priority: 'normal' }, after: { priority: 'high' } },
    });
    expect(revised!).toMatchObject({ type: 'promise.changed', data: { promiseId: 'p9', entityType: 'promise_revision', record: { reason: 'Parts late' } } });
  });

  it('carries only ids for a private fact, whatever it says', () => {
    fc.assert(
      fc.property(fc.constantFrom(['interaction', 'create'], ['case', 'create'], ['case', 'update'], ['promise', 'update'], ['email', 'create']), fc.string().map((s) => `PRIVATE ${s}`), ([entityType, action], secret) => {
        const [event] = eventsOf([change({ action, entityType, entityId: 'x1', private: true, before: { body: secret }, after: { body: secret, sensitivity: 'private' } })]);
        return event !== undefined && !('record' in event.data) && !('changes' in event.data) && !JSON.stringify(event.data).includes('PRIVATE');
      }),
    );
  });

  it('is nothing at all for changes that are not events', () => {
    expect(eventsOf([change({ entityType: 'note' }), change({ action: 'sign_in', entityType: 'staff' })])).toEqual([]);
  });

  it('moves the log with a merge and its undo, and deletes it with a purge', () => {
    expect(
      logChangesOf([
        change({ action: 'merge', entityId: 's1', after: { mergedCustomerId: 'm1' } }),
        change({ action: 'unmerge', entityId: 's1', after: { mergedCustomerId: 'm1' } }),
        change({ action: 'purge', entityId: 'c9' }),
        change({ action: 'purge', entityType: 'note', entityId: 'n1' }),
      ]),
    ).toEqual([
      { kind: 'merge', survivorId: 's1', mergedId: 'm1' },
      { kind: 'unmerge', survivorId: 's1', mergedId: 'm1' },
      { kind: 'purge', customerId: 'c9' },
    ]);
  });
});
