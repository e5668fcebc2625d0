import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from '../platform/version.js';
import { cliDatabase, runCli } from '../test/cli.js';

/** The `rapport` command as an operator meets it: help, version, mistakes in the environment, migrate. */

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);

describe('rapport --help and --version', () => {
  it('prints the version and exits 0', async () => {
    const res = await runCli(['--version']);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(version);
  });

  it('lists every command and the environment it reads', async () => {
    const res = await runCli(['--help']);
    expect(res.code).toBe(0);
    for (const command of ['serve', 'migrate', 'export', 'seed-demo']) expect(res.stdout).toContain(command);
    expect(res.stdout).toMatch(/PORT/);
    expect(res.stdout).toMatch(/DATABASE_URL/);
  });

  it('answers an unknown command with help and exit 1', async () => {
    const res = await runCli(['frobnicate']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/unknown command/);
  });
});

describe('a mistake in the environment is one friendly line and exit 1', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a port that is not a number', { PORT: 'eighty' }, /^rapport: PORT must be a whole number from 0 to 65535, not "eighty"$/],
    ['a port out of range', { PORT: '70000' }, /^rapport: PORT must be/],
    ['a DATABASE_URL that is not PostgreSQL', { DATABASE_URL: 'mysql://root@localhost/rapport' }, /^rapport: DATABASE_URL must be a PostgreSQL URL/],
    ['an unknown LOG_LEVEL', { LOG_LEVEL: 'loud' }, /^rapport: LOG_LEVEL must be one of/],
    ['a PostgreSQL server that is not there', { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/rapport' }, /^rapport: Cannot reach the database/],
  ];
  for (const [name, env, message] of cases) {
    it(name, async () => {
      const res = await runCli(['migrate'], env);
      expect(res.code).toBe(1);
      const lines = res.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(message);
      noStack(res.stderr);
    });
  }

  it('the same for serve, before anything listens', async () => {
    const res = await runCli(['serve'], { PORT: '-1' });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(/^rapport: PORT must be/);
    noStack(res.stderr);
  });
});

describe('rapport migrate', () => {
  let database: Awaited<ReturnType<typeof cliDatabase>>;
  beforeAll(async () => {
    database = await cliDatabase();
  });
  afterAll(() => database.drop());

  it('applies every migration once, then says the database is up to date', async () => {
    const first = await runCli(['migrate'], database.env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied 0001_initial/);
    const second = await runCli(['migrate'], database.env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/is up to date\n$/);
  });
});
