import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, expectAccessible, goToManaged, jimId, openPage, phone, screenshot, signIn } from './harness.js';

/** Deleting moves a record to the trash: Undo from the message, or Restore from the Trash page, puts it back as it was. */
describe('deleting and the trash', () => {
  const env = demoServerAndBrowser();
  const grace = () => env.server.demo!.staff.find((s) => s.name === 'Grace Okafor')!.email;

  const note = 'Exchange pending: on Saturday he bought sanded charcoal grout';
  const visit = 'Dropped in to talk through the bathroom tiling';

  /** Each timeline entry as kind, time and title: what "exactly as before" is compared on. */
  const entriesOf = (page: Page) =>
    page
      .getByRole('region', { name: 'Timeline' })
      .getByRole('listitem')
      .evaluateAll((items) => items.map((li) => [li.querySelector('.entry-kind')?.textContent, li.querySelector('time')?.getAttribute('datetime'), li.querySelector('.entry-title')?.textContent].join(' | ')));

  /** The brief's sections but "Since you last saw them", which rightly notes that this manager has now dealt with him. */
  const briefOf = (page: Page) =>
    page
      .getByRole('region', { name: 'Brief' })
      .getByRole('region')
      .evaluateAll((sections) => sections.map((s) => s.textContent).filter((t) => !t?.startsWith('Since you last saw them')));

  async function deleteFromTimeline(page: Page, text: string, noun: string) {
    const entry = page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: text });
    await entry.getByRole('button', { name: new RegExp(`^Delete ${noun}: `) }).click();
    const question = entry.getByRole('group', { name: `Delete this ${noun}?` });
    await question.getByRole('button', { name: 'Delete' }).click();
  }

  it('a manager deletes a note and a contact, undoes one from the message and restores the other from the trash', async () => {
    const { page, problems, context } = await openPage(env.browser);
    await signIn(page, env.server.url, grace());
    await page.goto(`${env.server.url}/customers/${jimId(env.server)}`);
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const brief = page.getByRole('region', { name: 'Brief' });
    await expect.poll(() => timeline.textContent()).toContain(note);
    await expect.poll(() => timeline.textContent()).toContain(visit);
    await expect.poll(() => brief.textContent()).toContain('Exchange pending');
    const before = { entries: await entriesOf(page), brief: await briefOf(page) };
    expect(before.brief.join(' ')).toContain('bathroom tiling');

    await timeline.getByRole('listitem').filter({ hasText: note }).getByRole('button', { name: /^Delete note: / }).click();
    await expectAccessible(page, 'customer page, asking before a delete');
    await timeline.getByRole('group', { name: 'Delete this note?' }).getByRole('button', { name: 'Delete' }).click();
    const noteGone = page.getByRole('status').filter({ hasText: 'Note deleted' });
    await noteGone.waitFor();
    await expect.poll(() => timeline.textContent()).not.toContain(note);
    await expect.poll(() => brief.textContent()).not.toContain('Exchange pending');

    await deleteFromTimeline(page, visit, 'contact');
    const visitGone = page.getByRole('status').filter({ hasText: 'Contact deleted' });
    await visitGone.waitFor();
    // The Undo is where the keyboard is, once the entry it spoke of has gone.
    expect(await visitGone.getByRole('button', { name: 'Undo' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => timeline.textContent()).not.toContain(visit);
    await expect.poll(() => brief.textContent()).not.toContain('bathroom tiling');
    await expectAccessible(page, 'customer page with delete buttons and the Undo message');
    await screenshot(page, 'trash-undo-message');

    await visitGone.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('status').filter({ hasText: 'The contact is back.' }).waitFor();
    await expect.poll(() => timeline.textContent()).toContain(visit);

    await goToManaged(page, 'Trash');
    await page.getByRole('heading', { level: 1, name: 'Trash' }).waitFor();
    const entries = page.getByRole('list', { name: 'Deleted records' }).getByRole('listitem');
    const deleted = entries.filter({ has: page.getByRole('heading', { name: /^Exchange pending/ }) });
    await expect.poll(() => deleted.count()).toBe(1);
    const words = (await deleted.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(words).toContain('Of Jim Alvarez.');
    expect(words).toMatch(/Deleted (just now|1 min ago) by Grace Okafor\./);
    expect(words).toMatch(/Removed for good on .*\d{4}\./);
    // The contact came back with Undo: it is no longer in the trash.
    expect(await entries.filter({ hasText: 'talk through the bathroom tiling' }).count()).toBe(0);
    await page.getByLabel('Show').selectOption({ label: 'Visits, calls and messages' });
    await expect.poll(() => entries.count()).toBe(0);
    await page.getByLabel('Show').selectOption({ label: 'Notes' });
    await expect.poll(() => deleted.count()).toBe(1);
    await expectAccessible(page, 'trash');

    await deleted.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => deleted.getByRole('status').textContent()).toContain('is back.');
    await deleted.getByRole('link', { name: 'Open Jim Alvarez' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    await expect.poll(() => entriesOf(page)).toEqual(before.entries);
    await expect.poll(() => briefOf(page)).toEqual(before.brief);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is usable at phone width: older entries, what comes back, restore', async () => {
    const { page, problems, context } = await openPage(env.browser, phone);
    await signIn(page, env.server.url, grace());
    // Twenty-six of Jim's purchases to the trash, more than one page of it.
    const purchases = await apiAs<{ items: { id: string; title: string; itemCount: number }[] }>(page, env.server.url, 'GET', `/customers/${jimId(env.server)}/timeline?kinds=transaction&limit=60`);
    const { csrfToken } = (await (await page.request.get(`${env.server.url}/api/v1/auth/me`)).json()) as { csrfToken: string };
    let deleted = 0;
    for (const t of purchases.items.filter((p) => p.itemCount > 1)) {
      // A purchase that a return points at stays (409): the others go.
      const response = await page.request.delete(`${env.server.url}/api/v1/transactions/${t.id}`, { headers: { 'x-csrf-token': csrfToken } });
      if (response.ok()) deleted++;
      if (deleted === 26) break;
    }
    expect(deleted).toBe(26);

    await goToManaged(page, 'Trash');
    await page.getByRole('heading', { level: 1, name: 'Trash' }).waitFor();
    const entries = page.getByRole('list', { name: 'Deleted records' }).getByRole('listitem');
    await expect.poll(() => entries.count()).toBe(25);
    await page.getByRole('button', { name: 'Show older' }).click();
    await expect.poll(() => entries.count()).toBe(26);
    expect(await page.getByRole('button', { name: 'Show older' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    const newest = entries.first();
    const more = newest.getByRole('button', { name: /^What comes back with it/ });
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => newest.getByRole('list').textContent()).toContain('Items bought or returned');
    await expectAccessible(page, 'trash at phone width');
    await screenshot(page, 'trash-phone');

    const restore = newest.getByRole('button', { name: 'Restore' });
    const box = await restore.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= phone.width).toBe(true);
    await restore.click();
    await expect.poll(() => newest.getByRole('status').textContent()).toMatch(/is back, with \d+ other records\./);
    expect(await newest.getByRole('button', { name: 'Restore' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
