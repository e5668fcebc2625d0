import { defineConfig } from 'vitest/config';

/** Browser tests of the web app: `npx vitest run --config web/vitest.config.ts`. */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['web/tests/**/*.test.ts'],
    globalSetup: ['web/tests/build-web.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A wait for the page or a job to catch up gives it up to 10 s, not the default 1 s: CI runs
    // three files at once on two cores, and a busy moment there once outlasted a 1 s wait. A wait
    // that is met returns at once, so this costs time only when a test is failing anyway.
    expect: { poll: { timeout: 10_000 } },
  },
});
