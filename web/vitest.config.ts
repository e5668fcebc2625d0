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
  },
});
