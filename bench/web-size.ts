/**
 * The JavaScript the first page loads, against the 250 KB gzipped budget (the target).
 *   npm run build:web && npx tsx bench/web-size.ts
 * Reads web/dist/index.html (it builds nothing of the app itself), takes every <script src> and
 * <link rel="modulepreload">, follows their static imports (dynamic import() is lazy, not counted),
 * gzips each file (node:zlib, level 9, as a server would) and sums. Brotli (what the server actually sends
 * to a browser that accepts it, from the .br files the build writes) and the stylesheets are shown beside.
 * Baseline, same run: an empty React app (createRoot + one <p>) built with Vite and the same React plugin
 * into bench/results/web-baseline, so the figure can be read as "React's floor + Rapport's own code".
 * Exits 1 over budget. 1 KB = 1,000 bytes here (the stricter reading of "250 KB").
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { machine, repo } from './demo-server.js';

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: path.join(repo, 'web/dist') },
    budget: { type: 'string', default: '250' },
    baseline: { type: 'boolean', default: true },
  },
  allowNegative: true,
});

const kb = (bytes: number) => +(bytes / 1000).toFixed(1);

interface Asset {
  file: string;
  via: string;
  raw: number;
  gzip: number;
  brotli: number;
}

const measure = (file: string, via: string): Asset => {
  const content = fs.readFileSync(file);
  return {
    file,
    via,
    raw: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }).length,
  };
};

const attributes = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!.toLowerCase(), m[2]!]));

/** The files the first page loads, from index.html and the static import graph. */
function firstPage(dist: string): { scripts: Asset[]; styles: Asset[] } {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const local = (href: string) => (/^(https?:)?\/\//.test(href) ? null : path.join(dist, href.replace(/^\//, '').split(/[?#]/)[0]!));
  const queue: { file: string; via: string }[] = [];
  const styles: Asset[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attributes(tag).src;
    const file = src && local(src);
    if (file) queue.push({ file, via: 'script' });
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const a = attributes(tag);
    const file = a.href && local(a.href);
    if (!file) continue;
    if (a.rel === 'modulepreload') queue.push({ file, via: 'modulepreload' });
    if (a.rel === 'stylesheet') styles.push(measure(file, 'stylesheet'));
  }
  if (html.match(/<script\b(?![^>]*\bsrc=)[^>]*>[^<]/i)) throw new Error('index.html has an inline script: count it too (and the CSP forbids it)');
  const seen = new Map<string, Asset>();
  while (queue.length) {
    const { file, via } = queue.shift()!;
    if (seen.has(file)) continue;
    seen.set(file, measure(file, via));
    const code = fs.readFileSync(file, 'utf8');
    // Static imports in the built code: import"./x.js", import{a}from"./x.js", export*from"./x.js".
    for (const m of code.matchAll(/(?:\bimport|\bfrom|\bexport\s*\*\s*from)\s*["'](\.{1,2}\/[^"']+\.m?js)["']/g)) {
      queue.push({ file: path.resolve(path.dirname(file), m[1]!), via: `imported by ${path.basename(file)}` });
    }
  }
  return { scripts: [...seen.values()], styles };
}

/** An empty React app, built with the same Vite + React plugin: the floor any React screen pays. */
async function reactFloor(): Promise<Asset[]> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  const root = path.join(repo, 'bench/results/web-baseline');
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/main.jsx"></script>\n');
  fs.writeFileSync(
    path.join(root, 'main.jsx'),
    "import { StrictMode } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(<StrictMode><p>Hello</p></StrictMode>);\n",
  );
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0 },
  });
  return firstPage(path.join(root, 'dist')).scripts;
}

async function main() {
  const dist = path.resolve(args.dist);
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    console.error(`${dist}/index.html is missing: run \`npm run build:web\` first.`);
    process.exit(2);
  }
  const built = fs.statSync(path.join(dist, 'index.html')).mtime.toISOString();
  const { scripts, styles } = firstPage(dist);
  const total = (list: Asset[], key: 'raw' | 'gzip' | 'brotli') => list.reduce((s, a) => s + a[key], 0);
  const row = (a: Asset) => ({ file: path.relative(dist, a.file), via: a.via, rawKB: kb(a.raw), gzipKB: kb(a.gzip), brotliKB: kb(a.brotli) });
  console.table([...scripts, ...styles].map(row));
  const budget = Number(args.budget) * 1000;
  const js = { files: scripts.length, rawKB: kb(total(scripts, 'raw')), gzipKB: kb(total(scripts, 'gzip')), brotliKB: kb(total(scripts, 'brotli')) };
  let floor: { rawKB: number; gzipKB: number; brotliKB: number } | null = null;
  if (args.baseline) {
    const base = await reactFloor();
    floor = { rawKB: kb(total(base, 'raw')), gzipKB: kb(total(base, 'gzip')), brotliKB: kb(total(base, 'brotli')) };
  }
  const over = total(scripts, 'gzip') > budget;
  console.log(
    JSON.stringify(
      {
        webDistBuiltAt: built,
        firstPageJavaScript: js,
        stylesheets: { rawKB: kb(total(styles, 'raw')), gzipKB: kb(total(styles, 'gzip')) },
        budgetGzipKB: Number(args.budget),
        headroomKB: kb(budget - total(scripts, 'gzip')),
        baselineEmptyReactApp: floor,
        rapportOwnGzipKB: floor ? +(js.gzipKB - floor.gzipKB).toFixed(1) : null,
        machine: machine(),
      },
      null,
      1,
    ),
  );
  console.log(over ? `OVER BUDGET: ${js.gzipKB} KB gzipped > ${args.budget} KB` : `within budget: ${js.gzipKB} KB gzipped of ${args.budget} KB`);
  process.exit(over ? 1 : 0);
}

await main();
