import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCheckJob, importRunJob } from '../imports/import-jobs.js';
import { createJobWorker } from '../platform/jobs/job-worker.js';
import { testApp, type Client, type TestApp } from '../test/app.js';

/**
 * Export, then import into an empty database: the same customers come back (names, birthday, every
 * email, phone, address and id in another system), in each format. The import adds one thing, on
 * purpose: the id the customers had in the first database, as an id in the system they came from.
 */

let source: TestApp;
let admin: Client;
let clerk: Client;

const people = [
  { givenName: 'María José', familyName: 'García-López', preferredName: 'Majo', birthday: { month: 3, day: 14 }, language: 'es-MX', emails: [{ address: 'majo@example.com', label: 'home' }, { address: 'mj.garcia@work.example', label: 'work' }], phones: [{ number: '+1 312 555 0142', label: 'mobile' }], addresses: [{ label: 'home', line1: '1420 W Addison St, Apt 2', city: 'Chicago', region: 'IL', postalCode: '60613', country: 'US' }], externalIds: [{ source: 'pos', externalId: 'C-1001' }] },
  { givenName: 'Zoë', familyName: "O'Brien, Jr.", pronouns: 'she/her', birthday: { year: 1990, month: 12, day: 31 }, emails: [{ address: 'zoe@example.org' }], phones: [{ number: '+44 20 7946 0011' }, { number: '+1 773 555 0199', label: 'work' }] },
  { givenName: 'Ana "Nina"', familyName: 'Müller; Schmidt', emails: [{ address: 'nina@example.net' }], externalIds: [{ source: 'newsletter', externalId: 'N-7' }, { source: 'pos', externalId: 'C-2002' }] },
  { kind: 'organization', displayName: 'Lakeside Cycling Club', emails: [{ address: 'rides@lakeside.example' }], addresses: [{ line1: '1 Harbor Rd', city: 'Milwaukee', postalCode: '53202', country: 'US' }] },
];

beforeAll(async () => {
  source = await testApp();
  admin = await source.signIn('admin');
  clerk = await source.signIn('frontline');
  for (const person of people) expect((await clerk.post('/api/v1/customers', person)).status).toBe(201);
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
      const target = await testApp();
      try {
        const manager = await target.signIn('admin');
        const upload = await manager.request('POST', `/api/v1/imports?source=first-rapport&format=${format}&fileName=customers.${format}`, exported.raw.rawPayload, { headers: { 'content-type': 'application/octet-stream' } });
        expect(upload.status, JSON.stringify(upload.body)).toBe(202);
        const worker = createJobWorker({ database: target.database, kinds: [importCheckJob, importRunJob], log: pino({ level: 'silent' }) });
        await worker.runDue();
        const checked = (await manager.get(`/api/v1/imports/${upload.body.id}`)).body;
        expect(checked.check, JSON.stringify(checked)).toMatchObject({ created: people.length, problems: 0 });
        await manager.post(`/api/v1/imports/${upload.body.id}/commit`);
        await worker.runDue();
        expect(await customersOf(manager, 'first-rapport')).toEqual(await customersOf(admin));
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
