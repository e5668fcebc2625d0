import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import type { DatabaseHandle } from './connect.js';
import { flagColumns, withBooleanFlags } from './schema.js';
import { customerTables, dataTables, tableSpec, type TableName } from './customer-tables.js';

/**
 * The registry is complete: every table with a column naming a customer is in it, on both engines,
 * so that the trash, erasure, subject access and export cannot miss one. And every read of a table
 * that holds private rows goes through the one privacy filter.
 */

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await testDatabase();
});
afterAll(() => handle.close());

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

async function columnsByTable(): Promise<Map<string, string[]>> {
  const rows =
    handle.engine === 'postgres'
      ? (await sql<{ table: string; column: string }>`select table_name as "table", column_name as "column" from information_schema.columns where table_schema = current_schema()`.execute(handle.db.withoutPlugins())).rows
      : (await sql<{ table: string; column: string }>`select m.name as "table", p.name as "column" from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'`.execute(handle.db.withoutPlugins())).rows;
  const byTable = new Map<string, string[]>();
  for (const r of rows) byTable.set(r.table, [...(byTable.get(r.table) ?? []), r.column]);
  return byTable;
}

describe('the registry of customer-owned tables', () => {
  it('lists every table that has a column naming a customer, with those columns', async () => {
    const tables = await columnsByTable();
    const holding = [...tables].filter(([, columns]) => columns.some((c) => c === 'customer_id' || c.endsWith('_customer_id'))).map(([t]) => camel(t));
    expect(holding.length).toBeGreaterThan(10);
    const missing = holding.filter((t) => !customerTables.some((s) => s.table === t));
    expect(missing, 'add these tables to src/platform/database/customer-tables.ts').toEqual([]);
    for (const spec of customerTables) {
      const columns = tables.get(snake(spec.table));
      expect(columns, `${spec.table} exists`).toBeDefined();
      for (const c of [...spec.customerColumns, ...spec.key, ...Object.values(spec.privacy ?? {}), ...(spec.deferred ?? [])]) {
        expect(columns, `${spec.table}.${c}`).toContain(snake(c));
      }
      if (spec.parent) expect(columns).toContain(snake(spec.parent.column));
      if (spec.erasure.kind === 'redact') for (const c of Object.keys(spec.erasure.set)) expect(columns).toContain(snake(c));
    }
  });

  it('puts parents before their children and customers first, the order a restore needs', () => {
    const order = dataTables.map((s) => s.table);
    expect(order[0]).toBe('customers');
    for (const spec of dataTables) if (spec.parent) expect(order.indexOf(spec.parent.table)).toBeLessThan(order.indexOf(spec.table));
  });
});

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * Places that read private rows as Rapport itself, on purpose: moving rows to and from the trash,
 * erasure, subject access and the export (each for someone entitled to all of it), and the demo data.
 */
const systemReaders = ['platform/database/customer-rows.ts', 'trash/trash-store.ts', 'data-rights/', 'cli/export-command.ts', 'demo/', 'migrations/'];

describe('reads of private rows', () => {
  it('go through visibleRows wherever a query names a table that holds them', () => {
    const privateTables = customerTables.filter((s) => s.privacy).map((s) => s.table as TableName);
    expect(privateTables).toEqual(expect.arrayContaining(['notes', 'lifeEvents', 'auditEvents', 'trashEntries']));
    const offending: string[] = [];
    for (const file of sources(src)) {
      const relative = path.relative(src, file);
      if (systemReaders.some((r) => relative.includes(r))) continue;
      const text = fs.readFileSync(file, 'utf8');
      for (const table of privateTables) {
        const reads = new RegExp(`(selectFrom|Join)\\(\\s*'${table}( as (\\w+))?'`, 'g');
        for (const match of text.matchAll(reads)) {
          const alias = match[3] ?? table;
          // The filter for this alias must appear in the same statement (up to its end).
          const rest = text.slice(match.index);
          const statement = rest.slice(0, rest.search(/\.execute(TakeFirst)?\(|;\n/) + 1);
          if (!statement.includes(`visibleRows(`) || !new RegExp(`'${table}', '${alias}'`).test(statement)) {
            offending.push(`${relative}: ${match[0]} without visibleRows(actor, '${table}', '${alias}')`);
          }
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('knows every flag column, so that SQLite\'s 0/1 is true/false in the export and subject access', () => {
    const schema = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'schema.ts'), 'utf8');
    const declared = new Set([...schema.matchAll(/^\s+(\w+): Flag;/gm)].map((m) => m[1]!));
    expect(declared.size).toBeGreaterThan(3);
    expect([...flagColumns].sort()).toEqual([...declared].sort());
    expect(withBooleanFlags({ pinned: 1, apologised: 0, everyDays: 1 })).toEqual({ pinned: true, apologised: false, everyDays: 1 });
  });

  it('knows the privacy columns of every table it filters', () => {
    for (const table of ['notes', 'lifeEvents', 'auditEvents', 'trashEntries'] as const) expect(tableSpec(table).privacy).toBeDefined();
  });
});

/** The table names a paragraph of docs/scaling.md lists: between markers, or in backticks after its bold heading. */
function listedInScalingDoc(): { distributed: string[]; reference: string[]; coordinator: string[] } {
  const doc = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/scaling.md'), 'utf8');
  const between = /<!-- distributed:start -->([\s\S]*?)<!-- distributed:end -->/.exec(doc)?.[1] ?? '';
  const paragraph = (heading: string) => (doc.split(`**${heading}**`)[1] ?? '').split('\n\n')[0]!;
  const names = (text: string) => [...text.matchAll(/`([a-z_]+)`/g)].map((m) => m[1]!).filter((n) => n !== 'id' && n !== 'customer_id');
  return {
    distributed: between.split(/[,\s]+/).filter(Boolean),
    reference: names(paragraph('Reference tables')),
    coordinator: names(paragraph('Left on the coordinator')),
  };
}

describe('docs/scaling.md (spreading the schema over machines by customer)', () => {
  it('distributes exactly the registry tables that carry customer_id, and names every other table once', async () => {
    const tables = await columnsByTable();
    const { distributed, reference, coordinator } = listedInScalingDoc();
    const carrying = customerTables
      .map((spec) => snake(spec.table))
      .filter((t) => t === 'customers' || (tables.get(t) ?? []).includes('customer_id'))
      .sort();
    expect([...distributed].sort()).toEqual(carrying);
    // Every customer-owned table but the few that name two customers can be distributed by its customer.
    expect(customerTables.map((spec) => snake(spec.table)).filter((t) => !carrying.includes(t)).sort()).toEqual(['distinct_customers', 'duplicate_suspicions', 'merges']);
    const named = [...distributed, ...reference, ...coordinator];
    expect(new Set(named).size).toBe(named.length);
    const all = [...tables.keys()].filter((t) => !t.startsWith('kysely_') && !t.startsWith('sqlite_')).sort();
    expect([...named].sort()).toEqual(all);
  });
});
