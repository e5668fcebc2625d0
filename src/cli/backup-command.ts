import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type SQLite from 'better-sqlite3';
import type { Command } from 'commander';
import type { Config } from '../platform/config.js';
import { migrateToLatest, openDatabase, postgresDriver, sqliteDriver, sqliteFileIn } from '../platform/database/connect.js';
import { badRequest, conflict } from '../platform/errors.js';

/**
 * `rapport backup FILE` and `rapport restore FILE --yes`, on either engine, while the server runs
 * (backup) or once it is stopped (restore).
 *
 * - SQLite: SQLite's online backup (better-sqlite3's `backup`), page by page, consistent even while
 *   the server writes: a write during the copy makes it start again from the changed pages. The copy
 *   is checked (integrity_check) before the command says it is done. Restore copies the file back
 *   the same way, into the database file, so the write-ahead log is handled by SQLite, not by hand.
 * - PostgreSQL: pg_dump's custom format of Rapport's schema (run the pg_dump of the server's major
 *   version or newer), and pg_restore in one transaction, dropping what is there first.
 *
 * A backup is everything, private facts and the trash included: keep it as safe as the database.
 */

interface Target {
  engine: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL URL. */
  where: string;
}

const targetOf = (config: Config): Target => (config.databaseUrl ? { engine: 'postgres', where: config.databaseUrl } : { engine: 'sqlite', where: sqliteFileIn(config.dataDir) });

/** Opens a SQLite file that must be a Rapport database, read-only; refuses anything else in words. */
function openRapportFile(file: string, what: string): SQLite.Database {
  if (!fs.existsSync(file)) throw badRequest(`${what} ${file} does not exist.`);
  let copy: SQLite.Database;
  try {
    copy = new (sqliteDriver())(file, { readonly: true, fileMustExist: true });
    copy.pragma('schema_version');
  } catch {
    throw badRequest(`${what} ${file} is not a SQLite database.`);
  }
  const check = copy.pragma('integrity_check', { simple: true });
  const migrated = copy.prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'").get() as { n: number };
  if (check !== 'ok' || migrated.n === 0) {
    copy.close();
    throw badRequest(check !== 'ok' ? `${what} ${file} is damaged: ${String(check)}.` : `${what} ${file} is not a Rapport database (it has no migration history).`);
  }
  return copy;
}

const customersIn = (file: SQLite.Database): number => (file.prepare('select count(*) as n from customers').get() as { n: number }).n;

async function run(command: string, args: readonly string[]): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let said = '';
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? badRequest(`${command} was not found: install PostgreSQL's client programs (Debian: postgresql-client) of the server's version or newer.`) : error),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(conflict(`${command} failed (exit ${code}): ${said.trim().split('\n').slice(-3).join(' ')}`))));
  });
}

/** The schema Rapport's tables are in (the URL may choose one with options=-c search_path=...). */
async function currentSchema(url: string): Promise<string> {
  const client = new (postgresDriver().Client)({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ schema: string }>('select current_schema() as schema');
    return rows[0]!.schema;
  } finally {
    await client.end();
  }
}

export async function backup(config: Config, file: string): Promise<string> {
  const target = targetOf(config);
  if (fs.existsSync(file)) throw badRequest(`${file} already exists: name a new file, so no earlier backup is overwritten.`);
  if (target.engine === 'postgres') {
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--schema=${await currentSchema(target.where)}`, `--file=${file}`, `--dbname=${target.where}`]);
    return `Backed up the PostgreSQL database to ${file} (${fs.statSync(file).size} bytes); restore it with rapport restore ${file} --yes`;
  }
  const live = openRapportFile(target.where, 'The database');
  try {
    await live.backup(file);
  } finally {
    live.close();
  }
  fs.chmodSync(file, 0o600);
  const copy = openRapportFile(file, 'The backup');
  try {
    return `Backed up ${target.where} to ${file}: ${customersIn(copy)} customers, ${fs.statSync(file).size} bytes, integrity checked`;
  } finally {
    copy.close();
  }
}

export async function restore(config: Config, file: string): Promise<string> {
  const target = targetOf(config);
  if (target.engine === 'postgres') {
    if (!fs.existsSync(file)) throw badRequest(`The backup ${file} does not exist.`);
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${target.where}`, file]);
  } else {
    const copy = openRapportFile(file, 'The backup');
    try {
      fs.mkdirSync(config.dataDir, { recursive: true });
      await copy.backup(target.where);
    } finally {
      copy.close();
    }
  }
  // A backup made by an earlier version is brought up to this one's schema now, not at the next start.
  const handle = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(handle);
    const { count } = await handle.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return `Restored ${file} into ${handle.describe}: ${Number(count)} customers${applied.length ? `; then applied ${applied.join(', ')}` : ''}`;
  } finally {
    await handle.close();
  }
}

export function registerBackupCommands(program: Command, config: () => Config): void {
  program
    .command('backup')
    .description('Copy the whole database to a new file while the server runs (SQLite: online backup; PostgreSQL: pg_dump)')
    .argument('<file>', 'the backup file to write (must not exist yet)')
    .action(async (file: string) => {
      process.stdout.write(`${await backup(config(), file)}\n`);
    });

  program
    .command('restore')
    .description('Replace everything in the database with a backup made by rapport backup (stop the server first)')
    .argument('<file>', 'a file written by rapport backup')
    .option('--yes', 'confirm that everything now in the database is replaced')
    .action(async (file: string, options: { yes?: boolean }) => {
      if (!options.yes) throw badRequest(`This replaces everything in the database with ${file}. Stop the server, then run it again with --yes.`);
      process.stdout.write(`${await restore(config(), file)}\n`);
    });
}
