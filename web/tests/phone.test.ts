import { describe, expect, it } from 'vitest';
import { demoServerAndBrowser, earl, expectAccessible, openPage, phone, screenshot, signIn } from './harness.js';

describe('on a phone-sized screen (390×844)', () => {
  const env = demoServerAndBrowser();

  it('runs the main journey: sign in, look up, read the brief, log a visit', async () => {
    const { page, problems, context } = await openPage(env.browser, phone);
    const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

    await page.goto(env.server.url);
    await page.getByRole('heading', { name: 'Sign in to Rapport' }).waitFor();
    expect(await fitsWidth()).toBe(true);
    await expectAccessible(page, 'sign-in (phone)');
    await signIn(page, env.server.url, earl(env.server));

    const box = page.getByRole('combobox', { name: 'Look up a customer' });
    await box.fill('jmi');
    const jim = page.getByRole('option').filter({ hasText: 'Jim Alvarez' });
    await expect.poll(() => jim.count()).toBe(1);
    expect(await fitsWidth()).toBe(true);
    await expectAccessible(page, 'lookup (phone)');
    await screenshot(page, 'lookup-phone');
    await jim.tap();

    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Brief' }).textContent()).toContain('Greet him as Jim');
    await page.getByRole('region', { name: 'Contact' }).getByRole('link', { name: '(217) 555-0142', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').first().waitFor();
    expect(await fitsWidth()).toBe(true);
    await expectAccessible(page, 'customer page (phone)');
    await screenshot(page, 'customer-phone');

    await page.getByRole('button', { name: 'Visit' }).tap();
    await page.getByLabel('What happened', { exact: true }).fill('Came in for grout spacers');
    await page.getByRole('button', { name: 'Log visit' }).tap();
    const first = page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').first();
    await expect.poll(() => first.textContent()).toContain('Came in for grout spacers');
    expect(await fitsWidth()).toBe(true);

    await page.getByRole('button', { name: 'Look up' }).tap();
    const dialog = page.getByRole('dialog', { name: 'Look up a customer' });
    await dialog.waitFor();
    await page.keyboard.type('carmen');
    await dialog.getByRole('option').first().waitFor();
    await expectAccessible(page, 'lookup dialog (phone)');
    await screenshot(page, 'lookup-dialog-phone');
    expect(problems).toEqual([]);
    await context.close();
  });
});
