import { once } from 'node:events';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { PostgresAdapter } from 'kysely';
import { recordAudit } from '../audit/audit-store.js';
import { subjectAccess } from '../data-rights/subject-access.js';
import { renderSubjectAccessHtml } from '../data-rights/subject-access-html.js';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/database/connect.js';
import { childrenOf, customerTables } from '../platform/database/customer-tables.js';
import { withBooleanFlags, type Database } from '../platform/database/schema.js';
import { badRequest } from '../platform/errors.js';
import { withDatabase } from './commands.js';
import { exportFormats, writeCustomers, type ExportFormat } from '../exports/customer-export.js';

/**
 * `rapport export`: every customer and reference record as JSON lines, one
 * `{"type":"customer","data":{...}}` per line. Customer data comes from the registry of
 * customer-owned tables (src/platform/database/customer-tables.ts), so a new kind of fact is
 * exported without more code. Tables are read a page at a time in id order, so memory stays flat
 * however large the database, and all of them in one read transaction (one snapshot): a write made
 * while the export runs is in it entirely or not at all. Secrets never leave: staff rows are read
 * without their password hash, sessions, API tokens and sign-in failures are not exported, and
 * audit diffs are scrubbed of anything that looks like a credential.
 * It is a full backup for an admin: private notes and life events, and the trash, are included.
 *
 * `rapport export --customer ID` writes one customer's subject-access report instead (JSON, or
 * with --format html a page to hand to them).
 */

type Record_ = Record<string, unknown>;
type Table = keyof Database;

interface Source {
  type: string;
  table: Table;
  /** Columns to read; all when left out. */
  columns?: string[];
  /** Adds child rows (items, people involved) to one page of records. */
  enrich?: (db: Db, page: Record_[]) => Promise<void>;
  present?: (row: Record_) => Record_;
}

const secretKey = /password|secret|token_?hash|tokenHash|csrf|cookie/i;

/** Removes credential-looking fields at any depth (audit diffs are free-form JSON). */
export function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([key]) => !secretKey.test(key)).map(([key, v]) => [key, scrub(v)]));
  }
  return value;
}

const parseDiff = (row: Record_): Record_ => {
  if (typeof row.diff !== 'string') return row;
  try {
    return { ...row, diff: scrub(JSON.parse(row.diff)) };
  } catch {
    return { ...row, diff: null };
  }
};

async function rowsOf(db: Db, table: Table, key: string, ids: string[]): Promise<Record_[]> {
  if (ids.length === 0) return [];
  return (await db
    .selectFrom(table as 'transactionItems')
    .selectAll()
    .where(key as 'transactionId', 'in', ids)
    .execute()) as unknown as Record_[];
}

const ids = (page: Record_[]) => page.map((r) => String(r.id));

export const sources: Source[] = [
  {
    type: 'location',
    table: 'locations',
    // The calendar as the API shows it: the weekly hours as an object, and the holidays by date.
    enrich: async (db, page) => {
      const holidays = page.length ? await db.selectFrom('locationHolidays').selectAll().where('locationId', 'in', ids(page)).orderBy('date').execute() : [];
      for (const r of page) {
        r.openingHours = typeof r.openingHours === 'string' ? JSON.parse(r.openingHours) : null;
        r.holidays = holidays.filter((h) => h.locationId === r.id).map(({ date, name }) => ({ date, name }));
      }
    },
  },
  {
    type: 'staff',
    table: 'staff',
    columns: ['id', 'kind', 'email', 'name', 'role', 'active', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'],
    enrich: async (db, page) => {
      const links = await rowsOf(db, 'staffLocations', 'staffId', ids(page));
      for (const r of page) {
        r.locationIds = links.filter((l) => l.staffId === r.id).map((l) => l.locationId);
        // An integration has no email: the column holds an internal handle (src/staff/staff-rules.ts) that never leaves.
        if (r.kind === 'integration') r.email = null;
      }
    },
  },
  ...customerTables
    .filter((spec) => spec.role === 'customer' || spec.role === 'fact')
    .map(
      (spec): Source => ({
        type: spec.recordType,
        table: spec.table,
        enrich: async (db, page) => {
          for (const child of childrenOf(spec.table)) {
            const nest = child.nestAs!;
            const rows = await rowsOf(db, child.table, child.parent!.column, ids(page));
            if (nest.orderBy) rows.sort((x, y) => Number(x[nest.orderBy!]) - Number(y[nest.orderBy!]));
            for (const r of page) {
              const mine = rows.filter((c) => c[child.parent!.column] === r.id);
              r[nest.property] = nest.value
                ? mine.map((c) => c[nest.value!])
                : mine.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => !nest.omit?.includes(k) && !child.secrets?.includes(k))));
            }
          }
        },
      }),
    ),
  { type: 'auditEvent', table: 'auditEvents', present: parseDiff },
  {
    type: 'trashEntry',
    table: 'trashEntries',
    // What waits in the trash, as it was stored, so that a backup can bring it back too.
    enrich: async (db, page) => {
      const rows = await rowsOf(db, 'trashRows', 'trashId', ids(page));
      rows.sort((x, y) => Number(x.position) - Number(y.position));
      for (const r of page) {
        r.rows = rows.filter((t) => t.trashId === r.id).map((t) => ({ table: t.tableName, data: JSON.parse(String(t.data)) as unknown }));
      }
    },
  },
  { type: 'erasure', table: 'erasures' },
];


async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

export interface ExportOptions {
  pageSize?: number;
  /** Called after each page is written (tests use it to write while an export runs). */
  afterPage?: (type: string) => Promise<void>;
}

