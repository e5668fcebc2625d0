import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../test/app.js';
import { mailWorld, rapportAddress, refusal, relay, type MailWorld } from './mail-test-kit.js';

/**
 * Mail into Rapport, end to end: real messages sent with nodemailer into the SMTP listener on
 * 127.0.0.1, then the rows they left, read back row by row.
 */

let w: MailWorld;
let clerk: Client;
let earlId: string;

beforeAll(async () => {
  w = await mailWorld({ RAPPORT_MAIL_IN_MAX_BYTES: String(256 * 1024), RAPPORT_MAIL_IN_MAX_ATTACHMENT_BYTES: String(64 * 1024) });
  clerk = await w.t.signIn('frontline');
  earlId = await w.staff('Earl Hardy', 'earl@shop.example');
});
afterAll(() => w.close());

/** A time a little while ago, as a Date header keeps it (whole seconds). */
const ago = (minutes: number) => new Date(Math.floor((Date.now() - minutes * 60_000) / 1000) * 1000);
const uid = () => randomBytes(6).toString('hex');

const emailRows = (customerId: string) => w.db.selectFrom('emailMessages').selectAll().where('customerId', '=', customerId).orderBy('createdAt').orderBy('id').execute();
const interactionRows = (customerId: string) => w.db.selectFrom('interactions').selectAll().where('customerId', '=', customerId).orderBy('occurredAt').orderBy('id').execute();
const waitingOf = async (customerId: string) => (await w.db.selectFrom('contactStates').select(['waitingSince', 'waitingCount', 'waitingFirstInteractionId']).where('customerId', '=', customerId).executeTakeFirst()) ?? null;

describe('mail from a customer, copied to Rapport', () => {
  it('is logged on the customer whose address sent it, inbound, and marks them waiting', async () => {
    const maggie = await w.customer('Maggie Smith', 'Maggie.Smith@Example.com');
    const sent = ago(30);
    const id = `boiler-${uid()}@example.com`;
    const reply = await w.send({
      from: '"Maggie Smith" <maggie.smith@example.com>',
      to: 'Support <support@shop.example>',
      subject: 'The boiler is leaking again',
      text: 'Hello,\n\nThe boiler you fitted is leaking again.\nPlease call me back.\n\nMaggie',
      messageId: `<${id}>`,
      date: sent,
    });
    expect(reply.response).toMatch(/^250 /);

    const [interaction] = await interactionRows(maggie);
    expect(interaction).toMatchObject({
      customerId: maggie,
      channel: 'email',
      direction: 'inbound',
      occurredAt: sent.toISOString(),
      summary: 'The boiler is leaking again\nHello,\nThe boiler you fitted is leaking again.\nPlease call me back.\nMaggie',
      staffId: null,
      caseId: null,
      createdBy: null,
    });
    const [email] = await emailRows(maggie);
    expect(email).toEqual({
      id: expect.any(String),
      interactionId: interaction!.id,
      customerId: maggie,
      messageId: id,
      inReplyTo: null,
      referencesIds: null,
      threadId: id,
      subject: 'The boiler is leaking again',
      fromAddress: 'maggie.smith@example.com',
      toAddresses: 'support@shop.example',
      ccAddresses: null,
      bodyText: 'Hello,\n\nThe boiler you fitted is leaking again.\nPlease call me back.\n\nMaggie',
      receivedVia: 'smtp',
      skippedAttachments: null,
      createdAt: expect.any(String),
    });
    expect(await waitingOf(maggie)).toEqual({ waitingSince: sent.toISOString(), waitingCount: 1, waitingFirstInteractionId: interaction!.id });
    // Written by Rapport itself: the trail says so, for the contact and for the email.
    const trail = await w.db.selectFrom('auditEvents').select(['action', 'entityType', 'entityId', 'staffId']).where('customerId', '=', maggie).where('entityType', 'in', ['interaction', 'email_message']).orderBy('id').execute();
    expect(trail).toEqual([
      { action: 'create', entityType: 'interaction', entityId: interaction!.id, staffId: null },
      { action: 'create', entityType: 'email_message', entityId: email!.id, staffId: null },
    ]);
  });

  it('is logged once however many times it is delivered', async () => {
    const bob = await w.customer('Bob Tran', 'bob@example.net');
    const message = { from: 'bob@example.net', to: 'support@shop.example', subject: 'Opening hours?', text: 'Are you open on Sunday?', messageId: `<dup-${uid()}@example.net>`, date: ago(20) };
    await w.send(message);
    const again = await w.send(message);
    expect(again.response).toMatch(/^250 .*Logged already/);
    expect(await interactionRows(bob)).toHaveLength(1);
    expect(await emailRows(bob)).toHaveLength(1);
  });
});

