import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/**
 * Rapport's own folder (where its package.json is), found upwards from this module: the same answer
 * from src/ (tsx, tests), dist/ (tsc) and the one-file server in dist/bundle/, which sit at
 * different depths below it.
 */
export function packageRoot(): string {
  if (found) return found;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Rapport's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return (found = dir);
}
