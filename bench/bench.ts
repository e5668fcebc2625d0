/**
 * `npm run bench`: every hot path at scale on SQLite and on PostgreSQL (bench/hot-paths.ts), then
 * BENCHMARKS.md's section "Every hot path at scale" rewritten from both results.
 *   npm run bench -- [--count 1000000] [--file bench/results/scale.sqlite] [--url postgres://...]
 *                    [--only sqlite|postgres] [--samples 300] [--warmup 20] [--inputs 50]
 *                    [--load-seconds 20] [--connections 50] [--startup-runs 5] [--settle-seconds 10]
 *   npm run bench -- --render   (only rewrites the section from the last results files)
 * The PostgreSQL URL is --url, else BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/scale.
 * A scale database (or its manifest) that is missing is generated first with bench/scale-data.ts at
 * --count customers. With --only, the other engine's figures are taken from its last results file
 * (bench/results/hot-paths.<engine>.json) when there is one.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { repo } from './demo-server.js';
import { renderSection, withSection } from './hot-paths-report.js';
import { ensureBuilt, measurementArgs, measurementOptions, printResult, problemsOf, resultFileOf, runHotPaths, type HotPathResult } from './hot-paths.js';
import { manifestFileFor } from './scale-manifest.js';
import type { Target } from './statement-capture.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000000' },
    file: { type: 'string', default: 'bench/results/scale.sqlite' },
    url: { type: 'string' },
    only: { type: 'string' },
    render: { type: 'boolean', default: false },
    ...measurementArgs,
  },
});
const url = args.url ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/scale';
const file = path.resolve(repo, args.file);
if (args.only && args.only !== 'sqlite' && args.only !== 'postgres') throw new Error('--only is sqlite or postgres');
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);

/** Whether the PostgreSQL database exists (bench/scale-data.ts makes it afresh when it does not). */
async function databaseExists(target: string): Promise<boolean> {
  const name = new URL(target).pathname.replace(/^\//, '');
  const admin = new URL(target);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return Boolean((await client.query('select 1 from pg_database where datname = $1', [name])).rowCount);
  } finally {
    await client.end();
  }
}

async function ensureScaleData(target: Target): Promise<void> {
  const manifest = path.resolve(repo, manifestFileFor(target));
  const exists = 'url' in target ? await databaseExists(target.url) : fs.existsSync(target.file);
  if (exists && fs.existsSync(manifest)) return;
  const where = 'url' in target ? ['--url', target.url] : ['--file', target.file];
  log(`${'url' in target ? target.url : target.file} or its manifest is missing: generating ${Number(args.count).toLocaleString('en')} customers with bench/scale-data.ts`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(repo, 'bench/scale-data.ts'), '--count', args.count, ...where], { cwd: repo, stdio: 'inherit' });
}

async function main() {
  const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  if (!args.render) ensureBuilt();
  const engines = (['sqlite', 'postgres'] as const).filter((e) => !args.render && (!args.only || args.only === e));
  const results: HotPathResult[] = [];
  let failed = false;
  for (const engine of ['sqlite', 'postgres'] as const) {
    if (!engines.includes(engine)) {
      const earlier = resultFileOf(engine);
      if (fs.existsSync(earlier)) results.push(JSON.parse(fs.readFileSync(earlier, 'utf8')) as HotPathResult);
      continue;
    }
    const target: Target = engine === 'sqlite' ? { file } : { url };
    await ensureScaleData(target);
    log(`hot paths on ${engine}`);
    const measured = await runHotPaths({
      target,
      ...measurementOptions(args),
      log,
    });
    const result: HotPathResult = { ...measured, command };
    printResult(result);
    fs.mkdirSync(path.dirname(resultFileOf(engine)), { recursive: true });
    fs.writeFileSync(resultFileOf(engine), `${JSON.stringify(result, null, 1)}\n`);
    const problems = problemsOf(result);
    for (const p of problems) console.error(`${engine}: ${p}`);
    failed ||= problems.length > 0;
    results.push(result);
  }
  if (!results.length) throw new Error('no results: run the benchmark first');
  // The command that produced the figures (each results file keeps it); with --render, the figures are earlier ones.
  const commands = [...new Set(results.map((r) => r.command ?? command))];
  const document = path.join(repo, 'BENCHMARKS.md');
  fs.writeFileSync(document, withSection(fs.readFileSync(document, 'utf8'), renderSection(results, commands.join('` and `'))));
  log(`BENCHMARKS.md: section "Every hot path at scale" rewritten (${results.map((r) => r.engine).join(', ')})`);
  if (failed) process.exitCode = 1;
}

await main();