describe('mail a staff member sends, with Rapport in BCC', () => {
  it('is logged outbound on each customer among To and Cc, with the staff member, and answers the one waiting', async () => {
    const ana = await w.customer('Ana Lopez', 'ana@example.org');
    const luis = await w.customer('Luis Lopez', 'luis@example.org');
    const asked = ago(60);
    await w.send({ from: 'ana@example.org', to: 'support@shop.example', subject: 'Quote please', text: 'Could you quote for a new tap?', messageId: `<q-${uid()}@example.org>`, date: asked });
    expect((await waitingOf(ana))?.waitingSince).toBe(asked.toISOString());

    const answered = ago(10);
    const id = `a-${uid()}@shop.example`;
    await w.send({
      from: 'Earl Hardy <earl@shop.example>',
      to: 'Ana Lopez <ana@example.org>',
      cc: 'luis@example.org, colleague@shop.example',
      bcc: rapportAddress,
      subject: 'Your quote',
      text: 'Dear Ana,\n\nThe tap is 120 EUR fitted.\n\nEarl',
      messageId: `<${id}>`,
      date: answered,
      envelope: { from: 'earl@shop.example', to: [rapportAddress] },
    });

    for (const customerId of [ana, luis]) {
      const outbound = (await interactionRows(customerId)).filter((i) => i.direction === 'outbound');
      expect(outbound).toEqual([expect.objectContaining({ channel: 'email', staffId: earlId, occurredAt: answered.toISOString(), summary: 'Your quote\nDear Ana,\nThe tap is 120 EUR fitted.\nEarl' })]);
      const emails = (await emailRows(customerId)).filter((e) => e.messageId === id);
      expect(emails).toEqual([expect.objectContaining({ fromAddress: 'earl@shop.example', toAddresses: 'ana@example.org', ccAddresses: 'luis@example.org, colleague@shop.example', threadId: id })]);
    }
    // The answer answers Ana: no longer waiting.
    expect((await waitingOf(ana))?.waitingSince ?? null).toBeNull();
  });
});

