import { defineConfig } from 'vitest/config';

/** Every test: server (src/**) and, in real Chromium, the web app (web/tests/**). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/tests/**/*.test.ts'],
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
  },
});
