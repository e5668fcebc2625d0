import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, earl, expectAccessible, goToManaged, openPage, phone, screenshot, signIn } from './harness.js';

/**
 * Customers out of Rapport from the screens: an admin downloads every customer as a spreadsheet from
 * the Import page; a clerk at the counter downloads one customer's contact card from their page; a
 * manager is told an admin exports every customer. One server and one browser for the file.
 */
describe('exporting customers', () => {
  const env = demoServerAndBrowser();
  const admin = () => env.server.demo!.staff.find((s) => s.role === 'admin')!.email;
  const grace = () => env.server.demo!.staff.find((s) => s.name === 'Grace Okafor')!.email;
  const ines = { id: '', name: 'Ines Quintero', email: 'ines.quintero@example.com' };
  const tobias = { id: '', name: 'Tobias Lindqvist', email: 'tobias@lindqvist.example' };
  let adminPage: Page;
  let adminProblems: string[];

  beforeAll(async () => {
    ({ page: adminPage, problems: adminProblems } = await openPage(env.browser));
    const url = env.server.url;
    await signIn(adminPage, url, admin());
    // Ines works at a bike shop and has a note, and a private one that never leaves; Tobias has an email and a German address.
    const shop = await apiAs<{ id: string }>(adminPage, url, 'POST', '/customers', { kind: 'organization', displayName: 'Quintero Cycle Works' });
    ines.id = (await apiAs<{ id: string }>(adminPage, url, 'POST', '/customers', { givenName: 'Ines', familyName: 'Quintero', emails: [{ address: ines.email }] })).id;
    await apiAs(adminPage, url, 'POST', `/customers/${ines.id}/relationships`, { relatedCustomerId: shop.id, label: 'Head mechanic', relatedLabel: 'employer' });
    await apiAs(adminPage, url, 'POST', '/notes', { customerId: ines.id, body: 'Rides to work in all weathers' });
    await apiAs(adminPage, url, 'POST', '/notes', { customerId: ines.id, body: 'Asked us to keep her new address quiet', sensitivity: 'private' });
    tobias.id = (
      await apiAs<{ id: string }>(adminPage, url, 'POST', '/customers', {
        givenName: 'Tobias',
        familyName: 'Lindqvist',
        emails: [{ address: tobias.email }],
        addresses: [{ line1: 'Unter den Linden 1', city: 'Berlin', postalCode: '10117', country: 'DE' }],
      })
    ).id;
  });

  /** Clicks a download link and answers the file's name and text. */
  async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<{ name: string; text: string }> {
    const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
  }

  it('an admin downloads every customer as a spreadsheet from the Import page', async () => {
    const page = adminPage;
    await goToManaged(page, 'Import');
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    const card = page.getByRole('region', { name: 'Export every customer' });
    expect(await card.textContent()).toContain('a private note never leaves');
    expect(await card.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual([
      '/api/v1/customers/export?format=csv',
      '/api/v1/customers/export?format=vcard',
      '/api/v1/customers/export?format=jsonl',
    ]);
    await expectAccessible(page, 'import screen with the export, for an admin');
    await screenshot(page, 'export-every-customer');

    const csv = await download(page, card.getByRole('link', { name: 'Download every customer as a spreadsheet (CSV)' }));
    expect(csv.name).toBe('customers.csv');
    const [header, ...rows] = csv.text.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(header).toMatch(/^Id,Kind,Display Name,Given Name,Family Name,.*,Organization,Job Title,Notes,Email 1,/);
    const row = (id: string) => rows.find((r) => r.startsWith(`${id},`)) ?? '';
    for (const text of [ines.name, ines.email, 'Quintero Cycle Works', 'Head mechanic', 'Rides to work in all weathers']) expect(row(ines.id)).toContain(text);
    for (const text of [tobias.name, tobias.email, 'Unter den Linden 1', 'Berlin', '10117', 'DE']) expect(row(tobias.id)).toContain(text);
    expect(csv.text).not.toContain('keep her new address quiet');
    expect(adminProblems).toEqual([]);
  });

  it('a clerk at phone width downloads one customer’s contact card from their page', async () => {
    const { page, problems, context } = await openPage(env.browser, phone);
    const url = env.server.url;
    await signIn(page, url, earl(env.server));
    await page.goto(`${url}/customers/${tobias.id}`);
    await page.getByRole('heading', { level: 1, name: tobias.name }).waitFor();
    const contact = page.getByRole('region', { name: 'Contact' });
    // The address the way Germany writes it.
    await expect.poll(() => contact.textContent()).toContain('Unter den Linden 1, 10117 Berlin, DE');
    expect(await contact.getByRole('link', { name: `Download ${tobias.name}’s record as a spreadsheet (CSV)` }).count()).toBe(1);
    expect(await contact.getByRole('link', { name: `Download ${tobias.name}’s record as JSON lines` }).count()).toBe(1);
    const card = contact.getByRole('link', { name: `Download ${tobias.name}’s contact card (vCard)` });
    await card.scrollIntoViewIfNeeded();
    const box = await card.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= phone.width).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, 'customer page with its downloads, at phone width');
    await screenshot(page, 'customer-downloads-phone');

    const vcard = await download(page, card);
    expect(vcard.name).toBe('Tobias-Lindqvist.vcf');
    const lines = vcard.text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCARD');
    expect(lines).toContain(`FN:${tobias.name}`);
    expect(lines.some((l) => /^EMAIL[;:]/.test(l) && l.endsWith(`:${tobias.email}`)), lines.join('\n')).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a manager is told an admin exports every customer, and has no links to do it', async () => {
    const { page, problems, context } = await openPage(env.browser);
    await signIn(page, env.server.url, grace());
    await goToManaged(page, 'Import');
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Import a file' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('An admin exports every customer');
    expect(await page.getByRole('region', { name: 'Export every customer' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /every customer/ }).count()).toBe(0);
    expect(await page.locator('a[href*="/customers/export"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
