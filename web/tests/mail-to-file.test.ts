import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailListener, type MailListener } from '../../src/email/mail-listener.js';
import { loadConfig } from '../../src/platform/config.js';
import { demoServerAndBrowser, expectAccessible, goToManaged, jimId, openPage, screenshot, signIn } from './harness.js';

/**
 * Mail into Rapport, in the browser: a message from an address no customer has is sent into the
 * real SMTP listener; a manager finds it under Manage → Mail to file, files it on Jim with the
 * lookup, and Jim's timeline shows the email, which opens whole with its PDF to download.
 */
describe('mail to file', () => {
  const env = demoServerAndBrowser();
  let listener: MailListener;

  beforeAll(async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', RAPPORT_MAIL_IN_PORT: '0', RAPPORT_MAIL_IN_ALLOWED_SENDERS: '@hardware.example' }).mailIn;
    listener = await startMailListener({ db: env.server.database.db, config: { ...config, listen: config.listen! }, phoneRegion: 'US', log: env.server.app.log });
  });
  afterAll(() => listener?.close());

  it('files a message on a customer picked with the lookup, and the timeline shows it with its file', async () => {
    const subject = `Grout colours for the bathroom ${randomBytes(3).toString('hex')}`;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')]);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      envelope: { from: 'relay@hardware.example', to: ['log@rapport.example'] },
      from: 'J. Alvarez <jim.alvarez.home@mail.example>',
      to: 'shop@hardware.example',
      subject,
      text: 'Hi Earl,\nwhich grout goes with the grey tiles?\nJim',
      attachments: [{ filename: 'tiles.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    transport.close();

    const manager = env.server.demo!.staff.find((s) => s.role === 'manager')!;
    const { page, problems, context } = await openPage(env.browser);
    await signIn(page, env.server.url, manager.email);
    await goToManaged(page, 'Mail to file');
    await page.getByRole('heading', { level: 1, name: 'Mail to file' }).waitFor();
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: subject }) });
    await item.waitFor();
    expect(await item.textContent()).toContain('No customer has the address jim.alvarez.home@mail.example.');
    expect(await item.textContent()).toContain('which grout goes with the grey tiles?');
    await expectAccessible(page, 'mail to file');

    await item.getByRole('button', { name: 'File on a customer' }).click();
    await item.getByRole('combobox', { name: 'Customer to file it on' }).fill('jim alvarez');
    await item.getByRole('listbox', { name: 'Customers' }).getByRole('option').filter({ hasText: 'Jim Alvarez' }).first().click();
    await item.getByText('File on Jim Alvarez').waitFor();
    await expectAccessible(page, 'mail to file, filing');
    await item.getByRole('button', { name: 'File it' }).click();
    await page.getByRole('status').filter({ hasText: `Filed “${subject}” on Jim Alvarez.` }).waitFor();
    expect(await page.getByRole('heading', { name: subject }).count()).toBe(0);
    await screenshot(page, 'mail-to-file');

    await page.getByRole('link', { name: 'Open Jim Alvarez' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    expect(page.url()).toContain(jimId(env.server));
    const entry = page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: subject });
    await entry.waitFor();
    await entry.getByRole('button', { name: `Open the email: ${subject}` }).click();
    const whole = entry.getByRole('region', { name: `Email: ${subject}` });
    await whole.waitFor();
    expect(await whole.textContent()).toContain('which grout goes with the grey tiles?');
    expect(await whole.textContent()).toContain('jim.alvarez.home@mail.example');
    const link = whole.getByRole('list', { name: 'Files' }).getByRole('link', { name: 'tiles.pdf' });
    const download = await page.request.get(new URL((await link.getAttribute('href'))!, env.server.url).toString());
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.from(await download.body()).equals(pdf)).toBe(true);
    await expectAccessible(page, 'customer page with an email opened');
    await screenshot(page, 'mail-to-file-timeline');
    expect(problems).toEqual([]);
    await context.close();
  });
});
