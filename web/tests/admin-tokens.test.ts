import { describe, expect, it } from 'vitest';
import { demoServerAndBrowser, expectAccessible, openPage, signIn } from './harness.js';

/** API tokens for an integration: the secret once, use it, revoke it (issue 8). */
describe('API token administration', () => {
  const env = demoServerAndBrowser();
  const adminEmail = () => env.server.demo!.staff.find((s) => s.role === 'admin')!.email;

  it('adds an integration, makes it a token whose secret shows once, uses it, revokes it, and sees 401', async () => {
    const { page, context, problems } = await openPage(env.browser);
    await signIn(page, env.server.url, adminEmail());
    await page.goto(`${env.server.url}/admin/staff`);
    await page.getByRole('button', { name: 'Add an integration' }).click();
    const form = page.getByRole('form', { name: 'Add an integration' });
    await form.getByLabel('Integration name').fill('POS sync');
    await form.getByRole('checkbox', { name: 'Hutchins Hardware, Elm Street' }).check();
    await form.getByRole('button', { name: 'Add integration' }).click();
    const pos = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: 'POS sync' }) });
    expect((await pos.textContent())?.replace(/\s+/g, ' ')).toMatch(/Integration.*No sign-in: acts only through its API tokens.*Frontline.*Hutchins Hardware/);

    await page.getByRole('status').getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await page.getByRole('button', { name: 'Create a token' }).click();
    const tokenForm = page.getByRole('form', { name: 'Create a token' });
    await tokenForm.getByLabel('Token name').fill('POS nightly import');
    await tokenForm.getByLabel('Acts as', { exact: true }).selectOption({ label: 'POS sync (integration)' });
    await tokenForm.getByRole('radio', { name: /Read and write/ }).check();
    await expectAccessible(page, 'token form');
    await tokenForm.getByRole('button', { name: 'Create token' }).click();

    const secretBox = page.getByRole('textbox', { name: 'Secret of POS nightly import' });
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^rpt_[A-Za-z0-9_-]{43}$/);
    expect(await page.getByRole('group', { name: 'Secret of POS nightly import' }).textContent()).toContain('it will not be shown again');
    await page.getByRole('button', { name: 'Copy secret' }).waitFor();
    await expectAccessible(page, 'token secret');

    const call = (method = 'GET', body?: object) =>
      fetch(`${env.server.url}/api/v1/customers${method === 'GET' ? '?limit=1' : ''}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await call()).status).toBe(200);
    const made = await call('POST', { displayName: 'Made by the till' });
    expect(made.status).toBe(201);
    expect(((await made.json()) as { createdBy: string }).createdBy).not.toBe(env.server.demo!.staff.find((s) => s.role === 'admin')!.id);

    await page.getByRole('button', { name: 'Done, I have copied it' }).click();
    expect(await secretBox.count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    const tokenCard = page.getByRole('list', { name: /Tokens/ }).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: 'POS nightly import' }) });
    expect((await tokenCard.textContent())?.replace(/\s+/g, ' ')).toMatch(/Acts as\s?POS sync \(integration\).*Read and write/);

    await tokenCard.getByRole('button', { name: 'Revoke POS nightly import' }).click();
    await tokenCard.getByRole('group', { name: 'Revoke POS nightly import?' }).getByRole('button', { name: 'Revoke', exact: true }).click();
    await tokenCard.getByText('Revoked', { exact: true }).first().waitFor();
    expect(await tokenCard.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    await expectAccessible(page, 'tokens after revoking');
    expect((await call()).status).toBe(401);
    expect(problems).toEqual([]);
    await context.close();
  });
});
