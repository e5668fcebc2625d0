import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/app.js';
import { seedDemo, type SeedSummary } from '../../src/demo/seed-demo.js';
import { loadConfig } from '../../src/platform/config.js';
import type { DatabaseHandle } from '../../src/platform/database/connect.js';
import type { App } from '../../src/platform/http/types.js';
import { testDatabase } from '../../src/test/database.js';
import { startSmtpCapture, type SmtpCapture } from '../../src/test/smtp-capture.js';
import { desktop, ensureWebBuilt, expectAccessible, launchBrowser, openPage, password, phone, screenshot, signIn, webDist } from './harness.js';

/**
 * Email out (issue 12): on the demo data, with a real SMTP server on 127.0.0.1. Sam, at the call
 * centre, opens Diane Foster (waiting since yesterday for an answer to her voicemail and email),
 * writes her an email from her page, sees it in the timeline and the waiting line gone from the
 * brief, then replies in the same thread from the timeline with the keyboard. At phone width the
 * composer fits; marked do not contact, her page says why there is no email. The server here is the harness's, with SMTP set (the harness starts it without).
 */
describe('writing to a customer from their page', () => {
  let smtp: SmtpCapture;
  let database: DatabaseHandle;
  let app: App;
  let url: string;
  let demo: SeedSummary;
  let browser: Browser;
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  beforeAll(async () => {
    ensureWebBuilt();
    smtp = await startSmtpCapture();
    database = await testDatabase();
    demo = await seedDemo(database.db, { password, force: false, seed: 1, phoneRegion: 'US', customers: 40 });
    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), phoneRegion: 'US', mail: { smtpUrl: smtp.url, from: 'Valley Connect <care@valley.example>' } };
    app = await buildApp({ config, database, logger: false, rateLimitPerMinute: 100_000, webRoot: webDist });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
    await smtp?.close();
  });

  it('writes to Diane from her page, shows the email in the timeline, answers her wait, and replies in the thread', async () => {
    const { page, problems, context } = await openPage(browser, desktop);
    await signIn(page, url, 'sam@demo.example');
    await page.goto(`${url}/customers/${demo.customers.get('diane-foster')!}`);
    await page.getByRole('heading', { level: 1, name: 'Diane Foster' }).waitFor();
    const owed = page.getByRole('region', { name: 'Brief' }).getByRole('region', { name: 'What we owe them' });
    await expect.poll(() => owed.textContent()).toContain('Waiting for an answer');

    const write = page.getByRole('button', { name: 'Write an email' });
    await write.click();
    const dialog = page.getByRole('dialog', { name: 'Email to Diane Foster' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('From Sam Delgado via Valley Connect <care@valley.example>.');
    expect(await dialog.getByLabel('To').inputValue()).toBe('diane.foster@example.com');
    // Escape closes it, and the focus is back on the button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => write.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByLabel('Subject').fill('Your internet dropping in the evenings');
    await dialog.getByLabel('Message').fill('Hello Diane,\n\nSorry for the trouble since the router swap. An engineer can come on Thursday evening to look at the line.\n\nSam');
    await expectAccessible(page, 'email composer');
    await screenshot(page, 'email-composer-desktop');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('status').filter({ hasText: 'Email sent to diane.foster@example.com.' }).waitFor();
    await dialog.waitFor({ state: 'hidden' });

    const [first] = await smtp.waitFor(1);
    expect(first!.rcptTo).toEqual(['diane.foster@example.com']);
    expect(first!.headers.get('subject')).toBe('Your internet dropping in the evenings');
    expect(first!.headers.get('reply-to')).toMatch(/Sam Delgado/);
    expect(first!.text).toContain('An engineer can come on Thursday evening');

    const timeline = page.getByRole('region', { name: 'Timeline' });
    const sent = timeline.getByRole('listitem').filter({ hasText: 'Email, outbound: Your internet dropping in the evenings' });
    await expect.poll(() => sent.count()).toBe(1);
    await expect.poll(() => owed.textContent()).not.toContain('Waiting for an answer');
    await expectAccessible(page, 'customer page after an email');

    // Reply in the thread from the timeline, by keyboard: the subject comes with "Re: ".
    const reply = sent.getByRole('button', { name: /^Reply by email/ });
    await reply.focus();
    await page.keyboard.press('Enter');
    const replying = page.getByRole('dialog', { name: 'Reply to Diane Foster' });
    await replying.waitFor();
    await expect.poll(() => replying.getByLabel('Subject').inputValue()).toBe('Re: Your internet dropping in the evenings');
    await replying.getByLabel('Message').fill('Thursday 18:00 to 20:00 is booked.');
    await page.keyboard.press('Control+Enter');
    await replying.waitFor({ state: 'hidden' });
    const [, second] = await smtp.waitFor(2);
    expect(second!.headers.get('in-reply-to')).toBe(first!.headers.get('message-id'));
    expect(second!.headers.get('references')).toBe(first!.headers.get('message-id'));
    await expect.poll(() => timeline.getByRole('listitem').filter({ hasText: 'Email, outbound: Re: Your internet dropping in the evenings' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits the composer on a phone, and says why there is no email for a customer who asked not to be contacted', async () => {
    const { page, problems, context } = await openPage(browser, phone);
    await signIn(page, url, 'sam@demo.example');
    await page.goto(`${url}/customers/${demo.customers.get('diane-foster')!}`);
    await page.getByRole('heading', { level: 1, name: 'Diane Foster' }).waitFor();
    await page.getByRole('button', { name: 'Write an email' }).click();
    const dialog = page.getByRole('dialog', { name: 'Email to Diane Foster' });
    await dialog.waitFor();
    expect(await fitsWidth(page)).toBe(true);
    const box = await dialog.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(phone.width);
    await expectAccessible(page, 'email composer, phone');
    await screenshot(page, 'email-composer-phone');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Marked do not contact: the page says why there is no email, and offers none.
    const me = (await (await page.request.get(`${url}/api/v1/auth/me`)).json()) as { csrfToken: string };
    const marked = await page.request.put(`${url}/api/v1/customers/${demo.customers.get('diane-foster')!}/do-not-contact`, {
      headers: { 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      data: JSON.stringify({ reason: 'asked us to stop emailing', since: '2026-01-05' }),
    });
    expect(marked.status()).toBe(200);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Diane Foster' }).waitFor();
    await page.getByText('No email from Rapport: Diane Foster asked not to be contacted (do not contact since 5 January 2026 (asked us to stop emailing))').waitFor();
    expect(await page.getByRole('button', { name: 'Write an email' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Reply by email/ }).count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
