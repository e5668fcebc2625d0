import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../platform/database/connect.js';
import { sharedTestDatabase, type SharedTestDatabase } from '../../test/shared-database.js';
import { exportText, seedForExport } from './fixtures/rapport-export-source.js';
import { readRapportLines, readRapportLineStream, type RapportLinesRead } from './rapport-lines.js';

const fixture = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'rapport-export.jsonl'));
const us = { phoneRegion: 'US' };

/** What the seeded customers read back as, whatever their ids. */
function expectSeeded(read: RapportLinesRead, ids: { bob: string; club: string }) {
  expect(read.customers).toEqual([
    {
      line: 1,
      problems: [],
      record: {
        line: 1,
        sourceRecordId: ids.bob,
        customer: {
          kind: 'person',
          displayName: 'Robert Smith',
          givenName: 'Robert',
          familyName: 'Smith',
          preferredName: 'Bob',
          pronouns: 'he/him',
          language: 'en-US',
          birthday: { year: null, month: 3, day: 14 },
          emails: [
            { address: 'robert.smith@example.com', label: 'home' },
            { address: 'Bob@Northside-Builders.example', label: 'work', primary: true },
          ],
          phones: [{ number: '(312) 555-0142', label: 'mobile', primary: true }],
          addresses: [{ label: 'home', primary: true, line1: '1420 W Addison St', city: 'Chicago', region: 'IL', postalCode: '60613', country: 'US' }],
          externalIds: [{ source: 'pos', externalId: 'C-1001' }],
        },
        organization: null,
        note: null,
      },
    },
    {
      line: 2,
      problems: [],
      record: {
        line: 2,
        sourceRecordId: ids.club,
        customer: { kind: 'organization', displayName: 'Lakeside Cycling Club', phones: [{ number: '+1 312 555 0110', label: 'main', primary: true }] },
        organization: null,
        note: null,
      },
    },
  ]);
  const skipped = Object.fromEntries(read.skipped.map((s) => [s.type, s]));
  expect(skipped.customer).toEqual({ type: 'customer', count: 1, reason: 'Erased customers have no personal data left to import.' });
  expect(skipped.relationship).toMatchObject({ count: 1, reason: expect.stringContaining('Only customers') });
  expect(skipped.interaction).toMatchObject({ count: 1 });
  expect(skipped.erasure).toMatchObject({ count: 1, reason: expect.stringContaining('history') });
  expect(skipped.auditEvent!.count).toBeGreaterThan(5);
  expect(Object.keys(skipped)).not.toContain('email');
}

describe('reading a Rapport export', () => {
  it('reads the stored export: customers with their contact points, the rest counted with a reason', () => {
    const first = JSON.parse(fixture.toString('utf8').split('\n')[0]!) as { data: { id: string } };
    const second = JSON.parse(fixture.toString('utf8').split('\n')[1]!) as { data: { id: string } };
    expectSeeded(readRapportLines(fixture, us), { bob: first.data.id, club: second.data.id });
  });

  it('reads it the same streamed, in small pieces', async () => {
    async function* pieces() {
      for (let i = 0; i < fixture.length; i += 37) yield fixture.subarray(i, i + 37);
    }
    expect(await readRapportLineStream(pieces(), us)).toEqual(readRapportLines(fixture, us));
  });

  it('keeps a local number written for another country as its E.164 form', () => {
    // Read by a shop in Germany, "(312) 555-0142" would be a German number: the stored +1 number is taken instead.
    const read = readRapportLines(fixture, { phoneRegion: 'DE' });
    expect(read.customers[0]!.record!.customer.phones).toEqual([{ number: '+13125550142', label: 'mobile', primary: true }]);
    expect(read.customers[1]!.record!.customer.phones).toEqual([{ number: '+1 312 555 0110', label: 'main', primary: true }]);
  });

  it('reports lines that are not JSON or not export records, and contact points of customers not in the file, and reads on', () => {
    const text = [
      '{"type":"customer","data":{"id":"c1","kind":"person","displayName":"Ann Berg","givenName":"Ann","familyName":"Berg","birthYear":1990,"birthMonth":null,"birthDay":null}}',
      '{"type":"customer","data":{"id":"c1"',
      '[1,2,3]',
      '',
      '{"type":"email","data":{"customerId":"c9","address":"ghost@example.com"}}',
      '{"type":"email","data":{"customerId":"c1","address":"not an email","isPrimary":true}}',
      '{"type":"note","data":{"customerId":"c1","body":"x"}}',
    ].join('\n');
    const read = readRapportLines(text, us);
    expect(read.customers).toEqual([
      {
        line: 1,
        record: { line: 1, sourceRecordId: 'c1', customer: { kind: 'person', displayName: 'Ann Berg', givenName: 'Ann', familyName: 'Berg', birthday: { year: 1990, month: null, day: null } }, organization: null, note: null },
        problems: [{ line: 1, field: 'address', message: "Email 'not an email' is not an email address, so it was left out." }],
      },
      { line: 2, record: null, problems: [{ line: 2, field: null, message: 'Line 2 is not JSON, so it was skipped.' }] },
      { line: 3, record: null, problems: [{ line: 3, field: null, message: 'Line 3 is not a Rapport export record ({"type": ..., "data": {...}}), so it was skipped.' }] },
      { line: 5, record: null, problems: [{ line: 5, field: null, message: 'The email on line 5 belongs to customer c9, who is not in the file (or comes after it), so it was skipped.' }] },
    ]);
    expect(read.skipped).toEqual([{ type: 'note', count: 1, reason: 'Only customers and their emails, phones, addresses and external ids are read from a Rapport export.' }]);
  });
});

describe('reading what `rapport export` writes today', () => {
  let shared: SharedTestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    shared = await sharedTestDatabase();
    handle = await shared.open();
  });

  afterAll(async () => {
    await handle.close();
    await shared.drop();
  });

  it('reads back the customers the export code wrote from a live database', async () => {
    const ids = await seedForExport(handle.db);
    expectSeeded(readRapportLines(await exportText(handle.db), us), ids);
  });
});
