/**
 * Import speed (issue 10): "import with matching at least 20,000 rows per second into a database that
 * already holds 1,000,000 customers, on SQLite and on PostgreSQL".
 *   npx tsx bench/import-speed.ts --file bench/results/bench.sqlite [--rows 100000]
 *   npx tsx bench/import-speed.ts --url postgres://postgres@127.0.0.1:54329/bench [--rows 100000]
 *
 * 1. Reads the database made by bench/generate.ts and draws the people of a customer file from it:
 *    about 30 % are customers already there (picked by seed among the stored people, in the order
 *    they were generated; the same email or phone, as stored or in another format, their name as
 *    stored, as a nickname, or with a typo; some bring a new email, an address or a birthday), about
 *    1 % are a person listed twice in the file, the rest are new people drawn like the generator draws
 *    them (bench/names.ts: the same name distributions, US phones, emails at common mail domains).
 *    Written as a Google Contacts export (the columns of src/imports/readers/fixtures/google-contacts.csv).
 * 2. Works on a copy, never on the database given, so that it can be measured again and again at
 *    the same size: SQLite copies the file (after a checkpoint), PostgreSQL makes a database from it
 *    as a template (no one else may be connected to it meanwhile). The copy is dropped at the end
 *    (--keep keeps it). (The app's undo would leave trash entries, audit rows and the import's own
 *    rows behind, and the search words it added: the database would not be the same one again.)
 * 3. Baseline in the same run, on the copy: the same number of customer rows and their emails,
 *    phones and addresses written by the driver alone (better-sqlite3: prepared 100-row inserts;
 *    pg: insert … select from unnest of column arrays, 5,000 rows a statement) in one transaction
 *    that is rolled back; no matching, no validation, no audit, no index of the app's own.
 * 4. The import the way the app runs it: startImport (the row and its file), runImport 'check',
 *    commitImport, runImport 'import' (src/imports/), each timed: rows per second of both, the
 *    counts, and the ratio to the baseline. Then the baseline's rows again on the copy the import
 *    left, this time committed in the import's batches (SQLite's log as an import sets it, one
 *    checkpoint at the end): what writing just these rows durably costs on this machine. Before that,
 *    the storage floor (bench/storage-floor.ts): the rows the import wrote for the customers it
 *    created, in every table, set aside and written back by the database alone in one transaction;
 *    the file's rows over that time is the most any import writing those rows could reach here.
 * 5. The import's own statements, every one as it was sent (its transactions, savepoints and
 *    commits included), run again by the bare driver on a second copy of the database as it was
 *    (bench/statement-capture.ts: better-sqlite3 prepared statements, pg named statements): the
 *    database's share of the import, and what the app adds to it; the costliest statement shapes
 *    (bench/statement-capture.ts shapeOf) are logged and kept. One JSON line of results at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { commitImport, startImport } from '../src/imports/import-commands.js';
import { batchSize, runImport, type ImportCounts } from '../src/imports/import-run.js';
import { bulkPages, defaultPages } from '../src/platform/database/bulk-writes.js';
import { problemsOf } from '../src/imports/import-store.js';
import { migrateToLatest, openDatabase, type ConnectOptions, type DatabaseHandle } from '../src/platform/database/connect.js';
import { openBareDriver, type Costs, type Statement } from './statement-capture.js';
import { storageFloor } from './storage-floor.js';
import { newId } from '../src/platform/ids.js';
import type { WriteContext } from '../src/platform/write-context.js';
import { nicknamesOf } from '../src/search/nicknames.js';
import { fold } from '../src/search/search-rules.js';
import { cities, familyNames, givenNames, madeUpNames, seeded, zipf } from './names.js';

const { values: args } = parseArgs({
  options: {
    file: { type: 'string' },
    url: { type: 'string' },
    rows: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    existing: { type: 'string', default: '0.3' },
    keep: { type: 'boolean', default: false },
    csv: { type: 'string' },
  },
});
if (!args.file === !args.url) throw new Error('give --file for SQLite or --url for PostgreSQL (one of them)');
const rowCount = Number(args.rows);
const seed = Number(args.seed);
const existingShare = Number(args.existing);
if (!(rowCount > 0) || !(existingShare >= 0 && existingShare <= 1)) throw new Error('--rows must be positive and --existing between 0 and 1');
const targetRowsPerSecond = 20_000;
const phoneRegion = 'US';
const ctx: WriteContext = { actor: null, phoneRegion };

const log = (message: string) => process.stderr.write(`[import-speed ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const seconds = (from: number) => (performance.now() - from) / 1000;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));

// --- Drawing the file ------------------------------------------------------------------------------

const random = seeded(seed);
const chance = (p: number) => random() < p;
const int = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const ascii = (name: string) => fold(name).replace(/[^a-z]/g, '');

/** A stored person, as the database holds them. */
interface StoredPerson {
  id: string;
  givenName: string | null;
  familyName: string | null;
  preferredName: string | null;
  emails: string[];
  e164s: string[];
}

