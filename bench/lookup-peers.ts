/**
 * The lookup's query classes (bench/lookup-class-queries.ts) asked of three lookups over the same
 * customers, scored the same way (the intended person or a namesake in the top 5; hit@1 where the
 * name is held by one customer):
 *
 * - **Rapport**: searchCustomers(), the code behind GET /api/v1/search, on the SQLite file.
 * - **Twenty** (twentyhq/twenty), its search as the source has it, on PostgreSQL, in a database of
 *   its own holding the same people as Twenty stores them (a `person` table with the name, primary
 *   email and primary phone columns and the generated `searchVector`). Followed, in twentyhq/twenty:
 *   - packages/twenty-server/src/modules/person/standard-objects/person.workspace-entity.ts
 *     (SEARCH_FIELDS_FOR_PERSON: name (first, last), emails, phones, jobTitle);
 *   - packages/twenty-server/src/engine/workspace-manager/workspace-sync-metadata/utils/get-ts-vector-column-expression.util.ts
 *     and is-searchable-subfield.util.ts (one to_tsvector('simple', …) over the unaccented fields
 *     joined by spaces, no weights; an email also gives its domain; a phone its number, its calling
 *     code, both joined, the code without "+" joined, and "0" + the number);
 *   - packages/twenty-server/src/database/commands/upgrade-version-command/1-8/1-8-regenerate-person-search-vector-with-phones.command.ts
 *     (the column is GENERATED ALWAYS … STORED, with a GIN index "IDX_person_searchVector");
 *   - packages/twenty-server/src/database/scripts/setup-db.ts (public.unaccent_immutable wraps
 *     unaccent with the 'public.unaccent' dictionary);
 *   - packages/twenty-server/src/engine/core-modules/search/utils/format-search-terms.ts (the input
 *     trimmed, split on white space, each word escaped and made a prefix `word:*`, joined by `&`,
 *     and a second time by `|`);
 *   - packages/twenty-server/src/engine/core-modules/search/services/search.service.ts (rows whose
 *     vector matches either query, not deleted; ordered by ts_rank_cd against the `&` query, then
 *     ts_rank against the `|` query, then id; limit + 1 rows taken, `limit` returned).
 *   The SQL below is written here from that reading; none of Twenty's code is copied.
 * - **Bare SQLite**: what a developer gets from SQLite alone: an FTS5 table (tokenizer unicode61
 *   remove_diacritics 2) over each customer's display name (given, middle and family names, or the
 *   organisation's name), each typed word a quoted prefix query (`"mary"* "jonson"*`: every word must
 *   match the start of a name word), ranked by bm25, first 10. In a file of its own beside the
 *   database (`<file>.fts5.sqlite`), so the app's file is not changed.
 *
 *   nice -n 10 npx tsx bench/lookup-peers.ts --file bench/results/lookup-eval-1m.sqlite \
 *     --url postgres://postgres@127.0.0.1:5432/twentypeer --load --perClass 150
 *
 * `--probe "text"` (repeatable) prints the first five each lookup gives for that query.
 * `--load` (re)makes Twenty's table (the database is created if missing) and the FTS5 file from the
 * SQLite file; without it both are reused. Without `--url` Twenty is left out. The targets and
 * queries are lookup-classes.ts's for the same file, seed and --perClass. Times are measured in this
 * process around each call (Twenty's include the round trip to PostgreSQL on 127.0.0.1); Rapport's
 * latency figures of record come from lookup-classes.ts --warm / --cold.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from '../src/platform/database/connect.js';
import { searchCustomers } from '../src/search/search-service.js';
import { classQueries, namesakeCounts, readTargets, Scorer, vocabulary, type Ranked } from './lookup-class-queries.js';
import { seeded } from './names.js';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string' },
    url: { type: 'string' },
    sample: { type: 'string' },
    load: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1013' },
    perClass: { type: 'string', default: '150' },
    classes: { type: 'string' },
    failures: { type: 'string', default: '0' },
    probe: { type: 'string', multiple: true },
  },
});

const limit = 10;

interface Lookup {
  name: 'rapport' | 'twenty' | 'sqlite-fts5';
  run(q: string): Promise<Ranked[]>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- Twenty, on PostgreSQL

/** The searchVector of Twenty's person, for the columns below (see the files cited at the top). */
const twentySearchVector = `to_tsvector('simple',
  coalesce(public.unaccent_immutable("nameFirstName"), '') || ' ' ||
  coalesce(public.unaccent_immutable("nameLastName"), '') || ' ' ||
  coalesce(public.unaccent_immutable("emailsPrimaryEmail"), '') || ' ' ||
  coalesce(public.unaccent_immutable(split_part("emailsPrimaryEmail", '@', 2)), '') || ' ' ||
  coalesce("phonesPrimaryPhoneNumber", '') || ' ' ||
  coalesce("phonesPrimaryPhoneCallingCode", '') || ' ' ||
  coalesce("phonesPrimaryPhoneCallingCode" || "phonesPrimaryPhoneNumber", '') || ' ' ||
  coalesce(replace("phonesPrimaryPhoneCallingCode", '+', '') || "phonesPrimaryPhoneNumber", '') || ' ' ||
  coalesce('0' || "phonesPrimaryPhoneNumber", '') || ' ' ||
  coalesce(public.unaccent_immutable("jobTitle"), ''))`;

