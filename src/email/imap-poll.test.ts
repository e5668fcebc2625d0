import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type ImapConfig } from '../platform/config.js';
import type { Db } from '../platform/database/connect.js';
import { createStaff } from '../staff/staff-commands.js';
import { testApp, testPassword, type Client, type TestApp } from '../test/app.js';
import { startImapServer, type ImapServer } from '../test/imap-server.js';
import { pollImap } from './imap-poll.js';

/**
 * Polling a shared mailbox on a real IMAP server (Dovecot on 127.0.0.1): mail that arrives there is
 * logged on its customers like mail delivered to the listener, once however often the poll runs,
 * starting from the mail that arrives after the first poll, with the mailbox left as people left it.
 */

let t: TestApp;
let db: Db;
let imap: ImapServer;
let config: ImapConfig;
let clerk: Client;
const mailIn = { allowedSenders: ['@shop.example'], maxAttachmentBytes: 1024 * 1024 };

const poll = () => pollImap(db, config, mailIn, 'US');
const message = (m: { from: string; to: string; subject: string; id: string; body: string; date?: Date }) =>
  [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Message-ID: <${m.id}>`,
    `Date: ${(m.date ?? new Date()).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    m.body,
    '',
  ].join('\r\n');
const interactionsOf = (customerId: string) => db.selectFrom('interactions').selectAll().where('customerId', '=', customerId).orderBy('occurredAt').orderBy('id').execute();

beforeAll(async () => {
  t = await testApp();
  db = t.database.db;
  imap = await startImapServer();
  config = loadConfig({ LOG_LEVEL: 'silent', RAPPORT_IMAP_URL: imap.url }).imap!;
  clerk = await t.signIn('frontline');
  await createStaff(db, null, { email: 'earl@shop.example', name: 'Earl Hardy', role: 'frontline', password: testPassword });
}, 60_000);
afterAll(async () => {
  await imap?.close();
  await t?.close();
});

describe('polling a shared IMAP mailbox', () => {
  it('reads the address, mailbox and poll interval from RAPPORT_IMAP_URL, and refuses a bad one naming the variable', () => {
    expect(config).toMatchObject({ host: '127.0.0.1', port: imap.port, secure: false, user: imap.user, password: imap.password, mailbox: 'INBOX', pollSeconds: 60 });
    expect(loadConfig({ RAPPORT_IMAP_URL: 'imaps://care%40shop.example:s%3Acret@mail.shop.example/Customer%20care', RAPPORT_IMAP_POLL_SECONDS: '15' }).imap).toMatchObject({
      host: 'mail.shop.example',
      port: 993,
      secure: true,
      user: 'care@shop.example',
      password: 's:cret',
      mailbox: 'Customer care',
      pollSeconds: 15,
    });
    expect(loadConfig({}).imap).toBeUndefined();
    expect(() => loadConfig({ RAPPORT_IMAP_URL: 'pop3://u:p@mail.example.com' })).toThrow(/RAPPORT_IMAP_URL must start with imap:\/\/ or imaps:\/\//);
    expect(() => loadConfig({ RAPPORT_IMAP_URL: 'imap://mail.example.com' })).toThrow(/RAPPORT_IMAP_URL must carry a user name and a password/);
    expect(() => loadConfig({ RAPPORT_IMAP_URL: imap.url, RAPPORT_IMAP_POLL_SECONDS: 'often' })).toThrow(/RAPPORT_IMAP_POLL_SECONDS must be a whole number/);
  });

  it('logs new mail on its customers once, starting after the first poll, and files what it cannot place', async () => {
    const maggie = (await clerk.post('/api/v1/customers', { displayName: 'Maggie Smith', emails: [{ address: 'maggie@example.com' }] })).body.id as string;
    const jim = (await clerk.post('/api/v1/customers', { displayName: 'Jim Alvarez', emails: [{ address: 'jim@example.com' }] })).body.id as string;

    // Mail that was there before Rapport first looked is history: left alone.
    await imap.append(message({ from: 'Maggie Smith <maggie@example.com>', to: 'care@shop.example', subject: 'Old news', id: 'old-1@example.com', body: 'From last year.' }));
    expect(await poll()).toEqual({ started: true, placed: [] });
    expect(await interactionsOf(maggie)).toEqual([]);

    // Then: a customer writes in, a staff member's reply is copied to the mailbox, a stranger writes.
    const written = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await imap.append(message({ from: 'Maggie Smith <maggie@example.com>', to: 'care@shop.example', subject: 'Boiler leaking', id: 'boiler-1@example.com', body: 'It is leaking again.', date: written }));
    await imap.append(message({ from: 'Earl Hardy <earl@shop.example>', to: 'Jim Alvarez <jim@example.com>', subject: 'Your grout', id: 'grout-1@shop.example', body: 'The grout is in, Jim.' }));
    await imap.append(message({ from: 'Someone <someone@elsewhere.example>', to: 'care@shop.example', subject: 'Hello?', id: 'stranger-1@elsewhere.example', body: 'Who are you?' }));
    const { started, placed } = await poll();
    expect(started).toBe(false);
    expect(placed.map((p) => p.kind)).toEqual(['logged', 'logged', 'unfiled']);

    const [inbound] = await interactionsOf(maggie);
    expect(inbound).toMatchObject({ channel: 'email', direction: 'inbound', occurredAt: written.toISOString(), staffId: null });
    const email = await db.selectFrom('emailMessages').selectAll().where('interactionId', '=', inbound!.id).executeTakeFirstOrThrow();
    expect(email).toMatchObject({ messageId: 'boiler-1@example.com', subject: 'Boiler leaking', receivedVia: 'imap', fromAddress: 'maggie@example.com' });
    expect((await db.selectFrom('contactStates').select('waitingFirstInteractionId').where('customerId', '=', maggie).executeTakeFirst())?.waitingFirstInteractionId).toBe(inbound!.id);
    const [outbound] = await interactionsOf(jim);
    expect(outbound).toMatchObject({ channel: 'email', direction: 'outbound' });
    const unfiled = await db.selectFrom('unfiledEmails').select(['messageId', 'fromAddress', 'status']).execute();
    expect(unfiled).toEqual([{ messageId: 'stranger-1@elsewhere.example', fromAddress: 'someone@elsewhere.example', status: 'waiting' }]);

    // Polling again places nothing twice; the same message delivered again is logged once.
    expect(await poll()).toEqual({ started: false, placed: [] });
    await imap.append(message({ from: 'Maggie Smith <maggie@example.com>', to: 'care@shop.example', subject: 'Boiler leaking', id: 'boiler-1@example.com', body: 'It is leaking again.', date: written }));
    expect((await poll()).placed.map((p) => p.kind)).toEqual(['duplicate']);
    expect(await interactionsOf(maggie)).toHaveLength(1);
    expect(await interactionsOf(jim)).toHaveLength(1);

    // The mailbox is as people left it: nothing marked read, nothing moved or deleted.
    const flags = await imap.flags();
    expect(flags.size).toBe(5);
    for (const [, f] of flags) expect(f).not.toContain('\\Seen');
    expect([...flags.values()].some((f) => f.includes('\\Deleted'))).toBe(false);
  });

  it('says so when the mailbox cannot be reached or opened, changing nothing', async () => {
    const before = await db.selectFrom('settings').selectAll().where('key', 'like', 'mail-in.imap%').execute();
    await expect(pollImap(db, { ...config, password: 'wrong password' }, mailIn, 'US')).rejects.toThrow();
    await expect(pollImap(db, { ...config, mailbox: 'No such folder' }, mailIn, 'US')).rejects.toThrow();
    expect(await db.selectFrom('settings').selectAll().where('key', 'like', 'mail-in.imap%').execute()).toEqual(before);
  });
});
