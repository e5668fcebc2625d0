import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, desktop, expectAccessible, openPage, phone, screenshot, signIn } from './harness.js';

/**
 * Cases with response targets in business hours (issue 9, item 3): a case opened from the customer
 * page shows the time left to its first response, takes a logged contact into its thread, and,
 * escalated with a reason, lands on the manager's list; an admin sets the targets.
 */
describe('cases', () => {
  const env = demoServerAndBrowser();
  const adviser = 'priya@demo.example';
  const maggie = () => env.server.demo!.customers.get('maggie-chen')!;
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('opens a case from the customer page, sees the business time left to its first response, and links a contact to it', async () => {
    const { page, problems, context } = await openPage(env.browser, desktop);
    await signIn(page, env.server.url, adviser);
    await page.goto(`${env.server.url}/customers/${maggie()}`);
    await page.getByRole('heading', { level: 1, name: 'Margaret Chen' }).waitFor();
    const panel = page.getByRole('region', { name: 'Cases' });
    await panel.getByRole('button', { name: 'Open a case' }).click();
    const form = panel.getByRole('form', { name: 'Open a case' });
    await form.getByLabel('Subject').fill('Statement shows a double charge');
    await form.getByLabel('Priority').selectOption('high');
    await expectAccessible(page, 'open a case');
    await form.getByRole('button', { name: 'Open case' }).click();
    await panel.getByRole('status').filter({ hasText: 'Opened the case “Statement shows a double charge”.' }).waitFor();

    const card = panel.getByRole('article', { name: 'Statement shows a double charge' });
    const targets = card.getByRole('list', { name: 'Response targets: Statement shows a double charge' });
    // High priority: four business hours to the first response, counted in the branch's opening hours.
    await expect.poll(() => targets.textContent()).toMatch(/First response: (4 h|3 h \d+ min) left in business hours/);
    expect(await card.textContent()).toContain('New · High priority · Priya Nair');

    await card.getByRole('button', { name: 'Link a contact to Statement shows a double charge' }).click();
    const link = card.getByRole('form', { name: 'Link a contact to Statement shows a double charge' });
    const choice = link.getByLabel('Contact to link');
    const contact = (await choice.locator('option').nth(1).textContent())!;
    await choice.selectOption({ index: 1 });
    await link.getByRole('button', { name: 'Link' }).click();
    await panel.getByRole('status').filter({ hasText: 'Added the contact to the thread of “Statement shows a double charge”.' }).waitFor();
    // A contact from before the case opened is its background, not its answer: the first response is still owed.
    expect(await targets.textContent()).toMatch(/First response: (4 h|3 h \d+ min) left in business hours/);
    await expectAccessible(page, 'customer page with a case');
    await screenshot(page, 'cases-customer-desktop');

    await card.getByRole('link', { name: 'Statement shows a double charge' }).click();
    await page.getByRole('heading', { level: 1, name: 'Statement shows a double charge' }).waitFor();
    const thread = page.getByRole('region', { name: 'Thread' });
    await expect.poll(() => thread.textContent()).toContain(contact.slice(0, 30));
    expect(await page.getByRole('region', { name: 'History' }).textContent()).toContain('Opened');
    await expectAccessible(page, 'case page');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('escalates a case with a reason on a phone, and the manager finds it on their list', async () => {
    const { page, problems, context } = await openPage(env.browser, phone);
    await signIn(page, env.server.url, adviser);
    const created = await apiAs<{ id: string }>(page, env.server.url, 'POST', '/cases', { customerId: maggie(), subject: 'Card stopped working', priority: 'urgent' });
    await page.goto(`${env.server.url}/cases/${created.id}`);
    await page.getByRole('heading', { level: 1, name: 'Card stopped working' }).waitFor();
    const escalate = page.getByRole('form', { name: 'Escalate the case' });
    await escalate.getByLabel('Manager').selectOption({ label: 'Grace Okafor' });
    await escalate.getByLabel('Reason').fill('Third card this month; she is travelling on Friday');
    await escalate.getByRole('button', { name: 'Escalate' }).click();
    await page.getByRole('status').filter({ hasText: 'Escalated to Grace Okafor.' }).waitFor();
    expect(await page.getByText('Escalated to Grace Okafor: Third card this month; she is travelling on Friday', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'History' }).textContent()).toContain('Escalated to Grace Okafor: Third card this month');
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, 'escalated case (phone)');
    await screenshot(page, 'case-escalated-phone');
    await context.close();

    const manager = await openPage(env.browser, phone);
    await signIn(manager.page, env.server.url, 'grace@demo.example');
    await manager.page.getByRole('link', { name: 'Cases' }).click();
    const list = manager.page.getByRole('region', { name: 'Escalated to you' });
    const item = list.getByRole('article', { name: 'Card stopped working' });
    await item.waitFor();
    expect(await item.textContent()).toContain('Margaret Chen · New · Urgent priority · Priya Nair · escalated to Grace Okafor');
    // The demo's own escalation from the hardware store is there too.
    expect(await list.getByRole('article', { name: 'Special-order vanity arrived with a cracked top' }).count()).toBe(1);
    // The counts by location arrive with a request of their own: waited for before they are counted.
    await manager.page.getByRole('table', { name: 'By location' }).waitFor({ timeout: 10_000 }).catch(() => undefined);
    expect(await manager.page.getByRole('table', { name: 'By location' }).count()).toBe(1);
    expect(await fitsWidth(manager.page)).toBe(true);
    await expectAccessible(manager.page, 'manager’s cases (phone)');
    await screenshot(manager.page, 'cases-manager-phone');
    expect([...problems, ...manager.problems]).toEqual([]);
    await manager.context.close();
  });

  it('lets an admin set the response targets in business hours', async () => {
    const { page, problems, context } = await openPage(env.browser, desktop);
    await signIn(page, env.server.url, 'admin@demo.example');
    await page.goto(`${env.server.url}/admin/targets`);
    await page.getByRole('heading', { level: 1, name: 'Response targets' }).waitFor();
    const form = page.getByRole('form', { name: 'Response targets' });
    const urgent = form.getByLabel('Urgent first response, hours');
    await expect.poll(() => urgent.inputValue()).toBe('1');
    await urgent.fill('0.5');
    await form.getByLabel('Low next response, hours').fill('');
    await form.getByRole('button', { name: 'Save targets' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved the response targets.' }).waitFor();
    await expectAccessible(page, 'response targets');
    await screenshot(page, 'admin-targets-desktop');
    await page.reload();
    await expect.poll(() => page.getByLabel('Urgent first response, hours').inputValue()).toBe('0.5');
    expect(await page.getByLabel('Low next response, hours').inputValue()).toBe('');
    const stored = await apiAs<{ items: { priority: string; firstResponseMinutes: number | null; nextResponseMinutes: number | null }[] }>(page, env.server.url, 'GET', '/case-targets');
    expect(stored.items.find((t) => t.priority === 'urgent')!.firstResponseMinutes).toBe(30);
    expect(stored.items.find((t) => t.priority === 'low')!.nextResponseMinutes).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  });
});
