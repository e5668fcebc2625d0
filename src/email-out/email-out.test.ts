import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../test/app.js';
import { tokenClient } from '../test/bearer.js';
import { parseMessage, startSmtpCapture, type ReceivedMail, type SmtpCapture } from '../test/smtp-capture.js';
import { newId } from '../platform/ids.js';

/**
 * Email out over HTTP, sent to a real SMTP server on 127.0.0.1 (smtp-server), on the engine the tests
 * run on: the message as it arrives, the rows written (exactly), a waiting customer answered,
 * threading, consent and do-not-contact, the server refusing, the email sent but not logged, bad
 * input, who may send, and a Rapport without SMTP.
 */

const shop = 'Hutchins Hardware <mail@shop.example>';
const publicUrl = 'https://rapport.test';
const unknownId = '01900000-0000-7000-8000-000000000000';

let smtp: SmtpCapture;
let t: TestApp;
let earl: Client;
let manager: Client;
let admin: Client;
const logLines: string[] = [];

const db = () => t.database.db;
const idShape = /^[0-9a-f-]{36}@rapport\.test$/;
const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000).toISOString();

async function customer(name: string, emails: { address: string; primary?: boolean }[] = []): Promise<string> {
  const res = await earl.post('/api/v1/customers', { displayName: name, emails });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function contact(customerId: string, channel: string, direction: 'inbound' | 'outbound', summary: string, occurredAt = hoursAgo(20)): Promise<string> {
  const res = await earl.post('/api/v1/interactions', { customerId, channel, direction, summary, occurredAt });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** An email as email in logs one it received: the interaction and its email row. */
async function receivedEmail(customerId: string, email: { messageId: string; subject: string; from: string; references?: string; threadId?: string }): Promise<string> {
  const interactionId = await contact(customerId, 'email', 'inbound', `${email.subject}: is the grout in yet?`);
  await db()
    .insertInto('emailMessages')
    .values({
      id: newId(),
      interactionId,
      customerId,
      messageId: email.messageId,
      inReplyTo: email.references?.split(' ').at(-1) ?? null,
      referencesIds: email.references ?? null,
      threadId: email.threadId ?? email.messageId,
      subject: email.subject,
      fromAddress: email.from,
      toAddresses: 'mail@shop.example',
      ccAddresses: null,
      bodyText: 'Is the grout in yet?',
      receivedVia: 'smtp',
      createdAt: hoursAgo(20),
    })
    .execute();
  return interactionId;
}

/** Everything email out might write for a customer, counted. */
async function written(customerId: string) {
  const count = async (table: 'interactions' | 'emailMessages' | 'auditEvents') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('customerId', '=', customerId).executeTakeFirstOrThrow()).n);
  return { interactions: await count('interactions'), emails: await count('emailMessages'), audit: await count('auditEvents') };
}

/** The whole row: every column named, and any column a later migration added (a mailing's id) left empty. */
function expectRow(row: Record<string, unknown>, expected: Record<string, unknown>) {
  expect(Object.fromEntries(Object.keys(expected).map((k) => [k, row[k]]))).toEqual(expected);
  expect(Object.entries(row).filter(([k, v]) => !(k in expected) && v !== null)).toEqual([]);
}