/** Twenty's tsquery text: each white-space word escaped and made a prefix, joined by & or |. */
export function twentySearchTerms(input: string, operator: '&' | '|'): string {
  const trimmed = input.trim();
  if (trimmed === '') return '';
  return trimmed
    .split(/\s+/)
    .map((word) => `${word.replace(/[\\:'&|!()@<>]/g, (c) => `\\${c}`)}:*`)
    .join(` ${operator} `);
}

const twentyQuery = `
  select id, "nameFirstName", "nameLastName"
  from person
  where "deletedAt" is null
    and ("searchVector" @@ to_tsquery('simple', public.unaccent_immutable($1))
      or "searchVector" @@ to_tsquery('simple', public.unaccent_immutable($2)))
  order by ts_rank_cd("searchVector", to_tsquery('simple', public.unaccent_immutable($1))) desc,
    ts_rank("searchVector", to_tsquery('simple', public.unaccent_immutable($2))) desc,
    id asc nulls first
  limit $3`;

async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--url: a plain database name, not "${name}"`);
  const server = new URL(url);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
}

/** Twenty's person table in its own database, from the people of the SQLite file, as Twenty stores them. */
async function loadTwenty(file: string, url: string): Promise<{ people: number; seconds: number }> {
  const started = Date.now();
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const source = new SQLite(file, { readonly: true });
  try {
    await client.query('create extension if not exists unaccent');
    await client.query(`create or replace function public.unaccent_immutable(input text) returns text language sql immutable
      as $$ select public.unaccent('public.unaccent'::regdictionary, input) $$`);
    await client.query('drop table if exists person');
    await client.query(`create table person (
      id uuid primary key,
      "nameFirstName" text not null default '',
      "nameLastName" text not null default '',
      "emailsPrimaryEmail" text not null default '',
      "emailsAdditionalEmails" jsonb,
      "phonesPrimaryPhoneNumber" text not null default '',
      "phonesPrimaryPhoneCountryCode" text not null default '',
      "phonesPrimaryPhoneCallingCode" text not null default '',
      "jobTitle" text not null default '',
      "deletedAt" timestamptz,
      "searchVector" tsvector generated always as (${twentySearchVector}) stored)`);
    const rows = source
      .prepare(
        `select c.id, c.given_name as given, c.family_name as family,
           (select address from emails e where e.customer_id = c.id order by e.is_primary desc limit 1) as email,
           (select e164 from phones p where p.customer_id = c.id order by p.is_primary desc limit 1) as e164
         from customers c where c.kind = 'person' and c.erased_at is null`,
      )
      .iterate() as IterableIterator<{ id: string; given: string | null; family: string | null; email: string | null; e164: string | null }>;
    const insert = `insert into person (id, "nameFirstName", "nameLastName", "emailsPrimaryEmail", "phonesPrimaryPhoneNumber", "phonesPrimaryPhoneCountryCode", "phonesPrimaryPhoneCallingCode")
      select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`;
    let batch: string[][] = [[], [], [], [], [], [], []];
    let people = 0;
    const flush = async () => {
      if (batch[0]!.length > 0) await client.query(insert, batch);
      batch = [[], [], [], [], [], [], []];
    };
    for (const r of rows) {
      // The generated numbers are North American (+1): Twenty keeps the national number, the country and the calling code apart.
      const nanp = r.e164?.match(/^\+1(\d{10})$/);
      const values = [r.id, r.given ?? '', r.family ?? '', r.email ?? '', nanp ? nanp[1]! : (r.e164 ?? ''), nanp ? 'US' : '', nanp ? '+1' : ''];
      values.forEach((v, i) => batch[i]!.push(v));
      people++;
      if (batch[0]!.length >= 5000) await flush();
    }
    await flush();
    await client.query("set maintenance_work_mem = '256MB'");
    await client.query('create index "IDX_person_searchVector" on person using gin ("searchVector")');
    await client.query('analyze person');
    return { people, seconds: (Date.now() - started) / 1000 };
  } finally {
    source.close();
    await client.end();
  }
}

function twentyLookup(url: string): Lookup {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    name: 'twenty',
    async run(q) {
      const and = twentySearchTerms(q, '&');
      if (and === '') return [];
      // Twenty takes limit + 1 rows (to know whether there is a next page) and returns `limit`.
      const result = await pool.query<{ id: string; nameFirstName: string; nameLastName: string }>(twentyQuery, [and, twentySearchTerms(q, '|'), limit + 1]);
      return result.rows.slice(0, limit).map((r) => ({ id: r.id, displayName: `${r.nameFirstName} ${r.nameLastName}` }));
    },
    close: () => pool.end(),
  };
}

// ---------------------------------------------------------------- bare SQLite: FTS5

function buildFts5(file: string, ftsFile: string): { rows: number; seconds: number } {
  const started = Date.now();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(ftsFile + suffix, { force: true });
  const db = new SQLite(ftsFile);
  try {
    db.pragma('journal_mode = WAL');
    db.prepare('attach database ? as app').run(file);
    db.exec(`create virtual table customer_names using fts5(display_name, customer_id unindexed, tokenize = 'unicode61 remove_diacritics 2')`);
    const inserted = db.prepare('insert into customer_names (display_name, customer_id) select display_name, id from app.customers where erased_at is null').run();
    db.exec(`insert into customer_names (customer_names) values ('optimize')`);
    db.exec('detach database app');
    return { rows: inserted.changes, seconds: (Date.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

/** Each typed word a quoted FTS5 prefix query; words with no letter or digit are left out (FTS5 has no token for them). */
export function fts5Match(input: string): string {
  return input
    .trim()
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map((word) => `"${word.replace(/"/g, '""')}"*`)
    .join(' ');
}

