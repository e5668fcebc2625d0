import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoServerAndBrowser, expectAccessible, jimId, openPage, screenshot, signIn } from './harness.js';

/**
 * The header keeps the everyday entries in sight (Rapport's lookup and Today, Look up, Waiting,
 * Cases, notifications, who is signed in) and gathers the screens that look after the data (Import,
 * Mailings, Duplicates, Data quality, Trash, Mail to file, and Admin for an admin) under one Manage button: a disclosure
 * worked by keyboard, closed by Escape and by going to a screen, that fits on a 360 px phone.
 */
describe('the header’s Manage entry', () => {
  const env = demoServerAndBrowser();
  const email = (name: string) => env.server.demo!.staff.find((s) => s.name === name)!.email;
  const header = (page: Page) => page.getByRole('banner');
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

  it('opens and closes by keyboard, and closes on going to a screen', async () => {
    const { page, problems, context } = await openPage(env.browser);
    await signIn(page, env.server.url, email('Grace Okafor'));
    const manage = header(page).getByRole('button', { name: 'Manage' });
    for (const everyday of ['Rapport', 'Waiting', 'Cases']) expect(await header(page).getByRole('link', { name: everyday, exact: true }).isVisible(), everyday).toBe(true);
    expect(await header(page).getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    expect(await manage.getAttribute('aria-expanded')).toBe('false');
    expect(await header(page).getByRole('link', { name: 'Trash' }).count()).toBe(0);

    await manage.focus();
    await page.keyboard.press('Enter');
    expect(await manage.getAttribute('aria-expanded')).toBe('true');
    const list = page.locator(`#${await manage.getAttribute('aria-controls')}`);
    expect(await list.getByRole('link').allTextContents()).toEqual(['Import', 'Mailings', 'Duplicates', 'Data quality', 'Trash', 'Mail to file']);
    await expectAccessible(page, 'header with Manage open');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Import');
    await page.keyboard.press('Escape');
    expect(await manage.getAttribute('aria-expanded')).toBe('false');
    expect(await focused(page)).toBe('Manage');
    expect(await list.isVisible()).toBe(false);

    // Going to a screen from it closes it; the entry then says which of its screens this is.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Data quality');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Data quality' }).waitFor();
    expect(await manage.getAttribute('aria-expanded')).toBe('false');
    await manage.click();
    expect(await list.getByRole('link', { name: 'Data quality' }).getAttribute('aria-current')).toBe('page');
    // A click elsewhere closes it, as does tabbing on past its last link.
    await page.mouse.click(20, 600);
    expect(await manage.getAttribute('aria-expanded')).toBe('false');
    await manage.click();
    await list.getByRole('link', { name: 'Mail to file' }).focus();
    await page.keyboard.press('Tab');
    expect(await manage.getAttribute('aria-expanded')).toBe('false');
    // Going elsewhere by other means (the lookup, the back button) closes it too.
    await manage.click();
    await page.goBack();
    await page.getByRole('combobox', { name: 'Look up a customer' }).waitFor();
    expect(await manage.getAttribute('aria-expanded')).toBe('false');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits a 360 px phone, open or closed, and holds Admin for an admin', async () => {
    const { page, problems, context } = await openPage(env.browser, { width: 360, height: 740 });
    await signIn(page, env.server.url, email('Morgan Lee'));
    // A customer's page: the header holds Look up too.
    await page.goto(`${env.server.url}/customers/${jimId(env.server)}`);
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await fits()).toBe(true);
    const manage = header(page).getByRole('button', { name: 'Manage' });
    await manage.click();
    const list = page.locator(`#${await manage.getAttribute('aria-controls')}`);
    expect(await list.getByRole('link').allTextContents()).toEqual(['Import', 'Mailings', 'Duplicates', 'Data quality', 'Trash', 'Mail to file', 'Admin']);
    expect(await fits()).toBe(true);
    const box = await list.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
    for (const link of await list.getByRole('link').all()) expect((await link.boundingBox())!.height).toBeGreaterThanOrEqual(24);
    await expectAccessible(page, 'header with Manage open at 360 px');
    await screenshot(page, 'header-manage-phone');
    await list.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    expect(await list.isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });
});
