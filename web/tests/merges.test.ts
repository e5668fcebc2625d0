import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, earl, expectAccessible, openPage, phone, screenshot, signIn } from './harness.js';

/**
 * Two records of one person (scenario S6): a manager merges Bob Smith into Robert Smith from the
 * customer page, sees Bob's records on Robert, and undoes it; both are then as they were, row by row.
 * From the duplicates queue, two records of one name are told apart by where each came from, its
 * email and phone, and the merge screen says why Rapport thinks they may be one person.
 */
describe('merging two records of one customer', () => {
  const env = demoServerAndBrowser();
  const grace = () => env.server.demo!.staff.find((s) => s.name === 'Grace Okafor')!.email;
  const ids = { robert: '', bob: '', bobRows: [] as { table: 'interactions' | 'transactions' | 'notes' | 'phones' | 'emails'; id: string }[] };

  /** Robert (no birthday) and Bob (a birthday, another phone and email, a call, a purchase, a note), made through the API. */
  async function seed(page: Page) {
    const url = env.server.url;
    const robert = await apiAs<{ id: string }>(page, url, 'POST', '/customers', {
      givenName: 'Robert',
      familyName: 'Smith',
      emails: [{ address: 'robert.smith@example.com' }],
      phones: [{ number: '(217) 555-0101' }],
    });
    await apiAs(page, url, 'POST', '/interactions', { customerId: robert.id, channel: 'visit', direction: 'inbound', summary: 'Came in about the boiler' });
    await new Promise((r) => setTimeout(r, 5)); // Bob is the more recently changed record
    const bob = await apiAs<{ id: string; phones: { id: string }[]; emails: { id: string }[] }>(page, url, 'POST', '/customers', {
      givenName: 'Bob',
      familyName: 'Smith',
      birthday: { year: 1971, month: 4, day: 2 },
      emails: [{ address: 'bob@smith.example' }],
      phones: [{ number: '(217) 555-0199' }],
    });
    const call = await apiAs<{ id: string }>(page, url, 'POST', '/interactions', { customerId: bob.id, channel: 'call', direction: 'inbound', summary: 'Asked about the boiler service' });
    const purchase = await apiAs<{ id: string }>(page, url, 'POST', '/transactions', {
      customerId: bob.id,
      kind: 'purchase',
      currency: 'USD',
      items: [{ description: 'Boiler service', quantity: 1, unitPriceMinor: 8900 }],
    });
    const note = await apiAs<{ id: string }>(page, url, 'POST', '/notes', { customerId: bob.id, body: 'Prefers mornings' });
    ids.robert = robert.id;
    ids.bob = bob.id;
    ids.bobRows = [
      { table: 'interactions', id: call.id },
      { table: 'transactions', id: purchase.id },
      { table: 'notes', id: note.id },
      { table: 'phones', id: bob.phones[0]!.id },
      { table: 'emails', id: bob.emails[0]!.id },
    ];
  }

  /** Whose each of Bob's rows is now, read from the database. */
  const ownersOfBobsRows = () =>
    Promise.all(
      ids.bobRows.map(async ({ table, id }) => {
        const row = await env.server.database.db.selectFrom(table).select('customerId').where('id', '=', id).executeTakeFirst();
        return `${table}:${row?.customerId ?? 'missing'}`;
      }),
    );

  it('a manager merges Bob Smith into Robert Smith, finds his records there, and undoes it from the panel', async () => {
    const { page, problems, context } = await openPage(env.browser);
    const url = env.server.url;
    await signIn(page, url, grace());
    await seed(page);

    await page.goto(`${url}/customers/${ids.robert}`);
    await page.getByRole('heading', { level: 1, name: 'Robert Smith' }).waitFor();
    const panel = page.getByRole('region', { name: 'Other records of this person' });
    await expect.poll(() => panel.textContent()).toContain('No other record has been merged into this one.');
    await panel.getByRole('link', { name: 'Merge another record into this one' }).click();

    // Step 1: the other record, with the lookup.
    await page.getByRole('heading', { level: 1, name: 'Merge another record into Robert Smith' }).waitFor();
    await page.getByRole('combobox', { name: 'Find the other record of Robert Smith' }).fill('Bob Smith');
    await page.getByRole('listbox', { name: 'Customers found' }).getByRole('option').filter({ hasText: 'bob@smith.example' }).click();

    // Step 2: side by side, Bob's birthday preselected (Robert has none), his phone and email kept with Robert's.
    await page.getByRole('heading', { level: 2, name: 'Step 2 of 2: compare the two records' }).waitFor();
    const table = page.getByRole('table', { name: 'Which value stays' });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Field', 'This record Robert Smith', 'The other record Bob Smith']);
    expect(await page.getByRole('radio', { name: /^Keep the other record’s birthday: .*1971$/ }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Keep this record’s birthday: none' }).isChecked()).toBe(false);
    const phones = await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Phones all kept' }) }).textContent();
    expect(phones).toContain('555-0101');
    expect(phones).toContain('555-0199');
    expect(await table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Emails all kept' }) }).textContent()).toContain('bob@smith.example');
    const moves = await page.getByRole('region', { name: 'What moves to Robert Smith' }).textContent();
    expect(moves).toContain('Contacts (calls, visits, messages): 1');
    expect(moves).toContain('Purchases, payments and returns: 1');
    expect(moves).toContain('Notes: 1');
    await expectAccessible(page, 'merge screen, both records side by side');

    // Bob is the newer record, so his names are preselected: keep Robert's, by keyboard (arrows within a field's radios).
    const bobsGivenName = page.getByRole('radio', { name: 'Keep the other record’s given name: Bob' });
    const robertsGivenName = page.getByRole('radio', { name: 'Keep this record’s given name: Robert' });
    expect(await bobsGivenName.isChecked()).toBe(true);
    await bobsGivenName.focus();
    await page.keyboard.press('ArrowLeft');
    expect(await robertsGivenName.isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Keep this record’s name as listed: Robert Smith' }).check();
    await screenshot(page, 'merge-side-by-side');
    await page.getByLabel('Why they are the same person (optional)').fill('Same phone at the till and on the service desk');
    await page.keyboard.press('Enter');

    // Back on Robert: "Merged." with Undo, Bob's phone, email and contact here.
    await page.getByRole('heading', { level: 1, name: 'Robert Smith' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Merged. Bob Smith is now part of this record.' }).getByRole('button', { name: 'Undo' }).waitFor();
    const contact = page.getByRole('region', { name: 'Contact' });
    await expect.poll(() => contact.textContent()).toContain('bob@smith.example');
    expect(await contact.textContent()).toContain('555-0199');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect.poll(() => timeline.textContent()).toContain('Asked about the boiler service');
    expect(await timeline.textContent()).toContain('Came in about the boiler');
    const entry = panel.getByRole('listitem').filter({ hasText: 'Bob Smith was merged in by Grace Okafor on' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Same phone at the till');
    const merged = await apiAs<{ givenName: string; displayName: string; birthday: unknown }>(page, url, 'GET', `/customers/${ids.robert}`);
    expect(merged).toMatchObject({ givenName: 'Robert', displayName: 'Robert Smith', birthday: { year: 1971, month: 4, day: 2 } });
    expect(await ownersOfBobsRows()).toEqual(ids.bobRows.map((r) => `${r.table}:${ids.robert}`));
    expect((await page.request.get(`${url}/api/v1/customers/${ids.bob}`)).status()).toBe(404);
    await expectAccessible(page, 'customer page after a merge');
    await screenshot(page, 'merge-done');

    // Undo from the panel: asks first, saying what will happen.
    await entry.getByRole('button', { name: 'Undo the merge of Bob Smith' }).click();
    const question = panel.getByRole('group', { name: 'Undo the merge of Bob Smith?' });
    expect(await question.textContent()).toContain('Bob Smith comes back as a separate customer with the records that were theirs; what was added here since stays here.');
    await question.getByRole('button', { name: 'Undo merge' }).click();
    await panel.getByRole('status').filter({ hasText: 'Bob Smith is a separate customer again' }).waitFor();
    await expect.poll(() => entry.textContent()).toContain('merge undone by Grace Okafor on');
    expect(await entry.getByRole('button', { name: /^Undo/ }).count()).toBe(0);
    await expect.poll(() => contact.textContent()).not.toContain('bob@smith.example');
    await expect.poll(() => timeline.textContent()).not.toContain('Asked about the boiler service');

    // Both customers again, each with their own rows.
    expect(await ownersOfBobsRows()).toEqual(ids.bobRows.map((r) => `${r.table}:${ids.bob}`));
    const bob = await apiAs<{ displayName: string; birthday: unknown; emails: { address: string }[] }>(page, url, 'GET', `/customers/${ids.bob}`);
    expect(bob).toMatchObject({ displayName: 'Bob Smith', birthday: { year: 1971, month: 4, day: 2 }, emails: [{ address: 'bob@smith.example' }] });
    const robert = await apiAs<{ givenName: string; birthday: unknown; emails: { address: string }[] }>(page, url, 'GET', `/customers/${ids.robert}`);
    expect(robert).toMatchObject({ givenName: 'Robert', birthday: null, emails: [{ address: 'robert.smith@example.com' }] });

    await panel.getByRole('link', { name: 'Open Bob Smith' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bob Smith' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Timeline' }).textContent()).toContain('Asked about the boiler service');

    // The two wait in the possible duplicates again, to be decided once more.
    await page.goto(`${url}/duplicates`);
    const back = page.getByRole('list', { name: 'Pairs to review' }).getByRole('listitem').filter({ hasText: 'Back after their merge was undone' });
    await back.first().waitFor();
    expect(await back.count()).toBe(1);
    expect(await back.textContent()).toMatch(/Robert Smith and Bob Smith|Bob Smith and Robert Smith/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works at phone width for a manager; a frontline clerk sees the merges without Undo, and is told who can merge', async () => {
    const url = env.server.url;
    const manager = await openPage(env.browser, phone);
    await signIn(manager.page, url, grace());
    await manager.page.goto(`${url}/customers/${ids.robert}/merge?with=${ids.bob}`);
    await manager.page.getByRole('table', { name: 'Which value stays' }).waitFor();
    expect(await manager.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const mergeButton = await manager.page.getByRole('button', { name: 'Merge', exact: true }).boundingBox();
    expect(mergeButton && mergeButton.x >= 0 && mergeButton.x + mergeButton.width <= phone.width).toBe(true);
    await expectAccessible(manager.page, 'merge screen at phone width');
    await screenshot(manager.page, 'merge-phone');
    // "Not the same person" asks, is remembered, and goes back; a merge of the two is then refused, in the server's words.
    await manager.page.getByRole('button', { name: 'Not the same person' }).click();
    await manager.page.getByRole('group', { name: 'Bob Smith is not the same person as Robert Smith?' }).getByRole('button', { name: 'Not the same person' }).click();
    await manager.page.getByRole('heading', { level: 1, name: 'Robert Smith' }).waitFor();
    await manager.page.getByRole('status').filter({ hasText: 'Marked: Bob Smith is not the same person.' }).waitFor();
    await manager.page.goto(`${url}/customers/${ids.robert}/merge?with=${ids.bob}`);
    await manager.page.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => manager.page.getByRole('alert').allTextContents()).toContain('Robert Smith and Bob Smith were marked as not the same person. Remove that mark first if they are.');
    await expectAccessible(manager.page, 'merge screen with a refusal');
    expect(manager.problems).toEqual([]);
    await manager.context.close();

    const clerk = await openPage(env.browser, phone);
    await signIn(clerk.page, url, earl(env.server));
    await clerk.page.goto(`${url}/customers/${ids.robert}`);
    await clerk.page.getByRole('heading', { level: 1, name: 'Robert Smith' }).waitFor();
    const panel = clerk.page.getByRole('region', { name: 'Other records of this person' });
    await expect.poll(() => panel.textContent()).toContain('Bob Smith was merged in by Grace Okafor on');
    expect(await panel.getByRole('button').count()).toBe(0);
    expect(await panel.getByRole('link', { name: 'Merge another record into this one' }).count()).toBe(0);
    await expectAccessible(clerk.page, 'customer page for a clerk, with a merge undone');

    await clerk.page.goto(`${url}/customers/${ids.robert}/merge?with=${ids.bob}`);
    await clerk.page.getByRole('heading', { level: 1, name: 'Merge records' }).waitFor();
    await expect.poll(() => clerk.page.getByRole('main').textContent()).toContain('A manager can merge two records of the same person.');
    expect(await clerk.page.getByRole('table').count()).toBe(0);
    await expectAccessible(clerk.page, 'merge screen for a clerk');
    expect(clerk.problems).toEqual([]);
    await clerk.context.close();
  });

  it('tells apart two records of one name in the queue, at desktop and phone width, and the merge screen says why they may be one person', async () => {
    const url = env.server.url;
    const desk = await openPage(env.browser);
    await signIn(desk.page, url, grace());
    const name = 'Robert Kowalczyk';
    await apiAs(desk.page, url, 'POST', '/customers', {
      givenName: 'Robert',
      familyName: 'Kowalczyk',
      birthday: { year: 1968, month: 9, day: 14 },
      emails: [{ address: 'rk@till.example' }],
      phones: [{ number: '(217) 555-0144' }],
      externalIds: [{ source: 'pos', externalId: 'P-20931' }],
    });
    await apiAs(desk.page, url, 'POST', '/customers', {
      givenName: 'Robert',
      familyName: 'Kowalczyk',
      birthday: { year: 1968, month: 9, day: 14 },
      phones: [{ number: '217-555-0144' }],
      externalIds: [{ source: 'newsletter', externalId: 'N-4410' }],
    });

    const pairIn = (page: Page) => page.getByRole('list', { name: 'Pairs to review' }).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: `${name} and ${name}` }) });
    const sidesOf = (page: Page) => pairIn(page).getByRole('list', { name: `How to tell ${name} and ${name} apart` }).getByRole('listitem');
    await desk.page.goto(`${url}/duplicates`);
    await desk.page.getByRole('heading', { level: 1, name: 'Possible duplicates' }).waitFor();
    await expect.poll(() => sidesOf(desk.page).count()).toBe(2);
    const lines = (await sidesOf(desk.page).allTextContents()).sort();
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${name}newsletter N-4410 · 217-555-0144 · added (just now|\\d+ min ago)$`)),
      expect.stringMatching(new RegExp(`^${name}pos P-20931 · rk@till\\.example · \\(217\\) 555-0144 · added (just now|\\d+ min ago)$`)),
    ]);
    // Side by side on a wide screen: the two lines start at the same height.
    const [left, right] = await Promise.all([sidesOf(desk.page).nth(0).boundingBox(), sidesOf(desk.page).nth(1).boundingBox()]);
    expect(left!.y).toBe(right!.y);
    await expectAccessible(desk.page, 'duplicates queue, two records of one name');
    await screenshot(desk.page, 'duplicates-same-name');

    // Compare and merge: the reasons with their weights, and the score, above the comparison.
    await pairIn(desk.page).getByRole('link', { name: 'Compare and merge' }).click();
    await desk.page.getByRole('heading', { level: 1, name: `Merge another record into ${name}` }).waitFor();
    const why = desk.page.getByRole('region', { name: 'Why they may be one person' });
    await why.waitFor();
    const reasons = await why.getByRole('listitem').allTextContents();
    expect(reasons.some((r) => /^same phone\b.* [+]\d+\.\d$/.test(r)), reasons.join('; ')).toBe(true);
    expect(await why.textContent()).toMatch(/Score \d+\.\d · in the possible duplicates/);
    const table = desk.page.getByRole('table', { name: 'Which value stays' });
    await table.waitFor();
    expect((await why.boundingBox())!.y).toBeLessThan((await table.boundingBox())!.y);
    await expectAccessible(desk.page, 'merge screen with why they may be one person');
    await screenshot(desk.page, 'merge-why');
    expect(desk.problems).toEqual([]);
    await desk.context.close();

    const small = await openPage(env.browser, phone);
    await signIn(small.page, url, grace());
    await small.page.goto(`${url}/duplicates`);
    await expect.poll(() => sidesOf(small.page).count()).toBe(2);
    await expect.poll(() => small.page.getByRole('list', { name: 'Pairs to review' }).getAttribute('aria-busy')).toBe('false');
    expect(await small.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    for (const box of [await sidesOf(small.page).nth(0).boundingBox(), await sidesOf(small.page).nth(1).boundingBox()]) expect(box!.x >= 0 && box!.x + box!.width <= phone.width).toBe(true);
    await expectAccessible(small.page, 'duplicates queue, two records of one name, at phone width');
    await screenshot(small.page, 'duplicates-same-name-phone');
    await pairIn(small.page).getByRole('link', { name: 'Compare and merge' }).click();
    await small.page.getByRole('region', { name: 'Why they may be one person' }).waitFor();
    expect(await small.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(small.problems).toEqual([]);
    await small.context.close();
  });
});