interface Contact {
  label: string;
  value: string;
}
/** One row of the file; the baseline writes the same customers and contact points. */
interface FileRow {
  origin: 'existing' | 'new' | 'repeat';
  given: string;
  middle: string;
  family: string;
  nickname: string;
  organization: string;
  title: string;
  birthday: string;
  note: string;
  emails: Contact[];
  /** With the E.164 the baseline stores (it does no parsing). */
  phones: (Contact & { e164: string })[];
  address: { street: string; city: string; region: string; postalCode: string } | null;
}

const areaCodes = [212, 213, 312, 415, 503, 617, 702, 713, 804, 919, 206, 303, 404, 512, 602, 608, 612, 614, 615, 616];
const regions = ['NY', 'CA', 'IL', 'OR', 'MA', 'NV', 'TX', 'VA', 'NC', 'WA', 'CO', 'GA', 'AZ', 'WI', 'MN', 'OH', 'TN', 'MI'];
const streets = ['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Main', 'Church', 'Mill', 'River', 'Spring', 'Sunset', 'Highland', 'Meadow', 'Forest', 'Willow', 'Jackson', 'Franklin', 'Lincoln'];
const streetTypes = ['St', 'Street', 'Ave', 'Avenue', 'Rd', 'Road', 'Ln', 'Dr', 'Ct', 'Pl', 'Blvd'];
const mailDomains = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com', 'comcast.net', 'proton.me'];
const companyKinds = ['Builders', 'Dental', 'Plumbing', 'Bakery', 'Law Group', 'Motors', 'Design', 'Clinic', 'Consulting', 'Realty'];
const titles = ['Owner', 'Manager', 'Site Manager', 'Office Manager', 'Accountant', 'Designer', 'Nurse', 'Engineer', ''];
const notes = ['Met at the spring open day.', 'Prefers a call in the afternoon.', 'Referred by a friend.', 'Asked about the loyalty card.', 'Allergic to latex.'];

/** A US number as people type it (the generator's four forms and a dotted one). */
function typed(e164: string): string {
  const digits = e164.replace(/^\+1/, '');
  const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return pick([`(${area}) ${exchange}-${line}`, `${area}-${exchange}-${line}`, `+1 ${area} ${exchange} ${line}`, `${area}${exchange}${line}`, `${area}.${exchange}.${line}`]);
}

