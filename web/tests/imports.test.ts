import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCheckJob, importRunJob, importUndoJob } from '../../src/imports/import-jobs.js';
import { createJobWorker, type JobWorker } from '../../src/platform/jobs/job-worker.js';
import { apiAs } from './api-as.js';
import { earl, expectAccessible, goToManaged, launchBrowser, openPage, phone, screenshot, signIn, startServer, type Server } from './harness.js';

/**
 * Scenario S6 through the screens: a manager imports the Google contacts, then the point-of-sale
 * export as customers; the check says what each would do, the import shows its progress and what it
 * did; the duplicates queue shows Robert and Bob Smith with why, and they are merged from it; the
 * point-of-sale import is then undone from the list of imports, its progress shown as the import's.
 */

const fixtures = fileURLToPath(new URL('../../src/imports/readers/fixtures/', import.meta.url));

interface ImportOut {
  id: string;
  status: string;
  totalRows: number;
  check: { records: number; created: number; updated: number; unchanged: number; review: number; problems: number; notes: string[] } | null;
  result: { created: number; updated: number; unchanged: number; review: number; problems: number } | null;
}

describe('importing the silos and reviewing the duplicates', () => {
  const env = {} as { server: Server; browser: Browser; worker: JobWorker };
  const grace = () => env.server.demo!.staff.find((s) => s.name === 'Grace Okafor')!.email;

  beforeAll(async () => {
    env.server = await startServer({ demo: true });
    // The harness's server does not run background jobs (server.ts does): the imports' worker runs here, polling as in production.
    env.worker = worker();
    env.worker.start();
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.worker?.stop();
    await env.browser?.close();
    await env.server?.close();
  });

  const worker = () => createJobWorker({ database: env.server.database, kinds: [importCheckJob, importRunJob, importUndoJob], log: pino({ level: 'silent' }), pollMs: 200 });

  /** The newest import of a file, as the API has it. */
  async function importOf(page: Page, fileName: string): Promise<ImportOut> {
    const list = await apiAs<{ items: (ImportOut & { fileName: string })[] }>(page, env.server.url, 'GET', '/imports?limit=50');
    return list.items.find((i) => i.fileName === fileName)!;
  }

  /** Chooses a file on the form and says where it comes from; the check then runs on the server. */
  async function checkFile(page: Page, fileName: string, source: string) {
    await page.getByRole('heading', { level: 2, name: 'Import a file' }).waitFor();
    await page.getByLabel('File', { exact: true }).setInputFiles(path.join(fixtures, fileName));
    await page.getByLabel('Which system it comes from').fill(source);
    expect(await page.getByLabel('What it holds').inputValue()).toBe('customers');
    await page.getByLabel('Which system it comes from').press('Enter');
    await page.getByRole('heading', { level: 2, name: fileName }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'What the check found' }).waitFor();
    const checked = await importOf(page, fileName);
    expect(checked.status).toBe('checked');
    return checked;
  }

  /** Import, then the progress bar at its end and what the import did. */
  async function commit(page: Page, fileName: string) {
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'Imported' }).waitFor();
    const bar = page.getByRole('progressbar', { name: 'Records imported' });
    const done = await importOf(page, fileName);
    expect(done.status).toBe('done');
    await expect.poll(async () => [await bar.getAttribute('value'), await bar.getAttribute('max')]).toEqual([String(done.totalRows), String(done.totalRows)]);
    const r = done.result!;
    await expect
      .poll(() => page.getByRole('region', { name: fileName }).textContent())
      .toContain(`Created ${r.created}, updated ${r.updated}, already there ${r.unchanged}, ${r.review} to review as possible duplicates, ${r.problems} with problems.`);
    return done;
  }

  it('a manager imports the Google contacts and the till’s customers, merges Bob into Robert from the queue, and undoes the till’s import', async () => {
    const { page, problems, context } = await openPage(env.browser);
    const url = env.server.url;
    await signIn(page, url, grace());
    await goToManaged(page, 'Import');
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await expectAccessible(page, 'import screen, the form');

    // Google contacts: the check says what it would do, how the file was read, and writes nothing.
    const google = await checkFile(page, 'google-contacts.csv', 'google-contacts');
    const g = google.check!;
    expect(g.created).toBeGreaterThanOrEqual(4);
    const panel = page.getByRole('region', { name: 'google-contacts.csv' });
    expect(await panel.textContent()).toContain(`Would create ${g.created}, update ${g.updated}, already there ${g.unchanged}, ${g.review} to review as possible duplicates, ${g.problems} with problems.`);
    expect(await panel.getByRole('list', { name: 'How the file was read' }).textContent()).toContain('as a Google Contacts export');
    expect(await page.getByRole('list', { name: 'Past imports' }).getByRole('listitem').filter({ hasText: 'google-contacts.csv' }).textContent()).toContain('Checked, not imported');
    expect(await env.server.database.db.selectFrom('customers').select('id').where('displayName', '=', 'Wei Chen').execute()).toEqual([]);
    await expectAccessible(page, 'import screen, the check');
    await screenshot(page, 'import-check');
    await commit(page, 'google-contacts.csv');
    await expectAccessible(page, 'import screen, done');
    await screenshot(page, 'import-done');

    // The till's customers: Bob Smith has Robert's mobile, so a person should look.
    await page.getByRole('button', { name: 'Import another file' }).click();
    const pos = await checkFile(page, 'pos-sales.csv', 'pos');
    expect(pos.check!.review).toBeGreaterThanOrEqual(1);
    const done = await commit(page, 'pos-sales.csv');
    expect(done.result!.review).toBeGreaterThanOrEqual(1);
    await page.getByRole('link', { name: `Review the possible duplicates (${done.result!.review})` }).click();

    // The queue: the Smiths with why; Compare and merge goes to the merge screen with both.
    await page.getByRole('heading', { level: 1, name: 'Possible duplicates' }).waitFor();
    const pairs = page.getByRole('list', { name: 'Pairs to review' }).getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Robert Smith and Bob Smith' }) });
    await expect.poll(() => pairs.count()).toBe(1);
    const reasons = await pairs.getByRole('list', { name: 'Why Robert Smith and Bob Smith may be one person' }).getByRole('listitem').allTextContents();
    expect(reasons.some((r) => /^same phone [+]\d/.test(r)), reasons.join('; ')).toBe(true);
    expect(await pairs.textContent()).toMatch(/Score \d+\.\d/);
    await expectAccessible(page, 'duplicates queue');
    await screenshot(page, 'duplicates-queue');
    await pairs.getByRole('link', { name: 'Compare and merge' }).click();
    await page.getByRole('heading', { level: 1, name: 'Merge another record into Robert Smith' }).waitFor();
    await page.getByRole('table', { name: 'Which value stays' }).waitFor();
    // Bob is the newer record, so his names are preselected: Robert keeps his.
    for (const field of ['given name: Robert', 'name as listed: Robert Smith']) {
      const radio = page.getByRole('radio', { name: `Keep this record’s ${field}` });
      if (await radio.count()) await radio.check();
    }
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Robert Smith' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Merged. Bob Smith is now part of this record.' }).waitFor();

    await goToManaged(page, 'Duplicates');
    await page.getByRole('heading', { level: 1, name: 'Possible duplicates' }).waitFor();
    const list = page.getByRole('list', { name: 'Pairs to review' });
    await expect.poll(() => list.getAttribute('aria-busy')).toBe('false');
    expect(await list.getByRole('heading', { name: /Bob Smith/ }).count()).toBe(0);

    // Undo the till's import from the list: it says first what happens.
    await goToManaged(page, 'Import');
    const entry = page.getByRole('list', { name: 'Past imports' }).getByRole('listitem').filter({ has: page.getByRole('link', { name: 'pos-sales.csv' }) });
    await expect.poll(() => entry.textContent()).toContain('Imported');
    await entry.getByRole('button', { name: 'Undo the import of pos-sales.csv' }).click();
    const question = entry.getByRole('group', { name: 'Undo the import of pos-sales.csv?' });
    expect(await question.textContent()).toContain('The customers it created go to the trash, with everything recorded about them since');
    await expectAccessible(page, 'import list, asking before an undo');
    // The undo runs in the background: held back here a moment, it shows its progress as the import did.
    await env.worker.stop();
    await question.getByRole('button', { name: 'Undo import' }).click();
    const undoing = entry.getByRole('progressbar', { name: 'Changes undone' });
    await undoing.waitFor();
    const asked = await importOf(page, 'pos-sales.csv');
    expect(asked.status).toBe('undoing');
    expect([await undoing.getAttribute('value'), await undoing.getAttribute('max')]).toEqual(['0', String(asked.totalRows)]);
    expect(await entry.textContent()).toContain('Being undone');
    await expectAccessible(page, 'import list, an undo under way');
    env.worker = worker();
    env.worker.start();
    // The worker polls, claims and undoes in batches: seconds on a busy machine.
    await expect.poll(() => entry.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/^Import undone: \d+ records? moved to the trash/);
    expect(await undoing.count()).toBe(0);
    await expect.poll(() => entry.textContent()).toContain('Undone');
    expect(await entry.getByRole('button', { name: /^Undo/ }).count()).toBe(0);

    // The till's customers are gone; the Google ones are there, Robert with his own phone and email.
    const names = async () => (await env.server.database.db.selectFrom('customers').select('displayName').execute()).map((c) => c.displayName);
    const left = await names();
    for (const gone of ['Maria Garcia', 'José Müller', 'Bob Smith']) expect(left).not.toContain(gone);
    for (const kept of ['Robert Smith', 'Priya Patel', 'Wei Chen', 'Lakeside Cycling Club']) expect(left.filter((n) => n === kept), kept).toHaveLength(1);
    const robertId = (await env.server.database.db.selectFrom('customers').select('id').where('displayName', '=', 'Robert Smith').executeTakeFirstOrThrow()).id;
    const robert = await apiAs<{ emails: { address: string }[]; phones: { e164: string }[] }>(page, url, 'GET', `/customers/${robertId}`);
    expect(robert.emails.map((e) => e.address)).toContain('robert.smith@example.com');
    expect(robert.phones.map((p) => p.e164)).toContain('+13125550142');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('works at phone width for a manager; a frontline clerk is told a manager does this', async () => {
    const url = env.server.url;
    const manager = await openPage(env.browser, phone);
    await signIn(manager.page, url, grace());
    // Two people with one phone at home: the queue suggests them, the manager says they are two people.
    const sam = await apiAs<{ id: string }>(manager.page, url, 'POST', '/customers', { givenName: 'Sam', familyName: 'Okonkwo', phones: [{ number: '(217) 555-0177' }] });
    const samantha = await apiAs<{ id: string; mayBe: { customerId: string }[] }>(manager.page, url, 'POST', '/customers', { givenName: 'Samantha', familyName: 'Okonkwo', phones: [{ number: '217.555.0177' }] });
    expect(samantha.mayBe.map((m) => m.customerId)).toContain(sam.id);
    for (const [address, heading] of [
      ['/imports', 'Import'],
      ['/duplicates', 'Possible duplicates'],
    ] as const) {
      await manager.page.goto(`${url}${address}`);
      await manager.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expect.poll(() => manager.page.locator('[aria-busy="true"]').count()).toBe(0);
      expect(await manager.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await expectAccessible(manager.page, `${address} at phone width`);
      await screenshot(manager.page, `${address.slice(1)}-phone`);
    }
    // Purchases and contacts ask how their times, amounts and channel are read; a newsletter list is sent by newsletter.
    await manager.page.goto(`${url}/imports`);
    const form = manager.page.getByRole('region', { name: 'Import a file' });
    await form.getByLabel('Which system it comes from').fill('newsletter');
    await form.getByLabel('What it holds').selectOption({ label: 'Purchases and payments' });
    expect(await form.getByLabel('Currency').inputValue()).toBe('USD');
    expect(await form.getByLabel('Time zone of its times').inputValue()).not.toBe('');
    await form.getByLabel('What it holds').selectOption({ label: 'Contacts (calls, tickets, emails)' });
    expect(await form.getByLabel('How they were in touch').inputValue()).toBe('newsletter');
    expect(await form.getByLabel('Who reached whom').inputValue()).toBe('outbound');
    expect(await manager.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(manager.page, 'import form for contacts at phone width');
    // Dates such as 03/04/1985: as the file shows unless chosen; the choice goes with the file and its check.
    await form.getByLabel('What it holds').selectOption({ label: 'Customers' });
    expect(await form.getByLabel('Dates such as 03/04/1985').inputValue()).toBe('');
    await form.getByLabel('Dates such as 03/04/1985').selectOption({ label: 'Day first: 3 April' });
    await form.getByLabel('File', { exact: true }).setInputFiles(path.join(fixtures, 'outlook-contacts.csv'));
    await form.getByLabel('Which system it comes from').fill('outlook');
    await form.getByRole('button', { name: 'Check the file' }).click();
    await manager.page.getByRole('heading', { level: 2, name: 'outlook-contacts.csv' }).waitFor();
    const outlook = await env.server.database.db.selectFrom('imports').select('options').where('fileName', '=', 'outlook-contacts.csv').executeTakeFirstOrThrow();
    expect(JSON.parse(outlook.options)).toMatchObject({ dateOrder: 'day-first' });

    await manager.page.goto(`${url}/duplicates`);
    const pair = manager.page.getByRole('list', { name: 'Pairs to review' }).getByRole('listitem').filter({ has: manager.page.getByRole('heading', { name: /Okonkwo and .* Okonkwo/ }) });
    await pair.getByRole('button', { name: 'Not the same person' }).focus();
    await manager.page.keyboard.press('Enter');
    const question = pair.getByRole('group', { name: /^(Sam|Samantha) Okonkwo and (Sam|Samantha) Okonkwo are not the same person\?$/ });
    await question.getByLabel('How you know (optional)').fill('Mother and son');
    await question.getByRole('button', { name: 'Not the same person' }).press('Enter');
    await expect.poll(() => manager.page.getByRole('status').filter({ hasText: /^Marked: .* are two people/ }).count()).toBe(1);
    expect(await pair.count()).toBe(0);
    const marks = await env.server.database.db.selectFrom('distinctCustomers').select(['firstCustomerId', 'secondCustomerId']).execute();
    expect(marks.some((m) => [m.firstCustomerId, m.secondCustomerId].sort().join() === [sam.id, samantha.id].sort().join())).toBe(true);
    await manager.page.reload();
    await manager.page.getByRole('heading', { level: 1, name: 'Possible duplicates' }).waitFor();
    await expect.poll(() => manager.page.getByRole('list', { name: 'Pairs to review' }).getAttribute('aria-busy')).toBe('false');
    expect(await manager.page.getByRole('heading', { name: /Okonkwo/ }).count()).toBe(0);

    // The Google import, opened from the list, with its Undo in reach.
    await manager.page.goto(`${url}/imports`);
    await manager.page.getByRole('list', { name: 'Past imports' }).getByRole('link', { name: 'google-contacts.csv' }).click();
    await manager.page.getByRole('heading', { level: 3, name: 'Imported' }).waitFor();
    const undo = await manager.page.getByRole('region', { name: 'google-contacts.csv' }).getByRole('button', { name: 'Undo the import of google-contacts.csv' }).boundingBox();
    expect(undo && undo.x >= 0 && undo.x + undo.width <= phone.width).toBe(true);
    expect(manager.problems).toEqual([]);
    await manager.context.close();

    const clerk = await openPage(env.browser, phone);
    await signIn(clerk.page, url, earl(env.server));
    expect(await clerk.page.getByRole('link', { name: 'Import', exact: true }).count()).toBe(0);
    expect(await clerk.page.getByRole('link', { name: 'Duplicates', exact: true }).count()).toBe(0);
    expect(await clerk.page.getByRole('button', { name: 'Manage' }).count()).toBe(0);
    for (const [address, heading, sentence] of [
      ['/imports', 'Import', 'A manager imports customers, purchases and contacts from other systems.'],
      ['/duplicates', 'Possible duplicates', 'A manager reviews possible duplicates and merges the records of one person.'],
    ] as const) {
      await clerk.page.goto(`${url}${address}`);
      await clerk.page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await clerk.page.getByRole('main').textContent()).toContain(sentence);
      expect(await clerk.page.getByRole('button').filter({ hasText: /Import|Merge/ }).count()).toBe(0);
      await expectAccessible(clerk.page, `${address} for a clerk`);
    }
    expect(clerk.problems).toEqual([]);
    await clerk.context.close();
  });
});
