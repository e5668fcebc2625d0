import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCheckJob, importRunJob } from '../imports/import-jobs.js';
import { createJobWorker } from '../platform/jobs/job-worker.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * Export, then import into an empty database: the same customers come back (names, birthday, every
 * email, phone, address and id in another system, a person's employer and job title there, their
 * notes), in each format. The import adds one thing, on purpose: the id the customers had in the
 * first database, as an id in the system they came from. It keeps one note per customer: several
 * come back as one, a blank line between two. A private note never leaves (a file cannot say who may
 * read it, and imported it would be everyone's); of the others, an export holds those the person
 * exporting may see.
 */

let source: TestApp;
let admin: Client;
let clerk: Client;
/** Customer ids in the first database, by display name. */
const ids: Record<string, string> = {};
const privateNote = 'Going through a divorce: do not mention her husband.';

const people = [
  { givenName: 'María José', familyName: 'García-López', preferredName: 'Majo', birthday: { month: 3, day: 14 }, language: 'es-MX', emails: [{ address: 'majo@example.com', label: 'home' }, { address: 'mj.garcia@work.example', label: 'work' }], phones: [{ number: '+1 312 555 0142', label: 'mobile' }], addresses: [{ label: 'home', line1: '1420 W Addison St, Apt 2', city: 'Chicago', region: 'IL', postalCode: '60613', country: 'US' }], externalIds: [{ source: 'pos', externalId: 'C-1001' }] },
  { givenName: 'Zoë', familyName: "O'Brien, Jr.", pronouns: 'she/her', birthday: { year: 1990, month: 12, day: 31 }, emails: [{ address: 'zoe@example.org' }], phones: [{ number: '+44 20 7946 0011' }, { number: '+1 773 555 0199', label: 'work' }] },
  { givenName: 'Ana "Nina"', familyName: 'Müller; Schmidt', emails: [{ address: 'nina@example.net' }], externalIds: [{ source: 'newsletter', externalId: 'N-7' }, { source: 'pos', externalId: 'C-2002' }] },
  { kind: 'organization', displayName: 'Lakeside Cycling Club', emails: [{ address: 'rides@lakeside.example' }], addresses: [{ line1: '1 Harbor Rd', city: 'Milwaukee', postalCode: '53202', country: 'US' }] },
  { kind: 'organization', displayName: 'Harbor Bikes; Repairs, Rentals', phones: [{ number: '+1 414 555 0123', label: 'main' }] },
];

beforeAll(async () => {
  source = await testApp();
  admin = await source.signIn('admin');
  clerk = await source.signIn('frontline');
  for (const person of people) {
    const created = await clerk.post('/api/v1/customers', person);
    expect(created.status).toBe(201);
    ids[created.body.displayName] = created.body.id;
  }
  const link = async (from: string, to: string, label: string, relatedLabel: string) =>
    expect((await clerk.post(`/api/v1/customers/${ids[from]}/relationships`, { relatedCustomerId: ids[to], label, relatedLabel })).status).toBe(201);
  // Employers: a title with separators in it; a link made on the organisation's page; one with no title (the import's "works at").
  await link('María José García-López', 'Lakeside Cycling Club', 'Ride Captain; Treasurer, North', 'employer');
  await link('Lakeside Cycling Club', "Zoë O'Brien, Jr.", 'employer', 'Mechanic');
  await link('Ana "Nina" Müller; Schmidt', 'Harbor Bikes; Repairs, Rentals', 'works at', 'employer');
  const note = async (by: Client, customer: string, body: string, sensitivity: 'normal' | 'private' = 'normal') =>
    expect((await by.post('/api/v1/notes', { customerId: ids[customer], body, sensitivity })).status).toBe(201);
  await note(clerk, 'María José García-López', 'Prefers morning rides.\nAllergic to latex; nitrile gloves, please.');
  // Private, by a manager: admins may read it, the clerk may not.
  await note(await source.signIn('manager'), 'María José García-López', privateNote, 'private');
  await note(clerk, 'Lakeside Cycling Club', 'Invoice at month end.');
  await note(clerk, 'Ana "Nina" Müller; Schmidt', '=2 bikes on hold, "the blue ones"');
});
afterAll(async () => source?.close());

interface Shape {
  kind: string;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  preferredName: string | null;
  pronouns: string | null;
  language: string | null;
  birthday: unknown;
  emails: { address: string; label: string | null; primary: boolean }[];
  phones: { e164: string; label: string | null; primary: boolean }[];
  addresses: unknown[];
  externalIds: { source: string; externalId: string }[];
  relationships: { relatedDisplayName: string; relatedKind: string; label: string; relatedLabel: string | null; household: boolean }[];
  /** The notes the client may see, oldest first, as the import keeps several: one text, a blank line between two. */
  notes: string | null;
}

type Relationship = Shape['relationships'][number];

/** A file's text with vCard's folded lines unfolded (RFC 6350 3.2), so that a phrase is found wherever a line was cut. */
const unfolded = (text: string): string => text.replace(/\r\n[ \t]/g, '');

/** A customer's notes the client may see, oldest first, in one text as the import keeps them. */
async function notesOf(client: Client, customerId: string): Promise<string | null> {
  const notes = (await client.get(`/api/v1/notes?customerId=${customerId}&limit=100`)).body.items as { id: string; body: string; createdAt: string }[];
  notes.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return notes.length ? notes.map((n) => n.body).join('\n\n') : null;
}

/** Imports a file into a database (the check, then the import), as an admin; returns what the check found. */
async function importInto(target: TestApp, file: Buffer, format: string): Promise<{ client: Client; check: unknown }> {
  const client = await target.signIn('admin');
  const upload = await client.request('POST', `/api/v1/imports?source=first-rapport&format=${format}&fileName=customers.${format}`, file, { headers: { 'content-type': 'application/octet-stream' } });
  expect(upload.status, JSON.stringify(upload.body)).toBe(202);
  const worker = createJobWorker({ database: target.database, kinds: [importCheckJob, importRunJob], log: pino({ level: 'silent' }) });
  await worker.runDue();
  const checked = (await client.get(`/api/v1/imports/${upload.body.id}`)).body;
  await client.post(`/api/v1/imports/${upload.body.id}/commit`);
  await worker.runDue();
  return { client, check: checked.check };
}

/** Every customer of a database, as the comparison needs them (ids and times differ between databases). */
async function customersOf(client: Client, leaveOutSource?: string): Promise<Shape[]> {
  const list = (await client.get('/api/v1/customers?limit=200')).body.items as { id: string }[];
  const out: Shape[] = [];
  for (const { id } of list) {
    const c = (await client.get(`/api/v1/customers/${id}`)).body;
    out.push({
      kind: c.kind,
      displayName: c.displayName,
      givenName: c.givenName,
      familyName: c.familyName,
      preferredName: c.preferredName,
      pronouns: c.pronouns,
      language: c.language,
      birthday: c.birthday,
      emails: c.emails.map((e: Shape['emails'][number]) => ({ address: e.address, label: e.label, primary: e.primary })).sort((a: { address: string }, b: { address: string }) => a.address.localeCompare(b.address)),
      phones: c.phones.map((p: Shape['phones'][number]) => ({ e164: p.e164, label: p.label, primary: p.primary })).sort((a: { e164: string }, b: { e164: string }) => a.e164.localeCompare(b.e164)),
      addresses: c.addresses.map(({ id: _id, ...a }: { id: string }) => a),
      externalIds: c.externalIds
        .filter((x: { source: string }) => x.source !== leaveOutSource)
        .map((x: { source: string; externalId: string }) => ({ source: x.source, externalId: x.externalId }))
        .sort((a: { source: string; externalId: string }, b: { source: string; externalId: string }) => `${a.source}${a.externalId}`.localeCompare(`${b.source}${b.externalId}`)),
      relationships: c.relationships
        .map((r: Relationship) => ({ relatedDisplayName: r.relatedDisplayName, relatedKind: r.relatedKind, label: r.label, relatedLabel: r.relatedLabel, household: r.household }))
        .sort((a: Relationship, b: Relationship) => a.relatedDisplayName.localeCompare(b.relatedDisplayName)),
      notes: await notesOf(client, id),
    });
  }
  return out.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

describe('export and import again', () => {
  for (const [format, contentType] of [
    ['csv', 'text/csv'],
    ['vcard', 'text/vcard'],
    ['jsonl', 'application/x-ndjson'],
  ] as const) {
    it(`gives the same customers through ${format}`, async () => {
      expect((await clerk.get(`/api/v1/customers/export?format=${format}`)).status).toBe(403);
      const exported = await admin.get(`/api/v1/customers/export?format=${format}`);
      expect(exported.status).toBe(200);
      expect(String(exported.headers['content-type'])).toContain(contentType);
      // An admin may read the manager's private note, but it does not leave with the customer.
      expect(unfolded(exported.body)).not.toContain('divorce');
      const target = await testApp();
      try {
        const { client, check } = await importInto(target, exported.raw.rawPayload, format);
        expect(check, JSON.stringify(check)).toMatchObject({ created: people.length, problems: 0 });
        const publicNotes = 'Prefers morning rides.\nAllergic to latex; nitrile gloves, please.';
        const before = (await customersOf(admin)).map((c) => (c.displayName === 'María José García-López' ? { ...c, notes: publicNotes } : c));
        const after = await customersOf(client, 'first-rapport');
        // Row by row: employers (whichever side the link was made from) with their titles, and the notes.
        expect(after).toEqual(before);
        expect(after.find((c) => c.displayName === 'María José García-López')).toMatchObject({
          relationships: [{ relatedDisplayName: 'Lakeside Cycling Club', relatedKind: 'organization', label: 'Ride Captain; Treasurer, North', relatedLabel: 'employer', household: false }],
          notes: publicNotes,
        });
        expect(after.find((c) => c.displayName === "Zoë O'Brien, Jr.")!.relationships).toEqual([{ relatedDisplayName: 'Lakeside Cycling Club', relatedKind: 'organization', label: 'Mechanic', relatedLabel: 'employer', household: false }]);
        expect(after.find((c) => c.displayName === 'Ana "Nina" Müller; Schmidt')).toMatchObject({ relationships: [{ relatedDisplayName: 'Harbor Bikes; Repairs, Rentals', label: 'works at' }], notes: '=2 bikes on hold, "the blue ones"' });
        expect(after.find((c) => c.displayName === 'Lakeside Cycling Club')).toMatchObject({ notes: 'Invoice at month end.' });
      } finally {
        await target.close();
      }
    });

    it(`gives one customer through ${format} with their employer and the notes the person exporting may see, no other`, async () => {
      const mariaJose = ids['María José García-López']!;
      const exported = await clerk.get(`/api/v1/customers/${mariaJose}/export?format=${format}`);
      expect(exported.status).toBe(200);
      // The manager's private note is not the clerk's to read: it is not in the file, in any form.
      expect(unfolded(exported.body)).not.toContain('divorce');
      expect(unfolded(exported.body)).toContain('Prefers morning rides');
      expect(unfolded(exported.body)).toContain('Ride Captain');
      const target = await testApp();
      try {
        const { client, check } = await importInto(target, exported.raw.rawPayload, format);
        expect(check, JSON.stringify(check)).toMatchObject({ created: 1, problems: 0 });
        // Her organisation is not in the file: the import makes one of the name the file gives, and links her to it.
        const after = await customersOf(client, 'first-rapport');
        expect(after.map((c) => [c.kind, c.displayName])).toEqual([
          ['organization', 'Lakeside Cycling Club'],
          ['person', 'María José García-López'],
        ]);
        const { relationships, notes, ...rest } = after[1]!;
        const { relationships: _all, notes: _every, ...same } = (await customersOf(admin)).find((c) => c.displayName === 'María José García-López')!;
        expect(rest).toEqual(same);
        expect(relationships).toEqual([{ relatedDisplayName: 'Lakeside Cycling Club', relatedKind: 'organization', label: 'Ride Captain; Treasurer, North', relatedLabel: 'employer', household: false }]);
        expect(notes).toBe('Prefers morning rides.\nAllergic to latex; nitrile gloves, please.');
        expect(after[0]!.notes).toBeNull();
      } finally {
        await target.close();
      }
    });
  }

  it('documents its answers as files of each format, the whole export as a stream', async () => {
    const paths = (await source.anonymous.get('/api/openapi.json')).body.paths as Record<string, { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }>;
    for (const path of ['/api/v1/customers/export', '/api/v1/customers/{id}/export']) {
      expect(Object.keys(paths[path]!.get.responses['200']!.content), path).toEqual(['text/csv', 'text/vcard', 'application/x-ndjson']);
    }
    expect(paths['/api/v1/customers/export']!.get.responses['200']!.content['text/csv']!.schema).toEqual({ type: 'string', format: 'binary' });
  });

  it('gives one customer as a contact card', async () => {
    const [first] = (await clerk.get('/api/v1/customers?q=Majo')).body.items as { id: string }[];
    const card = await clerk.get(`/api/v1/customers/${first!.id}/export?format=vcard`);
    expect(card.status).toBe(200);
    expect(String(card.headers['content-disposition'])).toContain('.vcf');
    expect(card.body).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(card.body).toContain('EMAIL');
    expect(card.body).toContain('BDAY:--0314');
  });
});