/** One typing mistake in a name of five letters or more: a letter dropped, doubled, changed, or two swapped. */
function mistype(name: string): string {
  if (name.length < 5) return name;
  const at = int(1, name.length - 2);
  const kind = int(0, 3);
  if (kind === 0) return name.slice(0, at) + name.slice(at + 1);
  if (kind === 1) return name.slice(0, at) + name[at] + name.slice(at);
  if (kind === 2) return name.slice(0, at) + pick([...'aeiourstnl']) + name.slice(at + 1);
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

/** A given name's shorter form (Robert → Bob), when it has one. */
function nicknameOf(given: string): string | null {
  const short = nicknamesOf(fold(given)).filter((n) => n.length < fold(given).length);
  return short.length > 0 ? capitalise(pick(short)) : null;
}

const blankRow = (origin: FileRow['origin']): FileRow => ({ origin, given: '', middle: '', family: '', nickname: '', organization: '', title: '', birthday: '', note: '', emails: [], phones: [], address: null });

const usedPhones = new Set<string>();
const usedEmails = new Set<string>();
/** A phone no generated customer has: the generator's exchanges are 200-2xx, these 300-989. */
function freshPhone(): string {
  for (;;) {
    const e164 = `+1${pick(areaCodes)}${int(300, 989)}${String(int(0, 9999)).padStart(4, '0')}`;
    if (!usedPhones.has(e164)) return usedPhones.add(e164), e164;
  }
}
/** An email no generated customer has (the generator's are at example domains). */
function freshEmail(given: string, family: string): string {
  const g = ascii(given) || 'x';
  const f = ascii(family) || 'y';
  const local = pick([`${g}.${f}`, `${g[0]}${f}`, `${g}${f}`, `${g}_${f}`, `${f}.${g}`, `${g}${int(50, 99)}`, `${pick(['sunny', 'blue', 'happy', 'garden', 'runner', 'coffee'])}${g}${int(1, 99)}`]);
  const domain = pick(mailDomains);
  let address = `${local}@${domain}`;
  while (usedEmails.has(address)) address = `${local}${int(1, 9999)}@${domain}`;
  usedEmails.add(address);
  return address;
}
function anAddress(): NonNullable<FileRow['address']> {
  const cityIndex = int(0, cities.length - 1);
  return {
    street: `${int(1, 9999)} ${pick(streets)} ${pick(streetTypes)}${chance(0.15) ? ` Apt ${int(1, 40)}` : ''}`,
    city: cities[cityIndex]!,
    region: regions[cityIndex % regions.length]!,
    postalCode: String(10000 + cityIndex * 2000 + int(0, 60)),
  };
}
const aBirthday = () => (chance(0.8) ? `${int(1945, 2005)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}` : `--${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`);

/** Someone already in the database, as another system (a phone's contacts) holds them. */
function existingRow(p: StoredPerson): FileRow {
  const row = blankRow('existing');
  const [given = '', ...middle] = (p.givenName ?? '').split(' ');
  row.given = given;
  row.middle = chance(0.5) ? middle.join(' ') : '';
  row.family = p.familyName ?? '';
  const email = p.emails.length ? pick(p.emails) : null;
  const phone = p.e164s.length ? pick(p.e164s) : null;
  const r = random();
  let emails = email ? [email] : [];
  let phones = phone ? [phone] : [];
  if (r < 0.4) {
    // As stored: the same name, the same email and phone (the phone typed another way).
  } else if (r < 0.55) {
    row.given = p.preferredName ?? nicknameOf(given) ?? given;
  } else if (r < 0.7) {
    row.family = mistype(row.family);
  } else if (r < 0.85) {
    emails = [...emails, freshEmail(given, row.family)];
  } else if (emails.length && phones.length) {
    if (chance(0.5)) emails = [];
    else phones = [];
  }
  if (p.preferredName && chance(0.5)) row.nickname = p.preferredName;
  row.emails = emails.map((value, i) => ({ label: i === 0 ? '* Home' : 'Work', value: chance(0.1) ? value.toUpperCase() : value }));
  row.phones = phones.map((e164) => ({ label: pick(['Mobile', 'Home', '']), value: typed(e164), e164 }));
  if (chance(0.25)) row.address = anAddress();
  if (chance(0.1)) row.birthday = aBirthday();
  return row;
}

/** The generator's name draws (bench/generate.ts), on this file's seed. */
function nameDraws(count: number) {
  const realGiven = [...new Set(givenNames)];
  const realFamily = [...new Set(familyNames)];
  const known = new Set([...realGiven, ...realFamily].map((n) => n.toLowerCase()));
  const madeGiven = madeUpNames(Math.max(50, Math.round(count / 100)), random, known);
  const madeFamily = madeUpNames(Math.max(200, Math.round(count * 0.11)), random, new Set([...known, ...madeGiven.map((n) => n.toLowerCase())]));
  const drawRealGiven = zipf(realGiven.length, 1, random);
  const drawMadeGiven = zipf(madeGiven.length, 0.8, random);
  const drawRealFamily = zipf(realFamily.length, 0.9, random);
  return {
    given: () => (chance(0.8) ? realGiven[drawRealGiven()]! : madeGiven[drawMadeGiven()]!),
    family: () => (chance(0.55) ? realFamily[drawRealFamily()]! : pick(madeFamily)),
  };
}

function newRow(names: ReturnType<typeof nameDraws>, organizations: readonly string[]): FileRow {
  const row = blankRow('new');
  row.given = names.given();
  row.middle = chance(0.1) ? names.given() : '';
  row.family = chance(0.05) ? `${names.family()} ${names.family()}` : names.family();
  if (chance(0.05)) row.nickname = nicknameOf(row.given) ?? '';
  if (chance(0.85)) row.phones.push({ label: 'Mobile', ...withTyped(freshPhone()) });
  if (chance(0.15)) row.phones.push({ label: 'Home', ...withTyped(freshPhone()) });
  if (chance(0.75)) row.emails.push({ label: '* Home', value: freshEmail(row.given, row.family) });
  if (chance(0.1)) row.emails.push({ label: 'Work', value: freshEmail(row.given, row.family) });
  if (chance(0.45)) row.address = anAddress();
  if (chance(0.15)) row.birthday = aBirthday();
  if (chance(0.08)) {
    row.organization = organizations.length && chance(0.5) ? pick(organizations) : `${names.family()} ${pick(companyKinds)}`;
    row.title = pick(titles);
  }
  if (chance(0.03)) row.note = pick(notes);
  return row;
}
const withTyped = (e164: string) => ({ value: typed(e164), e164 });

/** A person the file lists twice (a phone's contacts often do): the same email or phone, the name perhaps shortened. */
function repeatRow(of: FileRow): FileRow {
  const row: FileRow = { ...of, origin: 'repeat', emails: [...of.emails], phones: of.phones.map((p) => ({ ...p, value: typed(p.e164) })), note: '' };
  if (chance(0.3)) row.given = nicknameOf(of.given) ?? of.given;
  if (row.emails.length && row.phones.length && chance(0.3)) row.phones = [];
  return row;
}

const header = [
  'First Name', 'Middle Name', 'Last Name', 'Phonetic First Name', 'Phonetic Middle Name', 'Phonetic Last Name', 'Name Prefix', 'Name Suffix',
  'Nickname', 'File As', 'Organization Name', 'Organization Title', 'Organization Department', 'Birthday', 'Notes', 'Photo', 'Labels',
  'E-mail 1 - Label', 'E-mail 1 - Value', 'E-mail 2 - Label', 'E-mail 2 - Value', 'Phone 1 - Label', 'Phone 1 - Value', 'Phone 2 - Label', 'Phone 2 - Value',
  'Address 1 - Label', 'Address 1 - Formatted', 'Address 1 - Street', 'Address 1 - City', 'Address 1 - PO Box', 'Address 1 - Region',
  'Address 1 - Postal Code', 'Address 1 - Country', 'Address 1 - Extended Address',
];
const csvField = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The file as Google Contacts exports it (with its byte-order mark and CRLF line ends). */
function googleCsv(rows: readonly FileRow[]): Buffer {
  const lines = [header.join(',')];
  for (const r of rows) {
    const a = r.address;
    const formatted = a ? `${a.street}\n${a.city}, ${a.region} ${a.postalCode}\nUnited States` : '';
    const cells = [
      r.given, r.middle, r.family, '', '', '', '', '', r.nickname, '', r.organization, r.title, '', r.birthday, r.note, '', '* myContacts',
      r.emails[0]?.label ?? '', r.emails[0]?.value ?? '', r.emails[1]?.label ?? '', r.emails[1]?.value ?? '',
      r.phones[0]?.label ?? '', r.phones[0]?.value ?? '', r.phones[1]?.label ?? '', r.phones[1]?.value ?? '',
      a ? 'Home' : '', formatted, a?.street ?? '', a?.city ?? '', '', a?.region ?? '', a?.postalCode ?? '', a ? 'United States' : '', '',
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

// --- Reading the generated database ----------------------------------------------------------------

interface Source {
  customers: number;
  persons: string[];
  organizations: string[];
  matchKeys: number;
  rebuildPending: number;
}

async function readSource(handle: DatabaseHandle): Promise<Source> {
  const { db } = handle;
  const count = async (table: 'customers' | 'matchKeys') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const persons = (await db.selectFrom('customers').select('id').where('kind', '=', 'person').where('erasedAt', 'is', null).orderBy('id').execute()).map((r) => r.id);
  const organizations = (await db.selectFrom('customers').select('displayName').where('kind', '=', 'organization').where('erasedAt', 'is', null).orderBy('id').limit(2000).execute()).map((r) => r.displayName);
  const rebuildPending = Number(
    (await db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'matching.rebuild-keys').where('state', 'in', ['pending', 'running']).executeTakeFirstOrThrow()).n,
  );
  return { customers: await count('customers'), persons, organizations, matchKeys: await count('matchKeys'), rebuildPending };
}

/** `count` stored people with an email or a phone, picked by seed. */
async function pickExisting(handle: DatabaseHandle, persons: readonly string[], count: number): Promise<StoredPerson[]> {
  const order = new Int32Array(persons.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const out: StoredPerson[] = [];
  let drawn = 0;
  while (out.length < count && drawn < order.length) {
    // Partial Fisher-Yates: the next 500 of a seeded shuffle.
    const ids: string[] = [];
    for (; ids.length < 500 && drawn < order.length; drawn++) {
      const j = drawn + Math.floor(random() * (order.length - drawn));
      [order[drawn], order[j]] = [order[j]!, order[drawn]!];
      ids.push(persons[order[drawn]!]!);
    }
    const [rows, emails, phones] = await Promise.all([
      handle.db.selectFrom('customers').select(['id', 'givenName', 'familyName', 'preferredName']).where('id', 'in', ids).execute(),
      handle.db.selectFrom('emails').select(['customerId', 'address']).where('customerId', 'in', ids).orderBy('id').execute(),
      handle.db.selectFrom('phones').select(['customerId', 'e164']).where('customerId', 'in', ids).orderBy('id').execute(),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const r = byId.get(id);
      if (!r) continue;
      const person = { ...r, emails: emails.filter((e) => e.customerId === id).map((e) => e.address), e164s: phones.filter((p) => p.customerId === id).map((p) => p.e164) };
      if ((person.emails.length || person.e164s.length) && out.length < count) out.push(person);
    }
  }
  return out;
}

// --- The working copy ------------------------------------------------------------------------------

interface Work {
  target: { file: string } | { url: string };
  copySeconds: number;
  drop(): Promise<void>;
}

/** A copy of a database (nobody may be connected to it on PostgreSQL), named after it and `label`. */
async function makeWork(from: Work['target'], label: string): Promise<Work> {
  const t0 = performance.now();
  if ('file' in from) {
    const copy = `${args.file}.${label}`;
    // Everything into the main file first, so that the file alone is the whole database.
    const source = new SQLite(from.file);
    source.pragma('wal_checkpoint(TRUNCATE)');
    source.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
    fs.copyFileSync(from.file, copy, fs.constants.COPYFILE_FICLONE);
    const drop = async () => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
    };
    return { target: { file: copy }, copySeconds: seconds(t0), drop };
  }
  const url = new URL(from.url);
  const name = decodeURIComponent(url.pathname.slice(1));
  const copyName = `${decodeURIComponent(new URL(args.url!).pathname.slice(1))}_${label.replace(/-/g, '_')}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  try {
    const version = Number((await client.query<{ v: string }>('show server_version_num')).rows[0]!.v);
    await client.query(`drop database if exists ${q(copyName)}`);
    // FILE_COPY (PostgreSQL 15+) copies the files; the default WAL_LOG writes every page to the WAL.
    await client.query(`create database ${q(copyName)} template ${q(name)}${version >= 150000 ? ' strategy file_copy' : ''}`);
  } catch (error) {
    await client.end();
    throw new Error(`could not copy database ${name} (nobody else may be connected to it while it is copied): ${(error as Error).message}`);
  }
  await client.end();
  const copyUrl = new URL(url);
  copyUrl.pathname = `/${encodeURIComponent(copyName)}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`drop database if exists ${q(copyName)}`);
    await c.end();
  };
  return { target: { url: copyUrl.toString() }, copySeconds: seconds(t0), drop };
}

// --- Baseline: the driver alone --------------------------------------------------------------------

type Cell = string | number | null;
interface BaselineRows {
  customers: Cell[][];
  emails: Cell[][];
  phones: Cell[][];
  addresses: Cell[][];
}
const baselineColumns: Record<keyof BaselineRows, string[]> = {
  customers: ['id', 'kind', 'display_name', 'given_name', 'family_name', 'preferred_name', 'birth_year', 'birth_month', 'birth_day', 'created_at', 'updated_at'],
  emails: ['id', 'customer_id', 'address', 'normalized', 'label', 'is_primary', 'created_at', 'updated_at'],
  phones: ['id', 'customer_id', 'number', 'e164', 'label', 'is_primary', 'created_at', 'updated_at'],
  addresses: ['id', 'customer_id', 'label', 'is_primary', 'line1', 'city', 'region', 'postal_code', 'country', 'created_at', 'updated_at'],
};
const pgTypes: Record<keyof BaselineRows, string[]> = {
  customers: ['text', 'text', 'text', 'text', 'text', 'text', 'int4', 'int4', 'int4', 'timestamptz', 'timestamptz'],
  emails: ['text', 'text', 'text', 'text', 'text', 'bool', 'timestamptz', 'timestamptz'],
  phones: ['text', 'text', 'text', 'text', 'text', 'bool', 'timestamptz', 'timestamptz'],
  addresses: ['text', 'text', 'text', 'bool', 'text', 'text', 'text', 'text', 'text', 'timestamptz', 'timestamptz'],
};

/** The rows a plain write of the file's people makes, ready before the clock starts (ids, E.164, lower-cased emails). */
function baselineRows(rows: readonly FileRow[]): BaselineRows {
  const now = new Date().toISOString();
  const out: BaselineRows = { customers: [], emails: [], phones: [], addresses: [] };
  for (const r of rows) {
    const id = newId();
    const given = [r.given, r.middle].filter(Boolean).join(' ') || null;
    const display = [r.given, r.middle, r.family].filter(Boolean).join(' ') || r.emails[0]?.value || r.phones[0]?.value || '?';
    const birthday = /^(\d{4})-(\d{2})-(\d{2})$/.exec(r.birthday) ?? /^--(\d{2})-(\d{2})$/.exec(r.birthday);
    const [year, month, day] = !birthday ? [null, null, null] : birthday.length === 4 ? [Number(birthday[1]), Number(birthday[2]), Number(birthday[3])] : [null, Number(birthday[1]), Number(birthday[2])];
    out.customers.push([id, 'person', display, given, r.family || null, r.nickname || null, year, month, day, now, now]);
    r.emails.forEach((e, i) => out.emails.push([newId(), id, e.value, e.value.toLowerCase(), e.label.replace(/^\* /, '').toLowerCase() || null, i === 0 ? 1 : 0, now, now]));
    r.phones.forEach((p, i) => out.phones.push([newId(), id, p.value, p.e164, p.label.toLowerCase() || null, i === 0 ? 1 : 0, now, now]));
    if (r.address) out.addresses.push([newId(), id, 'home', 1, r.address.street, r.address.city, r.address.region, r.address.postalCode, 'US', now, now]);
  }
  return out;
}

/** Writes the rows with the driver's fastest plain multi-row insert, in one transaction, rolled back. Seconds until the last row is in. */
/**
 * The file's people written by the driver alone: 'rolled back' in one transaction never written to
 * disk (the ceiling of the driver and the indexes); 'committed' in the import's batches (`batchSize`
 * customers with their contact points a transaction), each committed, with SQLite's log as an import
 * sets it and one checkpoint at the end (withBulkWrites): what writing these rows durably costs.
 */
async function baseline(target: Work['target'], rows: BaselineRows, mode: 'rolled back' | 'committed'): Promise<number> {
  const tables = Object.keys(baselineColumns) as (keyof BaselineRows)[];
  const batches = mode === 'rolled back' ? [rows] : inBatches(rows, batchSize);
  if ('file' in target) {
    // Opened as the app opens it (openDatabase): WAL, synchronous NORMAL, foreign keys on, 64 MiB cache.
    const db = new SQLite(target.file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    db.pragma('secure_delete = ON');
    const perStatement = 100;
    const statement = (table: keyof BaselineRows, n: number) => {
      const cols = baselineColumns[table];
      const one = `(${cols.map(() => '?').join(', ')})`;
      return db.prepare(`insert into ${table} (${cols.join(', ')}) values ${Array(n).fill(one).join(', ')}`);
    };
    const full = new Map(tables.map((table) => [table, statement(table, perStatement)]));
    const t0 = performance.now();
    if (mode === 'committed') db.pragma(`wal_autocheckpoint = ${bulkPages}`);
    for (const batch of batches) {
      db.exec('begin');
      for (const table of tables) {
        const list = batch[table];
        let i = 0;
        for (; i + perStatement <= list.length; i += perStatement) full.get(table)!.run(list.slice(i, i + perStatement).flat());
        if (i < list.length) statement(table, list.length - i).run(list.slice(i).flat());
      }
      db.exec(mode === 'committed' ? 'commit' : 'rollback');
    }
    if (mode === 'committed') {
      db.pragma(`wal_autocheckpoint = ${defaultPages}`);
      db.pragma('wal_checkpoint(PASSIVE)');
    }
    const elapsed = seconds(t0);
    db.close();
    return elapsed;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  const t0 = performance.now();
  for (const batch of batches) {
    await client.query('begin');
    for (const table of tables) {
      const cols = baselineColumns[table];
      const types = pgTypes[table];
      const list = batch[table];
      for (let i = 0; i < list.length; i += 5000) {
        const part = list.slice(i, i + 5000);
        const arrays = cols.map((_, c) => part.map((r) => (types[c] === 'bool' ? r[c] === 1 : r[c])));
        await client.query(`insert into ${table} (${cols.join(', ')}) select * from unnest(${types.map((t, c) => `$${c + 1}::${t}[]`).join(', ')})`, arrays);
      }
    }
    await client.query(mode === 'committed' ? 'commit' : 'rollback');
  }
  const elapsed = seconds(t0);
  await client.end();
  return elapsed;
}

/** The rows in batches of `size` customers, each with its customers' contact points (column 1 of theirs). */
function inBatches(rows: BaselineRows, size: number): BaselineRows[] {
  const out: BaselineRows[] = [];
  const batchOf = new Map<Cell, BaselineRows>();
  for (let i = 0; i < rows.customers.length; i += size) {
    const batch: BaselineRows = { customers: rows.customers.slice(i, i + size), emails: [], phones: [], addresses: [] };
    for (const c of batch.customers) batchOf.set(c[0]!, batch);
    out.push(batch);
  }
  for (const table of ['emails', 'phones', 'addresses'] as const) for (const r of rows[table]) batchOf.get(r[1]!)![table].push(r);
  return out;
}

// --- Main ------------------------------------------------------------------------------------------

const open = (target: Work['target'], onQuery?: ConnectOptions['onQuery']) =>
  openDatabase({ ...('file' in target ? { sqliteFile: target.file } : { databaseUrl: target.url, poolSize: 4 }), ...(onQuery ? { onQuery } : {}) });
const counted = (c: ImportCounts) => ({ records: c.records, created: c.created, updated: c.updated, unchanged: c.unchanged, review: c.review, problems: c.problems });
const countCustomers = async (handle: DatabaseHandle) => Number((await handle.db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

async function main() {
  const loadStart = os.loadavg().map((n) => round(n));
  const where = args.file ?? new URL(args.url!).pathname.slice(1);

  // 1. The file, from what the database holds.
  const source = open(args.file ? { file: args.file } : { url: args.url! });
  const found = await readSource(source);
  if (found.customers === 0) throw new Error(`${where} holds no customers: make it with bench/generate.ts first`);
  if (found.matchKeys === 0 || found.rebuildPending > 0) {
    throw new Error(`${where} has no matching keys yet (match_keys: ${found.matchKeys} rows, rebuild job pending: ${found.rebuildPending}): regenerate it with bench/generate.ts, which writes them`);
  }
  const wanted = { existing: Math.round(rowCount * existingShare), repeat: Math.round(rowCount * 0.01) };
  log(`${found.customers} customers, ${found.matchKeys} match keys; drawing ${rowCount} rows (${wanted.existing} already there)`);
  const existing = await pickExisting(source, found.persons, wanted.existing);
  await source.close();
  if (existing.length < wanted.existing) log(`only ${existing.length} stored people with an email or phone to draw from`);
  const names = nameDraws(rowCount);
  const fresh: FileRow[] = [];
  const newCount = rowCount - existing.length - wanted.repeat;
  for (let i = 0; i < newCount; i++) fresh.push(newRow(names, found.organizations));
  const shuffled: FileRow[] = [...existing.map(existingRow), ...fresh];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  // Each repeat somewhere after the row it repeats.
  const position = new Map(shuffled.map((r, i) => [r, i]));
  const repeats: { after: number; row: FileRow }[] = [];
  for (let k = 0; k < wanted.repeat && fresh.length > 0; k++) {
    const of = pick(fresh);
    repeats.push({ after: int(position.get(of)!, shuffled.length - 1), row: repeatRow(of) });
  }
  repeats.sort((a, b) => a.after - b.after);
  const rows: FileRow[] = [];
  for (let i = 0, k = 0; i < shuffled.length; i++) {
    rows.push(shuffled[i]!);
    while (k < repeats.length && repeats[k]!.after === i) rows.push(repeats[k++]!.row);
  }
  const content = googleCsv(rows);
  const csvPath = args.csv ?? path.join(os.tmpdir(), `rapport-import-speed-${seed}-${rows.length}.csv`);
  fs.writeFileSync(csvPath, content);
  const fileShape = {
    rows: rows.length,
    existing: rows.filter((r) => r.origin === 'existing').length,
    new: rows.filter((r) => r.origin === 'new').length,
    repeats: rows.filter((r) => r.origin === 'repeat').length,
    bytes: content.length,
    path: csvPath,
  };
  log(`file: ${JSON.stringify(fileShape)}`);

  // 2. The database the import goes into.
  log(`copying ${where}`);
  const work = await makeWork(args.file ? { file: args.file } : { url: args.url! }, 'import-copy');
  /** The second copy, for step 5, while it exists. */
  let second: Work | null = null;
  log(`copied in ${round(work.copySeconds, 1)} s`);
  try {
    const bare = baselineRows(rows);
    const contactPoints = bare.emails.length + bare.phones.length + bare.addresses.length;
    const baselineSeconds = await baseline(work.target, bare, 'rolled back');
    log(`baseline: ${rows.length} customers and ${contactPoints} contact points in ${round(baselineSeconds, 3)} s (rolled back)`);

    // 3. The import, as the app runs it.
    // Every statement the import sends, as sent (begins, savepoints and commits too): replayed bare below.
    let sent: Statement[] | null = null;
    const handle = open(work.target);
    await migrateToLatest(handle);
    const customersBefore = await countCustomers(handle);
    const progress = (label: string) => {
      let shown = 0;
      return (done: number, total: number) => {
        const tenth = Math.floor((done * 10) / total);
        if (tenth > shown) log(`${label}: ${done} of ${total}`);
        shown = Math.max(shown, tenth);
      };
    };
    const id = await handle.db.transaction().execute((trx) =>
      startImport(trx, ctx, { source: 'google-contacts', kind: 'customers', format: 'csv', fileName: path.basename(csvPath), options: { phoneRegion, timeZone: 'UTC', currency: 'USD', preset: 'google' } }, content, true),
    );
    let t0 = performance.now();
    const checked = await runImport(handle.db, id, 'check', progress('check'));
    const checkSeconds = seconds(t0);
    log(`check: ${round(checkSeconds, 1)} s, ${JSON.stringify(counted(checked))}`);
    await handle.db.transaction().execute((trx) => commitImport(trx, ctx, id, true));
    // The database as the import finds it, for step 5; then the import on a handle opened afresh.
    await handle.close();
    second = await makeWork(work.target, 'statements-copy');
    const importing = open(work.target, (sql, parameters) => sent?.push({ sql, parameters: [...parameters] }));
    sent = [];
    t0 = performance.now();
    const imported = await runImport(importing.db, id, 'import', progress('import'));
    const importSeconds = seconds(t0);
    const statements: Statement[] = sent;
    sent = null;
    log(`import: ${round(importSeconds, 1)} s, ${JSON.stringify(counted(imported))}`);
    const customersAfter = await countCustomers(importing);
    const problems = (await problemsOf(importing.db, id, 5)).map((p) => `line ${p.line}${p.field ? ` (${p.field})` : ''}: ${p.message}`);
    if (problems.length) log(`first problems: ${problems.join(' | ')}`);
    await importing.close();

    // 4b. The rows the import wrote for the customers it created, written back by the database alone in one transaction.
    log('the storage floor: setting aside the created customers\' rows');
    const flooring = open(work.target);
    const floor = await storageFloor(flooring, id).finally(() => flooring.close());
    const floorRows = Object.values(floor.rows).reduce((a, b) => a + b, 0);
    log(`the storage floor: ${floor.customers} customers' ${floorRows} rows in ${round(floor.seconds, 2)} s: ${JSON.stringify(floor.rows)}`);

    // 4c. The same people written by the driver alone and committed as the import commits (on the copy the import left).
    const committedSeconds = await baseline(work.target, bare, 'committed');
    log(`bare driver, committed in batches of ${batchSize}: ${round(committedSeconds, 2)} s`);

    // 5. The import's own statements, run by the driver alone on a second copy of the database as it was:
    // the database's share of the import, and the floor for this way of storing what an import writes.
    if (!args.keep) await work.drop();
    log(`replaying the import's ${statements.length} statements on a second copy`);
    let statementsSeconds: number;
    const costs: Costs = new Map();
    try {
      const bare = await openBareDriver(second.target);
      try {
        t0 = performance.now();
        await bare.runAsSent(statements, costs);
        statementsSeconds = seconds(t0);
      } finally {
        await bare.close();
      }
    } finally {
      await second.drop();
      second = null;
    }
    log(`its statements alone: ${round(statementsSeconds, 1)} s`);
    // Where the statements' time goes, costliest shapes first.
    const costliest = [...costs].sort((a, b) => b[1].seconds - a[1].seconds).slice(0, 12).map(([shape, c]) => ({ shape: shape.slice(0, 160), count: c.count, seconds: round(c.seconds, 2) }));
    for (const c of costliest) log(`  ${c.seconds.toFixed(2).padStart(6)} s  ${String(c.count).padStart(6)}×  ${c.shape}`);

    const rate = (s: number) => Math.round(rows.length / s);
    const baselineRate = rate(baselineSeconds);
    const result = {
      bench: 'import',
      engine: 'file' in work.target ? 'sqlite' : 'postgres',
      database: where,
      workedOn: `a copy (${'file' in work.target ? work.target.file : new URL(work.target.url).pathname.slice(1)}), ${args.keep ? 'kept' : 'dropped'}`,
      copySeconds: round(work.copySeconds, 1),
      customersBefore,
      customersAfter,
      file: { ...fileShape, format: 'Google Contacts CSV', seed },
      baseline: { method: 'file' in work.target ? 'better-sqlite3, prepared 100-row inserts, one transaction, rolled back' : 'pg, insert from unnest, 5,000 rows a statement, one transaction, rolled back', customers: rows.length, contactPoints, seconds: round(baselineSeconds, 3), rowsPerSecond: baselineRate },
      committedBaseline: { method: `the same rows by the same driver, in transactions of ${batchSize} customers with their contact points, each committed${'file' in work.target ? ', the write-ahead log as an import sets it, checkpointed at the end' : ''}`, seconds: round(committedSeconds, 3), rowsPerSecond: rate(committedSeconds) },
      storageFloor: { method: 'the rows the import wrote for the customers it created, in every table of the registry of customer tables, set aside and written back by insert … select from temporary tables, one transaction, committed' + ('file' in work.target ? ', the log as an import sets it, checkpointed at the end' : '') + ' (bench/storage-floor.ts)', customers: floor.customers, rows: floor.rows, seconds: round(floor.seconds, 3), customersPerSecond: Math.round(floor.customers / floor.seconds), rowsPerSecond: rate(floor.seconds) },
      check: { seconds: round(checkSeconds, 2), rowsPerSecond: rate(checkSeconds), counts: counted(checked) },
      import: { seconds: round(importSeconds, 2), rowsPerSecond: rate(importSeconds), counts: counted(imported) },
      statements: { method: 'the import\'s statements as it sent them, run by the bare driver on a second copy (better-sqlite3 prepared / pg named statements)', count: statements.length, seconds: round(statementsSeconds, 2), rowsPerSecond: rate(statementsSeconds), costliest },
      ratioToBaseline: { check: round(rate(checkSeconds) / baselineRate, 4), import: round(rate(importSeconds) / baselineRate, 4) },
      importOverStatements: round(importSeconds / statementsSeconds, 2),
      target: { rowsPerSecond: targetRowsPerSecond, checkMet: rate(checkSeconds) >= targetRowsPerSecond, importMet: rate(importSeconds) >= targetRowsPerSecond },
      machine: { cpus: os.cpus().length, loadAverageStart: loadStart, loadAverageEnd: os.loadavg().map((n) => round(n)), node: process.version },
      measuredAt: new Date().toISOString(),
    };
    console.log(JSON.stringify(result));
  } finally {
    if (!args.keep) await work.drop();
    await second?.drop();
  }
}

await main();
