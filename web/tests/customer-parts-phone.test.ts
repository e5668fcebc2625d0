import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, desktop, earl, expectAccessible, jimId, openPage, phone, screenshot, shotsDir, signIn } from './harness.js';

/**
 * The customer page with its newer parts open (history, address and link forms, a purchase with
 * items, a life event with people): it fits a phone and a desk, stays accessible, and is
 * photographed for a person to look at (RAPPORT_SCREENSHOTS, or a temp folder).
 */
describe('the customer page with every part open', () => {
  const env = demoServerAndBrowser();

  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const shoot = (page: Page, selector: string, name: string) => page.locator(selector).first().screenshot({ path: path.join(shotsDir, `${name}.png`) });

  for (const [size, viewport] of [['phone', phone], ['desktop', desktop]] as const) {
    it(`on a ${size}`, async () => {
      const { page, problems, context } = await openPage(env.browser, viewport);
      const tap = (locator: ReturnType<Page['locator']>) => (size === 'phone' ? locator.tap() : locator.click());
      await signIn(page, env.server.url, earl(env.server));
      await apiAs(page, env.server.url, 'POST', '/customers', { givenName: 'Mateo', familyName: `Alvarez ${size}` });
      await page.goto(`${env.server.url}/customers/${jimId(env.server)}`);
      await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
      await page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').first().waitFor();

      const history = page.getByRole('region', { name: 'History' });
      await tap(history.getByRole('button', { name: 'History' }));
      await history.getByRole('button', { name: 'Show older changes' }).waitFor();
      await tap(page.getByRole('button', { name: 'Add address' }));
      const household = page.getByRole('region', { name: 'Household and links' });
      await tap(household.getByRole('button', { name: 'Link a relative or organisation' }));
      await household.getByRole('combobox').fill(`mateo alvarez ${size}`);
      await household.getByRole('option').first().waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await expectAccessible(page, `lookup in the link form (${size})`);
      await shoot(page, '.customer-side', `parts-side-lookup-${size}`);
      await tap(household.getByRole('option').first());
      await household.getByLabel('What they are to this customer').selectOption({ label: 'Brother or sister' });

      const log = page.getByRole('region', { name: 'Log' });
      await tap(log.getByRole('button', { name: 'Purchase' }));
      await tap(log.getByRole('button', { name: 'Add items' }));
      await log.getByRole('group', { name: 'Item 1' }).getByLabel('Description').fill('Tile spacers, 1/16 in');
      await log.getByRole('group', { name: 'Item 1' }).getByLabel('Unit price').fill('3.49');
      await tap(log.getByRole('button', { name: 'Add another item' }));
      expect(await fitsWidth(page)).toBe(true);
      await expectAccessible(page, `every part open (${size})`);
      await shoot(page, '.customer-side', `parts-side-${size}`);
      await shoot(page, '.quick-log', `parts-purchase-${size}`);
      await screenshot(page, `customer-parts-${size}`);

      await tap(log.getByRole('button', { name: 'Life event' }));
      await log.getByRole('group', { name: 'Also involves' }).waitFor();
      expect(await fitsWidth(page)).toBe(true);
      await shoot(page, '.quick-log', `parts-life-event-${size}`);
      await shoot(page, '.history', `parts-history-${size}`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
