#!/usr/bin/env node
/**
 * `npm start` builds only what changed since the last build: the server (tsc into dist/) when its
 * sources changed, the web app (vite into web/dist/) when its sources changed, nothing at all on a
 * tree that is already built. What was built from is a SHA-256 of the inputs' paths and contents,
 * kept beside each output (dist/.built-from, web/dist/.built-from); a checkout, an edit or a new
 * dependency changes it. With --always (`npm run build`, and so `npm install`) it builds both anyway.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
    name: 'the server',
    stamp: 'dist/.built-from',
    output: 'dist/cli/main.js',
    inputs: [...shared, 'tsconfig.build.json', 'src'],
    build: () => execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }),
  },
  {
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
for (const part of parts) {
  const wanted = fingerprint(part.inputs);
  const stampPath = path.join(root, part.stamp);
  const built = !always && existsSync(path.join(root, part.output)) && existsSync(stampPath) && readFileSync(stampPath, 'utf8').trim() === wanted;
  if (built) continue;
  process.stderr.write(`Building ${part.name}...\n`);
  part.build();
  writeFileSync(stampPath, `${wanted}\n`);
}
