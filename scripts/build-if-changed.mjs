#!/usr/bin/env node
/**
 * `npm start` builds only what changed since the last build: the server (bundled by esbuild into
 * dist/bundle/, which bin/rapport.js runs) when its sources changed, the web app (vite into web/dist/)
 * when its sources changed, nothing at all on a tree that is already built. What was built from is a
 * SHA-256 of the inputs' paths and contents, kept beside each output (dist/.built-from,
 * web/dist/.built-from); a checkout, an edit or a new dependency changes it. With --always (`npm run
 * build`, and so `npm install`) it builds anyway; `--only server` or `--only web` builds one part (the
 * test run's set-up builds the web app this way, so a run on a built tree builds nothing).
 * Types are checked by `npm test` (`npm run typecheck`), not here: esbuild only strips them.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from './bundle-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = ['package.json', 'package-lock.json', 'tsconfig.json'];

/** Every file under the given paths (files or folders), sorted, skipping tests. */
function filesOf(entries) {
  const out = [];
  const walk = (relative) => {
    const full = path.join(root, relative);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full)) walk(path.join(relative, name));
    } else if (!/\.test\.tsx?$/.test(relative)) out.push(relative);
  };
  for (const entry of entries) walk(entry);
  return out.sort();
}

function fingerprint(entries) {
  const hash = createHash('sha256');
  for (const file of filesOf(entries)) hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

const parts = [
  {
    key: 'server',
    name: 'the server',
    stamp: 'dist/.built-from',
    output: 'dist/bundle/rapport.js',
    inputs: [...shared, 'src', 'scripts/bundle-server.mjs'],
    build: () => bundleServer({ outdir: path.join(root, 'dist/bundle') }),
  },
  {
    key: 'web',
    name: 'the web app',
    stamp: 'web/dist/.built-from',
    output: 'web/dist/index.html',
    // The web app takes its types from the server's schemas: src/ is an input too.
    inputs: [...shared, 'web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'web/src', 'web/public', 'src'],
    build: () =>
      execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      }),
  },
];

const always = process.argv.includes('--always');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : null;
if (only !== null && !parts.some((part) => part.key === only)) {
  process.stderr.write(`--only takes ${parts.map((part) => part.key).join(' or ')}, not ${only ?? 'nothing'}\n`);
  process.exit(2);
}
for (const part of parts.filter((p) => only === null || p.key === only)) {
  const wanted = fingerprint(part.inputs);
  const stampPath = path.join(root, part.stamp);
  const built = !always && existsSync(path.join(root, part.output)) && existsSync(stampPath) && readFileSync(stampPath, 'utf8').trim() === wanted;
  if (built) continue;
  process.stderr.write(`Building ${part.name}...\n`);
  await part.build();
  writeFileSync(stampPath, `${wanted}\n`);
}
