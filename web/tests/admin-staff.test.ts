import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs } from './api-as.js';
import { demoServerAndBrowser, expectAccessible, goToManaged, openPage, password, phone, signIn } from './harness.js';

/** Staff administration: invite a person with a one-time link; reset a colleague's password (issue 8). */
describe('staff administration', () => {
  const env = demoServerAndBrowser();
  const adminEmail = () => env.server.demo!.staff.find((s) => s.role === 'admin')!.email;

  async function openStaff(page: Page) {
    await signIn(page, env.server.url, adminEmail());
    await goToManaged(page, 'Admin');
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
  }
  const card = (page: Page, name: string) => page.getByRole('list', { name: /Accounts/ }).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name }) });

  it('invites a person, who opens the link in a browser of their own, chooses a password and arrives signed in', async () => {
    const admin = await openPage(env.browser);
    await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    await openStaff(admin.page);
    await admin.page.getByRole('button', { name: 'Invite a person' }).click();
    const form = admin.page.getByRole('form', { name: 'Invite a person' });
    await form.getByLabel('Name', { exact: true }).fill('Nia Novak');
    await form.getByLabel('Email').fill('Nia@Demo.example');
    await form.getByLabel('Role').selectOption('manager');
    await form.getByRole('checkbox', { name: 'First Valley Bank, Riverside branch' }).check();
    await expectAccessible(admin.page, 'invite form');
    await form.getByRole('button', { name: 'Invite' }).click();

    const linkBox = admin.page.getByRole('textbox', { name: 'Invitation link for Nia Novak' });
    const link = await linkBox.inputValue();
    expect(link).toMatch(new RegExp(`^${env.server.url}/welcome#token=[A-Za-z0-9_-]{43}$`));
    expect(await admin.page.getByRole('group', { name: 'Invitation link for Nia Novak' }).textContent()).toMatch(/works once, until/);
    await admin.page.getByRole('button', { name: 'Copy link' }).click();
    await admin.page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    expect(await admin.page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const nia = card(admin.page, 'Nia Novak');
    expect((await nia.textContent())?.replace(/\s+/g, ' ')).toMatch(/nia@demo\.example.*Manager.*First Valley Bank, Riverside branch.*Waiting for a password/);
    await expectAccessible(admin.page, 'staff with invitation link');
    await admin.page.getByRole('button', { name: 'Done' }).click();
    expect(await linkBox.count()).toBe(0);

    // Nia, on her phone, with no session.
    const invitee = await openPage(env.browser, phone);
    await invitee.page.goto(link);
    await invitee.page.getByRole('heading', { level: 1, name: 'Choose your password' }).waitFor();
    await expectAccessible(invitee.page, 'welcome');
    await invitee.page.getByLabel('New password').fill('nia chose this herself');
    await invitee.page.getByLabel('Repeat the password').fill('nia chose this too');
    await invitee.page.getByRole('button', { name: 'Save password and sign in' }).click();
    await invitee.page.getByRole('alert').filter({ hasText: 'the two passwords differ' }).waitFor();
    await invitee.page.getByLabel('Repeat the password').fill('nia chose this herself');
    await invitee.page.getByRole('button', { name: 'Save password and sign in' }).click();
    await invitee.page.getByRole('combobox', { name: 'Look up a customer' }).waitFor();
    expect(new URL(invitee.page.url()).pathname).toBe('/');
    expect(invitee.page.url()).not.toContain('token');
    expect(await invitee.page.locator('.who').textContent()).toBe('Nia Novak');

    // The link worked once; she signs in with her own password from then on.
    const again = await openPage(env.browser, phone);
    await again.page.goto(link);
    await again.page.getByLabel('New password').fill('someone else trying');
    await again.page.getByLabel('Repeat the password').fill('someone else trying');
    await again.page.getByRole('button', { name: 'Save password and sign in' }).click();
    await again.page.getByRole('alert').filter({ hasText: 'This link does not work' }).waitFor();
    const login = await again.page.request.post(`${env.server.url}/api/v1/auth/login`, { data: { email: 'nia@demo.example', password: 'nia chose this herself' } });
    expect(login.status()).toBe(200);
    expect([...admin.problems, ...invitee.problems, ...again.problems]).toEqual([]);
    await Promise.all([admin.context.close(), invitee.context.close(), again.context.close()]);
  });

  it('resets a colleague’s password on a phone: their session ends and their token stops working at once', async () => {
    // Alex, a second admin, is signed in and has a token of his own.
    const setup = await openPage(env.browser);
    await signIn(setup.page, env.server.url, adminEmail());
    await apiAs(setup.page, env.server.url, 'POST', '/staff', { email: 'alex@demo.example', name: 'Alex Second', role: 'admin', password });
    const alex = await openPage(env.browser);
    await signIn(alex.page, env.server.url, 'alex@demo.example');
    const token = await apiAs<{ secret: string }>(alex.page, env.server.url, 'POST', '/tokens', { name: 'Alex’s report script', scope: 'read' });
    const withToken = () => fetch(`${env.server.url}/api/v1/customers?limit=1`, { headers: { authorization: `Bearer ${token.secret}` } });
    expect((await withToken()).status).toBe(200);

    const admin = await openPage(env.browser, phone);
    await openStaff(admin.page);
    const alexCard = card(admin.page, 'Alex Second');
    await alexCard.getByRole('button', { name: 'Reset password Alex Second' }).click();
    const confirm = alexCard.getByRole('group', { name: 'Reset Alex Second’s password?' });
    await expectAccessible(admin.page, 'reset confirmation (phone)');
    await confirm.getByRole('button', { name: 'Reset password', exact: true }).click();
    const link = await admin.page.getByRole('textbox', { name: 'Reset link for Alex Second' }).inputValue();
    expect(link).toMatch(/\/welcome#token=/);
    expect(await alexCard.textContent()).toContain('Waiting for a password');
    await expectAccessible(admin.page, 'reset link (phone)');
    expect(await admin.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);

    // Alex's next request answers 401, and his token is refused.
    expect((await alex.page.request.get(`${env.server.url}/api/v1/auth/me`)).status()).toBe(401);
    await alex.page.reload();
    await alex.page.getByRole('heading', { name: 'Sign in to Rapport' }).waitFor();
    expect((await withToken()).status).toBe(401);
    expect([...setup.problems, ...alex.problems, ...admin.problems]).toEqual([]);
    await Promise.all([setup.context.close(), alex.context.close(), admin.context.close()]);
  });
});
