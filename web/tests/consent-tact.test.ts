import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoServerAndBrowser, desktop, expectAccessible, openPage, phone, screenshot, shotsDir, signIn } from './harness.js';

/**
 * S2 with tact and consent: a teller opens Maggie Chen, reads that the car loan is from our records
 * (to let her mention it), records that she opts out of phone calls, sees it in the brief, and is
 * warned (not stopped) when logging a call we made to her. The Consent panel fits a phone.
 */
describe('consent and tact at the branch', () => {
  const env = demoServerAndBrowser();
  const teller = 'tom@demo.example';
  const maggie = () => env.server.demo!.customers.get('maggie-chen')!;
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  async function openMaggie(viewport: typeof desktop) {
    const opened = await openPage(env.browser, viewport);
    await signIn(opened.page, env.server.url, teller);
    await opened.page.goto(`${env.server.url}/customers/${maggie()}`);
    await opened.page.getByRole('heading', { level: 1, name: 'Margaret Chen' }).waitFor();
    return opened;
  }

  it('a teller reads the brief tactfully, records an opt-out from phone calls, and is warned when logging a call', async () => {
    const { page, problems, context } = await openMaggie(desktop);
    const brief = page.getByRole('region', { name: 'Brief' });
    await expect.poll(() => brief.textContent()).toContain('Greet her as Maggie');
    const life = brief.getByRole('region', { name: 'What is going on in their life' });
    expect(await life.textContent()).toMatch(/Financed a car through our loan department \([A-Z][a-z]+ \d{4}\): from our records, let them mention it\./);
    expect(await life.textContent()).toMatch(/Her son Daniel started college at Illinois State \(September \d{4}\)\./);
    expect(await brief.textContent()).toContain('Statements: on paper, once a quarter (from our records, let them mention it)');
    expect(await brief.textContent()).not.toContain('arrears');
    // The timeline says it too, beside the entry.
    const loan = page.getByRole('region', { name: 'Timeline' }).getByRole('listitem').filter({ hasText: 'Financed a car through our loan department' });
    expect(await loan.textContent()).toContain('from our records, let them mention it');

    const consent = page.getByRole('region', { name: 'Consent' });
    await expect.poll(() => consent.textContent()).toContain('Phone callsNot recorded');
    await consent.getByRole('button', { name: 'Change phone calls' }).click();
    const form = consent.getByRole('form', { name: 'Phone calls: their choice' });
    await form.getByRole('radio', { name: 'Opted out' }).check();
    await form.getByLabel('Where it came from (optional)').fill('told us at the counter');
    await expectAccessible(page, 'consent form open');
    await form.getByRole('button', { name: 'Save choice' }).click();
    await expect.poll(() => consent.textContent()).toContain('Phone callsOpted out');
    expect(await consent.textContent()).toContain('told us at the counter · recorded by');

    const contacting = brief.getByRole('region', { name: 'Contacting them' });
    await expect.poll(() => contacting.textContent()).toMatch(/Opted out of phone calls on \d{1,2} [A-Z][a-z]+ \d{4} \(told us at the counter\)\./);
    expect(await contacting.textContent()).toMatch(/Opted out of post on /);
    expect(await contacting.getAttribute('class')).toContain('attention');

    const log = page.getByRole('region', { name: 'Log' });
    await log.getByRole('button', { name: 'Call' }).click();
    await log.getByLabel('What happened', { exact: true }).fill('Called back about her standing order');
    expect(await log.getByRole('alert').count()).toBe(0);
    await log.getByLabel('Who reached out').selectOption('outbound');
    const warning = log.getByRole('alert');
    await expect.poll(() => warning.textContent()).toMatch(/^Careful: opted out of phone calls on .* \(told us at the counter\)\. You can still log it if it happened\.$/);
    await expectAccessible(page, 'outbound call with a consent warning');
    await screenshot(page, 'consent-tact-desktop');
    await log.getByLabel('Channel').selectOption('email');
    expect(await log.getByRole('alert').count()).toBe(0);
    await log.getByLabel('Channel').selectOption('call');
    // A warning, not a block: the call that happened is logged.
    await log.getByRole('button', { name: 'Log call' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Call logged.' }).count()).toBe(1);

    // A preference she mentions at the counter, fine to bring up next time.
    const preferences = page.getByRole('region', { name: 'Preferences' });
    await preferences.getByRole('button', { name: 'Add preference' }).click();
    await preferences.getByLabel('About (optional)').fill('Coffee');
    await preferences.getByLabel('They prefer').fill('black, no sugar');
    expect(await preferences.getByLabel('How we know').inputValue()).toBe('told_us');
    await preferences.getByRole('button', { name: 'Save preference' }).click();
    await expect.poll(() => preferences.textContent()).toContain('Coffee: black, no sugar');
    await expect.poll(() => brief.textContent()).toContain('Coffee: black, no sugar.');
    expect(await preferences.getByRole('button', { name: /^Remove/ }).count()).toBe(0); // a teller does not delete
    expect(problems).toEqual([]);
    await context.close();
  });

  it('fits the Consent panel on a phone, with a channel and do-not-contact open', async () => {
    const { page, problems, context } = await openMaggie(phone);
    const consent = page.getByRole('region', { name: 'Consent' });
    await expect.poll(() => consent.textContent()).toContain('EmailOpted in');
    await consent.getByRole('button', { name: 'Change email' }).tap();
    await consent.getByRole('form', { name: 'Email: their choice' }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, 'consent form on a phone');
    await consent.getByRole('button', { name: 'Mark do not contact' }).tap();
    await consent.getByRole('form', { name: 'Do not contact' }).getByLabel('Why').fill('asked us to stop contacting her while she is abroad');
    expect(await fitsWidth(page)).toBe(true);
    await expectAccessible(page, 'consent panel on a phone');
    await consent.screenshot({ path: path.join(shotsDir, 'consent-panel-phone.png') });
    await consent.getByRole('button', { name: 'Save do not contact' }).tap();
    await expect.poll(() => consent.textContent()).toContain('Do not contact since');
    expect(await fitsWidth(page)).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: 'Contacting them' }).textContent()).toMatch(/^.*Do not contact since .* \(asked us to stop contacting her while she is abroad\)/);
    await expectAccessible(page, 'do not contact on a phone');
    expect(problems).toEqual([]);
    await context.close();
  });
});
