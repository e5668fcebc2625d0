import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoServerAndBrowser, earl, expectAccessible, openPage, screenshot, signIn } from './harness.js';

describe('lookup', () => {
  const env = demoServerAndBrowser();
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ page, problems } = await openPage(env.browser));
    await signIn(page, env.server.url, earl(env.server));
  });

  const box = () => page.getByRole('combobox', { name: 'Look up a customer' });
  const options = () => page.getByRole('listbox', { name: 'Customers found' }).getByRole('option');
  const home = async () => {
    await page.getByRole('link', { name: 'Rapport' }).click();
    await expect.poll(() => box().count()).toBe(1);
  };

  it('has the search box focused on load', async () => {
    await expect.poll(() => box().evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'lookup home');
  });

  it('finds Jim Alvarez by a misspelt name and says why', async () => {
    await box().fill('jmi');
    const jim = options().filter({ hasText: 'Jim Alvarez' }).first();
    await expect.poll(() => jim.count()).toBe(1);
    const text = (await jim.textContent()) ?? '';
    expect(text).toContain('close to “jmi”');
    expect(text).toContain('Millbrook');
    expect(text).toMatch(/last seen/);
    await expectAccessible(page, 'lookup results');
    await screenshot(page, 'lookup-desktop');
  });

  it('finds him by his phone typed differently from how it was stored', async () => {
    await box().fill('217.555.0142');
    await expect.poll(() => options().first().textContent()).toContain('Phone +1 217 555 0142');
    expect(await options().first().textContent()).toContain('Jim Alvarez');
    await box().fill('jim');
    await expect.poll(() => options().first().textContent()).not.toContain('Phone');
    await box().fill('+1 2175550142');
    await expect.poll(() => options().first().textContent()).toContain('Phone +1 217 555 0142');
    expect(await options().first().textContent()).toContain('Jim Alvarez');
  });

  it('works from the keyboard alone: type, ArrowDown, Enter opens; Esc clears', async () => {
    await box().fill('');
    await page.keyboard.type('jim alv');
    await expect.poll(() => options().first().textContent()).toContain('Jim Alvarez');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => options().first().getAttribute('aria-selected')).toBe('true');
    expect(await box().getAttribute('aria-activedescendant')).toBe(await options().first().getAttribute('id'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Jim Alvarez');
    expect(page.url()).toMatch(/\/customers\//);

    await page.goBack();
    await expect.poll(() => box().count()).toBe(1);
    await box().focus();
    await page.keyboard.type('grout');
    await page.keyboard.press('Escape');
    expect(await box().inputValue()).toBe('');
    expect(await box().getAttribute('aria-expanded')).toBe('false');
  });

  it('opens the option moved to even while the results of the last letters are on their way', async () => {
    // The answer for the whole "jim alva" is held back: what shows is the answer for fewer letters.
    const last = (url: URL) => url.pathname.endsWith('/search') && url.searchParams.get('q') === 'jim alva';
    let held = 0;
    await page.route(last, async (route) => {
      held++;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await route.continue().catch(() => undefined);
    });
    try {
      await box().fill('');
      await page.keyboard.type('jim alv');
      await expect.poll(() => options().first().textContent()).toContain('Jim Alvarez');
      await page.keyboard.type('a');
      await expect.poll(() => held).toBe(1);
      // Still showing the answer for "jim alv"; the person moves to Jim and presses Enter.
      expect(await options().first().textContent()).toContain('Jim Alvarez');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Jim Alvarez');
    } finally {
      await page.unroute(last);
    }
    await home();
  });

  it('creates a customer from just a phone number typed in the box', async () => {
    await box().fill('(217) 555-0199');
    const create = options().filter({ hasText: 'Create customer “(217) 555-0199”' });
    await expect.poll(() => create.count()).toBe(1);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'No customer matches' }).count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/\/customers\//);
    const contact = page.getByRole('region', { name: 'Contact' });
    await expect.poll(() => contact.getByRole('link', { name: '(217) 555-0199', exact: true }).count()).toBe(1);
    await home();
    await box().fill('2175550199');
    await expect.poll(() => options().first().textContent()).toContain('555');
    expect(await options().count()).toBe(2); // the new customer, and the offer to create another
  });

  it('opens lookup from any screen with Ctrl+K', async () => {
    await box().fill('jim alvarez');
    await expect.poll(() => options().first().textContent()).toContain('Jim Alvarez');
    await options().first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Jim Alvarez');

    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Look up a customer' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expect.poll(() => box().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('carmen');
    await expect.poll(() => options().count()).toBeGreaterThan(1);
    await expectAccessible(page, 'lookup dialog');
    await page.keyboard.press('Escape');
    expect(await box().inputValue()).toBe('');
    expect(await dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
