import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, earl, expectAccessible, jimId, openPage, screenshot, signIn } from './harness.js';

/** A fuller profile: an address, a relative found with the lookup, a purchase with its items, a life event that involves the household. */
describe('filling in the profile', () => {
  const env = demoServerAndBrowser();
  let page: Page;
  let problems: string[];
  let sofiaId: string;

  beforeAll(async () => {
    ({ page, problems } = await openPage(env.browser));
    await signIn(page, env.server.url, earl(env.server));
    sofiaId = (await apiAs<{ id: string }>(page, env.server.url, 'POST', '/customers', { givenName: 'Sofia', familyName: 'Alvarez' })).id;
    await page.goto(`${env.server.url}/customers/${jimId(env.server)}`);
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
  });

  const timeline = () => page.getByRole('region', { name: 'Timeline' }).getByRole('listitem');

  it('adds an address', async () => {
    const contact = page.getByRole('region', { name: 'Contact' });
    await contact.getByRole('button', { name: 'Add address' }).click();
    const form = contact.getByRole('form', { name: 'Add an address' });
    await form.getByLabel('Street and number').fill('5 Oak Street');
    await form.getByLabel('City').fill('Bloomington');
    await form.getByLabel('Postal code').fill('61704');
    await form.getByLabel('Country').fill('zz1');
    expect(await form.getByLabel('Country').inputValue()).toBe('zz');
    await form.getByLabel('Country').fill('us');
    await expectAccessible(page, 'address form');
    await form.getByRole('button', { name: 'Save address' }).click();
    await expect.poll(() => contact.textContent()).toContain('5 Oak Street, Bloomington 61704, US');
    expect(await form.count()).toBe(0);
    await expect.poll(() => contact.getByRole('button', { name: 'Add address' }).evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('links a relative found with the lookup, misspelt, as a child in the household', async () => {
    const household = page.getByRole('region', { name: 'Household and links' });
    await household.getByRole('button', { name: 'Link a relative or organisation' }).click();
    const find = household.getByRole('combobox', { name: 'Find the person or organisation' });
    await expect.poll(() => find.evaluate((el) => el === document.activeElement)).toBe(true);
    await find.fill('sofai alvarez');
    const option = household.getByRole('option').filter({ hasText: 'Sofia Alvarez' });
    await expect.poll(() => option.count()).toBe(1);
    expect(await household.getByRole('option').filter({ hasText: 'Jim Alvarez' }).count()).toBe(0);
    await expectAccessible(page, 'link: lookup');
    await find.press('ArrowDown');
    await find.press('Enter');
    const relation = household.getByLabel('What they are to this customer');
    await relation.selectOption({ label: 'Child' });
    await expect.poll(() => household.textContent()).toContain('Sofia Alvarez is Jim Alvarez’s child.');
    expect(await household.getByRole('checkbox', { name: 'They live in the same household' }).isChecked()).toBe(true);
    await expectAccessible(page, 'link: relation');
    await screenshot(page, 'link-form-desktop');
    await household.getByRole('button', { name: 'Save link' }).click();
    await expect.poll(() => household.getByRole('link', { name: 'Sofia Alvarez' }).count()).toBe(1);
    expect((await household.textContent())?.replace(/\s+/g, ' ')).toContain('Sofia Alvarez · child, same household');

    // Linking the same person again is refused with a reason.
    await household.getByRole('button', { name: 'Link a relative or organisation' }).click();
    await household.getByRole('combobox', { name: 'Find the person or organisation' }).fill('carmen');
    await household.getByRole('option').filter({ hasText: 'Carmen Alvarez' }).click();
    await household.getByRole('button', { name: 'Save link' }).click();
    await expect.poll(() => household.getByRole('alert').textContent()).toMatch(/already linked/);
    await household.getByRole('button', { name: 'Cancel' }).click();
  });

  it('logs a purchase with line items: the amount is their sum unless typed', async () => {
    const log = page.getByRole('region', { name: 'Log' });
    await log.getByRole('button', { name: 'Purchase' }).click();
    await log.getByRole('button', { name: 'Add items' }).click();
    const first = log.getByRole('group', { name: 'Item 1' });
    await first.getByLabel('Description').fill('Tile spacers, 1/16 in');
    await first.getByLabel('Quantity').fill('2');
    await first.getByLabel('Unit price').fill('3.49');
    await log.getByRole('button', { name: 'Add another item' }).click();
    const second = log.getByRole('group', { name: 'Item 2' });
    await expect.poll(() => second.getByLabel('Description').evaluate((el) => el === document.activeElement)).toBe(true);
    await second.getByLabel('Description').fill('Unsanded grout, bright white');
    await second.getByLabel('Unit price').fill('16.99');
    await expect.poll(() => log.textContent()).toContain('The items add up to $23.97, the amount recorded unless you type one.');
    expect(await log.getByLabel('Amount').getAttribute('placeholder')).toBe('$23.97');
    await expectAccessible(page, 'purchase with items');
    await screenshot(page, 'purchase-items-desktop');
    await log.getByRole('button', { name: 'Log purchase' }).click();
    await expect.poll(() => timeline().first().textContent()).toContain('Purchase $23.97 (2 items)');
    // What was bought is on the timeline, not only how many things.
    expect(await timeline().first().textContent()).toContain('Unsanded grout, bright white');

    // A typed amount wins over the sum (a discount at the till); a row that cannot be read is named.
    await log.getByRole('button', { name: 'Purchase' }).click();
    await log.getByLabel('Amount').fill('20');
    await log.getByRole('button', { name: 'Add items' }).click();
    await log.getByRole('group', { name: 'Item 1' }).getByLabel('Unit price').fill('24.99');
    expect(await log.textContent()).toContain('The items add up to $24.99; the amount typed above is what is recorded.');
    await log.getByRole('button', { name: 'Log purchase' }).click();
    await expect.poll(() => log.getByRole('group', { name: 'Item 1' }).textContent()).toContain('Say what it was');
    await log.getByRole('group', { name: 'Item 1' }).getByLabel('Description').fill('Wet saw rental, one day');
    await log.getByRole('button', { name: 'Log purchase' }).click();
    await expect.poll(() => timeline().first().textContent()).toContain('Purchase $20.00 (1 item)');
  });

  it('logs a life event that involves people of the household, and it shows on their timelines', async () => {
    const log = page.getByRole('region', { name: 'Log' });
    await log.getByRole('button', { name: 'Life event' }).click();
    const involves = log.getByRole('group', { name: 'Also involves' });
    expect(await involves.getByRole('checkbox').count()).toBe(2);
    await log.getByLabel('What happened', { exact: true }).fill('Sofia started at Millbrook High');
    await log.getByLabel('Kind').selectOption('school_start');
    await involves.getByRole('checkbox', { name: 'Sofia Alvarez (child)' }).check();
    await expectAccessible(page, 'life event with people');
    await log.getByRole('button', { name: 'Log life event' }).click();
    await expect.poll(() => timeline().first().textContent()).toContain('Sofia started at Millbrook High');

    await page.goto(`${env.server.url}/customers/${sofiaId}`);
    await page.getByRole('heading', { level: 1, name: 'Sofia Alvarez' }).waitFor();
    await expect.poll(() => timeline().first().textContent()).toContain('Sofia started at Millbrook High');
    expect((await page.getByRole('region', { name: 'Household and links' }).textContent())?.replace(/\s+/g, ' ')).toContain('Jim Alvarez · parent, same household');
    await page.goto(`${env.server.url}/customers/${env.server.demo!.customers.get('carmen-alvarez')}`);
    await page.getByRole('heading', { level: 1, name: 'Carmen Alvarez' }).waitFor();
    await timeline().first().waitFor();
    expect(await page.getByRole('region', { name: 'Timeline' }).textContent()).not.toContain('Sofia started at Millbrook High');
    expect(problems).toEqual([]);
  });
});
