import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outputOf, type CliResult } from '../src/test/cli.js';

/** For the smoke tests of bench/: a benchmark script run in a process of its own, as a person runs it. */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type Ran = CliResult;

/** `npx tsx bench/<script> ...args` in a process of its own, as a person runs it. */
export function runBench(script: string, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'bench', script), ...args], { cwd: repo, env: { ...process.env, LOG_LEVEL: 'silent', ...env } });
  return outputOf(child);
}

export const ok = (ran: Ran): string => {
  if (ran.code !== 0) throw new Error(`exit ${ran.code}\n${ran.stdout.slice(-2000)}\n${ran.stderr.slice(-2000)}`);
  return ran.stdout;
};
