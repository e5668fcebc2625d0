import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoServerAndBrowser, desktop, expectAccessible, openPage, screenshot, signIn } from './harness.js';

/**
 * S4, the night call (issue 11): from the lookup, with the caller's number typed and nobody found,
 * the agent opens an urgent case with two more fields typed, dispatches help at once, and later
 * fills a missing field in from Today's "To fill in later". At desktop width and at 360 px.
 */
describe('urgent case (S4)', () => {
  const env = demoServerAndBrowser();
  const agent = 'sam@demo.example';
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const narrow = { width: 360, height: 780 };

  for (const [name, viewport, number] of [
    ['desktop', desktop, '217 555 0161'],
    ['phone', narrow, '217 555 0162'],
  ] as const) {
    it(`opens an urgent case from the lookup, dispatches help, and fills a field in later from Today (${name})`, async () => {
      const { page, problems, context } = await openPage(env.browser, viewport);
      await signIn(page, env.server.url, agent);
      const help = `Wheel change (${name})`;
      await page.getByRole('combobox', { name: 'Look up a customer' }).fill(number);
      await page.getByRole('status').filter({ hasText: `No customer matches “${number}”.` }).waitFor();
      await page.getByRole('button', { name: `Urgent case for “${number}”` }).click();

      await page.getByRole('heading', { level: 1, name: 'Urgent case' }).waitFor();
      expect(await page.getByLabel('Callback number or name').inputValue()).toBe(number);
      await page.getByLabel('Where they are, or what is happening').fill('Route 9 near mile marker 42, flat tyre');
      await page.getByLabel('Help needed').fill(help);
      await page.getByLabel('Case type').selectOption('roadside');
      await expectAccessible(page, `urgent intake (${name})`);
      if (name === 'phone') expect(await fitsWidth(page)).toBe(true);
      await page.getByRole('button', { name: 'Open urgent case' }).click();

      await page.getByRole('heading', { level: 1, name: help }).waitFor();
      const helpCard = page.getByRole('region', { name: 'Help' });
      expect(await helpCard.textContent()).toContain('Route 9 near mile marker 42');
      await helpCard.getByRole('button', { name: 'Help dispatched' }).click();
      await page.getByRole('status').filter({ hasText: 'Recorded: help dispatched.' }).waitFor();
      await expect.poll(() => helpCard.textContent()).toMatch(/Help dispatched .+ by Sam Delgado/);
      const fields = page.getByRole('region', { name: 'Details for this roadside case' });
      expect(await fields.textContent()).toMatch(/Make and model\s*overdue since/);
      expect(await fields.textContent()).toMatch(/Colour\s*due before closing/);
      await expectAccessible(page, `urgent case page (${name})`);
      if (name === 'phone') expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `urgent-case-${name}`);

      await page.goto(env.server.url);
      const section = page.getByRole('region', { name: /To fill in later/ });
      const title = `Make and model for “${help}”`;
      const item = section.getByRole('listitem').filter({ hasText: title });
      await item.waitFor();
      await item.getByLabel(new RegExp(`Fill in make and model: ${title.replace(/[()]/g, '.')}`)).fill('Blue Corolla');
      await item.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => section.getByRole('listitem').filter({ hasText: title }).count()).toBe(0);
      await expectAccessible(page, `Today with fill-in-later (${name})`);
      if (name === 'phone') expect(await fitsWidth(page)).toBe(true);
      await screenshot(page, `urgent-today-${name}`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
