import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, desktop, expectAccessible, openPage, screenshot, signIn, type Server } from './harness.js';

/**
 * S5 The ward. At the end of the night shift Joy Mensah (Ward 6) hands a patient to the morning
 * nurse, Ben Castillo: what he was told, and her promise to call his daughter, which stays hers until
 * Ben accepts. Ben accepts: the promise is his, the hand-off is at the top of the patient's brief
 * until he has read it, then it is gone. At desktop width and on a 360 px phone.
 */
describe('hand-offs', () => {
  const env = demoServerAndBrowser();
  const joy = 'joy@demo.example';
  const ben = 'ben@demo.example';
  const smallPhone = { width: 360, height: 780 };
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  async function journey(server: Server, browser: Browser, viewport: { width: number; height: number }, patient: { givenName: string; familyName: string }) {
    const name = `${patient.givenName} ${patient.familyName}`;
    const promise = "call the daughter after the consultant's round";
    const ward = await server.database.db.selectFrom('locations').select('id').where('name', 'like', '%Ward 6%').executeTakeFirstOrThrow();

    // Joy, at the end of the night: the patient, and her promise to call the daughter.
    const night = await openPage(browser, viewport);
    await signIn(night.page, server.url, joy);
    const customer = await apiAs<{ id: string }>(night.page, server.url, 'POST', '/customers', { ...patient, locationId: ward.id });
    const made = await apiAs<{ id: string }>(night.page, server.url, 'POST', '/promises', { customerId: customer.id, what: promise, dueAt: new Date(Date.now() + 4 * 3_600_000).toISOString() });

    // A first try, to the next shift, she takes back: Withdraw, confirmed; nothing moves, it leaves her list.
    await apiAs(night.page, server.url, 'POST', '/handoffs', { toLocationId: ward.id, customers: [{ customerId: customer.id }] });
    await night.page.goto(`${server.url}/handoffs`);
    const mine = night.page.getByRole('region', { name: 'Yours, not accepted yet' });
    const first = mine.getByRole('article').filter({ hasText: name });
    await first.waitFor();
    await first.getByRole('button', { name: 'Withdraw the hand-off from Joy Mensah' }).click();
    await first.getByRole('group', { name: 'Withdraw the hand-off from Joy Mensah?' }).getByRole('button', { name: 'Withdraw' }).click();
    await expect.poll(() => mine.getByRole('article').filter({ hasText: name }).count()).toBe(0);

    // She writes the hand-off from the patient's page, to Ben.
    await night.page.goto(`${server.url}/customers/${customer.id}`);
    await night.page.getByRole('link', { name: `Hand off ${name}` }).click();
    const form = night.page.getByRole('form', { name: 'Hand-off' });
    await form.getByRole('group', { name: name }).waitFor();
    await form.getByLabel('Hand over to').selectOption({ label: 'Ben Castillo' });
    expect(await form.getByRole('group', { name }).textContent()).toContain(`Your open promises to them go with it: ${promise}.`);
    await form.getByRole('textbox', { name: `What they were told (${name})` }).fill('The consultant decides on the morning round whether he goes home.');
    await form.getByRole('textbox', { name: `What worries them (${name})` }).fill('His wife’s birthday on Friday.');
    await expectAccessible(night.page, 'writing a hand-off');
    await screenshot(night.page, `handoff-write-${viewport.width}`);
    expect(await fitsWidth(night.page)).toBe(true);
    await form.getByRole('button', { name: 'Hand over' }).click();
    const pending = night.page.getByRole('region', { name: 'Yours, not accepted yet' }).getByRole('article', { name: 'Hand-off from Joy Mensah to Ben Castillo' }).filter({ hasText: name });
    await pending.waitFor();
    expect(await pending.textContent()).toContain('Pending: not accepted yet');
    // Until Ben accepts, the promise is still Joy's.
    const owner = async () => (await server.database.db.selectFrom('promises as p').innerJoin('staff as s', 's.id', 'p.ownerId').select('s.name').where('p.id', '=', made.id).executeTakeFirstOrThrow()).name;
    expect(await owner()).toBe('Joy Mensah');
    await night.context.close();

    // Ben, the morning shift: told in his Notifications, the hand-off waits for him; he accepts it.
    const morning = await openPage(browser, viewport);
    await signIn(morning.page, server.url, ben);
    await morning.page.getByRole('button', { name: /^Notifications/ }).click();
    await morning.page.getByRole('link', { name: new RegExp(`Joy Mensah handed over ${name} to you`) }).first().click();
    await morning.page.getByRole('region', { name: 'The hand-off you opened' }).getByRole('article').filter({ hasText: name }).waitFor();
    // The withdrawn first try told him too (he is on Ward 6's staff): he clears the rest.
    await morning.page.getByRole('button', { name: /^Notifications/ }).click();
    await morning.page.getByRole('button', { name: 'Mark all read' }).click();
    await morning.page.keyboard.press('Escape');
    await morning.page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    await morning.page.getByRole('banner').getByRole('link', { name: 'Hand-offs' }).click();
    const incoming = morning.page.getByRole('region', { name: 'Waiting for you' }).getByRole('article').filter({ hasText: name });
    await incoming.waitFor();
    expect(await incoming.textContent()).toContain(`Promise: ${promise}`);
    await expectAccessible(morning.page, 'hand-offs waiting');
    expect(await fitsWidth(morning.page)).toBe(true);
    await incoming.getByRole('button', { name: 'Accept the hand-off from Joy Mensah' }).click();
    await morning.page.getByRole('region', { name: 'You accepted' }).getByRole('article').filter({ hasText: name }).waitFor();
    await expect.poll(owner).toBe('Ben Castillo');

    // The patient's brief: the hand-off at the top until Ben has read it, then gone.
    await morning.page.goto(`${server.url}/customers/${customer.id}`);
    const brief = morning.page.getByRole('region', { name: 'Brief' });
    const banner = brief.getByRole('region', { name: 'Handed over by Joy Mensah to Ben Castillo' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Accepted by Ben Castillo');
    expect(await banner.textContent()).toContain('The consultant decides on the morning round');
    const since = brief.getByRole('region', { name: 'Since you last saw them' });
    await expect.poll(() => since.textContent()).toContain(`You promised ${patient.givenName}: ${promise}`);
    await expectAccessible(morning.page, 'the brief with a hand-off');
    await screenshot(morning.page, `handoff-banner-${viewport.width}`);
    expect(await fitsWidth(morning.page)).toBe(true);
    await banner.getByRole('button', { name: 'Mark hand-off as read' }).click();
    await expect.poll(() => banner.count()).toBe(0);
    // Gone after a reload too, and on the timeline since.
    await morning.page.reload();
    await brief.getByRole('region', { name: 'Since you last saw them' }).waitFor();
    expect(await brief.getByRole('region', { name: 'Handed over by Joy Mensah to Ben Castillo' }).count()).toBe(0);
    expect(night.problems).toEqual([]);
    expect(morning.problems).toEqual([]);
    await morning.context.close();
  }

  it('S5 at desktop width: written by the night nurse, accepted by the morning nurse with her promise, the banner read and gone', async () => {
    await journey(env.server, env.browser, desktop, { givenName: 'Edith', familyName: 'Lang' });
  });

  it('S5 on a 360 px phone: the same journey', async () => {
    await journey(env.server, env.browser, smallPhone, { givenName: 'Frank', familyName: 'Moss' });
  });
});
