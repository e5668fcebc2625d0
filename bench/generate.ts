/**
 * Loads N realistic customers into a fresh database for the lookup and import benchmarks.
 *   npx tsx bench/generate.ts --count 1000000 --file bench/results/bench.sqlite
 *   npx tsx bench/generate.ts --count 1000000 --url postgres://postgres@127.0.0.1:54329/bench
 * The schema comes from the app's migrations; rows go in bulk, with the derived rows the app keeps
 * beside them: the search index (built by the same searchEntries() the server uses) and matching's
 * blocking keys and profiles (match_keys, match_profiles: by the same matchRowsOf() as refreshMatchKeys), so
 * the job matching.rebuild-keys (migration 0015) has nothing left to do: marked done if queued.
 * Not written: contact_states (derived from interactions; bench/today.ts rebuilds them, and a
 * customer import does not read them). A sample of customers is written beside it for bench/search.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase } from '../src/platform/database/connect.js';
import { newId } from '../src/platform/ids.js';
import { nowIso } from '../src/platform/time.js';
import { searchEntries } from '../src/search/search-entries.js';
import { fold, indexVariants } from '../src/search/search-rules.js';
import { nicknamesOf } from '../src/search/nicknames.js';
import type { StoredCustomer } from '../src/matching/match-record.js';
import { matchRowsOf } from '../src/matching/match-keys-store.js';
import { cities, familyNames, givenNames, madeUpNames, seeded, zipf } from './names.js';
import { postgresSink, sqliteSink, type Sink } from './sinks.js';
import type { SampleCustomer } from './sample.js';

const { values: args } = parseArgs({
  options: { count: { type: 'string', default: '1000000' }, file: { type: 'string' }, url: { type: 'string' }, seed: { type: 'string', default: '42' } },
});
const count = Number(args.count);
if (!args.file && !args.url) throw new Error('give --file for SQLite or --url for PostgreSQL');

const random = seeded(Number(args.seed));
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
const realGiven = [...new Set(givenNames)];
const realFamily = [...new Set(familyNames)];
const known = new Set([...realGiven, ...realFamily].map((n) => n.toLowerCase()));
const madeGiven = madeUpNames(Math.round(count / 100), random, known);
const madeFamily = madeUpNames(Math.round(count * 0.11), random, new Set([...known, ...madeGiven.map((n) => n.toLowerCase())]));
const drawRealGiven = zipf(realGiven.length, 1, random);
const drawMadeGiven = zipf(madeGiven.length, 0.8, random);
const drawRealFamily = zipf(realFamily.length, 0.9, random);
const given = () => (random() < 0.8 ? realGiven[drawRealGiven()]! : madeGiven[drawMadeGiven()]!);
const family = () => (random() < 0.55 ? realFamily[drawRealFamily()]! : pick(madeFamily));
const areaCodes = [212, 213, 312, 415, 503, 617, 702, 713, 804, 919, 206, 303, 404, 512, 602, 608, 612, 614, 615, 616];
const orgKinds = ['Builders', 'Tiles', '& Sons', 'Dental', 'Plumbing', 'Bakery', 'Law Group', 'Motors', 'Holdings', 'Design', 'Farms', 'Clinic'];

async function main() {
  if (args.file) {
    fs.mkdirSync(path.dirname(args.file), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(args.file + suffix, { force: true });
  }
  const handle = openDatabase(args.url ? { databaseUrl: args.url } : { sqliteFile: args.file! });
  await migrateToLatest(handle);
  await handle.close();
  const sink: Sink = args.url ? await postgresSink(args.url) : sqliteSink(args.file!);
  const started = Date.now();
  const now = new Date().toISOString();
  const stamp = [now, now] as const;
  const words = new Set<string>();
  let indexRows = 0;
  const index = async (source: Parameters<typeof searchEntries>[0]) => {
    const entries = searchEntries(source);
    for (const word of entries.words) {
      if (words.has(word)) continue;
      words.add(word);
      await sink.add('search_words', [word]);
      for (const variant of indexVariants(word)) await sink.add('search_word_variants', [variant, word]);
    }
    const d = entries.document;
    await sink.add('search_documents', [d.customerId, d.names, d.preferred, d.organizations]);
    for (const word of entries.words) await sink.add('search_postings', [word, source.id]);
    for (const [a, b] of entries.pairs) await sink.add('search_pairs', [a, b, source.id]);
    indexRows += 1 + entries.words.length + entries.pairs.length;
  };
  // Matching's blocking keys, exactly as refreshMatchKeys computes them from the stored rows.
  let keyRows = 0;
  const keys = async (customer: StoredCustomer) => {
    const rows = matchRowsOf(customer);
    for (const key of rows.keys) await sink.add('match_keys', [key, customer.id]);
    await sink.add('match_profiles', [customer.id, rows.profile]);
    keyRows += rows.keys.length;
  };
  const noBirthday = { birthYear: null, birthMonth: null, birthDay: null };

  const orgs: { id: string; name: string }[] = [];
  const orgCount = Math.round(count * 0.02);
  for (let i = 0; i < orgCount; i++) {
    const id = newId();
    const name = `${random() < 0.5 ? family() : given()} ${pick(orgKinds)}`;
    orgs.push({ id, name });
    await sink.add('customers', [id, 'organization', name, null, null, null, ...stamp]);
    await index({ id, displayName: name, givenName: null, familyName: null, preferredName: null, organizations: [] });
    await keys({ id, kind: 'organization', displayName: name, givenName: null, familyName: null, preferredName: null, ...noBirthday, emails: [], phones: [], addresses: [], externalIds: [] });
  }

  const sample: SampleCustomer[] = [];
  const sampleEvery = Math.max(1, Math.floor(count / 5000));
  for (let i = 0; i < count - orgCount; i++) {
    const id = newId();
    const g = given();
    const middle = random() < 0.1 ? given() : null;
    const f = random() < 0.05 ? `${family()} ${family()}` : family();
    const nick = random() < 0.08 ? nicknamesOf(fold(g))[0] : undefined;
    const preferred = nick ? nick.charAt(0).toUpperCase() + nick.slice(1) : null;
    const displayName = [g, middle, f].filter(Boolean).join(' ');
    await sink.add('customers', [id, 'person', displayName, middle ? `${g} ${middle}` : g, f, preferred, ...stamp]);
    let e164: string | null = null;
    let email: string | null = null;
    let emailAddress: string | null = null;
    let externalId: string | null = null;
    if (random() < 0.9) {
      const area = areaCodes[i % areaCodes.length]!;
      const k = Math.floor(i / areaCodes.length);
      const exchange = 200 + Math.floor(k / 10000);
      const line = String(k % 10000).padStart(4, '0');
      e164 = `+1${area}${exchange}${line}`;
      const typed = pick([`(${area}) ${exchange}-${line}`, `${area}-${exchange}-${line}`, `+1 ${area} ${exchange} ${line}`, `${area}${exchange}${line}`]);
      await sink.add('phones', [newId(), id, typed, e164, true, ...stamp]);
    }
    if (random() < 0.7) {
      const address = `${fold(g).replace(/[^a-z]/g, '')}.${fold(f).replace(/[^a-z]/g, '')}${i % 997}@${pick(['example.com', 'example.org', 'mail.example.net'])}`;
      email = address.toLowerCase();
      emailAddress = address;
      await sink.add('emails', [newId(), id, address, email, true, ...stamp]);
    }
    let city: string | null = null;
    if (random() < 0.6) {
      city = pick(cities);
      await sink.add('addresses', [newId(), id, true, city, 'US', ...stamp]);
    }
    if (random() < 0.3) {
      externalId = `P-${100000 + i}`;
      await sink.add('external_ids', [newId(), id, 'pos', externalId, ...stamp]);
    }
    const org = random() < 0.1 ? pick(orgs) : null;
    if (org) await sink.add('relationships', [newId(), id, org.id, 'employee', false, ...stamp]);
    for (let v = random() < 0.3 ? 1 + Math.floor(random() * 2) : 0; v > 0; v--) {
      const when = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 900) * 86_400_000).toISOString();
      await sink.add('interactions', [newId(), id, 'visit', 'inbound', when, 'Came in', ...stamp]);
    }
    await index({ id, displayName, givenName: middle ? `${g} ${middle}` : g, familyName: f, preferredName: preferred, organizations: org ? [org.name] : [] });
    // As storedCustomers() reads them: the stored email address, the phone's E.164, the address row's columns.
    const address = { line1: null, line2: null, city, region: null, postalCode: null, country: 'US' };
    await keys({
      id,
      kind: 'person',
      displayName,
      givenName: middle ? `${g} ${middle}` : g,
      familyName: f,
      preferredName: preferred,
      ...noBirthday,
      emails: emailAddress ? [emailAddress] : [],
      phones: e164 ? [e164] : [],
      addresses: city ? [address] : [],
      externalIds: externalId ? [{ source: 'pos', externalId }] : [],
    });
    if (i % sampleEvery === 0) sample.push({ id, given: g, middle, family: f, preferred, e164, email, externalId, organization: org?.name ?? null });
    if (i % 50_000 === 0 && i > 0) {
      await sink.commit();
      console.log(`${i} customers, ${words.size} distinct words, ${Math.round((Date.now() - started) / 1000)} s`);
    }
  }
  await sink.close();
  // Migration 0015 queues matching.rebuild-keys only when customers are there as it runs (not here:
  // the load comes after the migrations), but a job queued all the same has nothing left to do now
  // that the keys are written: marked done, as the worker would.
  const after = openDatabase(args.url ? { databaseUrl: args.url } : { sqliteFile: args.file! });
  const finished = nowIso();
  const rebuilt = await after.db
    .updateTable('jobs')
    .set({ state: 'done', startedAt: finished, finishedAt: finished, claimToken: null })
    .where('kind', '=', 'matching.rebuild-keys')
    .where('state', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  await after.close();
  const samplePath = args.file ? `${args.file}.sample.json` : `bench/results/${new URL(args.url!).pathname.slice(1)}.pg.sample.json`;
  fs.mkdirSync(path.dirname(samplePath), { recursive: true });
  fs.writeFileSync(samplePath, JSON.stringify(sample));
  const seconds = (Date.now() - started) / 1000;
  console.log(JSON.stringify({ customers: count, organizations: orgCount, distinctWords: words.size, indexRows, matchKeyRows: keyRows, rebuildJobsMarkedDone: Number(rebuilt.numUpdatedRows), seconds, samplePath }));
}

await main();
