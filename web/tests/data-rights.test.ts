import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoServerAndBrowser, expectAccessible, openPage, screenshot, signIn } from './harness.js';

/** A customer can get a copy of their data or have it erased (principle 8), from the customer page. */
describe("the customer's data", () => {
  const env = demoServerAndBrowser();
  const staff = (name: string) => env.server.demo!.staff.find((s) => s.name === name)!.email;
  const customer = (key: string) => `${env.server.url}/customers/${env.server.demo!.customers.get(key)!}`;

  it('gives an admin a readable copy of everything held about Maggie Chen, and the same as a file', async () => {
    const { page, problems, context } = await openPage(env.browser);
    await signIn(page, env.server.url, staff('Morgan Lee'));
    await page.goto(customer('maggie-chen'));
    await page.getByRole('heading', { level: 1, name: 'Margaret Chen' }).waitFor();
    const theirData = page.getByRole('region', { name: 'Their data' });

    const [copy] = await Promise.all([context.waitForEvent('page'), theirData.getByRole('button', { name: 'Copy of everything we hold' }).click()]);
    await copy.waitForLoadState();
    expect(await copy.getByRole('heading', { level: 1 }).textContent()).toBe('Everything we hold about Margaret Chen');
    const text = (await copy.locator('body').textContent()) ?? '';
    expect(text).toContain('Prefers to be called Maggie. Likes to deal with Priya');
    expect(await copy.getByRole('heading', { name: /^Who changed what/ }).count()).toBe(1);
    expect(await copy.getByRole('table').getByRole('row').count()).toBeGreaterThan(3);
    expect(text).toContain('Priya Nair');

    await theirData.getByRole('status').filter({ hasText: 'The copy opened in a new tab.' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), theirData.getByRole('link', { name: 'Download the data (JSON)' }).click()]);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { displayName: string; records: { heading: string }[] };
    expect(data.displayName).toBe('Margaret Chen');
    expect(data.records.map((r) => r.heading)).toContain('Notes');
    await expectAccessible(page, 'customer page with their data');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows frontline staff no "Their data" section and no delete buttons', async () => {
    const { page, problems, context } = await openPage(env.browser);
    await signIn(page, env.server.url, staff('Tom Becker'));
    await page.goto(customer('maggie-chen'));
    await page.getByRole('heading', { level: 1, name: 'Margaret Chen' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await page.getByRole('region', { name: 'Their data' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Delete|Remove) / }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Trash' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Manage' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets an admin erase a customer with a reason; their page then says so and the lookup no longer finds them', async () => {
    const { page, problems, context } = await openPage(env.browser);
    await signIn(page, env.server.url, staff('Morgan Lee'));
    const box = page.getByRole('combobox', { name: 'Look up a customer' });
    const found = page.getByRole('listbox', { name: 'Customers found' }).getByRole('option').filter({ hasText: 'Carmen Alvarez' }).filter({ hasNotText: 'Create customer' });
    await box.fill('carmen alvarez');
    await expect.poll(() => found.count()).toBe(1);

    await page.goto(customer('carmen-alvarez'));
    await page.getByRole('heading', { level: 1, name: 'Carmen Alvarez' }).waitFor();
    await page.getByRole('region', { name: 'Their data' }).getByRole('button', { name: 'Erase personal data…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase Carmen Alvarez’s personal data?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('This cannot be undone.');
    await expectAccessible(page, 'erase dialog');

    // Nothing happens without a reason and the name typed as shown; each field says what it needs.
    await dialog.getByLabel('Type their name to confirm: Carmen Alvarez').fill('Carmen');
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    expect(await dialog.getByLabel('Why').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => dialog.textContent()).toContain('Type the name exactly as shown: Carmen Alvarez');
    await expectAccessible(page, 'erase dialog with errors');
    await screenshot(page, 'erase-dialog');

    await dialog.getByLabel('Why').fill('She asked by email on Monday to be forgotten.');
    await dialog.getByLabel('Type their name to confirm: Carmen Alvarez').fill('carmen alvarez');
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personal data erased' }).waitFor();
    expect(await page.locator('main').textContent()).toMatch(/The personal data of this customer was erased on .*\d{4}/);
    expect(await dialog.count()).toBe(0);
    await expectAccessible(page, 'erased customer');

    // Opened afresh, the page says the same; the lookup does not find her.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Personal data erased' }).waitFor();
    await page.getByRole('link', { name: 'Rapport' }).click();
    await box.fill('carmen alvarez');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /found|No customer matches/ }).count()).toBe(1);
    expect(await found.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
