import { defineConfig } from 'vitest/config';

/**
 * Every test: server (src/**) and, in real Chromium, the web app (web/tests/**).
 *
 * On PostgreSQL (TEST_DATABASE_URL set) the web app's tests are left out unless
 * RAPPORT_BROWSER_TESTS=all, but for the few in `onBothEngines`: they drive the same API whose every
 * route the server tests already run on both engines, and running them twice made CI take 17 minutes
 * rather than 14.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const withBrowser = !onPostgres || process.env.RAPPORT_BROWSER_TESTS === 'all';
/** Journeys whose server side differs by engine (events crossing processes by NOTIFY/LISTEN): on both, always. */
const onBothEngines = ['web/tests/phone-call.test.ts', 'web/tests/waiting-channels.test.ts'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', ...(withBrowser ? ['web/tests/**/*.test.ts'] : onBothEngines)],
    // Builds web/dist fresh once, so the browser tests never test an old build; and the source
    // transpiled for the tests that start `rapport` in a process of its own (src/test/cli.ts).
    globalSetup: ['web/tests/build-web.ts', 'src/test/build-for-processes.ts'],
    environment: 'node',
    pool: 'forks',
    // Most tests wait on I/O (a spawned CLI, Chromium, PostgreSQL), not the CPU: three files at once
    // on a two-core machine take about 60% of the time of one at a time (measured: 4m10s against 7m).
    maxWorkers: 3,
    // Files that run in one worker share its loaded modules instead of each loading the app again
    // (measured: 6m04s against 8m22s on SQLite). Nothing in the tests relies on a fresh module:
    // no vi.mock, no module-level state changed by a test; each file opens its own database and app.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A wait for the page or a job to catch up gives it up to 10 s, not the default 1 s: CI runs
    // three files at once on two cores, and a busy moment there once outlasted a 1 s wait. A wait
    // that is met returns at once, so this costs time only when a test is failing anyway.
    expect: { poll: { timeout: 10_000 } },
  },
});
