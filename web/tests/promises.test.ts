import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoServerAndBrowser, desktop, expectAccessible, openPage, phone, screenshot, signIn } from './harness.js';

/**
 * S3 The slipping promise. Ellen Farrow was promised a free HD TV with her switch; it slipped twice
 * and nobody told her, and it is overdue. Nadia, a different agent from the one who made it, opens
 * her: sees the promise, its two changes and that Ellen was never told; the brief prompts her; she
 * explains, apologises and gives a new date, which the figures count as a slip. She makes Ellen a
 * link to her own page of the promise, which Ellen opens on her phone, signed out; Ellen's timeline
 * then says she opened it.
 */
describe('promises', () => {
  const env = demoServerAndBrowser();
  const nadia = 'nadia@demo.example';
  const ellen = () => env.server.demo!.customers.get('ellen-farrow')!;
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  /** A day n days from now, as a date input takes it and as the customer's page writes it. */
  const daysAhead = (n: number) => {
    const d = new Date(Date.now() + n * 86_400_000);
    const value = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return { value, words: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`)) };
  };

  it('S3: the next agent sees the slipped promise never told, explains and apologises with a new date, and sends Ellen her own page of it', async () => {
    const { page, problems, context } = await openPage(env.browser, desktop);
    await signIn(page, env.server.url, nadia);
    await page.goto(`${env.server.url}/customers/${ellen()}`);
    await page.getByRole('heading', { level: 1, name: 'Ellen Farrow' }).waitFor();

    // The brief prompts her before she says a word.
    const owed = page.getByRole('region', { name: 'Brief' }).getByRole('region', { name: 'What we owe them' });
    await expect.poll(() => owed.textContent()).toMatch(/The free HD TV, promised for \d+ [A-Z][a-z]+( \d{4})?, slipped twice and Ellen was never told: explain and apologise\./);
    expect(await owed.getAttribute('class')).toContain('attention');

    // The promise: overdue, its two changes, never told.
    const panel = page.getByRole('region', { name: 'Promises' });
    const tv = panel.getByRole('article', { name: 'Promise: the free HD TV' });
    await expect.poll(() => tv.textContent()).toContain('Overdue: it was due by');
    expect(await tv.textContent()).toContain('Sam Delgado’s promise');
    expect(await tv.textContent()).toContain('Slipped twice and never told: explain and apologise.');
    await tv.getByText('History').click();
    const history = tv.locator('.promise-history');
    expect(await history.textContent()).toMatch(/A backlog at the TV supplier: about six weeks more\. The customer was not told\./);
    expect(await history.textContent()).toMatch(/The supplier expedited the shipment: early next month\. The customer was not told\./);
    await expectAccessible(page, 'a slipped promise never told');

    // She explains, apologises and gives a date she can keep.
    const next = daysAhead(14);
    await tv.getByRole('button', { name: 'Change the date' }).click();
    const form = tv.getByRole('form', { name: 'Change the date: the free HD TV' });
    await form.getByLabel('New date').fill(next.value);
    await form.getByLabel('Why the date changes').fill('We underestimated demand for the TVs; I have asked for yours to be sent first');
    await form.getByRole('group', { name: 'Did you tell them?' }).getByRole('radio', { name: 'Yes' }).check();
    await form.getByLabel('How?').selectOption('call');
    await form.getByRole('group', { name: 'Did you apologise?' }).getByRole('radio', { name: 'Yes' }).check();
    await expectAccessible(page, 'changing the date of a promise');
    await screenshot(page, 'promise-change-date');
    await form.getByRole('button', { name: 'Save new date' }).click();

    await expect.poll(() => tv.textContent()).toContain(`Due by ${next.words}`);
    expect(await tv.textContent()).not.toContain('never told');
    expect(await history.textContent()).toMatch(/We underestimated demand .* Told by phone, with an apology\./);
    await expect.poll(() => owed.textContent()).not.toMatch(/explain and apologise/);
    // The figures count the slip: late by the date first promised, and a third slip.
    await expect.poll(() => panel.locator('.promise-figures').textContent()).toMatch(/Kept on time: 0 of 1 by the date first promised, none yet by the date in force; 3 slips in 1 promise\./);

    // Whether she waits for an answer (her calls about the TV) is for contacts to say, not for her opening a page.
    const waiting = (text: string | null) => /Waiting for an answer[^.]*\./.exec(text ?? '')?.[0] ?? null;
    const waitingBefore = waiting(await owed.textContent());

    // A link for Ellen to see it herself, sent by Nadia.
    await tv.getByRole('button', { name: 'Make a link for the customer' }).click();
    const box = tv.getByLabel('Link for the customer');
    await box.waitFor();
    const link = await box.inputValue();
    expect(link).toMatch(new RegExp(`^${env.server.url}/your-promise#token=[A-Za-z0-9_.-]+$`));
    await expectAccessible(page, 'promise panel with a customer link');

    // Ellen opens it on her phone: no sign-in, only her promise, the new date, the changes and who to ask.
    const customer = await openPage(env.browser, phone);
    await customer.page.goto(link);
    const main = customer.page.getByRole('main');
    await customer.page.getByRole('heading', { level: 1, name: 'We promised you the free HD TV' }).waitFor();
    const text = (await main.textContent()) ?? '';
    expect(text).toContain(`We now expect it by ${next.words}.`);
    expect(text).toMatch(/We first promised it for \d+ [A-Z][a-z]+ \d{4}\./);
    const changes = await main.getByRole('listitem').allTextContents();
    expect(changes).toHaveLength(3);
    expect(changes[0]).toMatch(/^On \d+ [A-Z][a-z]+ \d{4} the date moved from .* to .*\. Why: A backlog at the TV supplier: about six weeks more\.$/);
    expect(changes[2]).toMatch(new RegExp(`to ${next.words}\\. Why: We underestimated demand`));
    expect(text).toContain('Ask for Sam at Valley Connect call centre (roadside, TV and internet).');
    for (const hidden of ['Delgado', 'Nadia', 'Brooks', 'Farrow', '217-555', 'ellen.farrow', 'Goodwill']) expect(text).not.toContain(hidden);
    expect(await customer.page.getByLabel('Look up a customer').count()).toBe(0);
    expect(await fitsWidth(customer.page)).toBe(true);
    await expectAccessible(customer.page, "the customer's page of a promise, on a phone");
    await screenshot(customer.page, 'promise-customer-page-phone');
    expect(customer.problems).toEqual([]);
    await customer.context.close();

    // Her timeline says she opened it; opening it is not a contact from her that waits for an answer.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Ellen Farrow' }).waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await expect.poll(() => timeline.getByRole('listitem').first().textContent()).toContain('Opened their promise page: the free HD TV');
    await expect.poll(async () => waiting(await owed.textContent())).toBe(waitingBefore);
    await expect.poll(() => tv.textContent()).toMatch(/opened once/);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('makes a promise from the quick-log bar, and marks it kept from the Promises panel', async () => {
    const { page, problems, context } = await openPage(env.browser, phone);
    await signIn(page, env.server.url, nadia);
    await page.goto(`${env.server.url}/customers/${env.server.demo!.customers.get('diane-foster')!}`);
    await page.getByRole('heading', { level: 1, name: 'Diane Foster' }).waitFor();
    const log = page.getByRole('region', { name: 'Log' });
    await log.getByRole('button', { name: 'Promise', exact: true }).tap();
    const form = log.getByRole('form', { name: 'Make a promise' });
    await form.getByLabel('What we promise').fill('a call back once the engineer has checked the line');
    await form.getByLabel('Due by').fill(daysAhead(2).value);
    await form.getByRole('button', { name: 'Save promise' }).tap();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Promise logged.' }).count()).toBe(1);

    const promise = page.getByRole('region', { name: 'Promises' }).getByRole('article', { name: 'Promise: a call back once the engineer has checked the line' });
    await expect.poll(() => promise.textContent()).toContain(`Due by ${daysAhead(2).words}`);
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, 'the Promises panel on a phone');
    await promise.getByRole('button', { name: 'Mark kept' }).tap();
    const closed = page.getByRole('region', { name: 'Promises' }).locator('.promises-closed');
    await expect.poll(() => closed.textContent()).toContain('Kept, broken or cancelled (1)');
    expect(problems).toEqual([]);
    await context.close();
  });
});
