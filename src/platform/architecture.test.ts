import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Arrows point down: features use the platform, the platform uses no feature, and the
 * application (src/app/) composes them. Migrations stand alone: a migration imports nothing of
 * the application, so that changing a feature can never change a migration that already ran.
 */
const src = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every relative import of a file, resolved to a path under src/. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return found.map((spec) => path.relative(src, path.resolve(path.dirname(file), spec)));
}

describe('the shape of the code', () => {
  it('keeps the platform free of features and of the application', () => {
    const offending = sources(path.join(src, 'platform')).flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith('platform/'))
        .map((target) => `${path.relative(src, file)} imports ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('keeps migrations standing alone', () => {
    const dir = path.join(src, 'platform/database/migrations');
    const allowed = (target: string) => target.startsWith('platform/database/migrations/') || target === 'platform/database/engine.js';
    const offending = sources(dir).flatMap((file) =>
      importsOf(file)
        .filter((target) => !allowed(target))
        .map((target) => `${path.relative(src, file)} imports ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('lets no feature import the application', () => {
    const features = fs.readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory() && !['app', 'test', 'cli'].includes(d.name));
    const offending = features.flatMap((d) =>
      sources(path.join(src, d.name)).flatMap((file) =>
        importsOf(file)
          .filter((target) => target.startsWith('app/'))
          .map((target) => `${path.relative(src, file)} imports ${target}`),
      ),
    );
    expect(offending).toEqual([]);
  });
});