describe('mail a staff member forwards to Rapport', () => {
  it('unwraps a Gmail-style forward to its original sender, inbound, when they wrote it, the forwarder as staff', async () => {
    const june = await w.customer('June Park', 'june.park@example.com');
    const text = [
      'She rang too, can someone call her?',
      '',
      '---------- Forwarded message ---------',
      'From: June Park <June.Park@example.com>',
      'Date: Mon, Mar 3, 2025 at 4:05 PM',
      'Subject: Order 1044 arrived broken',
      'To: <earl@shop.example>',
      '',
      '',
      'The vase in order 1044 arrived in pieces.',
      'Photos to follow.',
    ].join('\n');
    await w.send({ from: 'Earl Hardy <earl@shop.example>', to: rapportAddress, subject: 'Fwd: Order 1044 arrived broken', text, messageId: `<fw-${uid()}@shop.example>`, date: ago(5) });

    const [interaction] = await interactionRows(june);
    expect(interaction).toMatchObject({
      direction: 'inbound',
      channel: 'email',
      // Nodemailer writes the forward's Date in UTC: the block's date is read in that zone.
      occurredAt: '2025-03-03T16:05:00.000Z',
      staffId: earlId,
      summary: 'Order 1044 arrived broken\nThe vase in order 1044 arrived in pieces.\nPhotos to follow.\nForwarded by Earl Hardy: She rang too, can someone call her?',
    });
    expect((await emailRows(june))[0]).toMatchObject({ fromAddress: 'june.park@example.com', toAddresses: 'earl@shop.example', subject: 'Order 1044 arrived broken', bodyText: 'The vase in order 1044 arrived in pieces.\nPhotos to follow.' });
    // An email written in March 2025 and not answered since: waiting since then.
    expect((await waitingOf(june))?.waitingSince).toBe('2025-03-03T16:05:00.000Z');
  });

  it('unwraps a message attached whole (message/rfc822): its own Message-ID, date and files', async () => {
    const kim = await w.customer('Kim Ito', 'kim@example.jp');
    const originalId = `orig-${uid()}@example.jp`;
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)]);
    const original = [
      'From: Kim Ito <kim@example.jp>',
      'To: support@shop.example',
      'Subject: Wrong colour',
      'Date: Tue, 4 Mar 2025 10:15:00 +0900',
      `Message-ID: <${originalId}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The sofa came in green, I ordered blue.',
      '--b1',
      'Content-Type: image/jpeg; name="sofa.jpg"',
      'Content-Disposition: attachment; filename="sofa.jpg"',
      'Content-Transfer-Encoding: base64',
      '',
      photo.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--b1--',
      '',
    ].join('\r\n');
    await w.send({
      from: 'earl@shop.example',
      to: rapportAddress,
      subject: 'Fwd: Wrong colour',
      text: 'For the record.',
      messageId: `<fw-${uid()}@shop.example>`,
      attachments: [{ filename: 'Wrong colour.eml', content: original, contentType: 'message/rfc822' }],
    });

    const [interaction] = await interactionRows(kim);
    expect(interaction).toMatchObject({ direction: 'inbound', occurredAt: '2025-03-04T01:15:00.000Z', staffId: earlId });
    expect(interaction!.summary).toBe('Wrong colour\nThe sofa came in green, I ordered blue.\nForwarded by Earl Hardy: For the record.\nAttached: sofa.jpg');
    expect((await emailRows(kim))[0]).toMatchObject({ messageId: originalId, threadId: originalId, fromAddress: 'kim@example.jp', subject: 'Wrong colour' });
    const files = await w.db.selectFrom('emailAttachments').selectAll().where('interactionId', '=', interaction!.id).execute();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ customerId: kim, position: 0, fileName: 'sofa.jpg', contentType: 'image/jpeg', sizeBytes: photo.length });
    expect(Buffer.from(files[0]!.content).equals(photo)).toBe(true);
  });
});

describe('a thread', () => {
  it('keeps three messages together, and replies join the case the first one started', async () => {
    const rosa = await w.customer('Rosa Diaz', 'rosa@example.com');
    const first = `t1-${uid()}@example.com`;
    const second = `t2-${uid()}@shop.example`;
    const third = `t3-${uid()}@example.com`;
    await w.send({ from: 'rosa@example.com', to: 'support@shop.example', subject: 'Heating', text: 'The heating is off.', messageId: `<${first}>`, date: ago(50) });
    const [start] = await interactionRows(rosa);
    const opened = await clerk.post('/api/v1/cases', { customerId: rosa, subject: 'Heating off', interactionId: start!.id });
    expect(opened.status).toBe(201);

    await w.send({ from: 'earl@shop.example', to: 'rosa@example.com', subject: 'Re: Heating', text: 'We come tomorrow.', messageId: `<${second}>`, inReplyTo: `<${first}>`, references: [`<${first}>`], date: ago(40), envelope: { from: 'earl@shop.example', to: [rapportAddress] } });
    // Rosa's mail program sends only In-Reply-To: the thread still comes from the message it answers.
    await w.send({ from: 'rosa@example.com', to: 'earl@shop.example', subject: 'Re: Heating', text: 'Thank you!', messageId: `<${third}>`, inReplyTo: `<${second}>`, date: ago(30) });

    const emails = await emailRows(rosa);
    expect(emails.map((e) => [e.messageId, e.inReplyTo, e.referencesIds, e.threadId])).toEqual([
      [first, null, null, first],
      [second, first, first, first],
      [third, second, null, first],
    ]);
    const interactions = await interactionRows(rosa);
    expect(interactions.map((i) => [i.direction, i.caseId])).toEqual([
      ['inbound', opened.body.id],
      ['outbound', opened.body.id],
      ['inbound', opened.body.id],
    ]);
    const threads = await clerk.get(`/api/v1/customers/${rosa}/email-threads`);
    expect(threads.status).toBe(200);
    expect(threads.body.items).toEqual([
      { threadId: first, subject: 'Heating', messageCount: 3, firstAt: interactions[0]!.occurredAt, lastAt: interactions[2]!.occurredAt, lastDirection: 'inbound', caseId: opened.body.id, interactionIds: interactions.map((i) => i.id) },
    ]);
  });
});

describe('attachments', () => {
  it('stores a file as it came and gives it back byte for byte, as a download of its type', async () => {
    const tom = await w.customer('Tom Berg', 'tom@example.se');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(20_000), Buffer.from('\n%%EOF\n')]);
    await w.send({ from: 'tom@example.se', to: 'support@shop.example', subject: 'Invoice', text: 'Attached.', messageId: `<inv-${uid()}@example.se>`, attachments: [{ filename: 'Faktura 12 – mars.pdf', content: pdf, contentType: 'application/pdf' }] });

    const [interaction] = await interactionRows(tom);
    const email = await clerk.get(`/api/v1/interactions/${interaction!.id}/email`);
    expect(email.status).toBe(200);
    expect(email.body.attachments).toEqual([{ id: expect.any(String), fileName: 'Faktura 12 – mars.pdf', contentType: 'application/pdf', sizeBytes: pdf.length, url: expect.stringMatching(/^\/api\/v1\/interactions\/.+\/attachments\/.+$/) }]);
    const download = await clerk.request('GET', email.body.attachments[0].url);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="Faktura 12 _ mars.pdf"; filename*=UTF-8''${encodeURIComponent('Faktura 12 – mars.pdf')}`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.raw.rawPayload.equals(pdf)).toBe(true);
  });

  it('skips a file over the attachment limit, a program, and a file whose type lies, and says so on the contact', async () => {
    const eva = await w.customer('Eva Novak', 'eva@example.cz');
    await w.send({
      from: 'eva@example.cz',
      to: 'support@shop.example',
      subject: 'Files',
      text: 'Three files.',
      messageId: `<files-${uid()}@example.cz>`,
      attachments: [
        { filename: 'big.png', content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(70 * 1024)]), contentType: 'image/png' },
        { filename: 'invoice.pdf', content: Buffer.from('<html><script>alert(1)</script></html>'), contentType: 'application/pdf' },
        { filename: 'tool.exe', content: Buffer.concat([Buffer.from('MZ'), randomBytes(100)]), contentType: 'application/octet-stream' },
        { filename: 'notes.txt', content: Buffer.from('kept'), contentType: 'text/plain' },
      ],
    });
    const [interaction] = await interactionRows(eva);
    const skipped = ['big.png: larger than 64 KB (70 KB)', 'invoice.pdf: said to be a PDF (application/pdf) but it is not one', 'tool.exe: a program or script: Rapport does not keep those'];
    expect(interaction!.summary).toBe(`Files\nThree files.\nAttached: notes.txt\nNot kept: ${skipped.join('; ')}`);
    expect((await emailRows(eva))[0]!.skippedAttachments).toBe(skipped.join('\n'));
    const files = await w.db.selectFrom('emailAttachments').select(['fileName', 'contentType', 'sizeBytes', 'position']).where('customerId', '=', eva).execute();
    expect(files).toEqual([{ fileName: 'notes.txt', contentType: 'text/plain', sizeBytes: 4, position: 0 }]);
    expect((await clerk.get(`/api/v1/interactions/${interaction!.id}/email`)).body.skippedAttachments).toEqual(skipped);
  });
});

