import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * vitest globalSetup: web/dist built from the sources as they are now, before the browser tests
 * serve it. Built by the same script as `npm start` (scripts/build-if-changed.mjs), so a tree already
 * built from these sources (CI's second run, a run after `npm install`) builds nothing, and a change
 * to any input of the web app always builds it again.
 */
export default function buildWeb(): void {
  const repo = fileURLToPath(new URL('../../', import.meta.url));
  execFileSync(process.execPath, ['scripts/build-if-changed.mjs', '--only', 'web'], { cwd: repo, stdio: 'inherit' });
}
