import readline from 'node:readline';
import { Option, type Command } from 'commander';
import { allLocationNames } from '../locations/location-store.js';
import { sameName } from '../locations/location-rules.js';
import { roles, type Role } from '../platform/auth/roles.js';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/database/connect.js';
import { DomainError } from '../platform/errors.js';
import { validatorCompiler } from '../platform/http/validation.js';
import { createStaff, updateStaff } from '../staff/staff-commands.js';
import { StaffCreate } from '../staff/staff-schemas.js';
import { findStaffByEmail, listStaffRows, normalizeStaffEmail, presentStaff } from '../staff/staff-store.js';
import { withDatabase } from './commands.js';

/**
 * `rapport user add|list|disable|reset-password`: staff accounts from the command line, for the
 * first admin on a headless install or when every admin is locked out. Passwords come from
 * --password, a hidden prompt, or the first line of standard input; they are never printed.
 */

const fail = (detail: string) => new DomainError('bad_input', 'Bad input', detail);

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: Record<string, unknown> }[] | null };
const checkStaff = validatorCompiler({ schema: StaffCreate, method: 'POST', url: 'cli', httpPart: 'body' }) as unknown as Validate;

/** One line per problem, naming the option rather than a JSON pointer. */
function checkInput(input: StaffCreate): void {
  if (checkStaff(input)) return;
  const lines = (checkStaff.errors ?? []).map((e) => {
    const field = e.instancePath.split('/')[1] ?? String(e.params.missingProperty ?? 'input');
    if (field === 'password') return 'the password must be 10 to 200 characters long';
    if (field === 'email') return `--email must be an email address`;
    return `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${e.message ?? 'is invalid'}`;
  });
  throw fail([...new Set(lines)].join('; '));
}

/** Shows a plain sentence instead of the field list the API would send. */
async function plainly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.kind, error.title, error.detail ?? error.title);
    throw error;
  }
}

function askHidden(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (text: string) => void };
  let hide = false;
  muted._writeToOutput = (text) => {
    if (!hide || text.includes('\n')) process.stderr.write(hide ? '\n' : text);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
    hide = true;
  });
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

/** The new password: --password, else a hidden prompt at a terminal, else the first line of stdin. */
async function passwordFrom(option: string | undefined): Promise<string> {
  if (option !== undefined) return option;
  if (process.stdin.isTTY) {
    const first = await askHidden('Password (at least 10 characters): ');
    const again = await askHidden('Repeat the password: ');
    if (first !== again) throw fail('the two passwords differ');
    return first;
  }
  const line = await readStdinLine();
  if (!line) throw fail('give the password with --password or on standard input');
  return line;
}

/** Locations given by name or id. */
async function locationIds(db: Db, given: string[]): Promise<string[]> {
  const known = await allLocationNames(db);
  return given.map((value) => {
    const found = known.find((l) => l.id === value || sameName(l.name, value));
    if (!found) throw fail(`there is no location called ${value}`);
    return found.id;
  });
}

async function staffIdOf(db: Db, email: string): Promise<string> {
  const staff = await findStaffByEmail(db, email);
  if (!staff) throw new DomainError('not_found', 'Not found', `No staff account has the email ${email}.`);
  return staff.id;
}

export function registerUserCommands(program: Command, config: () => Config): void {
  const user = program.command('user').description('Manage staff accounts: add, list, disable, reset-password');

  user
    .command('add')
    .description('Create a staff account (the password is read from --password, a prompt, or standard input)')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'full name as colleagues see it')
    .addOption(new Option('--role <role>', 'what the account may do').choices(roles).makeOptionMandatory())
    .option('--password <password>', 'the password (better: leave it out and type it or pipe it in)')
    .option('--location <name-or-id...>', 'locations the person works at')
    .action(async (options: { email: string; name: string; role: Role; password?: string; location?: string[] }) => {
      const password = await passwordFrom(options.password);
      await withDatabase(config(), (handle) =>
        plainly(async () => {
          const ids = options.location ? await locationIds(handle.db, options.location) : undefined;
          const input: StaffCreate = { email: options.email.trim(), name: options.name.trim(), role: options.role, password, ...(ids ? { locationIds: ids } : {}) };
          checkInput(input);
          await handle.db.transaction().execute((trx) => createStaff(trx, null, input));
          process.stdout.write(`Created ${options.role} account ${normalizeStaffEmail(input.email)}.\n`);
        }),
      );
    });

  user
    .command('list')
    .description('List staff accounts')
    .action(async () => {
      await withDatabase(config(), async (handle) => {
        const staff = await presentStaff(handle.db, await listStaffRows(handle.db));
        const places = new Map((await allLocationNames(handle.db)).map((l) => [l.id, l.name]));
        const rows = [
          ['EMAIL', 'NAME', 'ROLE', 'STATUS', 'LOCATIONS'],
          ...staff.map((s) => [
            s.email ?? '(integration)',
            s.name,
            s.role,
            !s.active ? 'disabled' : s.hasPassword || s.kind === 'integration' ? 'active' : 'no password yet',
            s.locationIds.map((id) => places.get(id) ?? id).join(', '),
          ]),
        ];
        const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
        for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
        if (staff.length === 0) process.stdout.write('No staff accounts yet: add one with `rapport user add`.\n');
      });
    });

  user
    .command('disable')
    .description('Disable a staff account; it can no longer sign in, its sessions end and its API tokens are revoked')
    .argument('<email>')
    .action(async (email: string) => {
      await withDatabase(config(), (handle) =>
        plainly(async () => {
          const id = await staffIdOf(handle.db, email);
          await handle.db.transaction().execute((trx) => updateStaff(trx, null, id, { active: false }));
          process.stdout.write(`Disabled ${normalizeStaffEmail(email)}; its sessions have ended and its API tokens are revoked.\n`);
        }),
      );
    });

  user
    .command('reset-password')
    .description('Set a new password (from --password, a prompt, or standard input); the account is signed out everywhere and its API tokens are revoked')
    .argument('<email>')
    .option('--password <password>', 'the new password (better: type it or pipe it in)')
    .action(async (email: string, options: { password?: string }) => {
      await withDatabase(config(), (handle) =>
        plainly(async () => {
          const id = await staffIdOf(handle.db, email);
          const password = await passwordFrom(options.password);
          if (password.length < 10 || password.length > 200) throw fail('the password must be 10 to 200 characters long');
          await handle.db.transaction().execute((trx) => updateStaff(trx, null, id, { password }));
          process.stdout.write(`Set a new password for ${normalizeStaffEmail(email)}; its sessions have ended and its API tokens are revoked.\n`);
        }),
      );
    });
}
