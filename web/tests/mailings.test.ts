import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailingUploadJob } from '../../src/mailings/mailing-jobs.js';
import { createJobWorker, type JobWorker } from '../../src/platform/jobs/job-worker.js';
import { expectAccessible, goToManaged, jimId, launchBrowser, openPage, screenshot, signIn, startServer, type Server } from './harness.js';

/**
 * Issue 12's mailings through the screens: a manager logs the spring catalogue the mailing house sent
 * six days ago, uploads the list it sent back (the worker logs it in the background), sees how many
 * were logged and the line it could not place; then Jim's page says he got it, in the brief and on
 * the timeline.
 */
describe('logging a mailing from its recipient file', () => {
  const env = {} as { server: Server; browser: Browser; worker: JobWorker };

  beforeAll(async () => {
    env.server = await startServer({ demo: true });
    // The harness's server does not run background jobs (server.ts does): the upload's worker runs here, polling as in production.
    env.worker = createJobWorker({ database: env.server.database, kinds: [mailingUploadJob], log: pino({ level: 'silent' }), pollMs: 200 });
    env.worker.start();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.worker?.stop();
    await env.browser?.close();
    await env.server?.close();
  });

  it('uploads a CSV on the Mailings page, then the customer’s brief and timeline say they got it', async () => {
    const { page, problems } = await openPage(env.browser);
    await signIn(page, env.server.url, 'grace@demo.example');
    await goToManaged(page, 'Mailings');
    await page.getByRole('heading', { level: 1, name: 'Mailings' }).waitFor();

    const sixDaysAgo = new Date(Date.now() - 6 * 86_400_000);
    const day = `${sixDaysAgo.getFullYear()}-${String(sixDaysAgo.getMonth() + 1).padStart(2, '0')}-${String(sixDaysAgo.getDate()).padStart(2, '0')}`;
    await page.getByLabel('Campaign').fill('Spring catalogue 2027');
    expect(await page.getByLabel('How it went out').inputValue()).toBe('direct_mail');
    await page.getByLabel('Sent on').fill(day);
    await expectAccessible(page, 'mailings page');
    await page.getByRole('button', { name: 'Log the mailing' }).click();
    await page.getByRole('heading', { level: 2, name: 'Spring catalogue 2027' }).waitFor();

    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-mailing-')), 'allied-mailhouse.csv');
    fs.writeFileSync(file, 'Name,Email\nJim Alvarez,jim.alvarez@example.com\nMaggie Chen,maggie.chen@example.com\nWrong Address,no.one@example.com\n');
    await page.getByLabel('Recipient file').setInputFiles(file);
    await page.getByRole('button', { name: 'Log recipients' }).click();
    const result = page.getByRole('region', { name: 'allied-mailhouse.csv' });
    await expect.poll(() => result.getByRole('status').textContent()).toBe('Logged for 2 customers; 1 row could not be placed.');
    await expect.poll(() => result.getByRole('list', { name: 'Rows not placed' }).textContent()).toBe('Line 4 (Email): No customer has the email no.one@example.com.');
    // The mailing's own line counts them once the file is through.
    await expect.poll(() => page.getByText(/^Direct mail sent on .+ · logged for 2 customers$/).count()).toBe(1);
    await expect.poll(() => page.getByRole('list', { name: 'Mailings' }).textContent()).toContain('Spring catalogue 2027');
    await expectAccessible(page, 'mailing with its upload');
    await screenshot(page, 'mailing-upload');

    await page.goto(`${env.server.url}/customers/${jimId(env.server)}`);
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Brief' }).textContent()).toContain('Got Spring catalogue 2027 (a mailing) 6 days ago');
    await expect.poll(() => page.getByRole('region', { name: 'Timeline' }).textContent()).toContain('Spring catalogue 2027');
    await expectAccessible(page, 'customer who got a mailing');
    expect(problems).toEqual([]);
  });
});
