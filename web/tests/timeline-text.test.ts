import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { demoServerAndBrowser, earl, expectAccessible, jimId, openPage, phone, shotsDir, signIn } from './harness.js';

/** Timeline entries show their whole text: a shortened title opens in place (scenario S1, "what happened last"). */
describe('the whole text of a timeline entry', () => {
  const env = demoServerAndBrowser();

  const openJim = async (page: Page) => {
    await signIn(page, env.server.url, earl(env.server));
    await page.goto(`${env.server.url}/customers/${jimId(env.server)}`);
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    const entries = page.getByRole('region', { name: 'Timeline' }).getByRole('listitem');
    await entries.first().waitFor();
    return entries;
  };

  it('opens a shortened visit, a long note and shows a transaction note, on a desktop', async () => {
    const { page, problems, context } = await openPage(env.browser);
    const entries = await openJim(page);

    // The demo visit three days ago is longer than a title holds.
    const visit = entries.filter({ hasText: 'Dropped in to talk through the bathroom tiling' });
    expect(await visit.textContent()).not.toContain('which grout suits narrow joints');
    const more = visit.getByRole('button', { name: 'Show all' });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    await more.click();
    const less = visit.getByRole('button', { name: 'Show less' });
    expect(await less.getAttribute('aria-expanded')).toBe('true');
    expect(await visit.textContent()).toContain('Visit, inbound: Dropped in to talk through the bathroom tiling: layout from the centre line, 1/16 in spacers, and which grout suits narrow joints.');
    await expectAccessible(page, 'timeline, an entry opened');
    await less.click();
    expect(await visit.textContent()).not.toContain('which grout suits narrow joints');

    // The return's note was never in its title; now it is shown under it.
    await expect.poll(() => entries.filter({ hasText: 'Exchange pending: unsanded bright white is on order.' }).count()).toBe(1);

    // A note of several lines: the first line, then all of it.
    await page.getByRole('button', { name: 'Note' }).click();
    await page.getByLabel('Note', { exact: true }).fill('Asked about a wet saw\nWants to rent one for the weekend of the 14th\nCall him when the rental desk opens');
    await page.getByRole('button', { name: 'Save note' }).click();
    const note = entries.first();
    await expect.poll(() => note.textContent()).toContain('Asked about a wet saw');
    expect(await note.textContent()).not.toContain('rental desk');
    await note.getByRole('button', { name: 'Show all' }).click();
    await expect.poll(() => note.textContent()).toContain('Call him when the rental desk opens');
    expect(await note.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
    // A short entry has nothing to open.
    expect(await entries.filter({ hasText: 'Texted him that the subway tile' }).getByRole('button').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits a phone with an entry opened', async () => {
    const { page, problems, context } = await openPage(env.browser, phone);
    const entries = await openJim(page);
    const visit = entries.filter({ hasText: 'Dropped in to talk through the bathroom tiling' });
    await visit.getByRole('button', { name: 'Show all' }).tap();
    await expect.poll(() => visit.textContent()).toContain('narrow joints');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, 'timeline entry opened (phone)');
    await visit.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shotsDir, 'timeline-entry-phone.png') });
    expect(problems).toEqual([]);
    await context.close();
  });
});
