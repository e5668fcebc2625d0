import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app/app.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/platform/database/connect.js';
import { customerTables, type TableName } from '../src/platform/database/customer-tables.js';
import type { App } from '../src/platform/http/types.js';
import { readManifest, type ScaleManifest } from './scale-manifest.js';

/**
 * bench/scale-data.ts at a small count, run as the benchmarks run it (a process of its own), into a
 * temporary SQLite file, and into fresh PostgreSQL databases when TEST_DATABASE_URL is set; then the
 * real app on what it wrote.
 */
const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');
const smoke = ['--count', '300', '--busy', '3', '--busy-interactions', '300', '--sample', '40'];
// One moment for both runs of the same seed: what is due, late or waiting depends on it.
const now = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();

/**
 * Customer-owned tables the generator leaves empty, and why. A table added to the registry fails the
 * test until someone generates its rows or says here why not.
 */
const leftEmpty: Partial<Record<TableName, string>> = {
  emailMessages: 'the raw message behind an email contact, written by the mail integration (src/email/); generated email contacts are logged by hand',
  emailAttachments: 'files of received emails, as above',
  lifeEventCustomers: 'other customers a life event involves; each generated life event is its own customer’s',
  lifeEventAcknowledgements: 'staff acknowledging a life event Today suggested: left for the benchmarks to see every suggestion',
  promiseLinks: 'links that show a customer their promise, made on request; a secret hash per link',
  promiseLinkViews: 'a customer opening such a link',
  distinctCustomers: 'pairs said not to be the same person after a duplicate review',
  phoneCalls: 'calls told by the phone system (src/phone/)',
  duplicateSuspicions: 'found by a duplicate scan, not by loading',
  notifications: 'reminders made by the reminder jobs as they run',
  auditEvents: 'the trail of writes through the app; the bulk load bypasses it (createStaff audits the staff)',
  trashEntries: 'deleted things waiting in the trash',
  merges: 'merges of duplicates',
  importWrites: 'rows written by a CSV import',
  webhookDeliveries: 'webhooks sent to subscribers; there are none',
  erasures: 'customers erased on request',
};

interface Generated {
  label: string;
  target: { file?: string; url?: string };
  fresh: { file?: string; url?: string };
  cleanup: () => Promise<void>;
}

async function generate(target: { file?: string; url?: string }, seed = '42') {
  const where = target.file ? ['--file', target.file] : ['--url', target.url!];
  await run(tsx, ['bench/scale-data.ts', ...smoke, '--seed', seed, '--now', now, ...where], { maxBuffer: 1 << 26 });
  return readManifest(target);
}

const open = (target: { file?: string; url?: string }): DatabaseHandle => openDatabase(target.url ? { databaseUrl: target.url, poolSize: 2 } : { sqliteFile: target.file! });

