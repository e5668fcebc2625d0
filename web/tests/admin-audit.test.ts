import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, earl, expectAccessible, openPage, phone, screenshot, signIn } from './harness.js';

/** An admin reads the audit trail in words, filtered by who and by which customer (issue 8, item 5). */
describe('the audit trail admin', () => {
  const env = demoServerAndBrowser();
  const admin = () => env.server.demo!.staff.find((s) => s.role === 'admin')!;

  /** The entries on screen, each as its sentence (who did what, to what). */
  const sentences = (page: Page) =>
    page
      .getByRole('list', { name: 'Entries, newest first' })
      .locator(':scope > li .change-what')
      .evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()));

  it('shows exactly what a staff member did to a customer, and each change’s before and after', async () => {
    // Earl, at the hardware store, creates a customer, adds a phone and a note; the admin then changes her pronouns.
    const clerk = await openPage(env.browser);
    await signIn(clerk.page, env.server.url, earl(env.server));
    const customer = await apiAs<{ id: string }>(clerk.page, env.server.url, 'POST', '/customers', { displayName: 'Audrey Trail' });
    await apiAs(clerk.page, env.server.url, 'POST', `/customers/${customer.id}/phones`, { number: '(217) 555-0142' });
    await apiAs(clerk.page, env.server.url, 'POST', '/notes', { customerId: customer.id, body: 'Prefers mornings' });

    const { page, problems, context } = await openPage(env.browser);
    await signIn(page, env.server.url, admin().email);
    await apiAs(page, env.server.url, 'PATCH', `/customers/${customer.id}`, { pronouns: 'she/her' });
    await page.goto(`${env.server.url}/admin/audit`);
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await expect.poll(() => sentences(page)).toHaveLength(25);
    expect((await sentences(page))[0]).toBe('Morgan Lee changed the profile of Audrey Trail');

    // Which customer: found with the lookup.
    const filters = page.getByRole('search', { name: 'Filter the audit trail' });
    await filters.getByRole('combobox', { name: 'Customer' }).fill('Audrey Trail');
    await filters.getByRole('option', { name: /Audrey Trail/ }).first().click();
    await expect
      .poll(() => sentences(page))
      .toEqual([
        'Morgan Lee changed the profile of Audrey Trail',
        'Earl Hutchins added a note for Audrey Trail',
        'Earl Hutchins added a phone number for Audrey Trail',
        'Earl Hutchins created the customer Audrey Trail',
      ]);
    expect(await page.getByRole('button', { name: 'Show older entries' }).count()).toBe(0);

    // Who: one staff member, with the customer still chosen.
    await filters.getByLabel('Who').selectOption({ label: 'Earl Hutchins' });
    await expect
      .poll(() => sentences(page))
      .toEqual(['Earl Hutchins added a note for Audrey Trail', 'Earl Hutchins added a phone number for Audrey Trail', 'Earl Hutchins created the customer Audrey Trail']);

    // Before and after, behind "Details".
    await filters.getByLabel('Who').selectOption({ label: 'Morgan Lee' });
    await expect.poll(() => sentences(page)).toEqual(['Morgan Lee changed the profile of Audrey Trail']);
    const entry = page.getByRole('list', { name: 'Entries, newest first' }).getByRole('listitem').first();
    const details = entry.getByRole('button', { name: 'Details' });
    expect(await details.getAttribute('aria-expanded')).toBe('false');
    expect(await entry.getByText('she/her').isVisible()).toBe(false);
    await details.click();
    expect((await entry.textContent())?.replace(/\s+/g, ' ')).toContain('Pronouns: empty → became she/her');
    await expectAccessible(page, 'audit trail filtered');
    await screenshot(page, 'admin-audit-desktop');

    // Who alone: every entry is Earl's, newest first, and older ones page in.
    await filters.getByRole('button', { name: 'Any customer' }).click();
    await filters.getByLabel('Who').selectOption({ label: 'Earl Hutchins' });
    await expect.poll(async () => (await sentences(page)).length).toBe(25);
    const firstPage = await sentences(page);
    expect(firstPage.slice(0, 4)).toEqual([
      'Earl Hutchins added a note for Audrey Trail',
      'Earl Hutchins added a phone number for Audrey Trail',
      'Earl Hutchins created the customer Audrey Trail',
      'Earl Hutchins signed in',
    ]);
    await page.getByRole('button', { name: 'Show older entries' }).click();
    await expect.poll(async () => (await sentences(page)).length).toBeGreaterThan(25);
    expect((await sentences(page)).every((s) => s.startsWith('Earl Hutchins '))).toBe(true);
    expect([...problems, ...clerk.problems]).toEqual([]);
    await clerk.context.close();
    await context.close();
  });

  it('reads every kind of entry in words, on a phone', async () => {
    const { page, problems, context } = await openPage(env.browser, phone);
    await signIn(page, env.server.url, admin().email);
    const location = await apiAs<{ id: string }>(page, env.server.url, 'POST', '/locations', {
      name: 'Quay Street',
      timezone: 'Europe/London',
      openingHours: { mon: [{ opens: '09:00', closes: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    });
    await apiAs(page, env.server.url, 'PATCH', `/locations/${location.id}`, { holidays: [{ date: '2030-12-25', name: 'Christmas Day' }] });
    await page.goto(`${env.server.url}/admin/audit`);
    const filters = page.getByRole('search', { name: 'Filter the audit trail' });
    await filters.getByLabel('What').selectOption({ label: 'Locations' });
    await expect.poll(async () => (await sentences(page)).slice(0, 2)).toEqual(['Morgan Lee changed the location Quay Street', 'Morgan Lee added the location Quay Street']);
    const list = page.getByRole('list', { name: 'Entries, newest first' });
    await list.getByRole('button', { name: 'Details' }).first().click();
    expect(await list.getByRole('listitem').first().textContent()).toContain('Holidays: added');
    expect(await list.getByRole('listitem').first().textContent()).toContain('Christmas Day');
    const text = (await list.textContent()) ?? '';
    expect(text).not.toMatch(/[{}[\]"]/);

    await filters.getByLabel('What').selectOption({ label: 'Anything' });
    await filters.getByLabel('Action').selectOption({ label: 'Signed in' });
    await expect.poll(async () => (await sentences(page))[0]).toBe('Morgan Lee signed in');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, 'audit trail (phone)');
    await screenshot(page, 'admin-audit-phone');
    expect(problems).toEqual([]);
    await context.close();
  });
});
