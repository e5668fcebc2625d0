/**
 * The server as one file, dist/bundle/rapport.js, with a chunk for each module loaded on demand (the
 * server itself, mail, imports...): `rapport serve` reads a few files instead of some eight hundred,
 * which was about half of its start (bench/startup.ts). Built by scripts/build-if-changed.mjs after
 * tsc has checked and compiled src/; bin/rapport.js runs it.
 *
 * The drivers stay outside it: better-sqlite3 is native, and src/platform/database/connect.ts loads
 * it or pg only for the engine in use. Source maps (.map beside each file) point at src/ and
 * node_modules/: run with NODE_OPTIONS=--enable-source-maps to see those lines in stack traces.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A package that finds files beside its own code (@fastify/swagger-ui: its page, logo and assets)
 * still finds them: its __dirname and __filename are where that file is in node_modules, worked out
 * when it runs from the checkout's folder (so a checkout that moves keeps working), not the bundle's
 * folder. Put on the file's first line (in place of a #! line) so the source map's lines stay put.
 */
const ownFolders = {
  name: 'own-folders',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!/\b__(dirname|filename)\b/.test(source)) return undefined;
      const relative = JSON.stringify(path.relative(root, args.path).split(path.sep).join('/'));
      const prelude = `var __filename = require('node:path').join(__rapportRoot, ${relative}); var __dirname = require('node:path').dirname(__filename);`;
      return { contents: source.startsWith('#!') ? source.replace(/^#!.*/, prelude) : prelude + source, loader: 'js' };
    });
  },
};

/** Bundles src/cli/main.ts into `outdir` (emptied first), which must be inside the checkout. */
export async function bundleServer({ outdir }) {
  const { build } = await import('esbuild');
  const up = path.relative(outdir, root).split(path.sep).join('/') || '.';
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { rapport: path.join(root, 'src/cli/main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    external: ['better-sqlite3', 'pg', 'pg-native'],
    plugins: [ownFolders],
    // CommonJS packages in an ES module bundle still call require() (Node's own modules, and the
    // drivers); and the checkout's folder, for the prelude above.
    banner: {
      js:
        "import { createRequire as __rapportCreateRequire } from 'node:module'; const require = __rapportCreateRequire(import.meta.url);" +
        ` const __rapportRoot = require('node:path').resolve(require('node:url').fileURLToPath(new URL('.', import.meta.url)), ${JSON.stringify(up)});`,
    },
    logLevel: 'warning',
  });
}
