import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditItem } from '../../src/audit/audit-schemas.js';
import type { Static } from 'typebox';

/**
 * Audit entries in words (web/src/history/describe.ts), without a browser: no entry may read as JSON.
 * web/src is written for Vite (imports without extensions), so it is loaded here at run time rather
 * than type-checked under these tests' Node settings; the few functions used are typed below.
 */
type HistoryItem = Static<typeof AuditItem>;
interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}
interface Describe {
  action(item: HistoryItem): string;
  changes(item: HistoryItem): FieldChange[];
  who(item: HistoryItem): string;
  trailSentence(item: HistoryItem): { phrase: string; name: string | null; customer: 'object' | 'for' | null };
}
type Week = Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', { opens: string; closes: string }[]>;

const load = (path: string): Promise<unknown> => import(/* @vite-ignore */ path);
let action: Describe['action'];
let changes: Describe['changes'];
let who: Describe['who'];
let trailSentence: Describe['trailSentence'];
let weekSummary: (week: Week | null) => string;
let entityTypeLabels: Record<string, string>;
let actionLabels: Record<string, string>;

beforeAll(async () => {
  ({ action, changes, who, trailSentence } = (await load('../src/history/describe.ts')) as Describe);
  ({ entityTypeLabels, actionLabels } = (await load('../src/history/words.ts')) as { entityTypeLabels: Record<string, string>; actionLabels: Record<string, string> });
  ({ weekSummary } = (await load('../src/ui/calendar.ts')) as { weekSummary: typeof weekSummary });
});

const item = (over: Partial<HistoryItem>): HistoryItem => ({
  id: 'e1',
  at: '2026-11-23T18:13:25.399Z',
  staffId: 's1',
  staffName: 'Ada Admin',
  tokenId: null,
  tokenName: null,
  action: 'create',
  entityType: 'customer',
  entityId: 'x1',
  entityName: null,
  customerId: null,
  customerName: null,
  diff: null,
  ...over,
});

const sentence = (i: HistoryItem) => {
  const s = trailSentence(i);
  return [who(i), s.phrase, s.name, s.customer === 'object' ? i.customerName : s.customer === 'for' ? `for ${i.customerName}` : null].filter(Boolean).join(' ');
};
const fieldText = (i: HistoryItem) => changes(i).map((f) => `${f.field}: ${f.before ?? ''} ${f.after ?? ''}`);

const week: Week = { mon: [{ opens: '09:00', closes: '17:00' }], tue: [{ opens: '09:00', closes: '17:00' }], wed: [], thu: [], fri: [], sat: [], sun: [] };

