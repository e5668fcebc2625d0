import { defineConfig } from 'vitest/config';

/** Every test: server (src/**) and, in real Chromium, the web app (web/tests/**). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/tests/**/*.test.ts'],
    // Builds web/dist fresh once, so the browser tests never test an old build.
    globalSetup: ['web/tests/build-web.ts'],
    environment: 'node',
    pool: 'forks',
    // Most tests wait on I/O (a spawned CLI, Chromium, PostgreSQL), not the CPU: three files at once
    // on a two-core machine take about 60% of the time of one at a time (measured: 4m10s against 7m).
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
