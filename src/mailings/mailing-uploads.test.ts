import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobWorker } from '../platform/jobs/job-worker.js';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { mailingUploadJob } from './mailing-jobs.js';
import { batchSize, runUpload } from './mailing-upload.js';

/**
 * Recipient lists as CSV files, the way a mailing house or a newsletter tool sends them back: by
 * email, by Rapport's customer id, by the id the shop's other system gave them. Each file is logged
 * in the background; every row not placed on one customer is reported with its line and why; the
 * same file again adds nobody; a run stopped half-way resumes without a customer lost or doubled.
 */

let t: TestApp;
let manager: Client;
let clerk: Client;
const ids: Record<string, string> = {};
const unknownId = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  t = await testApp();
  manager = await t.signIn('manager');
  clerk = await t.signIn('frontline');
  const people: [string, Record<string, unknown>][] = [
    ['jim', { displayName: 'Jim Alvarez', emails: [{ address: 'jim.alvarez@example.com' }], externalIds: [{ source: 'pos', externalId: '1001' }] }],
    ['helen', { displayName: 'Helen Park', emails: [{ address: 'helen.park@example.org' }], externalIds: [{ source: 'pos', externalId: '1002' }] }],
    ['maggie', { displayName: 'Maggie Chen', emails: [{ address: 'maggie.chen@example.com' }] }],
    ['pat', { displayName: 'Pat Lee', emails: [{ address: 'family.lee@example.net' }] }],
    ['sam', { displayName: 'Sam Lee', emails: [{ address: 'family.lee@example.net' }] }],
  ];
  for (const [key, body] of people) ids[key] = (await clerk.post('/api/v1/customers', body)).body.id;
});
afterAll(() => t.close());

const worker = () => createJobWorker({ database: t.database, kinds: [mailingUploadJob], log: pino({ level: 'silent' }) });

async function mailing(name: string, channel = 'direct_mail', sentAt = '2026-03-02') {
  const res = await manager.post('/api/v1/mailings', { name, channel, sentAt });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

function send(mailingId: string, csv: string, query = '', contentType = 'text/csv', who: Client = manager) {
  return who.request('POST', `/api/v1/mailings/${mailingId}/recipients?fileName=list.csv${query}`, Buffer.from(csv), { headers: { 'content-type': contentType } });
}

/** Uploads a file, lets the background worker log it, and returns the upload as it ended. */
async function upload(mailingId: string, csv: string, query = '') {
  const res = await send(mailingId, csv, query);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body).toMatchObject({ status: 'queued', mailingId, fileName: 'list.csv', logged: 0 });
  expect(res.headers.location).toBe(`/api/v1/mailings/${mailingId}/uploads/${res.body.id}`);
  await worker().runDue();
  const done = await manager.get(`/api/v1/mailings/${mailingId}/uploads/${res.body.id}`);
  expect(done.status).toBe(200);
  return done.body as { id: string; status: string; totalRows: number; processedRows: number; logged: number; already: number; problemRows: number; error: string | null };
}

const problemsOf = async (mailingId: string, uploadId: string) => (await manager.get(`/api/v1/mailings/${mailingId}/uploads/${uploadId}/problems?limit=200`)).body.items as { line: number; field: string | null; message: string }[];
const recipients = (mailingId: string) => t.database.db.selectFrom('interactions').selectAll().where('mailingId', '=', mailingId).orderBy('customerId').execute();

