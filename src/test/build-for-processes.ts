import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

/**
 * vitest globalSetup: the source transpiled once, file by file (esbuild, no bundling, no type
 * check: `npm test` type-checks first), for the tests that start `rapport` or a helper in a process
 * of their own. Node then starts it in about a second instead of three through tsx. Built fresh on
 * every run into a directory of that run beside src/ (the code finds web/dist and package.json from
 * where it is), named to the test processes in RAPPORT_TEST_BUILD, removed when the run ends: two
 * runs at once in one checkout never share one.
 */
export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The transpiled source of this test run, if it has one. */
export const buildDir = (): string | null => process.env.RAPPORT_TEST_BUILD ?? null;

export default function buildForProcesses(): () => void {
  const dir = fs.mkdtempSync(path.join(repo, '.test-build-'));
  const files: string[] = [];
  const walk = (from: string) => {
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      const file = path.join(from, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts')) files.push(file);
    }
  };
  walk(path.join(repo, 'src'));
  buildSync({ entryPoints: files, outdir: dir, outbase: path.join(repo, 'src'), format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
  process.env.RAPPORT_TEST_BUILD = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