function fts5Lookup(ftsFile: string): Lookup {
  const db = new SQLite(ftsFile, { readonly: true });
  const statement = db.prepare('select customer_id as id, display_name as displayName from customer_names where customer_names match ? order by bm25(customer_names) limit ?');
  return {
    name: 'sqlite-fts5',
    run(q) {
      const match = fts5Match(q);
      return Promise.resolve(match === '' ? [] : (statement.all(match, limit) as Ranked[]));
    },
    close: () => Promise.resolve(void db.close()),
  };
}

// ---------------------------------------------------------------- measuring

async function main() {
  if (!args.file) throw new Error('give --file: the SQLite database (bench/generate.ts) the three lookups are measured on');
  const file = args.file;
  const ftsFile = `${file}.fts5.sqlite`;
  const loads: Record<string, unknown> = {};
  if (args.load || !fs.existsSync(ftsFile)) loads.fts5 = buildFts5(file, ftsFile);
  if (args.url && args.load) loads.twenty = await loadTwenty(file, args.url);
  if (Object.keys(loads).length > 0) console.log(JSON.stringify({ loaded: loads }));

  const handle = openDatabase({ sqliteFile: file });
  const random = seeded(Number(args.seed) + 7);
  const targets = readTargets(file, args.sample);
  const only = args.classes ? new Set(args.classes.split(',')) : null;
  const all = await classQueries(targets, vocabulary(handle), Number(args.perClass), only, random);
  const holders = await namesakeCounts(handle, all);

  const lookups: Lookup[] = [
    {
      name: 'rapport',
      run: async (q) => (await searchCustomers(handle.db, handle.engine, { q, limit, phoneRegion: 'US' })).map((i) => ({ id: i.id, displayName: i.displayName })),
      close: () => Promise.resolve(),
    },
    ...(args.url ? [twentyLookup(args.url)] : []),
    fts5Lookup(ftsFile),
  ];
  // `--probe "Mary Jonson"`: the first five each lookup gives for a query of one's own, one JSON line each.
  for (const q of args.probe ?? []) {
    const found: Record<string, Ranked[]> = {};
    for (const lookup of lookups) found[lookup.name] = (await lookup.run(q)).slice(0, 5);
    console.log(JSON.stringify({ probe: q, found }));
  }
  const scorers = new Map(lookups.map((l) => [l.name, new Scorer(holders)]));
  // Warm every lookup's caches on the first queries before measuring.
  for (const q of all.slice(0, 100)) for (const lookup of lookups) await lookup.run(q.q);
  let shown = 0;
  for (const query of all) {
    for (const lookup of lookups) {
      const t0 = performance.now();
      const ranked = await lookup.run(query.q);
      const elapsed = performance.now() - t0;
      if (!scorers.get(lookup.name)!.add(query, ranked, elapsed) && shown++ < Number(args.failures)) {
        console.log(`${lookup.name} missed [${query.kind}]: "${query.q}" for ${query.target.given} ${query.target.family} → ${ranked.slice(0, 5).map((r) => r.displayName).join(', ')}`);
      }
    }
  }
  const byLookup = Object.fromEntries([...scorers].map(([name, scorer]) => [name, scorer.rows()]));
  const kinds = byLookup.rapport!.map((r) => r.kind);
  console.table(
    kinds.map((kind) => {
      const row: Record<string, string | number> = { kind, n: byLookup.rapport!.find((r) => r.kind === kind)!.n };
      for (const [name, rows] of Object.entries(byLookup)) {
        const r = rows.find((x) => x.kind === kind)!;
        row[`${name} top5 / hit@1`] = `${r.top5.toFixed(3)} / ${r.hit1 === null ? '-' : r.hit1.toFixed(3)} (${r.uniqueN})`;
      }
      return row;
    }),
  );
  const customers = await handle.db.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(JSON.stringify({
    customers: Number(customers.n),
    limit,
    lookups: byLookup,
    machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg().map((l) => +l.toFixed(2)) },
  }));
  for (const lookup of lookups) await lookup.close();
  await handle.close();
}

await main();
