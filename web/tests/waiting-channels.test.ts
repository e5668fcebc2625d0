import nodemailer from 'nodemailer';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/app.js';
import { createCustomer } from '../../src/customers/customer-commands.js';
import { seedDemo, type SeedSummary } from '../../src/demo/seed-demo.js';
import { startMailListener, type MailListener } from '../../src/email/mail-listener.js';
import { loadConfig } from '../../src/platform/config.js';
import type { DatabaseHandle } from '../../src/platform/database/connect.js';
import { signatureHeader, signatureHeaderValue } from '../../src/platform/http/signature.js';
import type { App } from '../../src/platform/http/types.js';
import { testDatabase } from '../../src/test/database.js';
import { startSmtpCapture, type SmtpCapture } from '../../src/test/smtp-capture.js';
import { desktop, ensureWebBuilt, expectAccessible, launchBrowser, openPage, password, screenshot, signIn, webDist } from './harness.js';

/**
 * S7 on the channels themselves (issue 12), every one of them real: Rosa Lindqvist rang the call
 * centre yesterday at 16:05 and nobody could answer (the phone system's signed webhook logs the
 * missed call), then at 16:22 she emailed about the same problem (delivered by SMTP to Rapport's
 * mail listener). Sam, the agent, sees one waiting person, not two tickets: waiting since yesterday
 * 16:05 for a missed call and an email. He replies to her email from her timeline (sent through an
 * SMTP server on 127.0.0.1, in her thread), and she is no longer waiting.
 */

const secret = 'the call centre phone system secret';
let smtp: SmtpCapture;
let database: DatabaseHandle;
let app: App;
let listener: MailListener;
let url: string;
let demo: SeedSummary;
let browser: Browser;
let rosa: string;

/** Yesterday at a time of day, on this machine's clock (the browser's too). */
const yesterdayAt = (hours: number, minutes: number) => {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, hours, minutes);
};

