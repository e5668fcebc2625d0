import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { notifyDueReminders } from '../../src/notifications/reminder-scan.js';
import { addEndingProject, addStaff, projectEndsSource } from '../../src/test/reminder-fixtures.js';
import { expectAccessible, launchBrowser, openPage, phone, signIn, startServer, type Server } from './harness.js';

/**
 * A reminder for the signed-in staff member shows in the header's count; opening it goes to its link
 * and the count drops; "Mark all read" clears it. At phone width, by role and name, with the keyboard.
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

const log = pino({ level: 'silent' });
const lastWeek = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);

describe('notifications in the header', () => {
  it('shows the unread count, opens the reminder where it points, and the count drops', async () => {
    const db = server.database.db;
    const earl = await addStaff(db, 'Earl Notified');
    const source = projectEndsSource([earl.id]);
    const { customerId } = await addEndingProject(db, earl.id, 'Jim Alvarez', lastWeek);
    await notifyDueReminders(db, [source], { now: new Date(), email: false, log });

    const { page, problems, context } = await openPage(browser, phone);
    await signIn(page, server.url, earl.email);
    const bell = page.getByRole('button', { name: 'Notifications 1 unread' });
    await bell.waitFor();

    // Keyboard: open, look, close with Escape (focus comes back), open again.
    await bell.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Notifications' });
    const reminder = panel.getByRole('link', { name: /Jim Alvarez: "Kitchen refit" was to end/ });
    await reminder.waitFor();
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    expect(await reminder.textContent()).toContain('Ask Jim Alvarez how it went');
    await expectAccessible(page, 'notifications open, phone');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(await bell.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    await reminder.click();
    await page.getByRole('heading', { level: 1, name: 'Jim Alvarez' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/customers/${customerId}`);
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    await expect.poll(async () => (await db.selectFrom('notifications').select('readAt').where('staffId', '=', earl.id).executeTakeFirst())?.readAt).not.toBeNull();

    // Two more come due; after a reload the count says so, and "Mark all read" clears it.
    await addEndingProject(db, earl.id, 'Rosa Diaz', lastWeek);
    await addEndingProject(db, earl.id, 'Karl Berg', lastWeek);
    await notifyDueReminders(db, [source], { now: new Date(), email: false, log });
    await page.reload();
    await page.getByRole('button', { name: 'Notifications 2 unread' }).click();
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('button', { name: 'Notifications', exact: true }).waitFor();
    expect(await panel.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
    // The count drops at once; the write lands a moment later.
    const unread = () => db.selectFrom('notifications').select('id').where('staffId', '=', earl.id).where('readAt', 'is', null).execute();
    await expect.poll(unread).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