/**
 * Streams every source to `out` from one snapshot of the database; returns how many records of
 * each type went out. PostgreSQL reads in a repeatable-read, read-only transaction; SQLite in one
 * read transaction (in WAL mode a reader sees the database as it was when it began).
 */
export async function exportAll(db: Db, out: Writable, options: ExportOptions = {}): Promise<Record<string, number>> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const snapshot = postgres ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only') : db.transaction();
  return snapshot.execute((trx) => exportSnapshot(trx, out, options));
}

async function exportSnapshot(db: Db, out: Writable, options: ExportOptions): Promise<Record<string, number>> {
  const pageSize = options.pageSize ?? 500;
  const counts: Record<string, number> = {};
  for (const source of sources) {
    counts[source.type] = 0;
    let after: string | null = null;
    for (;;) {
      let query = db.selectFrom(source.table as 'customers');
      query = after === null ? query : query.where('id', '>', after);
      const selected = source.columns ? query.select(source.columns as 'id'[]) : query.selectAll();
      const page = (await selected.orderBy('id').limit(pageSize).execute()) as unknown as Record_[];
      if (page.length === 0) break;
      await source.enrich?.(db, page);
      for (const row of page) {
        const data = withBooleanFlags(source.present ? source.present(row) : row);
        await writeLine(out, `${JSON.stringify({ type: source.type, data })}\n`);
      }
      counts[source.type]! += page.length;
      await options.afterPage?.(source.type);
      if (page.length < pageSize) break;
      after = String(page.at(-1)!.id);
    }
  }
  return counts;
}

export function registerExportCommand(program: Command, config: () => Config): void {
  program
    .command('export')
    .description('Write every customer, interaction, transaction, note, staff member, location and audit event as JSON lines; or with --customer, everything about one customer')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .option('-c, --customer <id>', "one customer's subject-access report: everything Rapport holds about them")
    .option('-f, --format <format>', 'with --customer: json (the default) or html, a page to hand to the customer')
    .option('--customers <format>', 'only the customers, as csv (a spreadsheet; the import reads it back), vcard (4.0) or jsonl')
    .action(async (options: { output?: string; customer?: string; format?: string; customers?: string }) => {
      if (options.customers !== undefined) {
        const format = options.customers;
        if (!exportFormats.includes(format as ExportFormat)) throw badRequest(`--customers must be csv, vcard or jsonl, not "${format}".`);
        await withDatabase(config(), async ({ db }) => {
          const out: Writable = options.output ? fs.createWriteStream(options.output, { flags: 'w', mode: 0o600 }) : process.stdout;
          if (options.output) await once(out, 'open');
          // Read as Rapport itself (the server's administrator): every note that may leave.
          const count = await writeCustomers(
            db,
            format as ExportFormat,
            null,
            async (chunk) => {
              if (!out.write(chunk)) await once(out, 'drain');
            },
            null,
          );
          await recordAudit(db, null, { action: 'export', entityType: 'customer', entityId: null, after: { format, scope: 'all customers', via: 'command line' } });
          if (options.output) {
            out.end();
            await once(out, 'finish');
          }
          process.stderr.write(`Exported ${count} customers as ${format}${options.output ? ` to ${options.output}` : ''}\n`);
        });
        return;
      }
      if (options.format !== undefined && !options.customer) throw badRequest('--format goes with --customer (the full export is always JSON lines).');
      if (options.format !== undefined && options.format !== 'json' && options.format !== 'html') throw badRequest(`--format must be json or html, not "${options.format}".`);
      await withDatabase(config(), async ({ db }) => {
        if (options.customer) {
          await exportCustomer(db, options.customer, options.format === 'html' ? 'html' : 'json', options.output);
          return;
        }
        const out: Writable = options.output ? fs.createWriteStream(options.output, { flags: 'w', mode: 0o600 }) : process.stdout;
        // `rapport export | head` closes the pipe early: that is the reader's choice, not an error.
        if (!options.output) {
          process.stdout.on('error', (error: NodeJS.ErrnoException) => {
            if (error.code !== 'EPIPE') throw error;
            process.exit(0);
          });
        }
        if (options.output) await once(out, 'open');
        const counts = await exportAll(db, out);
        if (options.output) {
          out.end();
          await once(out, 'finish');
        }
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        const detail = Object.entries(counts)
          .filter(([, n]) => n > 0)
          .map(([type, n]) => `${n} ${type}`)
          .join(', ');
        process.stderr.write(`Exported ${total} records${options.output ? ` to ${options.output}` : ''}${detail ? ` (${detail})` : ''}\n`);
      });
    });
}

/** One customer's subject-access report, read as Rapport itself (the command line is for admins of the server), and audited. */
async function exportCustomer(db: Db, customerId: string, format: 'json' | 'html', output: string | undefined): Promise<void> {
  const report = await db.transaction().execute(async (trx) => {
    const found = await subjectAccess(trx, null, customerId);
    await recordAudit(trx, null, { action: 'subject_access', entityType: 'customer', entityId: customerId, customerId, after: { format, via: 'command line' } });
    return found;
  });
  const text = format === 'html' ? renderSubjectAccessHtml(report) : `${JSON.stringify(report, null, 2)}\n`;
  if (output) fs.writeFileSync(output, text, { mode: 0o600 });
  else process.stdout.write(text);
  process.stderr.write(`Wrote everything held about ${report.displayName}${output ? ` to ${output}` : ''}\n`);
}
