import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createJobWorker } from '../../src/platform/jobs/job-worker.js';
import { startReceiver } from '../../src/test/webhook-receiver.js';
import { webhookDeliverJob } from '../../src/webhooks/webhook-delivery-job.js';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, expectAccessible, goToManaged, openPage, screenshot, signIn } from './harness.js';

/**
 * Outgoing webhooks (issue 12): an admin adds one pointed at a real receiver on 127.0.0.1, copies
 * its signing secret (shown this once), sees the delivery of a new customer in its log, replays it,
 * and sees the second attempt; the receiver checks every signature as the README says.
 */
describe('webhooks (admin)', () => {
  const env = demoServerAndBrowser();
  const runJobs = () => createJobWorker({ database: env.server.database, kinds: [webhookDeliverJob], log: pino({ level: 'silent' }) }).runDue();

  it('adds a webhook, shows the secret once, shows a delivery in the log and replays it', async () => {
    const receiver = await startReceiver();
    const { page, problems, context } = await openPage(env.browser);
    try {
      await signIn(page, env.server.url, 'admin@demo.example');
      await goToManaged(page, 'Admin');
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Webhooks' }).click();
      await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
      await page.getByRole('button', { name: 'Add a webhook' }).click();

      const form = page.getByRole('form', { name: 'Add a webhook' });
      await form.getByLabel('Name').fill('Accounting sync');
      await form.getByLabel('Address (URL)').fill('ftp://files.example.com/');
      await form.getByRole('checkbox', { name: /^Customer created/ }).check();
      await form.getByRole('button', { name: 'Add webhook' }).click();
      await form.getByText('must start with https:// or http:// (not ftp)', { exact: true }).waitFor();
      await form.getByLabel('Address (URL)').fill(receiver.url);
      await form.getByRole('checkbox', { name: /^Customer changed/ }).check();
      await expectAccessible(page, 'webhook form');
      await form.getByRole('button', { name: 'Add webhook' }).click();

      const secretBox = page.getByRole('textbox', { name: 'Signing secret of Accounting sync' });
      const secret = await secretBox.inputValue();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(await page.getByRole('group', { name: 'Signing secret of Accounting sync' }).textContent()).toContain('it will not be shown again');
      await expectAccessible(page, 'webhook secret');
      receiver.secret = secret;
      await page.getByRole('button', { name: 'Done, I have copied it' }).click();
      expect(await secretBox.count()).toBe(0);
      expect(await page.content()).not.toContain(secret);

      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: 'Accounting sync' }) });
      expect((await card.textContent())?.replace(/\s+/g, ' ')).toMatch(/Sends to\s?http:\/\/127\.0\.0\.1:\d+\/rapport-webhooks.*Events\s?Customer created, Customer changed/);

      // A customer is added elsewhere in Rapport; the background jobs send the event.
      const customer = await apiAs<{ id: string }>(page, env.server.url, 'POST', '/customers', { givenName: 'Wendy', familyName: 'Webhook' });
      await runJobs();
      expect(receiver.events().map((e) => [e.type, e.data.customerId])).toEqual([['customer.created', customer.id]]);

      await card.getByRole('button', { name: 'Delivery log of Accounting sync' }).click();
      const log = page.getByRole('region', { name: 'Delivery log of Accounting sync' });
      const rows = log.getByRole('table', { name: /Deliveries to Accounting sync/ }).getByRole('row');
      const row = rows.filter({ has: page.getByRole('rowheader', { name: /Customer created/ }) });
      await row.waitFor();
      expect(await row.getByRole('cell').allTextContents()).toEqual(['Delivered', 'HTTP 204', '1', '—', expect.stringContaining('Details')]);
      await expectAccessible(page, 'delivery log');

      await row.getByRole('button', { name: /^Replay Customer created/ }).click();
      await log.getByRole('status').filter({ hasText: 'Sent again' }).waitFor();
      expect((await row.getByRole('cell').allTextContents())[0]).toBe('Waiting');
      await runJobs();
      await log.getByRole('button', { name: 'Refresh the delivery log of Accounting sync' }).click();
      await expect.poll(async () => (await row.getByRole('cell').allTextContents()).slice(0, 3)).toEqual(['Delivered', 'HTTP 204', '2']);
      await row.getByRole('button', { name: /^Details of Customer created/ }).click();
      const attempts = log.getByRole('listitem').filter({ hasText: /^Attempt \d/ });
      await expect.poll(() => attempts.count()).toBe(2);
      expect(await attempts.allTextContents()).toEqual([expect.stringMatching(/^Attempt 1, .+: HTTP 204, \d+ ms$/), expect.stringMatching(/^Attempt 2, .+: HTTP 204, \d+ ms$/)]);
      await expectAccessible(page, 'delivery log with attempts');
      await screenshot(page, 'webhooks-log');

      // Same event, sent twice, each signed.
      const sent = receiver.received.filter((r) => r.event?.type === 'customer.created');
      expect(sent.map((r) => r.verified)).toEqual([true, true]);
      expect(new Set(sent.map((r) => r.event!.id)).size).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      await receiver.close();
    }
  });
});