describe('a recipient list by email', () => {
  it('logs each customer the file names once, and reports the lines it could not place', async () => {
    const m = await mailing('Spring catalogue 2027');
    const csv = [
      'First name,Last name,E-mail,Opened',
      'Jim,Alvarez,Jim.Alvarez@Example.com,yes',
      'Helen,Park,helen.park@example.org,no',
      'Nobody,Here,nobody@example.com,no',
      'The,Lees,family.lee@example.net,yes',
      'Broken,Address,not-an-email,no',
      'Jim,Again,jim.alvarez@example.com,no',
      '"Maggie, Margaret",Chen,maggie.chen@example.com,yes',
      'No,Email,,no',
    ].join('\r\n');
    const done = await upload(m, csv);
    expect(done).toMatchObject({ status: 'done', totalRows: 8, processedRows: 8, logged: 3, already: 1, problemRows: 4, error: null });
    expect(await problemsOf(m, done.id)).toEqual([
      { seq: 1, line: 4, field: 'E-mail', message: 'No customer has the email nobody@example.com.' },
      { seq: 2, line: 5, field: 'E-mail', message: '2 customers have the email family.lee@example.net: add a column with their customer id to say which one got it.' },
      { seq: 3, line: 6, field: 'E-mail', message: "Email 'not-an-email' is not an email address." },
      { seq: 4, line: 9, field: null, message: 'There is no customer id, email or id in another system here to find the customer by.' },
    ]);
    // Row by row: Jim, Helen and Maggie, one interaction each, as the mailing says.
    const rows = await recipients(m);
    expect(rows.map((r) => r.customerId).sort()).toEqual([ids.jim, ids.helen, ids.maggie].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ mailingId: m, channel: 'direct_mail', direction: 'outbound', occurredAt: '2026-03-02T12:00:00.000Z', summary: 'Spring catalogue 2027', staffId: null, createdBy: manager.staffId });
    }
    const audits = await t.database.db.selectFrom('auditEvents').select(['entityId', 'customerId', 'staffId']).where('entityType', '=', 'interaction').where('entityId', 'in', rows.map((r) => r.id)).execute();
    expect(audits.map((a) => a.entityId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(audits.every((a) => a.staffId === manager.staffId)).toBe(true);
    // The file served: it is not kept once gone through.
    const kept = await t.database.db.selectFrom('mailingUploads').select('content').where('id', '=', done.id).executeTakeFirstOrThrow();
    expect(kept.content).toBeNull();

    // The same file again adds nobody.
    const again = await upload(m, csv);
    expect(again).toMatchObject({ status: 'done', logged: 0, already: 4, problemRows: 4 });
    expect((await recipients(m)).map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect((await manager.get(`/api/v1/mailings/${m}`)).body.recipients).toBe(3);
    const uploads = (await manager.get(`/api/v1/mailings/${m}/uploads`)).body.items;
    expect(uploads.map((u: { id: string }) => u.id)).toEqual([again.id, done.id]);
  });
});

describe('a recipient list by customer id, or by the id in another system', () => {
  it('reads Rapport customer ids, whatever their case, and says which are not', async () => {
    const m = await mailing('Invoices March', 'invoice_sent', '2026-03-31');
    const csv = ['customerId;Amount', `${ids.helen!.toUpperCase()};12,50`, `${unknownId};3,00`, 'C-17;9,99', `${ids.sam};1,00`].join('\n');
    const done = await upload(m, csv);
    expect(done).toMatchObject({ status: 'done', totalRows: 4, logged: 2, already: 0, problemRows: 2 });
    expect(await problemsOf(m, done.id)).toEqual([
      { seq: 1, line: 3, field: 'customerId', message: `No customer has the id ${unknownId}.` },
      { seq: 2, line: 4, field: 'customerId', message: "'C-17' is not a Rapport customer id. If it is an id in another system, say which system (source)." },
    ]);
    expect((await recipients(m)).map((r) => `${r.customerId} ${r.channel}`).sort()).toEqual([`${ids.helen} invoice_sent`, `${ids.sam} invoice_sent`].sort());
  });

  it('reads ids of the point of sale with ?source=, and a customer id or email where the id names no one', async () => {
    const m = await mailing('Loyalty letter', 'letter', '2026-04-15');
    const csv = ['Member No,Customer email', '1001,', '1002,helen.park@example.org', '9999,maggie.chen@example.com', '9998,'].join('\n');
    const done = await upload(m, csv, '&source=POS');
    expect(done).toMatchObject({ status: 'done', logged: 3, already: 0, problemRows: 1 });
    expect(await problemsOf(m, done.id)).toEqual([{ seq: 1, line: 5, field: 'Member No', message: 'No customer has pos id 9998.' }]);
    expect((await recipients(m)).map((r) => r.customerId).sort()).toEqual([ids.jim, ids.helen, ids.maggie].sort());
    // A mapping says where each column goes when the guess would be wrong.
    const mapped = await mailing('Loyalty letter, mapped', 'letter', '2026-04-16');
    const mapping = encodeURIComponent(JSON.stringify({ Ref: 'customerExternalId', Contact: null }));
    const byMap = await upload(mapped, 'Ref,Contact\n1001,x\n', `&source=pos&mapping=${mapping}`);
    expect(byMap).toMatchObject({ status: 'done', logged: 1, problemRows: 0 });
  });
});

describe('files refused before anything is kept', () => {
  it('answers 422 naming the field, 415 for another kind of file, 403 to frontline staff, and keeps no upload', async () => {
    const m = await mailing('Refused files');
    const noKey = await send(m, 'Name,City\nJim,Millbrook\n');
    expect(noKey.status).toBe(422);
    expect(noKey.body.errors).toEqual([{ path: '/body', message: expect.stringContaining('No column names the customers') }]);
    const noSource = await send(m, 'Ref\n1001\n', `&mapping=${encodeURIComponent(JSON.stringify({ Ref: 'customerExternalId' }))}`);
    expect(noSource.status).toBe(422);
    expect(noSource.body.errors[0].path).toBe('/query/source');
    const badField = await send(m, 'Email\na@b.co\n', `&mapping=${encodeURIComponent(JSON.stringify({ Email: 'shoeSize', Phone: 'customerEmail' }))}`);
    expect(badField.status).toBe(422);
    expect(badField.body.errors.map((e: { path: string }) => e.path)).toEqual(['/query/mapping/Email', '/query/mapping/Phone']);
    expect((await send(m, 'Email\na@b.co\n', '&mapping=notjson')).status).toBe(400);
    expect((await send(m, '')).status).toBe(422);
    expect((await send(m, '<html></html>', '', 'text/html')).status).toBe(415);
    const bare = await manager.request('POST', `/api/v1/mailings/${m}/recipients`);
    expect(bare.status).toBe(400);
    expect(bare.body.errors).toEqual([{ path: '/body', message: 'is missing' }]);
    expect((await send(m, 'Email\njim.alvarez@example.com\n', '', 'text/csv', clerk)).status).toBe(403);
    expect((await send(m, 'Email\na@b.co\n', '&delimiter=x')).status).toBe(400);
    expect(await t.database.db.selectFrom('mailingUploads').select('id').where('mailingId', '=', m).execute()).toEqual([]);
    expect((await manager.get(`/api/v1/mailings/${m}/uploads/${unknownId}`)).status).toBe(404);
    expect((await clerk.get(`/api/v1/mailings/${m}/uploads/${unknownId}`)).status).toBe(403);
  });
});

describe('a long file', () => {
  it('goes in batches, and a run stopped half-way resumes without a customer lost or doubled', async () => {
    const m = await mailing('Winter newsletter', 'newsletter', '2026-11-02');
    // Three batches: the five customers again and again, with a line no one has now and then.
    const lines = ['Email,Customer ID'];
    const emails = ['jim.alvarez@example.com', 'helen.park@example.org', 'maggie.chen@example.com', 'family.lee@example.net', 'nobody@example.com'];
    for (let i = 0; i < batchSize * 2 + 37; i++) lines.push(i === batchSize + 3 ? `,${ids.pat}` : `${emails[i % emails.length]},`);
    const csv = `${lines.join('\n')}\n`;
    const res = await send(m, csv);
    expect(res.status).toBe(202);
    // The first run stops after its first batch (as a process killed there would).
    let calls = 0;
    await expect(
      runUpload(t.database.db, res.body.id, () => {
        calls += 1;
        throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    expect(calls).toBe(1);
    const halfway = (await manager.get(`/api/v1/mailings/${m}/uploads/${res.body.id}`)).body;
    expect(halfway).toMatchObject({ status: 'logging', processedRows: batchSize, totalRows: batchSize * 2 + 37 });
    // The queued job finishes it.
    await worker().runDue();
    const done = (await manager.get(`/api/v1/mailings/${m}/uploads/${res.body.id}`)).body;
    const total = batchSize * 2 + 37;
    const unplacedLine = (l: string) => l === 'nobody@example.com,' || l === 'family.lee@example.net,';
    const unplaced = lines.slice(1).filter(unplacedLine).length;
    expect(done).toMatchObject({ status: 'done', processedRows: total, logged: 4, already: total - unplaced - 4, problemRows: unplaced });
    const problems = await (async () => {
      const all: { seq: number; line: number }[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { seq: number; line: number }[]; nextCursor: string | null } } = await manager.get(`/api/v1/mailings/${m}/uploads/${res.body.id}/problems?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
        all.push(...page.body.items);
        cursor = page.body.nextCursor;
      } while (cursor);
      return all;
    })();
    expect(problems.map((p) => p.seq)).toEqual(problems.map((_, i) => i + 1));
    const expectedLines = lines.flatMap((l, i) => (i > 0 && unplacedLine(l) ? [i + 1] : []));
    expect(problems.map((p) => p.line)).toEqual(expectedLines);
    expect((await recipients(m)).map((r) => r.customerId).sort()).toEqual([ids.jim, ids.helen, ids.maggie, ids.pat].sort());
  });
});
