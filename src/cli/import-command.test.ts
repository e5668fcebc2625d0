import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase, runCli, startCli } from '../test/cli.js';
import { migrateToLatest, openDatabase } from '../platform/database/connect.js';

/**
 * `rapport import` as an operator runs it: a check that writes nothing, an import with a progress
 * bar, the same file again changing nothing, every customer exported as vCards the import reads back,
 * an undo, and an import killed half-way and resumed without a record lost or doubled.
 */

let database: Awaited<ReturnType<typeof cliDatabase>>;
const fixture = path.join(import.meta.dirname, '../imports/readers/fixtures/google-contacts.csv');

beforeAll(async () => {
  database = await cliDatabase();
});
afterAll(() => database.drop());

/** Reads the CLI's database directly (what is left is checked row by row, not from what it printed). */
async function inDatabase<T>(work: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>): Promise<T> {
  const handle = openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR });
  try {
    await migrateToLatest(handle);
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}
const customerCount = () => inDatabase(async (db) => Number((await db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));

describe('rapport import and rapport export --customers', () => {
  it('checks without writing, imports with progress, and changes nothing the second time', async () => {
    const check = await runCli(['import', fixture, '--source', 'google-contacts', '--check'], database.env);
    expect(check.stderr, check.stderr).not.toMatch(/rapport:/);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/records: [1-9]\d* would be created/);
    expect(check.stdout).toMatch(/as a Google Contacts export/);
    expect(await customerCount()).toBe(0);

    const run = await runCli(['import', fixture, '--source', 'google-contacts'], database.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Importing: \d+ of \d+ records/);
    const created = Number(/Imported: \d+ records: (\d+) created/.exec(run.stdout)?.[1]);
    expect(created).toBeGreaterThan(0);
    const people = await customerCount();
    expect(people).toBeGreaterThanOrEqual(created);

    const again = await runCli(['import', fixture, '--source', 'google-contacts'], database.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Imported: \d+ records: 0 created, 0 updated/);
    expect(await customerCount()).toBe(people);

    // Every customer out as a vCard file (rapport export --customers), which the import reads back.
    const count = people;
    const file = path.join(database.env.DATA_DIR!, 'customers.vcf');
    const res = await runCli(['export', '--customers', 'vcard', '-o', file], database.env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(`Exported ${count} customers as vcard`);
    const text = fs.readFileSync(file, 'utf8');
    expect(text.match(/BEGIN:VCARD/g)).toHaveLength(count);
    const readBack = await runCli(['import', file, '--source', 'phone', '--check'], database.env);
    // Every record is someone already here, each with an id new to them (the card's): a person by the same
    // email and name, an organisation that is only a name (made for the people who work there) by its name.
    expect(readBack.stdout, readBack.stdout).toMatch(new RegExp(`${count} records: 0 would be created, ${count} would be updated`));
    expect((await runCli(['export', '--customers', 'xml'], database.env)).stderr).toMatch(/--customers must be csv, vcard or jsonl/);

    const id = /Import (\S+)/.exec(run.stdout)![1]!;
    const undone = await runCli(['import', '--undo', id], database.env);
    expect(undone.code, undone.stderr).toBe(0);
    // The same progress as the import's, in the rows the import wrote, then what the undo did.
    expect(undone.stderr).toMatch(/Undoing: \d+ of \d+ changes/);
    // Every customer it created (an organisation named on a card is one too), none filled in (the database was empty).
    expect(Number(/Undone: (\d+) records moved to the trash, 0 fields emptied again/.exec(undone.stdout)?.[1])).toBeGreaterThanOrEqual(created);
    expect(await customerCount()).toBe(0);
    const state = await inDatabase((db) => db.selectFrom('imports').select(['status', 'undoneAt', 'processedRows', 'totalRows']).where('id', '=', id).executeTakeFirstOrThrow());
    expect(state).toMatchObject({ status: 'undone', undoneAt: expect.anything() });
    expect(Number(state.processedRows)).toBe(Number(state.totalRows));
    const twice = await runCli(['import', '--undo', id], database.env);
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toMatch(/This import is undone/);
  }, 120_000);

  it('resumes an import killed half-way, with every record in once', async () => {
    const rows = 500;
    const file = path.join(database.env.DATA_DIR!, 'many.csv');
    const lines = ['First Name,Last Name,Email,Phone'];
    // Names that sound different (a phonetic code ignores digits: "Family1" and "Family2" sound alike).
    const word = (n: number) => [...String(n)].map((d) => 'bdfgklmnrt'[Number(d)]! + 'aeiou'[Number(d) % 5]!).join('');
    for (let i = 0; i < rows; i += 1) lines.push(`${word(i)}a,${word(i * 7 + 3)}son,person${i}@example.com,+1 312 555 ${String(1000 + i).padStart(4, '0')}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const before = await customerCount();

    const child = startCli(['import', file, '--source', 'crm-export'], database.env);
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (c: Buffer) => {
        if (/Importing: [1-9]\d* of/.test(c.toString())) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('close', () => resolve());
    });
    await new Promise((r) => child.on('close', r));
    const id = /Import (\S+)/.exec(out)![1]!;
    const stopped = await inDatabase((db) => db.selectFrom('imports').select(['status', 'processedRows']).where('id', '=', id).executeTakeFirstOrThrow());
    expect(stopped.status, 'the import was killed before it finished').toBe('importing');
    expect(stopped.processedRows).toBeLessThan(rows);
    // What was committed is whole: batches, never part of one.
    expect((await customerCount()) - before).toBe(Number(stopped.processedRows));

    const resumed = await runCli(['import', '--resume', id], database.env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((await customerCount()) - before).toBe(rows);
    const emails = await inDatabase((db) => db.selectFrom('emails').select('normalized').where('normalized', 'like', 'person%@example.com').execute());
    expect(new Set(emails.map((e) => e.normalized)).size).toBe(rows);
    expect(emails).toHaveLength(rows);
  }, 240_000);
});
