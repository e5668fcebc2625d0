import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildDir } from './build-for-processes.js';

/**
 * Runs the real `rapport` command in a child process, with only the environment a test gives it:
 * from the source as the test run transpiled it (build-for-processes.ts), or through tsx when a
 * test runs without that set-up.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The command line that starts a source file (src/…/x.ts) in a process of its own. */
export function nodeArgsFor(sourceFile: string): string[] {
  const dir = buildDir();
  const built = dir ? path.join(dir, path.relative(path.join(root, 'src'), sourceFile)).replace(/\.ts$/, '.js') : null;
  return built && fs.existsSync(built) ? [built] : ['--import', 'tsx', sourceFile];
}

const entry = path.join(root, 'src/cli/main.ts');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const baseEnv = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'warn', ...env });

export function startCli(args: string[], env: Record<string, string> = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...nodeArgsFor(entry), ...args], { cwd: root, env: baseEnv(env) });
}

export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Promise<CliResult> {
  const child = startCli(args, env);
  const result = outputOf(child);
  child.stdin.end(input ?? '');
  return result;
}

/** A child process's exit code and everything it printed, once it has closed. */
export function outputOf(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A throwaway data directory for the embedded database. */
export function tempDir(prefix = 'rapport-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The database a spawned command should use: a fresh SQLite directory, or, when TEST_DATABASE_URL
 * is set, a fresh PostgreSQL schema named in the URL. `drop` removes it.
 */
export async function cliDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  const dir = tempDir();
  if (!url) return { env: { DATA_DIR: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  const schema = `cli_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  // pg reads `options` from the URL (percent-encoded: URLSearchParams would turn the space into '+').
  const withSchema = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return {
    env: { DATABASE_URL: withSchema, DATA_DIR: dir },
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
