import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoServerAndBrowser, desktop, expectAccessible, openPage, phone, screenshot, signIn } from './harness.js';

/**
 * Today beside the lookup. Maggie Chen told the teller this week that her husband started a new
 * job; her adviser, Priya, signs in at the counter: the lookup has the focus, and Today beside it
 * suggests acknowledging the news. One click opens Maggie's brief; "Noted" takes the suggestion off
 * for good. On a phone, Today stacks below the lookup.
 */
describe('Today', () => {
  const env = demoServerAndBrowser();
  const maggie = () => env.server.demo!.customers.get('maggie-chen')!;
  const news = /^Maggie Chen’s husband David started a new job at the county hospital/;
  const box = (page: Page) => page.getByRole('combobox', { name: 'Look up a customer' });
  const todayOf = (page: Page) => page.getByRole('region', { name: 'Today' });
  const newsOf = (today: Locator) => today.getByRole('region', { name: /^News worth acknowledging/ });
  const suggestionIn = (today: Locator) => newsOf(today).getByRole('listitem').filter({ hasText: news });
  const focused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

  it('shows the adviser the news beside the focused lookup; one click opens the brief, Noted takes it off for good', async () => {
    const { page, problems, context } = await openPage(env.browser, desktop);
    await signIn(page, env.server.url, 'priya@demo.example');
    await expect.poll(() => focused(box(page))).toBe(true);

    const today = todayOf(page);
    const item = suggestionIn(today);
    await item.waitFor();
    expect(await item.textContent()).toContain('Ask how the new job is going. They told Tom Becker.');
    // Beside the lookup, not below it, and the lookup still has the focus.
    const lookupBox = (await page.getByRole('region', { name: 'Who is in front of you?' }).boundingBox())!;
    const todayBox = (await today.boundingBox())!;
    expect(todayBox.x).toBeGreaterThanOrEqual(lookupBox.x + lookupBox.width);
    expect(todayBox.y).toBeLessThan(lookupBox.y + lookupBox.height);
    expect(await focused(box(page))).toBe(true);
    await expectAccessible(page, 'home with Today');
    await screenshot(page, 'today-desktop');

    // One click opens her brief.
    await item.getByRole('link', { name: news }).click();
    await page.getByRole('heading', { level: 1, name: 'Margaret Chen' }).waitFor();
    expect(page.url()).toBe(`${env.server.url}/customers/${maggie()}`);
    await page.getByRole('region', { name: 'Brief' }).waitFor();
    await page.goBack();
    await expect.poll(() => focused(box(page))).toBe(true);

    // Noted: the suggestion leaves the list, and it is said.
    await suggestionIn(todayOf(page)).getByRole('button', { name: /^Noted: Maggie Chen’s husband/ }).click();
    await expect.poll(() => suggestionIn(todayOf(page)).count()).toBe(0);
    await expect.poll(() => todayOf(page).getByRole('status').textContent()).toMatch(/^Noted: Maggie Chen’s husband David/);
    // Its section had nothing else: it is not shown empty.
    await expect.poll(() => newsOf(todayOf(page)).count()).toBe(0);
    await expectAccessible(page, 'Today after Noted');

    // It does not come back, and her timeline says Priya knows.
    await page.reload();
    // Loaded: it says whose customers it covers.
    await todayOf(page).getByText('Customers of your location and those you have dealt with').waitFor();
    expect(await newsOf(todayOf(page)).count()).toBe(0);
    await page.goto(`${env.server.url}/customers/${maggie()}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect.poll(() => timeline.textContent()).toContain('Acknowledged their news: Her husband David started a new job');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('stacks Today below the lookup on a phone, the lookup still focused', async () => {
    const { page, problems, context } = await openPage(env.browser, phone);
    await signIn(page, env.server.url, 'grace@demo.example');
    await expect.poll(() => focused(box(page))).toBe(true);
    const today = todayOf(page);
    await suggestionIn(today).waitFor();
    const lookupBox = (await box(page).boundingBox())!;
    const todayBox = (await today.boundingBox())!;
    expect(todayBox.y).toBeGreaterThan(lookupBox.y + lookupBox.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const button = suggestionIn(today).getByRole('button', { name: /^Noted:/ });
    expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(40);
    expect(await focused(box(page))).toBe(true);
    await expectAccessible(page, 'home with Today on a phone');
    await screenshot(page, 'today-phone');
    expect(problems).toEqual([]);
    await context.close();
  });
});
