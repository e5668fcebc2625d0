import { defineConfig } from 'vitest/config';

/** Every test: server (src/**) and, in real Chromium, the web app (web/tests/**). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/tests/**/*.test.ts'],
    // Builds web/dist fresh once, so the browser tests never test an old build.
    globalSetup: ['web/tests/build-web.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
