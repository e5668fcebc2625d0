import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, expectAccessible, openPage, phone, screenshot, signIn } from './harness.js';

/** An admin keeps each location's time zone, opening hours and holidays (issue 8, item 5). */
describe('the locations admin', () => {
  const env = demoServerAndBrowser();
  const adminEmail = () => env.server.demo!.staff.find((s) => s.role === 'admin')!.email;

  async function openLocations(page: Page) {
    await signIn(page, env.server.url, adminEmail());
    await page.goto(`${env.server.url}/admin/locations`);
    await page.getByRole('heading', { level: 1, name: 'Locations' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Hutchins Hardware, Elm Street' }).waitFor();
  }
  const ward = "St. Mary's Hospital, Ward 4B (children)";
  const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('creates a location with a time zone, opening hours and a holiday, and shows them after a reload', async () => {
    const { page, problems, context } = await openPage(env.browser);
    await openLocations(page);
    await page.getByRole('button', { name: 'Add a location' }).click();
    const form = page.getByRole('form', { name: 'New location' });
    await form.getByLabel('Name', { exact: true }).fill('Harbour Street');
    await form.getByLabel('Address', { exact: true }).fill('1 Harbour Street, Portsmouth');
    await form.getByLabel('Time zone').fill('Europe/London');
    await form.getByRole('radio', { name: 'Open at set hours' }).check();
    // Monday to Friday, 09:00-17:00 to start with; Monday runs late, Tuesday copies it, Saturday morning only.
    await form.getByLabel('Monday Closes', { exact: true }).fill('17:30');
    await form.getByRole('button', { name: 'Same as Monday for Tuesday' }).click();
    await form.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await form.getByLabel('Saturday Opens', { exact: true }).fill('10:00');
    await form.getByLabel('Saturday Closes', { exact: true }).fill('13:00');
    await form.getByLabel('Holiday date').fill('2030-12-25');
    await form.getByLabel('Holiday name').fill('Christmas Day');
    await form.getByRole('button', { name: 'Add holiday' }).click();
    await form.getByRole('list', { name: 'Upcoming holidays' }).getByRole('button', { name: /^Remove Christmas Day/ }).waitFor();
    await expectAccessible(page, 'new location form');
    await screenshot(page, 'admin-location-new-desktop');
    await form.getByRole('button', { name: 'Create location' }).click();
    await page.getByRole('status').filter({ hasText: 'Created Harbour Street.' }).waitFor();

    await page.reload();
    const card = page.getByRole('article', { name: 'Harbour Street' });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('Europe/London');
    expect(text).toContain('Mon–Tue 09:00–17:30 · Wed–Fri 09:00–17:00 · Sat 10:00–13:00 · Sun closed');
    expect(text).toContain('Christmas Day');
    await expectAccessible(page, 'locations list');
    await screenshot(page, 'admin-locations-desktop');

    await card.getByRole('button', { name: 'Edit Harbour Street' }).click();
    const edit = page.getByRole('form', { name: 'Edit Harbour Street' });
    expect(await edit.getByLabel('Time zone').inputValue()).toBe('Europe/London');
    expect(await edit.getByRole('radio', { name: 'Open at set hours' }).isChecked()).toBe(true);
    expect(await edit.getByLabel('Tuesday Closes', { exact: true }).inputValue()).toBe('17:30');
    expect(await edit.getByLabel('Saturday Opens', { exact: true }).inputValue()).toBe('10:00');
    expect(await edit.getByRole('group', { name: 'Sunday' }).textContent()).toContain('Closed');
    expect(await edit.getByRole('list', { name: 'Upcoming holidays' }).textContent()).toContain('Christmas Day');

    const stored = await apiAs<{ items: { name: string; timezone: string; openingHours: Record<string, unknown>; holidays: unknown[] }[] }>(page, env.server.url, 'GET', '/locations');
    const harbour = stored.items.find((l) => l.name === 'Harbour Street')!;
    expect(harbour).toMatchObject({ timezone: 'Europe/London', holidays: [{ date: '2030-12-25', name: 'Christmas Day' }] });
    expect(harbour.openingHours).toEqual({
      mon: [{ opens: '09:00', closes: '17:30' }],
      tue: [{ opens: '09:00', closes: '17:30' }],
      wed: [{ opens: '09:00', closes: '17:00' }],
      thu: [{ opens: '09:00', closes: '17:00' }],
      fri: [{ opens: '09:00', closes: '17:00' }],
      sat: [{ opens: '10:00', closes: '13:00' }],
      sun: [],
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a bad interval’s error beside it on a phone, and saves nothing of that form', async () => {
    const { page, problems, context } = await openPage(env.browser, phone);
    await openLocations(page);
    expect(await noSideScroll(page)).toBe(true);
    // The ward: no opening hours set (every hour counts); the demo's shops and call centre have theirs.
    await page.getByRole('button', { name: `Edit ${ward}` }).click();
    const form = page.getByRole('form', { name: `Edit ${ward}` });
    await form.getByLabel('Name', { exact: true }).fill('Ward 4B (renamed)');
    await form.getByRole('radio', { name: 'Open at set hours' }).check();
    // Monday 09:00-17:00, and a second interval 12:00-13:00 inside it.
    await form.getByRole('button', { name: 'Add hours on Monday' }).click();
    const second = form.getByLabel('Monday Opens, hours 2', { exact: true });
    await second.fill('12:00');
    await form.getByLabel('Monday Closes, hours 2', { exact: true }).fill('13:00');
    await form.getByRole('button', { name: 'Save location' }).click();

    const alert = form.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Nothing was saved');
    expect(await alert.textContent()).toContain('Monday, hours 2: overlaps 09:00–17:00');
    expect(await second.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await second.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('overlaps 09:00–17:00');
    // The message sits in Monday's group, beside the interval it is about.
    expect(await form.getByRole('group', { name: 'Monday' }).textContent()).toContain('overlaps 09:00–17:00');
    expect(await form.getByLabel('Monday Opens', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await noSideScroll(page)).toBe(true);
    await expectAccessible(page, 'location form with an error (phone)');
    await screenshot(page, 'admin-location-error-phone');

    await form.getByRole('button', { name: 'Cancel' }).click();
    const card = page.getByRole('article', { name: ward });
    expect(await card.textContent()).toContain('No opening hours set');
    expect(await page.getByRole('article', { name: 'Ward 4B (renamed)' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
