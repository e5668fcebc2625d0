import { describe, expect, it } from 'vitest';

import { demoServerAndBrowser, earl, expectAccessible, jimId, openPage, signIn } from './harness.js';

/** WCAG 2.1.4: the quick-log bar's single-key shortcuts can be turned off, and the choice is remembered. */
describe('the keyboard shortcuts switch', () => {
  const env = demoServerAndBrowser();

  it('is on by default; off, the keys open and type nothing, after a reload too; on again, they work', async () => {
    const { page, problems, context } = await openPage(env.browser);
    await signIn(page, env.server.url, earl(env.server));
    await page.goto(`${env.server.url}/customers/${jimId(env.server)}`);
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    const log = page.getByRole('region', { name: 'Log' });
    const toggle = log.getByRole('switch', { name: 'Keyboard shortcuts' });
    const visit = log.getByRole('button', { name: 'Visit', exact: true });
    const what = page.getByLabel('What happened', { exact: true });
    const pressOnPage = async (key: string) => {
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press(key);
    };

    expect(await toggle.isChecked()).toBe(true);
    expect(await visit.getAttribute('aria-keyshortcuts')).toBe('V');
    expect(await log.textContent()).toContain('Or press a key');

    await toggle.uncheck();
    expect(await visit.getAttribute('aria-keyshortcuts')).toBeNull();
    expect(await log.textContent()).not.toContain('Or press a key');
    for (const key of ['v', 'n', 'p']) await pressOnPage(key);
    expect(await log.locator('form').count()).toBe(0);
    expect(await log.getByRole('button', { pressed: true }).count()).toBe(0);
    await expectAccessible(page, 'shortcuts off');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await pressOnPage('v');
    expect(await what.count()).toBe(0);

    await toggle.check();
    await pressOnPage('v');
    await expect.poll(() => what.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await what.inputValue()).toBe('');
    expect(await visit.getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    expect(await toggle.isChecked()).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