async function phoneSystem(event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(event);
  const res = await fetch(`${url}/api/v1/phone/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [signatureHeader]: signatureHeaderValue(secret, Math.floor(Date.now() / 1000), body) },
    body,
  });
  expect(res.status, await res.text()).toBe(200);
}

beforeAll(async () => {
  ensureWebBuilt();
  smtp = await startSmtpCapture();
  database = await testDatabase();
  demo = await seedDemo(database.db, { password, force: false, seed: 1, phoneRegion: 'US', customers: 40 });
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent' }),
    phoneRegion: 'US',
    phoneWebhookSecret: secret,
    mail: { smtpUrl: smtp.url, from: 'Valley Connect <care@valley.example>' },
  };
  app = await buildApp({ config, database, logger: false, rateLimitPerMinute: 100_000, webRoot: webDist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const mailIn = loadConfig({ LOG_LEVEL: 'silent', RAPPORT_MAIL_IN_PORT: '0', RAPPORT_MAIL_IN_ALLOWED_SENDERS: '@valley.example' }).mailIn;
  listener = await startMailListener({ db: database.db, config: { ...mailIn, listen: mailIn.listen! }, phoneRegion: 'US', log: app.log });

  const callCentre = await database.db.selectFrom('locations').select('id').where('name', 'like', 'Valley Connect call centre%').executeTakeFirstOrThrow();
  rosa = await database.db.transaction().execute((trx) =>
    createCustomer(trx, { actor: null, phoneRegion: 'US' }, {
      givenName: 'Rosa',
      familyName: 'Lindqvist',
      locationId: callCentre.id,
      phones: [{ number: '(217) 555-0161', label: 'mobile' }],
      emails: [{ address: 'rosa.lindqvist@example.com' }],
    }),
  );
  await database.db.updateTable('staff').set({ phoneExtension: '301' }).where('email', '=', 'sam@demo.example').execute();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await listener?.close();
  await app?.close();
  await database?.close();
  await smtp?.close();
});

describe('S7 on real channels', () => {
  it('a missed call and an email from one customer are one waiting person, until the reply to her email', async () => {
    // Yesterday 16:05: the phone system rings Sam's extension; nobody answers.
    const rang = yesterdayAt(16, 5);
    await phoneSystem({ callId: 'valley-77001', event: 'ringing', from: '+1 217 555 0161', extension: '301', at: rang.toISOString() });
    await phoneSystem({ callId: 'valley-77001', event: 'ended', from: '+1 217 555 0161', extension: '301', at: new Date(rang.getTime() + 40_000).toISOString() });
    // 16:22: her email reaches the listener through the organisation's mail server.
    const send = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    const accepted = await send.sendMail({
      envelope: { from: 'relay@valley.example', to: ['log@valley.example'] },
      from: 'Rosa Lindqvist <rosa.lindqvist@example.com>',
      to: 'Valley Connect <care@valley.example>',
      subject: 'Internet keeps dropping',
      text: 'Hello,\n\nI tried to call: the internet drops every evening since Monday. Can someone call me back?\n\nRosa',
      messageId: '<rosa-evenings-1@example.com>',
      date: yesterdayAt(16, 22),
    });
    send.close();
    expect(accepted.response).toMatch(/^250 /);

    const { page, problems, context } = await openPage(browser, desktop);
    await signIn(page, url, 'sam@demo.example');
    await page.getByRole('link', { name: 'Waiting', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Waiting for an answer' }).waitFor();
    const list = page.getByRole('list', { name: 'Customers waiting for an answer' });
    const rows = list.getByRole('listitem').filter({ hasText: 'Rosa Lindqvist' });
    await expect.poll(() => rows.count()).toBe(1);
    const row = (await rows.textContent()) ?? '';
    expect(row).toContain('waiting since yesterday 16:05');
    expect(row).toContain('a missed call and an email');
    await expectAccessible(page, 'waiting list with a missed call and an email');
    await screenshot(page, 'waiting-channels-desktop');

    await list.getByRole('link', { name: 'Rosa Lindqvist' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rosa Lindqvist' }).waitFor();
    const owed = page.getByRole('region', { name: 'Brief' }).getByRole('region', { name: 'What we owe them' });
    await expect.poll(() => owed.textContent()).toMatch(/Waiting for an answer since (yesterday|\d+ hours ago): a missed call and an email\./);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const email = timeline.getByRole('listitem').filter({ hasText: 'Internet keeps dropping' });
    await expect.poll(() => email.count()).toBe(1);
    await expect.poll(() => timeline.getByRole('listitem').filter({ hasText: /missed call/i }).count()).toBe(1);

    // Sam answers her email, in her thread.
    await email.getByRole('button', { name: /^Reply by email/ }).click();
    const replying = page.getByRole('dialog', { name: 'Reply to Rosa Lindqvist' });
    await replying.waitFor();
    await expect.poll(() => replying.getByLabel('Subject').inputValue()).toBe('Re: Internet keeps dropping');
    await replying.getByLabel('Message').fill('Hello Rosa,\n\nSorry we missed your call. An engineer can check the line on Thursday evening.\n\nSam');
    await replying.getByRole('button', { name: 'Send' }).click();
    await replying.waitFor({ state: 'hidden' });
    const [reply] = await smtp.waitFor(1);
    expect(reply!.rcptTo).toEqual(['rosa.lindqvist@example.com']);
    expect(reply!.headers.get('in-reply-to')).toBe('<rosa-evenings-1@example.com>');
    await expect.poll(() => owed.textContent()).not.toContain('Waiting for an answer');

    await page.getByRole('link', { name: 'Waiting', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Waiting for an answer' }).waitFor();
    await expect.poll(() => list.getAttribute('aria-busy')).toBe('false');
    expect(await list.getByRole('listitem').filter({ hasText: 'Rosa Lindqvist' }).count()).toBe(0);

    // What is stored: one missed call, the email in and the reply out, all on Rosa.
    const contacts = await database.db.selectFrom('interactions').select(['channel', 'direction']).where('customerId', '=', rosa).orderBy('occurredAt').execute();
    expect(contacts).toEqual([
      { channel: 'missed_call', direction: 'inbound' },
      { channel: 'email', direction: 'inbound' },
      { channel: 'email', direction: 'outbound' },
    ]);
    expect(demo.staff.some((s) => s.email === 'sam@demo.example')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
