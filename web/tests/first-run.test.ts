import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, openPage, password, phone, screenshot, startServer, type Server } from './harness.js';

describe('first run: set-up, sign-out, sign-in', () => {
  let server: Server;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ demo: false });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates the first admin, lands on lookup, signs out and back in', async () => {
    const { page, problems, context } = await openPage(browser);
    await page.goto(server.url);

    await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Rapport' }).count()).toBe(1);
    await expectAccessible(page, 'set-up');
    await screenshot(page, 'setup-desktop');

    // A password that is too short is refused with the reason next to the field.
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account and start' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('password');
    await expectAccessible(page, 'set-up with an error');

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Create account and start' }).click();

    const lookup = page.getByRole('combobox', { name: 'Look up a customer' });
    await expect.poll(() => lookup.count()).toBe(1);
    await expect.poll(() => lookup.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Rapport' }).count()).toBe(1);
    await expectAccessible(page, 'sign-in');

    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('wrong');
    await page.setViewportSize(phone);
    await expectAccessible(page, 'sign-in with an error (phone)');
    await screenshot(page, 'sign-in-phone');

    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => lookup.count()).toBe(1);

    // The session survives a reload; set-up is not offered again.
    await page.reload();
    await expect.poll(() => lookup.count()).toBe(1);

    // A session that ends under the app (expired, signed out elsewhere) brings back sign-in on the next request.
    await context.clearCookies();
    // Typing is that request, unless a background one (the notifications' poll) got there first and sign-in is already back.
    await lookup.fill('anyone', { timeout: 5_000 }).catch(() => undefined);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Rapport' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
