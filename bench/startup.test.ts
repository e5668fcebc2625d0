import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleServer } from '../scripts/bundle-server.mjs';
import { cliDatabase } from '../src/test/cli.js';
import { measureStartup, type StartupDatabase } from './startup.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The start-up benchmark at the smallest scale, on the server as `npm start` runs it: bundled by
 * scripts/bundle-server.mjs (here into a folder of this run, not dist/) and started with `serve`.
 * It checks that the bundle serves what needs files found beside a package's code (the API docs'
 * page and assets) and the API, and that the benchmark reports its figures; not how fast.
 */
describe('bench/startup.ts on the bundled server', () => {
  const outdir = path.join(fs.mkdtempSync(path.join(repo, '.test-build-startup-')), 'bundle');
  let database: Awaited<ReturnType<typeof cliDatabase>>;

  beforeAll(async () => {
    await bundleServer({ outdir });
    database = await cliDatabase();
  });
  afterAll(async () => {
    fs.rmSync(path.dirname(outdir), { recursive: true, force: true });
    await database?.drop();
  });

  it('starts, answers and reports ready time and memory', async () => {
    const url = database.env.DATABASE_URL;
    const target: StartupDatabase = url ? { kind: 'postgres', url } : { kind: 'fresh' };
    const answers: Record<string, number> = {};
    const result = await measureStartup({
      database: target,
      runs: 1,
      settleMs: 0,
      script: path.join(outdir, 'rapport.js'),
      whileUp: async (base) => {
        for (const wanted of ['/api/v1/health', '/api/openapi.json', '/api/docs', '/api/docs/static/swagger-ui.css', '/api/docs/static/logo.svg']) {
          const response = await fetch(`${base}${wanted}`);
          await response.arrayBuffer();
          answers[wanted] = response.status;
        }
      },
    });
    expect(answers).toEqual({
      '/api/v1/health': 200,
      '/api/openapi.json': 200,
      '/api/docs': 200,
      '/api/docs/static/swagger-ui.css': 200,
      '/api/docs/static/logo.svg': 200,
    });
    expect(result.runs).toHaveLength(1);
    const [run] = result.runs;
    expect(run!.readyMs).toBeGreaterThan(0);
    expect(run!.cpuMs).toBeGreaterThan(0);
    expect(run!.rssMiB).toBeGreaterThan(0);
    expect(run!.peakRssMiB).toBeGreaterThanOrEqual(run!.rssMiB);
  });
});
