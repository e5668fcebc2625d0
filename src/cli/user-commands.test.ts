import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256, verifyPassword } from '../auth/secrets.js';
import { newId } from '../platform/ids.js';
import { startSession } from '../auth/session-store.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../platform/database/connect.js';
import { createIntegration } from '../staff/staff-commands.js';
import { findStaffByEmail } from '../staff/staff-store.js';
import { runCli } from '../test/cli.js';

/**
 * Runs the real command line (`rapport user ...` from source) against a database of its own:
 * a SQLite file in a temporary DATA_DIR, or a PostgreSQL schema when TEST_DATABASE_URL is set.
 */
const pgUrl = process.env.TEST_DATABASE_URL;
let dataDir: string;
let databaseUrl: string | undefined;
let schema: string | undefined;
let handle: DatabaseHandle;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real command, through the shared runner (node with tsx, no npx in between). */
function rapport(args: string[], input?: string): Promise<Run> {
  return runCli(['user', ...args], { DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, input);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-cli-'));
  if (pgUrl) {
    schema = `cli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
    handle = openDatabase({ databaseUrl: pgUrl, pgSchema: schema, poolSize: 2 });
  } else {
    handle = openDatabase({ dataDir });
  }
  await migrateToLatest(handle);
});

afterAll(async () => {
  await handle.close();
  if (schema && pgUrl) {
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A user mistake: one line on stderr, exit code 1, no stack trace. */
const expectFriendlyError = (run: Run, message: RegExp) => {
  expect(run.code).toBe(1);
  expect(run.stderr.trim(), run.stderr.slice(0, 2000)).toMatch(message);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:/);
};

// Each run starts a Node process that compiles the CLI; allow for a busy machine.
describe('rapport user', { timeout: 120_000 }, () => {
  it('adds accounts with the password from --password or standard input', async () => {
    const first = await rapport(['add', '--email', 'Boss@Example.org', '--name', 'Bo Boss', '--role', 'admin', '--password', 'first admin password']);
    expect(first.stderr).toBe('');
    expect(first).toMatchObject({ code: 0, stdout: 'Created admin account boss@example.org.\n' });
    const piped = await rapport(['add', '--email', 'clerk@example.org', '--name', 'Cy Clerk', '--role', 'frontline'], 'piped password 123\nignored second line\n');
    expect(piped.code).toBe(0);
    const clerk = await findStaffByEmail(handle.db, 'clerk@example.org');
    expect(clerk).toMatchObject({ name: 'Cy Clerk', role: 'frontline' });
    expect(await verifyPassword('piped password 123', clerk!.passwordHash)).toBe(true);
    const audit = await handle.db.selectFrom('auditEvents').selectAll().where('entityId', '=', clerk!.id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'create', entityType: 'staff', staffId: null })]);
  });

  it('lists accounts without any secret, integrations marked and never by their internal handle', async () => {
    await handle.db.transaction().execute((trx) => createIntegration(trx, null, { name: 'POS sync', role: 'frontline' }));
    const run = await rapport(['list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS\s+LOCATIONS$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^boss@example\.org\s+Bo Boss\s+admin\s+active$/),
      expect.stringMatching(/^clerk@example\.org\s+Cy Clerk\s+frontline\s+active$/),
      expect.stringMatching(/^\(integration\)\s+POS sync\s+frontline\s+active$/),
    ]);
    expect(run.stdout).not.toMatch(/password|scrypt|integration:/i);
  });

  it('refuses bad input with one plain line and exit code 1', async () => {
    const add = (...extra: string[]) => ['add', '--name', 'X', '--role', 'admin', ...extra];
    // Failures write nothing, so they can run side by side.
    const [duplicate, email, missing, place, role] = await Promise.all([
      rapport(add('--email', 'boss@example.org', '--password', 'long enough pass')),
      rapport(add('--email', 'not-an-email', '--password', 'long enough pass')),
      rapport(add('--email', 'x@example.org')),
      rapport(add('--email', 'x@example.org', '--password', 'long enough pass', '--location', 'Atlantis')),
      rapport(['add', '--email', 'x@example.org', '--name', 'X', '--role', 'boss', '--password', 'long enough pass']),
    ]);
    expectFriendlyError(duplicate, /^rapport: A staff account for boss@example.org already exists\.$/);
    expectFriendlyError(email, /--email must be an email address/);
    expectFriendlyError(missing, /--password or on standard input/);
    expectFriendlyError(place, /no location called Atlantis/);
    expect(role.code).toBe(1);
    expect(role.stderr).toMatch(/Allowed choices are frontline, manager, admin/);
    expect(await findStaffByEmail(handle.db, 'x@example.org')).toBeUndefined();
  });

  it('disables an account and ends its sessions', async () => {
    const clerk = (await findStaffByEmail(handle.db, 'clerk@example.org'))!;
    await startSession(handle.db, clerk.id, null, null);
    const run = await rapport(['disable', 'CLERK@example.org']);
    expect(run).toMatchObject({ code: 0, stdout: 'Disabled clerk@example.org; its sessions have ended and its API tokens are revoked.\n' });
    expect(Boolean((await findStaffByEmail(handle.db, 'clerk@example.org'))!.active)).toBe(false);
    expect(await handle.db.selectFrom('sessions').select('id').where('staffId', '=', clerk.id).execute()).toEqual([]);
    expect((await rapport(['list'])).stdout).toMatch(/clerk@example\.org\s+Cy Clerk\s+frontline\s+disabled/);
    expectFriendlyError(await rapport(['disable', 'nobody@example.org']), /^rapport: No staff account has the email nobody@example.org\.$/);
  });

  it('resets a password from standard input or --password, at least 10 characters', async () => {
    const [short, ghost] = await Promise.all([
      rapport(['reset-password', 'boss@example.org'], 'too short\n'),
      rapport(['reset-password', 'ghost@example.org', '--password', 'long enough pass']),
    ]);
    expectFriendlyError(short, /10 to 200 characters/);
    expectFriendlyError(ghost, /No staff account has the email ghost@example.org/);
    const boss = (await findStaffByEmail(handle.db, 'boss@example.org'))!;
    await startSession(handle.db, boss.id, null, null);
    const tokenId = newId();
    await handle.db
      .insertInto('apiTokens')
      .values({ id: tokenId, name: 'Boss script', tokenHash: sha256('rpt_boss'), staffId: boss.id, scope: 'read', createdAt: new Date().toISOString(), createdBy: boss.id, lastUsedAt: null, revokedAt: null })
      .execute();
    const run = await rapport(['reset-password', 'boss@example.org'], 'a fresh new password\n');
    expect(run).toMatchObject({ code: 0, stdout: 'Set a new password for boss@example.org; its sessions have ended and its API tokens are revoked.\n' });
    const token = await handle.db.selectFrom('apiTokens').select('revokedAt').where('id', '=', tokenId).executeTakeFirstOrThrow();
    expect(token.revokedAt).not.toBeNull();
    const revoked = await handle.db.selectFrom('auditEvents').selectAll().where('entityId', '=', tokenId).execute();
    expect(revoked).toEqual([expect.objectContaining({ action: 'revoke', entityType: 'api_token', staffId: null })]);
    const after = (await findStaffByEmail(handle.db, 'boss@example.org'))!;
    expect(await verifyPassword('a fresh new password', after.passwordHash)).toBe(true);
    expect(await verifyPassword('first admin password', after.passwordHash)).toBe(false);
    expect(await handle.db.selectFrom('sessions').select('id').where('staffId', '=', boss.id).execute()).toEqual([]);
    expect((await rapport(['reset-password', 'boss@example.org', '--password', 'another good one'])).code).toBe(0);
    const actions = await handle.db.selectFrom('auditEvents').select('action').where('entityId', '=', boss.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['create', 'reset_password', 'reset_password']);
    const diffs = await handle.db.selectFrom('auditEvents').select('diff').where('entityId', '=', boss.id).execute();
    expect(JSON.stringify(diffs)).not.toMatch(/fresh new|another good|scrypt/);
  });
});