describe('the audit trail in words', () => {
  it('names the customer an entry is about, or that it is for', () => {
    expect(sentence(item({ customerId: 'c1', customerName: 'Jim Alvarez' }))).toBe('Ada Admin created the customer Jim Alvarez');
    expect(sentence(item({ action: 'update', customerId: 'c1', customerName: 'Jim Alvarez' }))).toBe('Ada Admin changed the profile of Jim Alvarez');
    expect(sentence(item({ entityType: 'note', customerId: 'c1', customerName: 'Jim Alvarez', diff: { after: { body: 'Likes tea' } } }))).toBe(
      'Ada Admin added a note for Jim Alvarez',
    );
    expect(sentence(item({ entityType: 'interaction', customerId: 'c1', customerName: 'Jim', diff: { after: { channel: 'call' } } }))).toBe('Ada Admin added a call for Jim');
    // The customer page still says "this customer".
    expect(action(item({ customerId: 'c1' }))).toBe('created this customer');
  });

  it('says what was done to staff, tokens and locations, by name', () => {
    expect(sentence(item({ entityType: 'staff', entityName: 'Newbie', entityId: 's2', diff: { after: { name: 'Newbie', email: 'n@example.org', role: 'frontline', locationIds: ['l1', 'l2'] } } }))).toBe(
      'Ada Admin added the staff account Newbie',
    );
    expect(fieldText(item({ entityType: 'staff', entityId: 's2', diff: { after: { name: 'Newbie', email: 'n@example.org', role: 'frontline', locationIds: ['l1', 'l2'] } } }))).toEqual([
      'Name:  Newbie',
      'Email:  n@example.org',
      'Role:  frontline',
      'Locations:  2 locations',
    ]);
    expect(sentence(item({ entityType: 'staff', action: 'sign_in', entityId: 's1' }))).toBe('Ada Admin signed in');
    expect(sentence(item({ entityType: 'staff', action: 'disable', entityId: 's2', entityName: 'Newbie' }))).toBe('Ada Admin disabled the staff account Newbie');
    expect(sentence(item({ entityType: 'staff', action: 'reset_password', entityId: 's2', entityName: 'Newbie' }))).toBe('Ada Admin reset the password of Newbie');
    expect(sentence(item({ entityType: 'api_token', action: 'revoke', entityName: 'POS sync' }))).toBe('Ada Admin revoked the API token POS sync');
    expect(sentence(item({ entityType: 'api_token', entityName: 'POS sync', diff: { after: { name: 'POS sync', scope: 'read', tokenHash: 'abc' } } }))).toBe('Ada Admin created the API token POS sync');
    expect(fieldText(item({ entityType: 'api_token', diff: { after: { name: 'POS sync', scope: 'read', tokenHash: 'abc' } } }))).toEqual(['Name:  POS sync', 'Access:  read only']);
    expect(who(item({ tokenId: 't1', tokenName: 'POS sync' }))).toBe('Ada Admin (through the API token “POS sync”)');
    expect(who(item({ staffId: null, staffName: null }))).toBe('Rapport');
  });

  it('reads a location’s calendar: hours as a week, holidays as what was added and removed', () => {
    const created = item({
      entityType: 'location',
      entityName: 'Quay Street',
      diff: { after: { name: 'Quay Street', address: '1 Quay', timezone: 'Europe/London', openingHours: week, holidays: [{ date: '2030-12-25', name: 'Christmas Day' }] } },
    });
    expect(sentence(created)).toBe('Ada Admin added the location Quay Street');
    expect(fieldText(created)).toEqual([
      'Name:  Quay Street',
      'Address:  1 Quay',
      'Time zone:  Europe/London',
      'Opening hours:  Mon–Tue 09:00–17:00 · Wed–Sun closed',
      expect.stringMatching(/^Holidays: {2}.*2030 Christmas Day$/),
    ]);
    const changed = item({
      action: 'update',
      entityType: 'location',
      entityName: 'Quay Street',
      diff: {
        before: { openingHours: null, holidays: [{ date: '2030-12-24', name: 'Christmas Eve' }] },
        after: { openingHours: week, holidays: [{ date: '2030-12-25', name: 'Christmas Day' }] },
      },
    });
    const [hours, holidays] = changes(changed);
    expect(hours).toEqual({ field: 'Opening hours', before: 'none set (every hour counts)', after: 'Mon–Tue 09:00–17:00 · Wed–Sun closed' });
    expect(holidays!.before).toBeNull();
    expect(holidays!.after).toMatch(/^added .*2030 Christmas Day; removed .*2030 Christmas Eve$/);
    expect(weekSummary({ ...week, sat: [{ opens: '10:00', closes: '12:00' }, { opens: '13:00', closes: '24:00' }] })).toBe(
      'Mon–Tue 09:00–17:00 · Wed–Fri closed · Sat 10:00–12:00, 13:00–24:00 · Sun closed',
    );
  });

  it('never shows JSON, whatever the kind of entry, action or field', () => {
    const snapshot = {
      name: 'A',
      title: 'T',
      summary: 'S',
      body: 'B',
      settings: { colour: 'blue', nested: { deep: { deeper: 1 } }, list: [1, 2] },
      items: [{ quantity: 2, description: 'Grout' }],
      tags: ['a', 'b'],
      birthday: { year: 1980, month: 3, day: null },
      openingHours: week,
      holidays: [{ date: '2030-12-25', name: 'Christmas Day' }],
    };
    for (const entityType of [...Object.keys(entityTypeLabels), 'something_new']) {
      for (const act of [...Object.keys(actionLabels), 'frobnicate']) {
        for (const diff of [{ after: snapshot }, { before: snapshot }, { before: { settings: { colour: 'red' } }, after: snapshot }, null]) {
          const entry = item({ entityType, action: act, diff, customerId: entityType === 'customer' ? 'c1' : null, customerName: 'Jim' });
          const text = [sentence(entry), ...fieldText(entry)].join(' | ');
          expect(text, `${entityType} ${act}`).not.toMatch(/[{}"[\]]|undefined|\[object/);
        }
      }
    }
  });
});
