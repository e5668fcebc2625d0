import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { seedDemo, type SeedSummary } from '../../src/demo/seed-demo.js';
import { loadConfig } from '../../src/platform/config.js';
import type { DatabaseHandle } from '../../src/platform/database/connect.js';
import { buildApp } from '../../src/app/app.js';
import type { App } from '../../src/platform/http/types.js';
import { testDatabase } from '../../src/test/database.js';

/** Browser tests: the real server on a random port serving web/dist, driven through Debian's Chromium. */

const repo = fileURLToPath(new URL('../../', import.meta.url));
export const webDist = path.join(repo, 'web/dist');
export const password = 'correct horse battery staple';
export const shotsDir = process.env.RAPPORT_SCREENSHOTS ?? path.join(os.tmpdir(), 'rapport-screenshots');

/** Builds web/dist when it is missing (the web vitest config builds it fresh before every run). */
export function ensureWebBuilt(): void {
  if (existsSync(path.join(webDist, 'index.html'))) return;
  execFileSync(process.execPath, [path.join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' }, // vitest's NODE_ENV=test would build React for development
  });
}

export interface Server {
  url: string;
  app: App;
  database: DatabaseHandle;
  /** The demo world (staff, customers) when seeded. */
  demo: SeedSummary | null;
  close(): Promise<void>;
}

export async function startServer(options: { demo: boolean }): Promise<Server> {
  ensureWebBuilt();
  const database = await testDatabase();
  const demo = options.demo ? await seedDemo(database.db, { password, force: false, seed: 1, phoneRegion: 'US', customers: 40 }) : null;
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), phoneRegion: 'US' };
  const app = await buildApp({ config, database, logger: false, rateLimitPerMinute: 100_000, webRoot: webDist });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    database,
    demo,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const desktop = { width: 1280, height: 860 };
export const phone = { width: 390, height: 844 };

/** A fresh browser profile at a screen size; fails the test on any page error or CSP violation. */
export async function openPage(browser: Browser, viewport = desktop): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const mobile = viewport.width < 600;
  const context = await browser.newContext({ viewport, ...(mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  return { context, page, problems };
}

export async function signIn(page: Page, url: string, email: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('combobox', { name: 'Look up a customer' }).waitFor();
}

/** Goes to a screen of the header's Manage entry (Import, Duplicates, Data quality, Trash, Admin) as a person does: opens it, then follows the link. */
export async function goToManaged(page: Page, name: string): Promise<void> {
  const header = page.getByRole('banner');
  await header.getByRole('button', { name: 'Manage' }).click();
  await header.getByRole('link', { name, exact: true }).click();
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core on the page as it is now. Injected through the DevTools protocol (page.evaluate), because
 * the app's CSP (script-src 'self') rightly refuses an inline <script> from addScriptTag({ content }).
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  const lines = violations.map((v) => `${screen}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(lines).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

/** The demo staff member at the hardware store (scenario S1). */
export const earl = (server: Server) => server.demo!.staff.find((s) => s.email.startsWith('earl'))!.email;
export const jimId = (server: Server) => server.demo!.customers.get('jim-alvarez')!;

/**
 * The usual set-up of a browser test file: a server on the demo data and one Chromium, started
 * before the file's tests and closed after them. Read `env.server` and `env.browser` inside tests.
 */
export function demoServerAndBrowser(): { server: Server; browser: Browser } {
  const env = {} as { server: Server; browser: Browser };
  beforeAll(async () => {
    env.server = await startServer({ demo: true });
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
