import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../customers/customer-commands.js';
import { addRelationship } from '../../customers/relationship-commands.js';
import { writeCustomers } from '../../exports/customer-export.js';
import { createNote } from '../../notes/note-commands.js';
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
  // Bob is the club's member, not employed there: not an organisation the import would link him to as his employer.
  expect(skipped.relationship).toMatchObject({ count: 1, reason: expect.stringContaining('Only a link from a person to their employer') });
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
      '{"type":"interaction","data":{"customerId":"c1","summary":"Called"}}',
    ].join('\n');
    const read = readRapportLines(text, us);
    expect(read.customers).toEqual([
      {
        line: 1,
        record: { line: 1, sourceRecordId: 'c1', customer: { kind: 'person', displayName: 'Ann Berg', givenName: 'Ann', familyName: 'Berg', birthday: { year: 1990, month: null, day: null } }, organization: null, note: 'x' },
        problems: [{ line: 1, field: 'address', message: "Email 'not an email' is not an email address, so it was left out." }],
      },
      { line: 2, record: null, problems: [{ line: 2, field: null, message: 'Line 2 is not JSON, so it was skipped.' }] },
      { line: 3, record: null, problems: [{ line: 3, field: null, message: 'Line 3 is not a Rapport export record ({"type": ..., "data": {...}}), so it was skipped.' }] },
      { line: 5, record: null, problems: [{ line: 5, field: null, message: 'The email on line 5 belongs to customer c9, who is not in the file (or comes after it), so it was skipped.' }] },
    ]);
    expect(read.skipped).toEqual([{ type: 'interaction', count: 1, reason: 'Only customers and their emails, phones, addresses, external ids, employers and notes are read from a Rapport export.' }]);
  });

  it("reads a person's employer and title from their link, written on either side, and their notes as one", () => {
    const line = (type: string, data: object) => JSON.stringify({ type, data });
    const text = [
      line('customer', { id: 'p1', kind: 'person', displayName: 'Ann Berg' }),
      line('customer', { id: 'p2', kind: 'person', displayName: 'Bo Lund' }),
      line('customer', { id: 'p3', kind: 'person', displayName: 'Cy Diaz' }),
      line('customer', { id: 'o1', kind: 'organization', displayName: 'Northwind Traders; Ltd.' }),
      line('customer', { id: 'p4', kind: 'person', displayName: 'Di Ek' }),
      // As the customers' export writes it: from the person's side, the organisation (not in this file) named on the link.
      line('relationship', { id: 'r1', customerId: 'p1', relatedCustomerId: 'o9', relatedDisplayName: 'Harbor Bikes', relatedKind: 'organization', label: 'Mechanic', relatedLabel: 'employer', household: false }),
      // A second employer: the import links a person to one, the first.
      line('relationship', { id: 'r2', customerId: 'p1', relatedCustomerId: 'o1', label: 'Buyer', relatedLabel: 'Employer', household: false }),
      // As `rapport export` writes a link made on the organisation's page: the person's title is its relatedLabel; the same link twice counts once.
      line('relationship', { id: 'r3', customerId: 'o1', relatedCustomerId: 'p2', label: 'employer', relatedLabel: 'Buyer, Bikes', household: false }),
      line('relationship', { id: 'r3', customerId: 'p2', relatedCustomerId: 'o1', relatedDisplayName: 'Northwind Traders; Ltd.', relatedKind: 'organization', label: 'Buyer, Bikes', relatedLabel: 'employer', household: false }),
      // No title: none on the link.
      line('relationship', { id: 'r4', customerId: 'o1', relatedCustomerId: 'p3', label: 'employer', relatedLabel: null, household: false }),
      // Not employment: a spouse, a club's member, an organisation's own supplier.
      line('relationship', { id: 'r5', customerId: 'p4', relatedCustomerId: 'p3', label: 'spouse', relatedLabel: 'spouse', household: true }),
      line('relationship', { id: 'r6', customerId: 'p4', relatedCustomerId: 'o1', label: 'member', relatedLabel: 'club', household: false }),
      line('note', { id: 'n1', customerId: 'p1', body: 'Prefers mornings.', sensitivity: 'normal' }),
      line('note', { id: 'n2', customerId: 'p1', body: 'Two lines:\nfirst, second', sensitivity: 'normal' }),
      line('note', { id: 'n3', customerId: 'o1', body: 'Invoice at month end.', sensitivity: 'normal' }),
      // A backup's private note: imported, everyone would read it.
      line('note', { id: 'n4', customerId: 'p2', body: 'Going through a divorce.', sensitivity: 'private' }),
    ].join('\n');
    const read = readRapportLines(text, us);
    expect(read.customers.map((c) => c.problems)).toEqual([[], [], [], [], []]);
    expect(read.customers.map((c) => [c.record!.customer.displayName, c.record!.organization, c.record!.note])).toEqual([
      ['Ann Berg', { name: 'Harbor Bikes', title: 'Mechanic' }, 'Prefers mornings.\n\nTwo lines:\nfirst, second'],
      ['Bo Lund', { name: 'Northwind Traders; Ltd.', title: 'Buyer, Bikes' }, null],
      ['Cy Diaz', { name: 'Northwind Traders; Ltd.', title: null }, null],
      ['Northwind Traders; Ltd.', null, 'Invoice at month end.'],
      ['Di Ek', null, null],
    ]);
    expect(read.skipped).toEqual([
      { type: 'relationship', count: 2, reason: expect.stringContaining('Only a link from a person to their employer') },
      { type: 'relationship', count: 1, reason: 'An import links a person to one employer, the first in the file; their other employers were left out.' },
      { type: 'note', count: 1, reason: 'A private note is not imported: an imported note is read by all staff, and the file cannot say who may read it.' },
    ]);
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

  it("reads back a person's employer and notes from both exports: everything, and the customers' JSON lines", async () => {
    const ctx = { actor: null, phoneRegion: 'US' };
    const { ann, bo } = await handle.db.transaction().execute(async (trx) => {
      const works = await createCustomer(trx, ctx, { kind: 'organization', displayName: 'Harbor Bikes; Repairs' });
      const ann = await createCustomer(trx, ctx, { givenName: 'Ann', familyName: 'Berg' });
      const bo = await createCustomer(trx, ctx, { givenName: 'Bo', familyName: 'Lund' });
      await addRelationship(trx, ctx, ann, { relatedCustomerId: works, label: 'Mechanic, Wheels', relatedLabel: 'employer' });
      // Made on the organisation's page: the organisation's side is written.
      await addRelationship(trx, ctx, works, { relatedCustomerId: bo, label: 'employer', relatedLabel: 'Buyer' });
      await createNote(trx, ctx, { customerId: ann, body: 'Prefers mornings.' });
      await createNote(trx, ctx, { customerId: ann, body: 'Rides a 1970s Peugeot.' });
      return { ann, bo };
    });
    const expected = {
      [ann]: { organization: { name: 'Harbor Bikes; Repairs', title: 'Mechanic, Wheels' }, note: 'Prefers mornings.\n\nRides a 1970s Peugeot.' },
      [bo]: { organization: { name: 'Harbor Bikes; Repairs', title: 'Buyer' }, note: null },
    };
    const found = (read: RapportLinesRead) =>
      Object.fromEntries(read.customers.filter((c) => c.record && [ann, bo].includes(c.record.sourceRecordId!)).map((c) => [c.record!.sourceRecordId!, { organization: c.record!.organization, note: c.record!.note }]));
    expect(found(readRapportLines(await exportText(handle.db), us))).toEqual(expected);
    // The customers' JSON lines of the two alone, their organisation not among them: each link names it.
    let lines = '';
    await writeCustomers(
      handle.db,
      'jsonl',
      [ann, bo],
      (chunk) => {
        lines += chunk;
      },
      null,
    );
    const read = readRapportLines(lines, us);
    expect(read.customers.map((c) => c.problems)).toEqual([[], []]);
    expect(found(read)).toEqual(expected);
  });
});
