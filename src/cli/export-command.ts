import { once } from 'node:events';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/database/connect.js';
import type { Database } from '../platform/database/schema.js';
import { withDatabase } from './commands.js';

/**
 * `rapport export`: every customer and reference record as JSON lines, one
 * `{"type":"customer","data":{...}}` per line. Tables are read a page at a time in id order,
 * so memory stays flat however large the database. Secrets never leave: staff rows are read
 * without their password hash, sessions, API tokens and sign-in failures are not exported,
 * and audit diffs are scrubbed of anything that looks like a credential.
 * It is a full backup for an admin: private notes and life events are included.
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

/** Columns SQLite hands back as 0/1 that are booleans everywhere else. */
const flags = new Set(['isPrimary', 'household', 'pinned', 'active']);

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

async function childrenOf(db: Db, table: 'transactionItems' | 'lifeEventCustomers' | 'staffLocations', key: string, ids: string[]) {
  if (ids.length === 0) return [] as Record_[];
  return (await db
    .selectFrom(table as 'transactionItems')
    .selectAll()
    .where(key as 'transactionId', 'in', ids)
    .execute()) as unknown as Record_[];
}

const ids = (page: Record_[]) => page.map((r) => String(r.id));

export const sources: Source[] = [
  { type: 'location', table: 'locations' },
  {
    type: 'staff',
    table: 'staff',
    columns: ['id', 'email', 'name', 'role', 'active', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy'],
    enrich: async (db, page) => {
      const links = await childrenOf(db, 'staffLocations', 'staffId', ids(page));
      for (const r of page) r.locationIds = links.filter((l) => l.staffId === r.id).map((l) => l.locationId);
    },
  },
  { type: 'customer', table: 'customers' },
  { type: 'email', table: 'emails' },
  { type: 'phone', table: 'phones' },
  { type: 'address', table: 'addresses' },
  { type: 'externalId', table: 'externalIds' },
  { type: 'relationship', table: 'relationships' },
  { type: 'interaction', table: 'interactions' },
  {
    type: 'transaction',
    table: 'transactions',
    enrich: async (db, page) => {
      const items = await childrenOf(db, 'transactionItems', 'transactionId', ids(page));
      for (const r of page) {
        r.items = items
          .filter((i) => i.transactionId === r.id)
          .sort((a, b) => Number(a.position) - Number(b.position))
          .map(({ transactionId: _t, customerId: _c, ...item }) => item);
      }
    },
  },
  {
    type: 'lifeEvent',
    table: 'lifeEvents',
    enrich: async (db, page) => {
      const links = await childrenOf(db, 'lifeEventCustomers', 'lifeEventId', ids(page));
      for (const r of page) r.involvedCustomerIds = links.filter((l) => l.lifeEventId === r.id).map((l) => l.customerId);
    },
  },
  { type: 'project', table: 'projects' },
  { type: 'note', table: 'notes' },
  { type: 'auditEvent', table: 'auditEvents', present: parseDiff },
];

const normalize = (row: Record_): Record_ => {
  const out: Record_ = {};
  for (const [key, value] of Object.entries(row)) out[key] = flags.has(key) && typeof value === 'number' ? value !== 0 : value;
  return out;
};

async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

/** Streams every source to `out`, a page at a time; returns how many records of each type went out. */
export async function exportAll(db: Db, out: Writable, options: { pageSize?: number } = {}): Promise<Record<string, number>> {
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
        const data = normalize(source.present ? source.present(row) : row);
        await writeLine(out, `${JSON.stringify({ type: source.type, data })}\n`);
      }
      counts[source.type]! += page.length;
      if (page.length < pageSize) break;
      after = String(page.at(-1)!.id);
    }
  }
  return counts;
}

export function registerExportCommand(program: Command, config: () => Config): void {
  program
    .command('export')
    .description('Write every customer, interaction, transaction, note, staff member, location and audit event as JSON lines')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (options: { output?: string }) => {
      await withDatabase(config(), async ({ db }) => {
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
