import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../auth/secrets.js';
import { createStaff } from '../staff/staff-commands.js';
import { findStaffByEmail } from '../staff/staff-store.js';
import { testDatabase } from '../test/database.js';
import { ensureFirstAdmin } from './bootstrap.js';
import { loadConfig } from '../platform/config.js';
import type { DatabaseHandle } from '../platform/database/connect.js';

let database: DatabaseHandle | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

const env = { RAPPORT_ADMIN_EMAIL: ' Boss@Example.org ', RAPPORT_ADMIN_PASSWORD: 'a headless first password' };
const logged: unknown[] = [];
const log = { info: (...args: unknown[]) => void logged.push(args) };

describe('RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD', () => {
  it('create the first admin at start when there is no account', async () => {
    database = await testDatabase();
    logged.length = 0;
    await ensureFirstAdmin(database.db, loadConfig(env), log);
    const admin = await findStaffByEmail(database.db, 'boss@example.org');
    expect(admin).toMatchObject({ role: 'admin', name: 'Administrator' });
    expect(await verifyPassword(env.RAPPORT_ADMIN_PASSWORD, admin!.passwordHash)).toBe(true);
    expect(JSON.stringify(logged).toLowerCase()).toContain('boss@example.org');
    expect(JSON.stringify(logged)).not.toContain(env.RAPPORT_ADMIN_PASSWORD);
    await ensureFirstAdmin(database.db, loadConfig({ ...env, RAPPORT_ADMIN_EMAIL: 'other@example.org' }), log);
    expect(await findStaffByEmail(database.db, 'other@example.org')).toBeUndefined();
  });

  it('do nothing once any account exists', async () => {
    database = await testDatabase();
    await createStaff(database.db, null, { email: 'already@example.org', name: 'Already', role: 'frontline', password: 'long enough password' });
    await ensureFirstAdmin(database.db, loadConfig(env), log);
    expect(await findStaffByEmail(database.db, 'boss@example.org')).toBeUndefined();
  });

  it('must be set together', () => {
    expect(() => loadConfig({ RAPPORT_ADMIN_EMAIL: 'a@example.org' })).toThrow(/set together/);
  });
});
