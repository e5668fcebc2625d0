import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** For the smoke tests of bench/: a benchmark script run in a process of its own, as a person runs it. */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npx tsx bench/<script> ...args` in a process of its own, as a person runs it. */
export function runBench(script: string, args: string[], env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repo, 'bench', script), ...args], {
      cwd: repo,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export const ok = (ran: Ran): string => {
  if (ran.code !== 0) throw new Error(`exit ${ran.code}\n${ran.stdout.slice(-2000)}\n${ran.stderr.slice(-2000)}`);
  return ran.stdout;
};