const send = (by: Client, customerId: string, body: Record<string, unknown>) => by.post(`/api/v1/customers/${customerId}/send-email`, body);
const lastMail = async (count: number): Promise<ReceivedMail> => (await smtp.waitFor(count))[count - 1]!;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await testApp({
    config: { mail: { smtpUrl: smtp.url, from: shop }, publicUrl },
    logger: { level: 'error', stream: { write: (line: string) => void logLines.push(line) } },
  });
  earl = await t.signIn('frontline', { name: 'Earl Hutchins' });
  manager = await t.signIn('manager');
  admin = await t.signIn('admin');
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('writing to a customer', () => {
  it('sends From the shop’s address with the writer as Reply-To, and logs an outbound email that answers a waiting customer', async () => {
    const ann = await customer('Ann Lee', [{ address: 'ann@work.example' }, { address: 'Ann@home.example', primary: true }]);
    await contact(ann, 'email', 'inbound', 'Asked whether the grout is in');
    expect((await db().selectFrom('contactStates').select('waitingSince').where('customerId', '=', ann).executeTakeFirstOrThrow()).waitingSince).not.toBeNull();
    const before = smtp.received.length;

    const res = await send(earl, ann, { subject: 'Your grout is in', body: 'Hi Ann,\r\n\r\nThe grout you asked about came in this morning. I put a bag aside for you.\r\n\r\nEarl\r\n\r\n' });
    expect(res.status).toBe(201);
    const { interaction, email } = res.body;
    expect(email.messageId).toMatch(idShape);
    expect(res.headers.location).toBe(`/api/v1/interactions/${interaction.id}`);

    const mail = await lastMail(before + 1);
    expect(mail.mailFrom).toBe('mail@shop.example');
    expect(mail.rcptTo).toEqual(['Ann@home.example']);
    expect(mail.headers.get('from')).toMatch(/^"?Earl Hutchins via Hutchins Hardware"? <mail@shop\.example>$/);
    expect(mail.headers.get('reply-to')).toMatch(new RegExp(`^"?Earl Hutchins"? <frontline\\d+@test\\.example>$`));
    expect(mail.headers.get('to')).toMatch(/^"?Ann Lee"? <Ann@home\.example>$/);
    expect(mail.headers.get('subject')).toBe('Your grout is in');
    expect(mail.headers.get('message-id')).toBe(`<${email.messageId}>`);
    expect(mail.headers.has('in-reply-to')).toBe(false);
    expect(mail.headers.has('references')).toBe(false);
    expect(mail.text.trimEnd()).toBe('Hi Ann,\n\nThe grout you asked about came in this morning. I put a bag aside for you.\n\nEarl');

    const staff = await db().selectFrom('staff').select('email').where('id', '=', earl.staffId).executeTakeFirstOrThrow();
    expect(email).toEqual({
      messageId: email.messageId,
      inReplyTo: null,
      references: [],
      threadId: email.messageId,
      subject: 'Your grout is in',
      from: 'Earl Hutchins via Hutchins Hardware <mail@shop.example>',
      replyTo: `Earl Hutchins <${staff.email}>`,
      to: 'Ann@home.example',
      sentAt: email.sentAt,
    });
    expect(res.body.alreadyLogged).toBe(false);

    const row = await db().selectFrom('interactions').selectAll().where('id', '=', interaction.id).executeTakeFirstOrThrow();
    expectRow(row, {
      id: interaction.id,
      customerId: ann,
      channel: 'email',
      direction: 'outbound',
      occurredAt: email.sentAt,
      summary: 'Your grout is in — Hi Ann, The grout you asked about came in this morning. I put a bag aside for you. Earl',
      staffId: earl.staffId,
      locationId: null,
      mood: null,
      outcome: null,
      caseId: null,
      source: null,
      sourceRecordId: null,
      createdAt: row.createdAt,
      updatedAt: row.createdAt,
      createdBy: earl.staffId,
      updatedBy: earl.staffId,
    });
    const emails = await db().selectFrom('emailMessages').selectAll().where('customerId', '=', ann).execute();
    expect(emails).toHaveLength(1);
    expectRow(emails[0]!, {
      id: emails[0]!.id,
      interactionId: interaction.id,
      customerId: ann,
      messageId: email.messageId,
      inReplyTo: null,
      referencesIds: null,
      threadId: email.messageId,
      subject: 'Your grout is in',
      fromAddress: 'mail@shop.example',
      toAddresses: 'Ann@home.example',
      ccAddresses: null,
      bodyText: 'Hi Ann,\n\nThe grout you asked about came in this morning. I put a bag aside for you.\n\nEarl',
      receivedVia: 'sent',
      skippedAttachments: null,
      createdAt: email.sentAt,
    });
    const audit = await db().selectFrom('auditEvents').selectAll().where('customerId', '=', ann).where('entityType', '=', 'email_message').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entityId: emails[0]!.id, staffId: earl.staffId });
    const after = JSON.parse(audit[0]!.diff!).after;
    expect(after).toMatchObject({ interactionId: interaction.id, messageId: email.messageId, toAddresses: 'Ann@home.example', subject: 'Your grout is in', receivedVia: 'sent', replyTo: staff.email });
    expect(after.bodyText).toBeUndefined();
    expect(await db().selectFrom('auditEvents').select('action').where('entityId', '=', interaction.id).execute()).toEqual([{ action: 'create' }]);

    // The waiting customer is answered, and the timeline shows the email.
    expect((await db().selectFrom('contactStates').select('waitingSince').where('customerId', '=', ann).executeTakeFirstOrThrow()).waitingSince).toBeNull();
    const timeline = await earl.get(`/api/v1/customers/${ann}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({ kind: 'interaction', id: interaction.id, channel: 'email', direction: 'outbound', staffName: 'Earl Hutchins' });
  });

  it('goes to the address asked for when it is one of theirs, in any case of letters', async () => {
    const bo = await customer('Bo Diaz', [{ address: 'bo@home.example', primary: true }, { address: 'bo.diaz@work.example' }]);
    const before = smtp.received.length;
    const res = await send(manager, bo, { to: 'BO.DIAZ@work.example', subject: 'Your order', body: 'It shipped today.' });
    expect(res.status).toBe(201);
    expect(res.body.email.to).toBe('bo.diaz@work.example');
    expect((await lastMail(before + 1)).rcptTo).toEqual(['bo.diaz@work.example']);
  });

  it('threads a reply under the customer’s email, and a reply to that reply under both', async () => {
    const cy = await customer('Cy Young', [{ address: 'cy@example.com' }]);
    const original = await receivedEmail(cy, { messageId: 'm3@mail.example.com', subject: 'Grout question', from: 'cy@example.com', references: 'm1@mail.example.com m2@mail.example.com', threadId: 'm1@mail.example.com' });

    const composer = await earl.get(`/api/v1/customers/${cy}/email-composer?replyTo=${original}`);
    expect(composer.status).toBe(200);
    expect(composer.body.reply).toEqual({ interactionId: original, subject: 'Re: Grout question', to: 'cy@example.com', threaded: true });

    const before = smtp.received.length;
    const reply = await send(earl, cy, { subject: composer.body.reply.subject, body: 'Yes, it came in this morning.', inReplyToInteractionId: original });
    expect(reply.status).toBe(201);
    const mail = await lastMail(before + 1);
    expect(mail.headers.get('subject')).toBe('Re: Grout question');
    expect(mail.headers.get('in-reply-to')).toBe('<m3@mail.example.com>');
    expect(mail.headers.get('references')).toBe('<m1@mail.example.com> <m2@mail.example.com> <m3@mail.example.com>');
    const first = reply.body.email;
    expect(first).toMatchObject({ inReplyTo: 'm3@mail.example.com', references: ['m1@mail.example.com', 'm2@mail.example.com', 'm3@mail.example.com'], threadId: 'm1@mail.example.com' });
    expect(await db().selectFrom('emailMessages').select(['inReplyTo', 'referencesIds', 'threadId', 'subject']).where('interactionId', '=', reply.body.interaction.id).executeTakeFirstOrThrow()).toEqual({
      inReplyTo: 'm3@mail.example.com',
      referencesIds: 'm1@mail.example.com m2@mail.example.com m3@mail.example.com',
      threadId: 'm1@mail.example.com',
      subject: 'Re: Grout question',
    });

    // Replying to our own reply: "Re:" is not doubled, and the thread goes on.
    const again = await earl.get(`/api/v1/customers/${cy}/email-composer?replyTo=${reply.body.interaction.id}`);
    expect(again.body.reply).toEqual({ interactionId: reply.body.interaction.id, subject: 'Re: Grout question', to: 'cy@example.com', threaded: true });
    const second = await send(earl, cy, { subject: 'Re: Grout question', body: 'One more thing: we open at 8 tomorrow.', inReplyToInteractionId: reply.body.interaction.id });
    expect(second.status).toBe(201);
    const mail2 = await lastMail(before + 2);
    expect(mail2.headers.get('in-reply-to')).toBe(`<${first.messageId}>`);
    expect(mail2.headers.get('references')).toBe(`<m1@mail.example.com> <m2@mail.example.com> <m3@mail.example.com> <${first.messageId}>`);
    expect(second.body.email.threadId).toBe('m1@mail.example.com');
  });

  it('joins the case’s thread when a case is named, which answers the case; a reply to an email of a case joins it too', async () => {
    const di = await customer('Di Park', [{ address: 'di@example.com' }]);
    const asked = await receivedEmail(di, { messageId: 'tap-1@example.com', subject: 'The tap drips', from: 'di@example.com' });
    const opened = await earl.post('/api/v1/cases', { customerId: di, subject: 'Dripping tap', interactionId: asked });
    expect(opened.status).toBe(201);
    const res = await send(earl, di, { subject: 'Your dripping tap', body: 'A washer will fix it; I can bring one Thursday.', caseId: opened.body.id });
    expect(res.status).toBe(201);
    expect(res.body.interaction.caseId).toBe(opened.body.id);
    const detail = await earl.get(`/api/v1/cases/${opened.body.id}`);
    expect(detail.body.thread.map((c: { id: string }) => c.id)).toEqual([asked, res.body.interaction.id]);
    expect(detail.body.firstResponseAt).toBe(res.body.email.sentAt);

    const reply = await send(earl, di, { subject: 'Re: The tap drips', body: 'Thursday at 10 suits?', inReplyToInteractionId: asked });
    expect(reply.status).toBe(201);
    expect(reply.body.interaction.caseId).toBe(opened.body.id);
    expect((await earl.get(`/api/v1/cases/${opened.body.id}`)).body.thread).toHaveLength(3);
  });

  it('refuses a customer who asked not to be contacted, or opted out of email, naming the setting; nothing sent, nothing written', async () => {
    const ed = await customer('Ed Moss', [{ address: 'ed@example.com' }]);
    expect((await earl.put(`/api/v1/customers/${ed}/do-not-contact`, { reason: 'moved abroad', since: '2026-01-05' })).status).toBe(200);
    const sentBefore = smtp.received.length;
    const before = await written(ed);
    const refused = await send(earl, ed, { subject: 'Hello', body: 'A word about your order.' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toBe('Ed Moss asked not to be contacted (do not contact since 5 January 2026 (moved abroad)), so Rapport sends them no email. The “Do not contact” setting on their Consent panel stops it.');
    const composer = await earl.get(`/api/v1/customers/${ed}/email-composer`);
    expect(composer.body).toMatchObject({ canWrite: false, setUp: true, why: refused.body.detail, permission: { allowed: false, basis: 'do_not_contact' } });

    const fay = await customer('Fay Ng', [{ address: 'fay@example.com' }]);
    expect((await earl.put(`/api/v1/customers/${fay}/consent/email`, { status: 'opted_out', givenOn: '2026-03-03', source: 'web form' })).status).toBe(200);
    const out = await send(earl, fay, { subject: 'Hello', body: 'A word about your order.' });
    expect(out.status).toBe(409);
    expect(out.body.detail).toBe('Fay Ng opted out of email on 3 March 2026 (web form), so Rapport sends them no email. Their choice for email on the Consent panel stops it.');

    expect(smtp.received.length).toBe(sentBefore);
    expect(await written(ed)).toEqual(before);
    expect((await written(fay)).emails).toBe(0);

    // Opting back in (or lifting do-not-contact) is what lets it through: nothing else changed.
    await earl.put(`/api/v1/customers/${fay}/consent/email`, { status: 'opted_in', source: 'asked us to write' });
    expect((await send(earl, fay, { subject: 'Hello', body: 'A word about your order.' })).status).toBe(201);
  });

  it('answers 502 with the mail server’s reply when it refuses the email, and writes nothing', async () => {
    const gus = await customer('Gus Hale', [{ address: 'gus@example.com' }]);
    await contact(gus, 'voicemail', 'inbound', 'Asked for a callback');
    const before = await written(gus);
    const refusedBefore = smtp.refused;
    smtp.refuseNext(1);
    const res = await send(earl, gus, { subject: 'Your callback', body: 'Sorry we missed you.' });
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toMatch(/^The email was not sent, and nothing was logged: the SMTP server did not take the email.*451 Try again later/);
    expect(smtp.refused).toBe(refusedBefore + 1);
    expect(await written(gus)).toEqual(before);
    expect((await db().selectFrom('contactStates').select('waitingSince').where('customerId', '=', gus).executeTakeFirstOrThrow()).waitingSince).not.toBeNull();
  });

  it('refuses bad input, naming the field, and sends nothing', async () => {
    const hal = await customer('Hal Ito', [{ address: 'hal@example.com' }]);
    const other = await customer('Ida Cole', [{ address: 'ida@example.com' }]);
    const nobody = await customer('Jo Quinn');
    const handLogged = await contact(hal, 'email', 'inbound', 'Emailed about a refund');
    const call = await contact(hal, 'call', 'inbound', 'Called about a refund');
    const idaEmail = await receivedEmail(other, { messageId: 'ida-1@example.com', subject: 'Hi', from: 'ida@example.com' });
    const idaCase = (await earl.post('/api/v1/cases', { customerId: other, subject: 'Refund' })).body.id;
    const sentBefore = smtp.received.length;
    const before = await written(hal);
    const ok = { subject: 'Your refund', body: 'It is on its way.' };

    const malformed: [Record<string, unknown>, string][] = [
      [{ body: 'x' }, '/body/subject'],
      [{ subject: 'x' }, '/body/body'],
      [{ ...ok, subject: '' }, '/body/subject'],
      [{ ...ok, subject: 'x'.repeat(501) }, '/body/subject'],
      [{ ...ok, body: 'x'.repeat(20_001) }, '/body/body'],
      [{ ...ok, to: 7 }, '/body/to'],
      [{ ...ok, caseId: 'not-an-id' }, '/body/caseId'],
      [{ ...ok, inReplyToInteractionId: 'nope' }, '/body/inReplyToInteractionId'],
      [{ ...ok, bcc: 'everyone@example.com' }, '/body/bcc'],
    ];
    for (const [body, path] of malformed) {
      const res = await send(earl, hal, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }

    const invalid: [string, Record<string, unknown>, string, string][] = [
      [hal, { ...ok, subject: '   ' }, '/body/subject', 'cannot be blank'],
      [hal, { ...ok, subject: 'Two\nlines' }, '/body/subject', 'must be one line, without line breaks or control characters'],
      [hal, { ...ok, body: ' \n\t\n ' }, '/body/body', 'cannot be blank'],
      [hal, { ...ok, to: 'ida@example.com' }, '/body/to', "is not one of Hal Ito's email addresses"],
      [nobody, ok, '/body/to', 'Jo Quinn has no email address: add one to their profile first'],
      [hal, { ...ok, inReplyToInteractionId: unknownId }, '/body/inReplyToInteractionId', `contact ${unknownId} does not exist`],
      [hal, { ...ok, inReplyToInteractionId: idaEmail }, '/body/inReplyToInteractionId', 'is an email of another customer'],
      [hal, { ...ok, inReplyToInteractionId: call }, '/body/inReplyToInteractionId', 'is not an email'],
      [hal, { ...ok, inReplyToInteractionId: handLogged }, '/body/inReplyToInteractionId', 'is an email logged by hand: Rapport has no copy of it to reply under; send without it to start a new thread'],
      [hal, { ...ok, caseId: unknownId }, '/body/caseId', `case ${unknownId} does not exist`],
      [hal, { ...ok, caseId: idaCase }, '/body/caseId', 'is a case of another customer'],
    ];
    for (const [customerId, body, path, message] of invalid) {
      const res = await send(earl, customerId, body);
      expect(res.status, `${path}: ${message}`).toBe(422);
      expect(res.body.errors).toEqual([{ path, message }]);
    }
    expect((await earl.get(`/api/v1/customers/${hal}/email-composer?replyTo=${idaEmail}`)).body.errors).toEqual([{ path: '/query/replyTo', message: 'is not an email of this customer' }]);
    expect((await earl.get(`/api/v1/customers/${hal}/email-composer?replyTo=${handLogged}`)).body.reply).toEqual({ interactionId: handLogged, subject: 'Re: your email', to: null, threaded: false });
    expect((await earl.get(`/api/v1/customers/${hal}/email-composer?replyTo=oops`)).status).toBe(400);

    expect(smtp.received.length).toBe(sentBefore);
    expect(await written(hal)).toEqual(before);
  });

  it('answers 404 for a customer unknown, in the trash or erased', async () => {
    const kim = await customer('Kim Roe', [{ address: 'kim@example.com' }]);
    const lu = await customer('Lu Chen', [{ address: 'lu@example.com' }]);
    expect((await admin.delete(`/api/v1/customers/${kim}`)).status).toBe(200);
    expect((await admin.post(`/api/v1/customers/${lu}/erase`, { reason: 'Asked by letter' })).status).toBe(200);
    const sentBefore = smtp.received.length;
    for (const id of [unknownId, kim, lu]) {
      const res = await send(earl, id, { subject: 'Hello', body: 'Hello again.' });
      expect(res.status).toBe(404);
      expect((await earl.get(`/api/v1/customers/${id}/email-composer`)).status).toBe(404);
    }
    expect(smtp.received.length).toBe(sentBefore);
  });

  it('lets every signed-in role write, and no API token, whatever its scope', async () => {
    const mo = await customer('Mo Reid', [{ address: 'mo@example.com' }]);
    for (const by of [earl, manager, admin]) expect((await send(by, mo, { subject: `From a ${by.role}`, body: 'Hello.' })).status).toBe(201);
    expect((await t.anonymous.post(`/api/v1/customers/${mo}/send-email`, { subject: 'x', body: 'y' })).status).toBe(401);
    expect((await t.anonymous.get(`/api/v1/customers/${mo}/email-composer`)).status).toBe(401);
    const readOnly = await tokenClient(t, admin, 'read');
    expect((await readOnly.post(`/api/v1/customers/${mo}/send-email`, { subject: 'x', body: 'y' })).status).toBe(403);
    const writer = await tokenClient(t, admin, 'read_write');
    const before = await written(mo);
    const sentBefore = smtp.received.length;
    const refused = await writer.post(`/api/v1/customers/${mo}/send-email`, { subject: 'x', body: 'y' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('Email to a customer is written by a person signed in to Rapport, in their own words, not sent with an API token.');
    expect((await writer.get(`/api/v1/customers/${mo}/email-composer`)).body).toMatchObject({ canWrite: false, why: refused.body.detail, from: null });
    expect(smtp.received.length).toBe(sentBefore);
    expect(await written(mo)).toEqual(before);
  });

  it('tells the composer the addresses, the From and Reply-To the customer will see, and that it may write', async () => {
    const nia = await customer('Nia Ward', [{ address: 'nia@old.example' }, { address: 'nia@new.example', primary: true }]);
    const res = await earl.get(`/api/v1/customers/${nia}/email-composer`);
    const staff = await db().selectFrom('staff').select('email').where('id', '=', earl.staffId).executeTakeFirstOrThrow();
    expect(res.body).toEqual({
      customerId: nia,
      canWrite: true,
      why: null,
      setUp: true,
      permission: { allowed: true, basis: 'not_recorded', reason: 'nothing recorded for email' },
      addresses: [
        { address: 'nia@new.example', label: null, isPrimary: true },
        { address: 'nia@old.example', label: null, isPrimary: false },
      ],
      from: 'Earl Hutchins via Hutchins Hardware <mail@shop.example>',
      replyTo: `Earl Hutchins <${staff.email}>`,
      reply: null,
    });
    const none = await customer('Oz Bell');
    expect((await earl.get(`/api/v1/customers/${none}/email-composer`)).body).toMatchObject({ canWrite: false, why: 'Oz Bell has no email address: add one to their profile to write to them.', addresses: [] });
  });
});

/** A real SMTP server that, once it has a message, runs `during` before it answers: what happens while an email is on its way. */
async function startHoldingSmtp(during: (message: { messageId: string }) => Promise<void>) {
  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    onData(stream, _session, callback) {
      const parts: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => parts.push(chunk));
      stream.on('end', () => {
        const { headers } = parseMessage(Buffer.concat(parts).toString('utf8'));
        const messageId = (headers.get('message-id') ?? '').replace(/^<|>$/g, '');
        during({ messageId }).then(
          () => callback(null),
          (error: unknown) => callback(error as Error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('while the email is on its way', () => {
  let during: (message: { messageId: string }) => Promise<void> = async () => {};
  let held: Awaited<ReturnType<typeof startHoldingSmtp>>;
  let h: TestApp;
  let clerk: Client;
  const lines: string[] = [];

  beforeAll(async () => {
    held = await startHoldingSmtp((message) => during(message));
    h = await testApp({ config: { mail: { smtpUrl: held.url, from: shop }, publicUrl }, logger: { level: 'error', stream: { write: (line: string) => void lines.push(line) } } });
    clerk = await h.signIn('frontline');
  });
  afterAll(async () => {
    await h?.close();
    await held?.close();
  });

  it('says the email was sent but not logged, with its Message-ID, and logs it loudly, when the customer went to the trash meanwhile', async () => {
    const remover = await h.signIn('admin');
    const pat = (await clerk.post('/api/v1/customers', { displayName: 'Pat Shaw', emails: [{ address: 'pat@example.com' }] })).body.id;
    let sentId = '';
    during = async ({ messageId }) => {
      sentId = messageId;
      expect((await remover.delete(`/api/v1/customers/${pat}`)).status).toBe(200);
    };
    const res = await clerk.post(`/api/v1/customers/${pat}/send-email`, { subject: 'Your order', body: 'It is ready.' });
    expect(res.status).toBe(500);
    expect(sentId).toMatch(idShape);
    expect(res.body).toMatchObject({ title: 'Sent but not logged', status: 500 });
    expect(res.body.detail).toBe(
      `The email to pat@example.com was sent (Message-ID <${sentId}>), but Rapport could not log it on Pat Shaw. Do not send it again: log it by hand as an outbound email, or let a BCC copy through email in log it.`,
    );
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; messageId?: string; customerId?: string }).filter((l) => l.msg.startsWith('EMAIL SENT BUT NOT LOGGED'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ messageId: sentId, customerId: pat });
    expect(await h.database.db.selectFrom('emailMessages').select('id').where('messageId', '=', sentId).execute()).toEqual([]);
    expect(await h.database.db.selectFrom('interactions').select('id').where('customerId', '=', pat).execute()).toEqual([]);
  });

  it('logs once when a copy of the same email was logged first (a BCC through email in)', async () => {
    const quinn = (await clerk.post('/api/v1/customers', { displayName: 'Quinn Fox', emails: [{ address: 'quinn@example.com' }] })).body.id;
    let copyInteraction = '';
    during = async ({ messageId }) => {
      // What email in does with a BCC copy that arrives before Rapport has logged what it sent.
      copyInteraction = (await clerk.post('/api/v1/interactions', { customerId: quinn, channel: 'email', direction: 'outbound', summary: 'Your order — It is ready.' })).body.id;
      await h.database.db
        .insertInto('emailMessages')
        .values({ id: newId(), interactionId: copyInteraction, customerId: quinn, messageId, inReplyTo: null, referencesIds: null, threadId: messageId, subject: 'Your order', fromAddress: 'mail@shop.example', toAddresses: 'quinn@example.com', ccAddresses: null, bodyText: 'It is ready.', receivedVia: 'smtp', createdAt: new Date().toISOString() })
        .execute();
    };
    const res = await clerk.post(`/api/v1/customers/${quinn}/send-email`, { subject: 'Your order', body: 'It is ready.' });
    expect(res.status).toBe(201);
    expect(res.body.alreadyLogged).toBe(true);
    expect(res.body.interaction.id).toBe(copyInteraction);
    expect(await h.database.db.selectFrom('interactions').select('id').where('customerId', '=', quinn).execute()).toEqual([{ id: copyInteraction }]);
    expect((await h.database.db.selectFrom('emailMessages').select('receivedVia').where('customerId', '=', quinn).execute()).map((r) => r.receivedVia)).toEqual(['smtp']);
  });
});

describe('without SMTP set up', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await testApp();
  });
  afterAll(async () => {
    await bare?.close();
  });

  it('refuses with 409 naming the variables to set, and the composer says so', async () => {
    const clerk = await bare.signIn('frontline');
    const rae = (await clerk.post('/api/v1/customers', { displayName: 'Rae Hill', emails: [{ address: 'rae@example.com' }] })).body.id;
    const res = await clerk.post(`/api/v1/customers/${rae}/send-email`, { subject: 'Hello', body: 'Hello.' });
    expect(res.status).toBe(409);
    expect(res.body.detail).toBe(
      'Email to customers is not set up: set RAPPORT_SMTP_URL (the mail server, smtp://user:password@host:587) and RAPPORT_MAIL_FROM (the address it sends from), then restart Rapport.',
    );
    expect((await clerk.get(`/api/v1/customers/${rae}/email-composer`)).body).toMatchObject({ canWrite: false, setUp: false, why: res.body.detail, from: null, replyTo: null });
    expect(await bare.database.db.selectFrom('interactions').select('id').where('customerId', '=', rae).execute()).toEqual([]);
  });
});
