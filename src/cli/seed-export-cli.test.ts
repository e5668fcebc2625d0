import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase, runCli, startCli } from '../test/cli.js';

/** `rapport seed-demo` and `rapport export` as an operator runs them, on a fresh database. */

let database: Awaited<ReturnType<typeof cliDatabase>>;
beforeAll(async () => {
  database = await cliDatabase();
});
afterAll(() => database.drop());

describe('rapport seed-demo, then rapport export', () => {
  let seeded: Awaited<ReturnType<typeof runCli>>;

  it('seeds the demo and prints a summary with the default password, once', async () => {
    seeded = await runCli(['seed-demo'], database.env);
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/^\s+200 customers$/m);
    expect(seeded.stdout).toMatch(/earl@demo\.example\s+frontline\s+Earl Hutchins/);
    expect(seeded.stdout.match(/rapport-demo-password/g)).toHaveLength(1);
  }, 120_000);

  it('refuses a second run without --force in one line, exit 1', async () => {
    const again = await runCli(['seed-demo'], database.env);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^rapport: This database already has 200 customers.*--force/);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a short --password before touching the database', async () => {
    const res = await runCli(['seed-demo', '--force', '--password', 'short'], database.env);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe('rapport: --password must be at least 10 characters');
  });

  it('exports to a file, one JSON record per line, the same counts as the summary', async () => {
    const file = path.join(database.env.DATA_DIR!, 'export.jsonl');
    const res = await runCli(['export', '--output', file], database.env);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^Exported \d+ records to .*export\.jsonl \(.*200 customer/);
    const records = fs.readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string });
    const count = (type: string) => records.filter((r) => r.type === type).length;
    const summary = (what: string) => Number(new RegExp(`^\\s+(\\d+) ${what}$`, 'm').exec(seeded.stdout)?.[1]);
    expect(count('customer')).toBe(200);
    expect(count('interaction')).toBe(summary('interactions'));
    expect(count('transaction')).toBe(summary('transactions'));
    expect(count('note')).toBe(summary('notes'));
    expect(count('staff')).toBe(13);
    expect(count('auditEvent')).toBe(summary('audit events'));
  }, 60_000);

  it('exports to standard output when no file is given', async () => {
    const res = await runCli(['export'], database.env);
    expect(res.code).toBe(0);
    const first = JSON.parse(res.stdout.split('\n')[0]!);
    expect(first).toMatchObject({ type: 'location', data: { name: expect.any(String) } });
    expect(res.stdout).not.toMatch(/scrypt\$/);
  }, 60_000);

  it('stops quietly when the reader closes the pipe early (rapport export | head -1)', async () => {
    const child = startCli(['export'], database.env);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }, 60_000);
});