describe('what the listener refuses', () => {
  it('refuses a message over RAPPORT_MAIL_IN_MAX_BYTES with 552, and stores nothing of it', async () => {
    const before = await w.db.selectFrom('unfiledEmails').select('id').execute();
    const lena = await w.customer('Lena Ek', 'lena@example.se');
    const refused = await refusal(w.send({ from: 'lena@example.se', to: 'support@shop.example', subject: 'Huge', text: 'x', attachments: [{ filename: 'huge.txt', content: 'y'.repeat(300 * 1024) }] }));
    expect(refused.code).toBe(552);
    expect(await interactionRows(lena)).toEqual([]);
    expect(await w.db.selectFrom('unfiledEmails').select('id').execute()).toEqual(before);
  });

  it('refuses a message it cannot read at all with 554 (sending it again would not help), and stores nothing', async () => {
    const before = await w.db.selectFrom('unfiledEmails').select('id').execute();
    // More MIME parts than mailparser reads (1,000).
    const parts = Array.from({ length: 1100 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
    const raw = `From: stranger@else.example\r\nTo: support@shop.example\r\nSubject: Many parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n${parts}--b--\r\n`;
    const refused = await refusal(w.sendRaw(raw));
    expect(refused.code).toBe(554);
    expect(await w.db.selectFrom('unfiledEmails').select('id').execute()).toEqual(before);
  });

  it('refuses a sender not on RAPPORT_MAIL_IN_ALLOWED_SENDERS at MAIL FROM, with a clear reason', async () => {
    const refused = await refusal(w.send({ from: 'spam@else.example', to: 'support@shop.example', subject: 'Buy now', text: 'x', envelope: { from: 'spam@else.example', to: [rapportAddress] } }));
    expect(refused.code).toBe(550);
    expect(refused.message).toContain('spam@else.example may not send mail to Rapport: it is not in RAPPORT_MAIL_IN_ALLOWED_SENDERS');
    expect(await w.db.selectFrom('unfiledEmails').select('id').where('fromAddress', '=', 'spam@else.example').execute()).toEqual([]);
    // The relay's own address is on the list through its domain.
    expect((await w.send({ from: relay, to: 'x@shop.example', subject: 'ok', text: 'ok' })).response).toMatch(/^250 /);
  });
});

describe('mail Rapport cannot place', () => {
  it('waits on the list with the reason, once however often it comes, until someone files it on a customer', async () => {
    const id = `stranger-${uid()}@else.example`;
    const message = { from: 'Pat Stranger <pat@else.example>', to: 'support@shop.example', subject: 'My order', text: 'Where is my order?\nPat', messageId: `<${id}>`, date: ago(15) };
    const first = await w.send(message);
    expect(first.response).toMatch(/^250 .*Kept to file by hand/);
    await w.send(message);
    const rows = await w.db.selectFrom('unfiledEmails').selectAll().where('messageId', '=', id).execute();
    expect(rows).toEqual([
      {
        id: expect.any(String),
        messageId: id,
        raw: expect.stringContaining('Where is my order?'),
        rawEncoding: 'utf8',
        fromAddress: 'pat@else.example',
        toAddresses: 'support@shop.example',
        subject: 'My order',
        preview: 'Where is my order?\nPat',
        receivedAt: expect.any(String),
        receivedVia: 'smtp',
        reason: 'No customer has the address pat@else.example.',
        status: 'waiting',
        filedInteractionIds: null,
        handledBy: null,
        handledAt: null,
      },
    ]);

    const list = await clerk.get('/api/v1/unfiled-emails');
    expect(list.body.items.filter((i: { messageId: string }) => i.messageId === id)).toEqual([
      expect.objectContaining({ id: rows[0]!.id, from: 'pat@else.example', to: ['support@shop.example'], subject: 'My order', reason: 'No customer has the address pat@else.example.', status: 'waiting', filedInteractionIds: [] }),
    ]);

    const pat = await w.customer('Pat Jones', 'pat.jones@example.com');
    const filed = await clerk.post(`/api/v1/unfiled-emails/${rows[0]!.id}/file`, { customerId: pat });
    expect(filed.status).toBe(200);
    const [interaction] = await interactionRows(pat);
    expect(interaction).toMatchObject({ channel: 'email', direction: 'inbound', summary: 'My order\nWhere is my order?\nPat', occurredAt: message.date.toISOString(), staffId: clerk.staffId, createdBy: clerk.staffId });
    expect(filed.body).toEqual({ interactionId: interaction!.id, unfiledEmail: expect.objectContaining({ status: 'filed', filedInteractionIds: [interaction!.id], handledBy: clerk.staffId }) });
    expect((await emailRows(pat))[0]).toMatchObject({ messageId: id, fromAddress: 'pat@else.example' });
    expect((await waitingOf(pat))?.waitingSince).toBe(message.date.toISOString());
    const after = await w.db.selectFrom('unfiledEmails').select(['status', 'raw', 'filedInteractionIds', 'handledBy']).where('id', '=', rows[0]!.id).executeTakeFirst();
    expect(after).toEqual({ status: 'filed', raw: '', filedInteractionIds: interaction!.id, handledBy: clerk.staffId });
    // Delivered once more after filing: neither queued again nor logged again.
    await w.send(message);
    expect(await w.db.selectFrom('unfiledEmails').select('id').where('messageId', '=', id).execute()).toHaveLength(1);
    expect(await interactionRows(pat)).toHaveLength(1);
  });

  it('does not guess between two customers with the same address', async () => {
    await w.customer('Sam Lee', 'family@example.com');
    await w.customer('Sue Lee', 'family@example.com');
    const id = `fam-${uid()}@example.com`;
    await w.send({ from: 'family@example.com', to: 'support@shop.example', subject: 'Hi', text: 'Hello', messageId: `<${id}>` });
    const row = await w.db.selectFrom('unfiledEmails').select(['reason', 'status']).where('messageId', '=', id).executeTakeFirst();
    expect(row).toEqual({ reason: "family@example.com is on 2 customers' records: file it on the right one by hand.", status: 'waiting' });
  });

  it('keeps mail a staff member sent to no customer, and a forward whose writer cannot be read, with their reasons', async () => {
    const a = `none-${uid()}@shop.example`;
    await w.send({ from: 'earl@shop.example', to: 'supplier@parts.example', subject: 'Order', text: 'Ten taps please', messageId: `<${a}>`, envelope: { from: 'earl@shop.example', to: [rapportAddress] } });
    const b = `fw-${uid()}@shop.example`;
    await w.send({ from: 'earl@shop.example', to: rapportAddress, subject: 'Fwd: see this', text: 'Just a note without the original', messageId: `<${b}>` });
    const reasons = await w.db.selectFrom('unfiledEmails').select(['messageId', 'reason']).where('messageId', 'in', [a, b]).orderBy('messageId').execute();
    expect(reasons).toEqual(
      [
        { messageId: b, reason: 'Forwarded by Earl Hardy <earl@shop.example>, but who wrote the original could not be read.' },
        { messageId: a, reason: 'Sent by a staff member to supplier@parts.example: no customer has that address.' },
      ].sort((x, y) => x.messageId.localeCompare(y.messageId)),
    );
  });
});
