import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaff } from '../../src/test/reminder-fixtures.js';
import { apiAs } from './api-as.js';
import { expectAccessible, launchBrowser, openPage, phone, screenshot, signIn, startServer, type Server } from './harness.js';

/**
 * Data quality through the screens, at phone width and with the keyboard: customers made with known
 * problems (no name but a phone, an email at gmial.com, no phone or email at all) are counted on
 * /data-quality; a kind opens its customers, "Show more" reads on, and following a customer shows
 * the "To fix" card on their page with the way to the card where each is fixed. Frontline staff are
 * told where to look instead.
 */
let server: Server;
let browser: Browser;
beforeAll(async () => {
  server = await startServer({ demo: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** 24 people with a name and a phone and nothing else missing but consent: enough for a second page of "no consent". */
const givenNames = ['Abel', 'Bianca', 'Cyrus', 'Delia', 'Emil', 'Fiona', 'Gustav', 'Hilda', 'Ivo', 'Jolene', 'Kasimir', 'Lorna'];
const familyNames = ['Aaltonen', 'Zybert'];

describe('data quality', () => {
  it('counts what is missing or wrong, lists a kind to work through, and the customer page says what to fix', async () => {
    const db = server.database.db;
    const manager = await addStaff(db, 'Maria Manager', { role: 'manager' });
    const clerk = await addStaff(db, 'Earl Counter', { role: 'frontline' });
    const { page, problems, context } = await openPage(browser, phone);
    await signIn(page, server.url, manager.email);

    const url = server.url;
    await apiAs(page, url, 'POST', '/customers', { phones: [{ number: '(217) 555-0101' }] });
    const anna = await apiAs<{ id: string }>(page, url, 'POST', '/customers', { givenName: 'Anna', familyName: 'Kowalski', emails: [{ address: 'anna.k@gmial.com' }] });
    await apiAs(page, url, 'POST', '/customers', { givenName: 'Cara', familyName: 'Quinn' });
    let n = 0;
    for (const family of familyNames) {
      for (const given of givenNames) {
        n += 1;
        await apiAs(page, url, 'POST', '/customers', { givenName: given, familyName: family, phones: [{ number: `(217) 555-${String(200 + n * 7).padStart(4, '0')}` }] });
      }
    }
    // Stella was in touch last week; her email was last confirmed four years ago (set in the database: the API stamps now).
    const stella = await apiAs<{ id: string; emails: { id: string }[] }>(page, url, 'POST', '/customers', { givenName: 'Stella', familyName: 'Old', emails: [{ address: 'stella@example.com' }] });
    const { csrfToken } = (await (await page.request.get(`${url}/api/v1/auth/me`)).json()) as { csrfToken: string };
    const consented = await page.request.put(`${url}/api/v1/customers/${stella.id}/consent/email`, { headers: { 'x-csrf-token': csrfToken }, data: { status: 'opted_in' } });
    expect(consented.status()).toBe(200);
    await apiAs(page, url, 'POST', '/interactions', { customerId: stella.id, channel: 'call', direction: 'inbound', summary: 'Asked about opening hours' });
    const fourYearsAgo = new Date(Date.now() - 4 * 365 * 86_400_000).toISOString();
    await db.updateTable('emails').set({ updatedAt: fourYearsAgo }).where('id', '=', stella.emails[0]!.id).execute();
    // Two whose duplicates the queue might hold are not part of this story.
    await db.deleteFrom('duplicateSuspicions').execute();

    // The counts, kind by kind, as the buttons that open each.
    await page.goto(`${url}/data-quality`);
    await page.getByRole('heading', { level: 1, name: 'Data quality' }).waitFor();
    const kinds = page.getByRole('list', { name: 'Kinds of finding' });
    await kinds.waitFor();
    expect(await kinds.getByRole('button').allTextContents()).toEqual([
      'No name to greet them by: 1 customer',
      'Only an initial to greet them by: 0 customers',
      'No phone number or email: 1 customer',
      'No consent recorded for any channel: 27 customers',
      'An email that cannot work: 0 customers',
      'An email with a misspelt domain: 1 customer',
      'A phone number that is not a valid number: not counted',
      'An address without a city or postcode: 0 customers',
      'Contact details not confirmed in over 3 years, in touch since: not counted',
      'May be a second record of someone: 0 customers',
    ]);
    expect(await page.getByRole('status').filter({ hasText: 'in all, counted' }).textContent()).toMatch(/^28 customers in all, counted /);
    // A kind the database cannot count says why.
    expect(await kinds.getByRole('listitem').filter({ hasText: 'A phone number that is not a valid number' }).textContent()).toContain('Not counted: each number has to be checked on its own');
    await expectAccessible(page, 'data quality: counts');
    await screenshot(page, 'data-quality-phone');

    // With the keyboard: open "misspelt domain"; its customer, with what is wrong, links to their page.
    const typo = kinds.getByRole('button', { name: /^An email with a misspelt domain/ });
    await typo.focus();
    await page.keyboard.press('Enter');
    expect(await typo.getAttribute('aria-expanded')).toBe('true');
    const typoList = page.getByRole('list', { name: 'An email with a misspelt domain' });
    await typoList.getByRole('link', { name: 'Anna Kowalski' }).waitFor();
    expect((await typoList.textContent())?.replace(/\s+/g, ' ')).toBe('Anna KowalskiThe email anna.k@gmial.com looks misspelt: did they mean anna.k@gmail.com?');
    expect(new URL(page.url()).search).toBe('?kind=email_typo');
    await expectAccessible(page, 'data quality: a kind open');

    // "No consent": 25 at a time; Show more reads the rest and puts the focus on the first one added.
    await page.keyboard.press('Enter'); // closes "misspelt domain" again
    expect(await typo.getAttribute('aria-expanded')).toBe('false');
    const consent = kinds.getByRole('button', { name: /^No consent recorded/ });
    await consent.click();
    const consentList = page.getByRole('list', { name: 'No consent recorded for any channel' });
    await expect.poll(() => consentList.getByRole('link').count()).toBe(25);
    const links = await consentList.getByRole('link').allTextContents();
    expect(links.slice(0, 3)).toEqual(['(217) 555-0101', 'Abel Aaltonen', 'Abel Zybert']);
    const more = page.getByRole('button', { name: 'Show more' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => consentList.getByRole('link').count()).toBe(27);
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    const added = (await consentList.getByRole('link').allTextContents())[25]!;
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 10_000 }).toBe(added);
    expect(new Set(await consentList.getByRole('link').allTextContents()).size).toBe(27);

    // Following a customer: the "To fix" card on their page, each finding with the way to fix it.
    await kinds.getByRole('button', { name: /^An email with a misspelt domain/ }).click();
    await typoList.getByRole('link', { name: 'Anna Kowalski' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anna Kowalski' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/customers/${anna.id}`);
    const toFix = page.getByRole('region', { name: 'To fix' });
    await toFix.getByRole('listitem').first().waitFor();
    expect((await toFix.getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      'Looks wrong The email anna.k@gmial.com looks misspelt: did they mean anna.k@gmail.com?Go to Contact',
      'Worth asking No consent recorded for any channel: ask how they like to be contacted (email, phone, text, post) and record it.Go to Consent',
    ]);
    expect(await toFix.getByRole('link', { name: 'Go to Contact' }).getAttribute('href')).toBe('#contact-title');
    expect(await toFix.getByRole('link', { name: 'Go to Consent' }).getAttribute('href')).toBe('#consent-title');
    await expectAccessible(page, 'customer: to fix');
    await screenshot(page, 'data-quality-customer-phone');

    // Going to the card where it is fixed: the Contact card comes into view.
    await toFix.getByRole('link', { name: 'Go to Contact' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Contact', exact: true }).evaluate((h) => h.getBoundingClientRect().top)).toBeLessThan(phone.height);

    // Details not confirmed in years: "Still right" confirms them, and the card says nothing is left.
    await page.goto(`${url}/customers/${stella.id}`);
    await page.getByRole('heading', { level: 1, name: 'Stella Old' }).waitFor();
    const stale = page.getByRole('region', { name: 'To fix' });
    await stale.getByRole('listitem').first().waitFor();
    expect(await stale.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/The email stella@example\.com was not confirmed or changed since \w+ \d{4}, and they have been in touch since: check it is still right\.Still rightGo to Contact$/),
    ]);
    const stillRight = stale.getByRole('button', { name: 'Still right' });
    await stillRight.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => stale.getByRole('status').textContent()).toBe('Noted as still right today.');
    await expect.poll(() => stale.textContent()).toContain('Nothing left to fix.');
    expect(await stale.getByRole('listitem').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('quality-title');
    await expectAccessible(page, 'customer: fixed');
    expect(problems).toEqual([]);
    await context.close();

    // Frontline staff: a sentence, not the counts.
    const front = await openPage(browser, phone);
    await signIn(front.page, server.url, clerk.email);
    await front.page.goto(`${url}/data-quality`);
    await front.page.getByRole('heading', { level: 1, name: 'Data quality' }).waitFor();
    expect(await front.page.getByText('Managers see what is missing or wrong across all customers here.').count()).toBe(1);
    expect(await front.page.getByRole('list', { name: 'Kinds of finding' }).count()).toBe(0);
    await expectAccessible(front.page, 'data quality: frontline');
    expect(front.problems).toEqual([]);
    await front.context.close();
  });
});
