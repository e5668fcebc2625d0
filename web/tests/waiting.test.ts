import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoServerAndBrowser, desktop, expectAccessible, openPage, phone, screenshot, signIn } from './harness.js';

/**
 * S7 and S8 in the web app, on the demo data. S7: Diane Foster left a voicemail and sent an email
 * yesterday about the same problem: the Waiting page shows her once, waiting since yesterday 16:05,
 * the lookup marks her, and logging a reply call takes her off. S8: Helen Park, not seen for four
 * months against a cadence of three, is on her adviser's keep-in-touch list (at phone width); a
 * purchase logged takes her off, and the Keep-in-touch panel changes the cadence.
 */
describe('waiting customers and keeping in touch', () => {
  const env = demoServerAndBrowser();
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const diane = () => env.server.demo!.customers.get('diane-foster')!;
  const helen = () => env.server.demo!.customers.get('helen-park')!;
  const callCentre = () => 'Valley Connect call centre (roadside, TV and internet)';

  async function open(email: string, viewport: typeof desktop): Promise<{ page: Page; problems: string[]; context: BrowserContext }> {
    const opened = await openPage(env.browser, viewport);
    await signIn(opened.page, env.server.url, email);
    return opened;
  }

  it('S7: one waiting person for a voicemail and an email, since yesterday 16:05, marked in the lookup, until a reply call', async () => {
    const { page, problems, context } = await open('sam@demo.example', desktop);
    await page.getByRole('link', { name: 'Waiting', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Waiting for an answer' }).waitFor();
    const list = page.getByRole('list', { name: 'Customers waiting for an answer' });
    const rows = list.getByRole('listitem').filter({ hasText: 'Diane Foster' });
    await expect.poll(() => rows.count()).toBe(1);
    const row = await rows.textContent();
    expect(row).toContain('waiting since yesterday 16:05');
    expect(row).toContain('a voicemail and an email');
    expect(row).toContain('Voicemail: since the router swap the internet drops every evening');

    await page.getByLabel('Location').selectOption({ label: callCentre() });
    await expect.poll(() => page.url()).toContain('?location=');
    await expect.poll(() => list.getByRole('listitem').filter({ hasText: 'Diane Foster' }).count()).toBe(1);
    await page.getByLabel('Location').selectOption({ label: 'Hutchins Hardware, Elm Street' });
    await expect.poll(() => list.getByRole('listitem').filter({ hasText: 'Diane Foster' }).count()).toBe(0);
    await page.getByLabel('Location').selectOption({ label: callCentre() });
    await expect.poll(() => list.getByRole('listitem').filter({ hasText: 'Diane Foster' }).count()).toBe(1);
    await expectAccessible(page, 'waiting list');
    await screenshot(page, 'waiting-desktop');

    // The lookup marks her.
    await page.getByRole('button', { name: /^Look up/ }).click();
    await page.getByRole('combobox', { name: 'Look up a customer' }).fill('diane foster');
    const option = page.getByRole('option', { name: /^Diane Foster/ });
    await expect.poll(() => option.textContent()).toContain('waiting since yesterday 16:05');
    await expectAccessible(page, 'lookup with a waiting customer');

    // Each row opens the brief; a reply call takes her off the list.
    // Escape clears the box, then closes the dialog.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Look up a customer' }).waitFor({ state: 'hidden' });
    await list.getByRole('link', { name: 'Diane Foster' }).click();
    await page.getByRole('heading', { level: 1, name: 'Diane Foster' }).waitFor();
    const owed = page.getByRole('region', { name: 'Brief' }).getByRole('region', { name: 'What we owe them' });
    // "yesterday", or "8 hours ago" when the test runs just after midnight.
    await expect.poll(() => owed.textContent()).toMatch(/Waiting for an answer since (yesterday|\d+ hours ago): a voicemail and an email\./);
    const log = page.getByRole('region', { name: 'Log' });
    await log.getByRole('button', { name: 'Call' }).click();
    await log.getByLabel('What happened', { exact: true }).fill('Called her back: booked an engineer for Thursday evening');
    await log.getByLabel('Who reached out').selectOption('outbound');
    await log.getByRole('button', { name: 'Log call' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Call logged.' }).count()).toBe(1);
    await expect.poll(() => owed.textContent()).not.toContain('Waiting for an answer');

    await page.getByRole('link', { name: 'Waiting', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Waiting for an answer' }).waitFor();
    await expect.poll(() => list.getAttribute('aria-busy')).toBe('false');
    expect(await list.getByRole('listitem').filter({ hasText: 'Diane Foster' }).count()).toBe(0);
    await page.getByRole('button', { name: /^Look up/ }).click();
    await page.getByRole('combobox', { name: 'Look up a customer' }).fill('diane foster');
    await expect.poll(() => option.textContent()).toContain('Diane Foster');
    expect(await option.textContent()).not.toContain('waiting since');
    expect(diane()).toBeTruthy();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('S8: the account manager sees Helen on her keep-in-touch list at phone width; a purchase takes her off', async () => {
    const { page, problems, context } = await open('priya@demo.example', phone);
    await page.getByRole('link', { name: 'Waiting', exact: true }).click();
    await page.getByRole('navigation', { name: 'Follow-up lists' }).getByRole('link', { name: 'Keep in touch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Keep in touch' }).waitFor();
    const list = page.getByRole('list', { name: 'Customers due a contact' });
    const rows = list.getByRole('listitem').filter({ hasText: 'Helen Park' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('Last seen 4 months ago; you keep in touch every 3 months.');
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, 'keep-in-touch list, phone');
    await screenshot(page, 'keep-in-touch-phone');

    await list.getByRole('link', { name: 'Helen Park' }).click();
    await page.getByRole('heading', { level: 1, name: 'Helen Park' }).waitFor();
    const owed = page.getByRole('region', { name: 'Brief' }).getByRole('region', { name: 'What we owe them' });
    await expect.poll(() => owed.textContent()).toContain('Last seen 4 months ago; you keep in touch every 3 months, so they are due a contact.');
    expect(await owed.getAttribute('class')).toContain('attention');
    const panel = page.getByRole('region', { name: 'Keep in touch' });
    await expect.poll(() => panel.textContent()).toContain('Every 3 months, kept by you.');
    expect(await panel.textContent()).toContain('a contact is due');

    const log = page.getByRole('region', { name: 'Log' });
    await log.getByRole('button', { name: 'Purchase' }).click();
    await log.getByLabel('Amount').fill('250');
    await log.getByLabel('What for (optional)').fill('Safe deposit box, yearly fee');
    await log.getByRole('button', { name: 'Log purchase' }).click();
    await expect.poll(() => panel.textContent()).toContain('Last seen just now');
    expect(await panel.textContent()).not.toContain('a contact is due');
    await expect.poll(() => owed.textContent()).toContain('Last seen just now; you keep in touch every 3 months.');

    // The panel changes the cadence: every 45 days, kept by Priya still.
    await panel.getByRole('button', { name: 'Change' }).click();
    await panel.getByLabel('How often').selectOption({ label: 'Another number of days' });
    await panel.getByLabel('Every how many days').fill('45');
    expect(await panel.getByLabel('Who keeps in touch').inputValue()).toBe(env.server.demo!.staff.find((s) => s.email === 'priya@demo.example')!.id);
    await expectAccessible(page, 'keep-in-touch form, phone');
    await panel.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => panel.textContent()).toContain('Every 45 days, kept by you.');
    expect(await fitsWidth(page)).toBe(true);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'keep-in-touch-panel-phone');

    await page.getByRole('link', { name: 'Waiting', exact: true }).click();
    await page.getByRole('navigation', { name: 'Follow-up lists' }).getByRole('link', { name: 'Keep in touch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Keep in touch' }).waitFor();
    await expect.poll(() => list.getAttribute('aria-busy')).toBe('false');
    expect(await list.getByRole('listitem').filter({ hasText: 'Helen Park' }).count()).toBe(0);
    expect(helen()).toBeTruthy();
    expect(problems).toEqual([]);
    await context.close();
  });
});
