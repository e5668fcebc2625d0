import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoServerAndBrowser, earl, expectAccessible, jimId, openPage, screenshot, signIn } from './harness.js';

describe('customer page', () => {
  const env = demoServerAndBrowser();
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ page, problems } = await openPage(env.browser));
    await signIn(page, env.server.url, earl(env.server));
    await page.goto(`${env.server.url}/customers/${jimId(env.server)}`);
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
  });

  const brief = () => page.getByRole('region', { name: 'Brief' });
  const timeline = () => page.getByRole('region', { name: 'Timeline' });
  const entries = () => timeline().getByRole('listitem');

  it('opens with the brief area: profile, contact, household, account', async () => {
    await expect.poll(() => brief().textContent(), { timeout: 10_000 }).toContain('Greet him as Jim');
    expect(await brief().textContent()).toContain('Customer since 2019');
    const contact = page.getByRole('region', { name: 'Contact' });
    await expect.poll(() => contact.getByRole('link', { name: '(217) 555-0142', exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('region', { name: /Household/ }).getByRole('link').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('region', { name: 'Account' }).textContent()).toContain('Spent in all');
    await expect.poll(() => entries().count()).toBeGreaterThan(0);
    await expectAccessible(page, 'customer page');
    await screenshot(page, 'customer-desktop');
  });

  it('logs a visit in a few keystrokes and shows it on the timeline at once', async () => {
    await page.getByRole('button', { name: 'Visit' }).click();
    const what = page.getByLabel('What happened', { exact: true });
    await expect.poll(() => what.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Asked how the bathroom tiling is going; picked up the unsanded grout');
    await page.getByLabel('Mood (optional)').selectOption('happy');
    await expectAccessible(page, 'visit form');
    await what.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Visit logged.' }).count()).toBe(1);
    await expect.poll(() => entries().first().textContent()).toContain('Asked how the bathroom tiling is going');
    expect(await entries().first().textContent()).toContain('just now');
    await expect.poll(() => brief().textContent()).toContain('Asked how the bathroom tiling is going');
  });

  it('logs a purchase with an amount, and a note, from the keyboard', async () => {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('p');
    await page.getByLabel('Amount').waitFor();
    await page.keyboard.type('23.97');
    await page.getByLabel('What for (optional)').fill('Unsanded grout, bright white');
    await page.keyboard.press('Enter');
    await expect.poll(() => entries().first().textContent()).toContain('$23.97');

    await page.getByRole('button', { name: 'Note' }).click();
    await page.getByLabel('Note', { exact: true }).fill('Prefers a call after 5pm');
    await page.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => entries().first().textContent()).toContain('Prefers a call after 5pm');
  });

  it('logs a life event and a project', async () => {
    await page.getByRole('button', { name: 'Life event' }).click();
    await page.getByLabel('What happened', { exact: true }).fill('Daughter Sofia started college');
    await page.getByLabel('Kind').selectOption('school_start');
    await page.getByLabel('When (optional)').fill('2026-09');
    await page.getByRole('button', { name: 'Log life event' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Life event logged.' }).count()).toBe(1);
    await expect.poll(() => entries().first().textContent()).toContain('Daughter Sofia started college (September 2026)');

    await page.getByRole('button', { name: 'Project' }).click();
    await page.getByLabel('Project', { exact: true }).fill('Deck for the back garden');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Project logged.' }).count()).toBe(1);
    await expect.poll(() => brief().textContent()).toContain('Deck for the back garden');
  });

  it('edits the profile inline', async () => {
    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByLabel('Goes by (greet them as)').fill('Jimmy');
    await page.getByLabel('Pronouns').fill('he/him');
    await expectAccessible(page, 'profile edit');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.locator('.customer-sub').textContent()).toContain('Greet as Jimmy');
    expect(await page.getByRole('region', { name: 'Profile' }).textContent()).toContain('he/him');
  });

  it('filters the timeline by kind and loads more as you scroll', async () => {
    await timeline().getByLabel('Show').selectOption('note');
    await expect.poll(async () => (await entries().allTextContents()).every((t) => t.startsWith('Note'))).toBe(true);
    await timeline().getByLabel('Show').selectOption('transaction');
    await expect.poll(() => entries().count()).toBe(20);
    await page.mouse.wheel(0, 20_000);
    await expect.poll(() => entries().count(), { timeout: 10_000 }).toBeGreaterThan(20);
    expect(problems).toEqual([]);
  });
});