function sqliteTargets(): Generated {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-data-'));
  return {
    label: 'SQLite',
    target: { file: path.join(dir, 'scale.sqlite') },
    fresh: { file: path.join(dir, 'fresh.sqlite') },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresTargets(base: string): Generated {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const named = (name: string) => {
    const url = new URL(base);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const names = [`scale_test_${suffix}`, `scale_fresh_${suffix}`, `scale_again_${suffix}`];
  return {
    label: 'PostgreSQL',
    target: { url: named(names[0]!) },
    fresh: { url: named(names[1]!) },
    cleanup: async () => {
      const admin = new pg.Client({ connectionString: named('postgres') });
      await admin.connect();
      for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      for (const name of names) fs.rmSync(path.join('bench', 'results', `${name}.scale.json`), { force: true });
    },
  };
}

const engines: (() => Generated)[] = [sqliteTargets];
if (process.env.TEST_DATABASE_URL) engines.push(() => postgresTargets(process.env.TEST_DATABASE_URL!));

for (const make of engines) {
  const setup = make();
  describe(`bench/scale-data.ts on ${setup.label}`, () => {
    let manifest: ScaleManifest;
    let handle: DatabaseHandle;
    let app: App;

    beforeAll(async () => {
      manifest = await generate(setup.target);
      handle = open(setup.target);
      app = await buildApp({ config: { ...loadConfig({ LOG_LEVEL: 'silent' }), phoneRegion: 'US' }, database: handle, logger: false, rateLimitPerMinute: 1_000_000 });
      await app.ready();
    }, 60_000);

    afterAll(async () => {
      await app?.close();
      await handle?.close();
      await setup.cleanup();
    });

    const signIn = async (email: string) => {
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: manifest.password } });
      expect(login.statusCode, login.body).toBe(200);
      return login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    };
    const get = async (url: string, cookie: string) => {
      const response = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      return JSON.parse(response.body) as Record<string, unknown>;
    };

    it('writes the manifest: staff, ordinary and busy customers, locations, the load', async () => {
      expect(manifest.customers).toBe(300);
      expect(manifest.busyCustomerIds).toHaveLength(3);
      expect(manifest.ordinaryCustomerIds.length).toBeGreaterThanOrEqual(20);
      expect(manifest.locationIds).toHaveLength(40);
      expect(manifest.load.rowsPerSecond).toBeGreaterThan(0);
      const busy = await handle.db.selectFrom('interactions').select(['customerId', (eb) => eb.fn.countAll<number>().as('n')]).where('customerId', 'in', manifest.busyCustomerIds).groupBy('customerId').execute();
      expect(busy.map((b) => Number(b.n)).every((n) => n >= 300)).toBe(true);
      const ordinary = await handle.db.selectFrom('interactions').select(['customerId', (eb) => eb.fn.countAll<number>().as('n')]).where('customerId', 'in', manifest.ordinaryCustomerIds).groupBy('customerId').execute();
      expect(ordinary.every((o) => Number(o.n) < 100)).toBe(true);
      const counted = await handle.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(counted.n)).toBe(manifest.load.rows.customers);
    });

    it('the app answers the brief and the first timeline page of ordinary and busy customers, Today and the waiting list', async () => {
      const frontline = await signIn(manifest.staff.frontline);
      for (const email of [manifest.staff.manager, manifest.staff.managerOfThree, manifest.staff.admin]) await signIn(email);
      for (const id of [manifest.ordinaryCustomerIds[0]!, manifest.busyCustomerIds[0]!]) {
        const brief = await get(`/api/v1/customers/${id}/brief`, frontline);
        expect(JSON.stringify(brief).length).toBeGreaterThan(200);
        const timeline = (await get(`/api/v1/customers/${id}/timeline`, frontline)) as { items: unknown[] };
        expect(timeline.items.length).toBeGreaterThan(0);
      }
      const busyPage = (await get(`/api/v1/customers/${manifest.busyCustomerIds[0]}/timeline`, frontline)) as { items: unknown[]; nextCursor?: string | null };
      expect(busyPage.nextCursor).toBeTruthy();
      const today = (await get('/api/v1/today', frontline)) as { sections: { key: string; status: string; items: unknown[] }[] };
      expect(today.sections.filter((s) => s.status !== 'ok')).toEqual([]);
      for (const key of ['promises', 'cases']) expect(today.sections.find((s) => s.key === key)?.items.length, key).toBeGreaterThan(0);
      const waiting = (await get('/api/v1/waiting?limit=50', frontline)) as { items: unknown[] };
      expect(waiting.items.length).toBeGreaterThan(0);
      const manager = await signIn(manifest.staff.managerOfThree);
      const managerToday = (await get('/api/v1/today', manager)) as { sections: { status: string }[] };
      expect(managerToday.sections.filter((s) => s.status !== 'ok')).toEqual([]);
    });

    it('fills every customer-owned table, or says why it leaves one empty', async () => {
      const filled: string[] = [];
      const empty: string[] = [];
      for (const spec of customerTables) {
        const column = spec.customerColumns[0]!;
        const row = await handle.db
          .selectFrom(spec.table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(sql.ref(column), 'is not', null)
          .executeTakeFirstOrThrow();
        (Number(row.n) > 0 ? filled : empty).push(spec.table);
      }
      expect(empty.sort()).toEqual(Object.keys(leftEmpty).sort());
      expect(filled).toContain('contactStates');
    });

    it('leaves exactly the indexes the migrations make', async () => {
      const fresh = setup.fresh;
      if (fresh.url) {
        const admin = new pg.Client({ connectionString: Object.assign(new URL(fresh.url), { pathname: '/postgres' }).toString() });
        await admin.connect();
        await admin.query(`create database ${new URL(fresh.url).pathname.slice(1)}`);
        await admin.end();
      }
      const freshHandle = open(fresh);
      await migrateToLatest(freshHandle);
      const indexesOf = async (h: DatabaseHandle) =>
        h.engine === 'postgres'
          ? (await sql<{ name: string; definition: string }>`select indexname as name, indexdef as definition from pg_indexes where schemaname = current_schema() order by indexname`.execute(h.db)).rows
          : (await sql<{ name: string; definition: string }>`select name, sql as definition from sqlite_master where type = 'index' order by name`.execute(h.db)).rows;
      const expected = await indexesOf(freshHandle);
      await freshHandle.close();
      expect(expected.length).toBeGreaterThan(50);
      expect(await indexesOf(handle)).toEqual(expected);
    });

    it('writes the same rows for the same seed', async () => {
      const again = setup.target.url ? { url: setup.target.url.replace('scale_test_', 'scale_again_') } : { file: setup.target.file!.replace('scale.sqlite', 'again.sqlite') };
      const second = await generate(again);
      expect(second.load.rows).toEqual(manifest.load.rows);
      expect(second.sampleNames).toEqual(manifest.sampleNames);
      const namesOf = async (h: DatabaseHandle) => (await h.db.selectFrom('customers').select('displayName').orderBy('displayName').execute()).map((c) => c.displayName);
      const other = open(again);
      expect(await namesOf(other)).toEqual(await namesOf(handle));
      await other.close();
    });
  });
}
