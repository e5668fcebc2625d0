import { describe, expect, it } from 'vitest';
import { ok, runBench } from './run-bench.js';

/**
 * Every benchmark script of bench/ run at the smallest size that still does all its steps, so that
 * none of them rots between the full runs (which are on demand: `npm run bench`, BENCHMARKS.md).
 * A smoke run checks that the script finishes and reports its figures, not the figures themselves:
 * budgets are lifted so that a busy CI machine cannot fail it. The scale dataset, the hot paths and
 * the start-up have smoke tests of their own (scale-data.test.ts, hot-paths.test.ts, startup.test.ts).
 * Here those that measure the demo data or data in memory, once, on SQLite's pass; those that measure a
 * database they generate, on each engine, in generated-smoke.test.ts.
 */

// These measure the app on the demo data or on data held in memory: engine-independent scripts, run once.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('the benchmarks that need no generated database', () => {
  it('matching quality: blocks, compares and counts against the truth for a small population', async () => {
    const out = ok(await runBench('matching-quality.ts', ['--people', '400', '--seeds', '1']));
    expect(out).toMatch(/pairs compared/);
    expect(out).toMatch(/auto\+review\s+[01]\.\d{4}/);
  }, 180_000);

  it('the web app\'s first-page JavaScript, beside an empty React app built the same way', async () => {
    const out = ok(await runBench('web-size.ts', ['--budget', '100000']));
    expect(out).toMatch(/KB/);
  }, 180_000);

  it('the API under load on the demo data, beside the health check', async () => {
    const out = ok(await runBench('api.ts', ['--count', '5', '--warmup', '2', '--concurrency', '2', '--seconds', '60']));
    expect(out).toMatch(/health/i);
  }, 180_000);

  it('from the last keystroke to the brief in Chromium', async () => {
    const out = ok(await runBench('lookup-to-brief.ts', ['--runs', '1', '--warmup', '0', '--budget', '100000', '--seconds', '60']));
    expect(out).toMatch(/brief/i);
  }, 180_000);
});
