/**
 * Smoke test of `npm run bench` (bench/hot-paths.ts): every benchmark at a tiny size, so none of them
 * rots. A tiny scale database (300 customers, one very busy customer of 300 contacts or more) made by
 * bench/scale-data.ts on the test's engine (a SQLite temp file; with TEST_DATABASE_URL a PostgreSQL
 * database of a unique name, dropped after), then a few samples of each path three ways, 2 s of load
 * of each kind on each server and one start-up. Nothing here is timed against a target: it checks
 * that each figure was produced, that every request answered 2xx, and that the bare driver replayed
 * the statements captured from Rapport's requests.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminQuery } from '../src/test/shared-database.js';
import { repo } from './demo-server.js';
import { endMarker, renderSection, startMarker, verdictsOf, withSection } from './hot-paths-report.js';
import { ensureBuilt, problemsOf, runHotPaths, type HotPathResult } from './hot-paths.js';
import { manifestFileFor } from './scale-manifest.js';
import type { Target } from './statement-capture.js';

const postgresUrl = process.env.TEST_DATABASE_URL;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-hot-paths-test-'));
let target: Target;
let dropDatabase: (() => Promise<void>) | null = null;


beforeAll(async () => {
  // Start-up and load run the built CLI (bin/rapport.js), as a user starts it.
  ensureBuilt();
  if (postgresUrl) {
    const name = `hot_paths_${process.pid}_${Date.now().toString(36)}`;
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    target = { url: url.toString() };
    dropDatabase = async () => {
      await adminQuery(postgresUrl, `drop database if exists ${name} with (force)`);
      fs.rmSync(path.resolve(repo, manifestFileFor(target)), { force: true });
    };
  } else {
    target = { file: path.join(scratch, 'scale.sqlite') };
  }
  const where = 'url' in target ? ['--url', target.url] : ['--file', target.file];
  execFileSync(process.execPath, ['--import', 'tsx', path.join(repo, 'bench/scale-data.ts'), '--count', '300', '--busy', '1', '--busy-interactions', '300', '--sample', '50', ...where], {
    cwd: repo,
    stdio: 'ignore',
  });
}, 300_000);

afterAll(async () => {
  await dropDatabase?.();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('npm run bench at smoke size', () => {
  let result: HotPathResult;

  it('measures every hot path three ways, the load on both servers and the start-up', async () => {
    result = await runHotPaths({ target, samples: 3, warmup: 1, inputs: 3, loadSeconds: 2, connections: 10, startupRuns: 1, settleMs: 500 });

    expect(problemsOf(result)).toEqual([]);
    expect(result.engine).toBe(postgresUrl ? 'postgres' : 'sqlite');
    expect(result.paths.map((p) => p.key)).toEqual([
      'lookup',
      'brief-ordinary',
      'brief-busy',
      'timeline-ordinary',
      'timeline-busy',
      'create-customer',
      'log-interaction',
      'record-purchase',
      'today-frontline',
      'today-manager',
      'waiting-frontline',
      'waiting-manager',
    ]);
    for (const p of result.paths) {
      for (const way of [p.rapport, p.bare, p.minimal]) {
        expect(way.n, p.key).toBe(3);
        expect(way.p50, p.key).toBeGreaterThan(0);
        expect(way.p99, p.key).toBeGreaterThanOrEqual(way.p50);
      }
      expect(p.failed, p.key).toEqual({ rapport: 0, minimal: 0 });
      expect(p.statements.min, p.key).toBeGreaterThan(0);
      expect(p.replayed, p.key).toBeGreaterThan(0);
      expect(p.replayed, p.key).toBe(p.expectedReplays);
      expect(Number.isFinite(p.ratio.bare.p50) && Number.isFinite(p.ratio.minimal.p99), p.key).toBe(true);
    }

    expect(result.load.map((l) => l.key)).toEqual(['lookup', 'brief']);
    for (const l of result.load) {
      for (const figure of [l.rapport, l.minimal]) {
        expect(figure.requests, l.key).toBeGreaterThan(0);
        expect(figure.perSecond, l.key).toBeGreaterThan(0);
        expect(figure.non2xx + figure.errors, l.key).toBe(0);
      }
    }
    expect(result.memoryUnderLoad?.peakRssMiB).toBeGreaterThan(0);
    expect(result.startup?.runs).toHaveLength(1);
    expect(result.startup?.readyMs.median).toBeGreaterThan(0);
    expect(result.startup?.rssMiB.median).toBeGreaterThan(0);
  }, 240_000);

  it('writes the section of BENCHMARKS.md between its markers, each target met or missed', () => {
    const verdicts = verdictsOf(result);
    expect(verdicts.map((v) => v.target)).toEqual([
      'brief p99 under 10 ms server-side, ordinary customers',
      'brief p99 under 50 ms server-side, the busiest customers',
      ...(result.engine === 'sqlite' ? ['brief over HTTP at least 5,000 requests per second (SQLite)'] : []),
      'lookup: the app within 2× of the bare-driver statements (p50 and p99)',
      'brief, ordinary customers: the app within 2× of the bare-driver statements (p50 and p99)',
      'brief, the busiest customers: the app within 2× of the bare-driver statements (p50 and p99)',
      '`rapport serve` ready in under 1 s (median of the starts)',
      'idle memory under 150 MB (RSS 0.5 s after start, median)',
    ]);
    for (const v of verdicts) expect(v.reading).toMatch(v.met ? /^met$/ : /^missed/);

    const section = renderSection([result], 'npm run bench -- --count 300');
    expect(section.startsWith(startMarker) && section.endsWith(endMarker)).toBe(true);
    for (const p of result.paths) expect(section).toContain(`| ${p.label} |`);

    const document = '# Benchmarks\n\nIntro.\n\n## Customer lookup\n\nKept.\n';
    const first = withSection(document, section);
    expect(first).toBe(`# Benchmarks\n\nIntro.\n\n${section}\n\n## Customer lookup\n\nKept.\n`);
    const again = withSection(first, section.replace('--count 300', '--count 400'));
    expect(again).toBe(`# Benchmarks\n\nIntro.\n\n${section.replace('--count 300', '--count 400')}\n\n## Customer lookup\n\nKept.\n`);
  });
});
