import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../customers/customer-commands.js';
import { migrateToLatest, openDatabase } from '../platform/database/connect.js';
import { cliDatabase, runCli } from '../test/cli.js';

/**
 * `rapport mailing import` as an operator runs it, in a process of its own: the mailing logged with
 * every customer the file names, the lines it could not place printed, and the same command again
 * adding nobody (the mailing is found by its name, channel and day).
 */

let database: Awaited<ReturnType<typeof cliDatabase>>;
const ids: Record<string, string> = {};

async function inDatabase<T>(work: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
  const handle = openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR });
  try {
    await migrateToLatest(handle);
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  database = await cliDatabase();
  await inDatabase(async (db) => {
    const ctx = { actor: null, phoneRegion: 'US' };
    ids.jim = await db.transaction().execute((trx) => createCustomer(trx, ctx, { displayName: 'Jim Alvarez', emails: [{ address: 'jim.alvarez@example.com' }] }));
    ids.helen = await db.transaction().execute((trx) => createCustomer(trx, ctx, { displayName: 'Helen Park', externalIds: [{ source: 'newsletter', externalId: 'NL-2' }], emails: [{ address: 'helen@example.org' }] }));
  });
});
afterAll(() => database.drop());

describe('rapport mailing import', () => {
  it('logs the mailing for each customer the file names, says which lines it could not place, and adds nobody twice', async () => {
    const file = path.join(database.env.DATA_DIR!, 'spring.csv');
    fs.writeFileSync(file, 'Email,Name\njim.alvarez@example.com,Jim\nhelen@example.org,Helen\nghost@example.com,Ghost\n');
    const args = ['mailing', 'import', file, '--name', 'Spring catalogue', '--channel', 'direct_mail', '--sent', '2026-11-02'];
    const run = await runCli(args, database.env);
    expect(run.stderr).not.toMatch(/rapport:/);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Mailing [0-9a-f-]{36}: Spring catalogue\n/);
    expect(run.stdout).toContain('3 rows: 2 customers logged, 0 already had it, 1 not placed.');
    expect(run.stdout).toContain('line 4 (Email): No customer has the email ghost@example.com.');
    expect(run.stderr).toContain('Logging: 3 of 3 rows');

    const rows = await inDatabase((db) =>
      db.selectFrom('interactions as i').innerJoin('mailings as m', 'm.id', 'i.mailingId').select(['i.customerId', 'i.channel', 'i.direction', 'i.occurredAt', 'i.summary', 'i.staffId', 'i.createdBy', 'm.name']).execute(),
    );
    expect(rows.map((r) => r.customerId).sort()).toEqual([ids.jim, ids.helen].sort());
    for (const row of rows) {
      expect(row).toEqual({ customerId: row.customerId, channel: 'direct_mail', direction: 'outbound', occurredAt: '2026-11-02T12:00:00.000Z', summary: 'Spring catalogue', staffId: null, createdBy: null, name: 'Spring catalogue' });
    }

    const again = await runCli(args, database.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('(logged before: recipients are added to it)');
    expect(again.stdout).toContain('3 rows: 0 customers logged, 2 already had it, 1 not placed.');
    const counts = await inDatabase(async (db) => ({
      mailings: (await db.selectFrom('mailings').select('id').execute()).length,
      copies: (await db.selectFrom('interactions').select('id').where('mailingId', 'is not', null).execute()).length,
    }));
    expect(counts).toEqual({ mailings: 1, copies: 2 });

    // By the id the newsletter tool gave them.
    const byId = path.join(database.env.DATA_DIR!, 'nl.csv');
    fs.writeFileSync(byId, 'Subscriber ID\nNL-2\nNL-404\n');
    const letter = await runCli(['mailing', 'import', byId, '--name', 'November newsletter', '--channel', 'newsletter', '--sent', '2026-11-05', '--source', 'newsletter'], database.env);
    expect(letter.code, letter.stderr).toBe(0);
    expect(letter.stdout).toContain('2 rows: 1 customer logged, 0 already had it, 1 not placed.');
    expect(letter.stdout).toContain('line 3 (Subscriber ID): No customer has newsletter id NL-404.');
  });

  it('refuses a wrong channel, a day that is not one, and a file that names no customer, in one plain sentence', async () => {
    const file = path.join(database.env.DATA_DIR!, 'names.csv');
    fs.writeFileSync(file, 'Name\nJim\n');
    const channel = await runCli(['mailing', 'import', file, '--name', 'X', '--channel', 'pigeon', '--sent', '2026-11-02'], database.env);
    expect(channel.code).toBe(1);
    expect(channel.stderr).toContain('rapport: --channel: newsletter, direct_mail, invoice_sent, letter, not "pigeon"');
    const sent = await runCli(['mailing', 'import', file, '--name', 'X', '--channel', 'letter', '--sent', 'yesterday'], database.env);
    expect(sent.code).toBe(1);
    expect(sent.stderr).toContain('--sent: "yesterday" is neither a day');
    const noKey = await runCli(['mailing', 'import', file, '--name', 'X', '--channel', 'letter', '--sent', '2026-11-02'], database.env);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('No column names the customers');
    const missing = await runCli(['mailing', 'import', file, '--channel', 'letter', '--sent', '2026-11-02'], database.env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("required option '--name <name>' not specified");
    // Nothing was written by the refused runs.
    expect(await inDatabase(async (db) => (await db.selectFrom('mailings').select('name').where('name', '=', 'X').execute()).length)).toBe(0);
  });
});
