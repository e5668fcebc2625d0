import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/app.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { signatureHeaderValue } from '../../src/platform/http/signature.js';
import { loadConfig } from '../../src/platform/config.js';
import type { DatabaseHandle } from '../../src/platform/database/connect.js';
import type { App } from '../../src/platform/http/types.js';
import { testDatabase } from '../../src/test/database.js';
import { desktop, ensureWebBuilt, expectAccessible, goToManaged, launchBrowser, openPage, password, screenshot, signIn, webDist } from './harness.js';

/**
 * The phone's screen-pop (issue 12): an admin gives Earl his phone extension on the staff screen;
 * Earl is signed in; the phone system posts a signed ringing call, and before he answers his page
 * shows who is calling, whose link opens Jim's brief. A number no customer has pops up as an unknown
 * caller, dismissed with Escape, or opening the urgent intake with the number filled in.
 */

const secret = 'phone-system-secret-for-the-browser-test';
let app: App;
let database: DatabaseHandle;
let url: string;
let browser: Browser;
let earlId: string;
let jim: string;
let calls = 0;

beforeAll(async () => {
  ensureWebBuilt();
  database = await testDatabase();
  const demo = await seedDemo(database.db, { password, force: false, seed: 1, phoneRegion: 'US', customers: 40 });
  earlId = demo.staff.find((s) => s.email === 'earl@demo.example')!.id;
  jim = demo.customers.get('jim-alvarez')!;
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), phoneRegion: 'US', phoneWebhookSecret: secret };
  app = await buildApp({ config, database, logger: false, rateLimitPerMinute: 100_000, webRoot: webDist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

/** The phone system: a signed ringing event for extension 214. */
async function ring(from: string): Promise<void> {
  const body = JSON.stringify({ callId: `browser-call-${++calls}`, event: 'ringing', from, to: '+1 217 555 0100', extension: '214' });
  const res = await fetch(`${url}/api/v1/phone/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rapport-signature': signatureHeaderValue(secret, Math.floor(Date.now() / 1000), body) },
    body,
  });
  expect(res.status).toBe(200);
}

const popOver = (page: Page, text: string) => page.getByRole('region', { name: 'Incoming calls' }).getByRole('alert').filter({ hasText: text });

describe('the phone screen-pop', () => {
  it('shows the caller to the agent the call rings, before he answers: Jim’s brief, or the urgent intake for an unknown number', async () => {
    const admin = await openPage(browser, desktop);
    await signIn(admin.page, url, 'admin@demo.example');
    await goToManaged(admin.page, 'Admin');
    const card = admin.page.getByRole('list', { name: /Accounts/ }).getByRole('listitem').filter({ has: admin.page.getByRole('heading', { level: 3, name: 'Earl Hutchins' }) });
    await card.getByRole('button', { name: 'Change role, locations and extension Earl Hutchins' }).click();
    await card.getByLabel('Phone extension').fill('214');
    await expectAccessible(admin.page, 'staff access form with the phone extension');
    await card.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await card.textContent())?.replace(/\s+/g, ' ')).toContain('Phone extension214');
    expect(admin.problems).toEqual([]);
    await admin.context.close();

    const { page, problems, context } = await openPage(browser, desktop);
    await signIn(page, url, 'earl@demo.example');
    // His open page holds its stream of events.
    await expect.poll(() => app.events.openStreams(earlId)).toBe(1);

    await ring('+12175550142');
    const jimsCall = popOver(page, 'Incoming call: Jim Alvarez – +1 217 555 0142');
    await jimsCall.waitFor();
    // Before he answers: the first lines of Jim's brief, read as Earl.
    const before = jimsCall.getByRole('list', { name: 'Before you answer' });
    await expect.poll(() => before.textContent()).toContain('Customer since 2019.');
    await expectAccessible(page, 'incoming call pop-over');
    await screenshot(page, 'phone-incoming-call');
    await jimsCall.getByRole('link', { name: 'Incoming call: Jim Alvarez – +1 217 555 0142' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/customers/${jim}`);
    expect(await page.getByRole('region', { name: 'Incoming calls' }).count()).toBe(0);

    // A number no customer has: Escape dismisses it...
    await ring('+1 312 555 0199');
    await popOver(page, 'Unknown caller +1 312 555 0199').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('region', { name: 'Incoming calls' }).count()).toBe(0);

    // ...and its link opens the help-first intake with the number filled in.
    await ring('(312) 555-0198');
    const unknown = popOver(page, 'Unknown caller +1 312 555 0198');
    await unknown.getByRole('link', { name: 'Unknown caller +1 312 555 0198' }).click();
    await page.getByRole('heading', { level: 1, name: 'Urgent case' }).waitFor();
    expect(await page.getByLabel('Callback number or name').inputValue()).toBe('+1 312 555 0198');
    await expectAccessible(page, 'urgent intake from an unknown caller');
    expect(problems).toEqual([]);
    await context.close();
    await expect.poll(() => app.events.openStreams(earlId)).toBe(0);
  });
});
