import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, earl, expectAccessible, jimId, openPage, signIn } from './harness.js';

/** "Each customer shows who changed what", and a private fact's changes only to those who may see it (S2). */
describe('the history of a customer', () => {
  const env = demoServerAndBrowser();

  const staffEmail = (name: string) => env.server.demo!.staff.find((s) => s.name === name)!.email;
  const maggieId = () => env.server.demo!.customers.get('maggie-chen')!;

  async function open(page: Page, email: string, customerId: string, name: string) {
    await signIn(page, env.server.url, email);
    await page.goto(`${env.server.url}/customers/${customerId}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    const region = page.getByRole('region', { name: 'History' });
    const toggle = region.getByRole('button', { name: 'History' });
    const changes = region.getByRole('list').first().locator(':scope > li');
    return { region, toggle, changes };
  }

  it('is closed until asked for, then says who changed what, before and after, and loads older changes', async () => {
    const { page, problems, context } = await openPage(env.browser);
    const { region, toggle, changes } = await open(page, earl(env.server), jimId(env.server), 'Jim Alvarez');
    await page.getByRole('button', { name: 'Edit profile' }).click();
    await page.getByLabel('Goes by (greet them as)').fill('Jimmy');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => page.locator('.customer-sub').textContent()).toContain('Greet as Jimmy');

    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await region.getByText('changed the profile').count()).toBe(0);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => changes.count()).toBe(20);
    const newest = changes.first();
    expect(await newest.textContent()).toContain('Earl Hutchins changed the profile');
    // "→" is read out as "became".
    expect((await newest.textContent())?.replace(/\s+/g, ' ')).toContain('Goes by: empty → became Jimmy');
    expect(await newest.getByRole('time').textContent()).toBe('just now');
    await expectAccessible(page, 'history open');

    await region.getByRole('button', { name: 'Show older changes' }).click();
    await expect.poll(() => changes.count()).toBe(40);
    // The oldest entry, the customer's creation, is reached by paging to the end.
    while (await region.getByRole('button', { name: 'Show older changes' }).count()) {
      const before = await changes.count();
      await region.getByRole('button', { name: 'Show older changes' }).click();
      await expect.poll(() => changes.count()).toBeGreaterThan(before);
    }
    const oldest = changes.last();
    expect(await oldest.textContent()).toContain('Earl Hutchins created this customer');
    expect(await oldest.textContent()).toContain('Listed as: Jim Alvarez');

    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await changes.first().isVisible()).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('does not show a frontline colleague the changes to a private note, and shows its author', async () => {
    // Priya, Maggie's adviser, rewrites her private note about the loan arrears.
    const adviser = await openPage(env.browser);
    const priya = await open(adviser.page, staffEmail('Priya Nair'), maggieId(), 'Margaret Chen');
    const notes = await apiAs<{ items: { id: string; body: string; sensitivity: string }[] }>(adviser.page, env.server.url, 'GET', `/notes?customerId=${maggieId()}`);
    const arrears = notes.items.find((n) => n.sensitivity === 'private')!;
    await apiAs(adviser.page, env.server.url, 'PATCH', `/notes/${arrears.id}`, { body: 'Loan arrears: payment plan agreed, three payments made on time.' });
    await priya.toggle.click();
    await expect.poll(() => priya.changes.count()).toBeGreaterThan(0);
    const seen = (await priya.region.textContent()) ?? '';
    expect(seen).toContain('Priya Nair changed a note');
    expect(seen).toContain('three payments made on time');

    // Tom, a teller at the same branch, sees the rest of the history but nothing of that note.
    const teller = await openPage(env.browser);
    const tom = await open(teller.page, staffEmail('Tom Becker'), maggieId(), 'Margaret Chen');
    await tom.toggle.click();
    // The whole history, as each reads it: Tom's has exactly the note's two entries fewer.
    const all = async (page: Page) =>
      (await apiAs<{ items: { id: string }[] }>(page, env.server.url, 'GET', `/customers/${maggieId()}/history?limit=200`)).items.map((i) => i.id);
    const [priyas, toms] = [await all(adviser.page), await all(teller.page)];
    expect(toms.length).toBe(priyas.length - 2);
    expect(toms.every((id) => priyas.includes(id))).toBe(true);
    await expect.poll(() => tom.changes.count()).toBe(Math.min(20, toms.length));
    const text = (await tom.region.textContent()) ?? '';
    expect(text).toContain('Priya Nair added a note');
    expect(text).toContain('Prefers to be called Maggie');
    expect(text).not.toMatch(/Loan arrears|three payments made on time|changed a note/i);
    await expectAccessible(teller.page, 'history (frontline colleague)');
    expect([...adviser.problems, ...teller.problems]).toEqual([]);
    await adviser.context.close();
    await teller.context.close();
  });
});
