/**
 * How well matching finds the same person across the S6 silos, on generated data with known truth.
 *   npx tsx bench/matching-quality.ts --people 20000 --seeds 1,2,3
 * For each seed: generate the people and their CRM, point-of-sale, newsletter and service-desk
 * records (bench/matching-data.ts), block them (src/matching/blocking.ts), compare every pair that
 * shares a block once, and count against the truth, for the auto band and for auto + review:
 * - pair precision and recall: over every pair of records of one person (blocking's misses included);
 * - findable recall: over the pairs of one person's records that share a phone, an email, an id, an
 *   address or a birthday (a newsletter address and a till record with only a phone share nothing:
 *   no comparison of those two can join them; the CRM record joins both);
 * - to-CRM precision and recall: each imported record against the CRM, as an import asks "is this
 *   already a customer?" (every generated person has a CRM record);
 * - family pairs joined (two people of one household), split into those whose records tell them apart
 *   (must be none) and those whose do not (no given name or an initial only on a shared contact, a Jr
 *   written without the Jr): those can only go to review;
 * - pairs joined through the CRM record, as the product joins them: an import matches each record
 *   against the customers in the database and fills a matched record into its customer, so two records
 *   of one person end up in one customer even when they share nothing but a name. Each imported record
 *   is assigned to one CRM record: its best auto match, else (auto + review) its best review match, as
 *   the import picks (src/imports). Two records are joined when compare puts them in the band
 *   themselves, or both are assigned to one CRM record (or one is that CRM record). Pair precision and
 *   recall and family pairs joined of that relation, two ways:
 *   - through the CRM: every imported record against the CRM records as generated;
 *   - as imported: the point-of-sale export, then the newsletter list, then the service-desk export,
 *     record by record against the CRM as it grows: an auto match adds the record's phones, emails,
 *     addresses and ids to its CRM record before the next record is matched (what the import does;
 *     a review match adds nothing until a person merges it). Records that match no CRM record would
 *     be new customers; later records are not matched against those here;
 * - pairs compared, and CPU time per comparison.
 * Targets (issue 10): auto precision ≥ 0.999; auto + review precision ≥ 0.99 and recall ≥ 0.95.
 */
import { parseArgs } from 'node:util';
import { blockingKeys, maxBlockSize } from '../src/matching/blocking.js';
import { compare, type MatchResult } from '../src/matching/compare.js';
import type { MatchAddress } from '../src/matching/address-rules.js';
import { contextOf, countValues, type ValueCounts } from '../src/matching/match-context.js';
import { toMatchRecord, type MatchRecord } from '../src/matching/match-record.js';
import { generateWorld, type Truth } from './matching-data.js';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '20000' },
    seeds: { type: 'string', default: '1,2,3' },
    'max-block': { type: 'string', default: String(maxBlockSize) },
    /** Print up to 30 examples of: told-apart (family pairs joined that the records tell apart), family (the others), missed (true pairs left distinct), wrong (other pairs joined), unjoined (true pairs not joined as imported, auto + review). */
    show: { type: 'string' },
  },
});
const people = Number(args.people);
const maxBlock = Number(args['max-block']);

interface Labelled {
  record: MatchRecord;
  truth: Truth;
  /** The true person's given name, to tell whether a family pair's records show two different names. */
  trueGiven: string;
}

function labelledRecords(seed: number): Labelled[] {
  const world = generateWorld({ people, seed });
  const given = new Map(world.people.map((p) => [p.id, p.given]));
  const stored = world.crm.map((c) => ({ record: toMatchRecord({ from: 'store', customer: c }, 'US'), truth: c.truth, trueGiven: given.get(c.truth.personId)! }));
  const imported = [...world.pos, ...world.newsletter, ...world.serviceDesk].map((r, i) => ({
    record: toMatchRecord({ from: 'import', id: `${r.truth.system}:${i}`, customer: r.customer }, 'US'),
    truth: r.truth,
    trueGiven: given.get(r.truth.personId)!,
  }));
  return [...stored, ...imported];
}

/** Every pair of records that share a blocking key, once; blocks above maxBlock are skipped (and counted). */
function candidatePairs(records: Labelled[]): { pairs: Uint32Array; skippedBlocks: number } {
  const blocks = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const key of blockingKeys(r.record)) {
      const block = blocks.get(key);
      if (block) block.push(i);
      else blocks.set(key, [i]);
    }
  });
  const seen = new Set<number>();
  const pairs: number[] = [];
  let skippedBlocks = 0;
  for (const block of blocks.values()) {
    if (block.length > maxBlock) {
      skippedBlocks++;
      continue;
    }
    for (let x = 0; x < block.length; x++) {
      for (let y = x + 1; y < block.length; y++) {
        const key = block[x]! * records.length + block[y]!;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push(block[x]!, block[y]!);
      }
    }
  }
  return { pairs: Uint32Array.from(pairs), skippedBlocks };
}

/** True when two records share something besides names: only such a pair can be joined by comparing the two. */
function shareEvidence(a: MatchRecord, b: MatchRecord): boolean {
  const common = (x: string[], y: string[]) => x.some((v) => y.includes(v));
  const places = (r: MatchRecord) => r.addresses.map((p) => `${p.number} ${p.street} ${p.postcode}`);
  const ids = (r: MatchRecord) => r.externalIds.map((x) => `${x.source}:${x.externalId}`);
  const birthday = (r: MatchRecord) => (r.birthday?.year && r.birthday.month && r.birthday.day ? [`${r.birthday.year}-${r.birthday.month}-${r.birthday.day}`] : []);
  return common(a.phones, b.phones) || common(a.emails, b.emails) || common(ids(a), ids(b)) || common(places(a), places(b)) || common(birthday(a), birthday(b));
}

/**
 * Whether the records of two people of one household show what tells them apart, judged from the
 * truth and not from compare: both show a given name in full (not an initial, not missing) and the
 * two people's names differ, or both show a birthday, or both a different Jr / Sr.
 */
function toldApart(x: Labelled, y: Labelled): boolean {
  const [a, b] = [x.record, y.record];
  const fullGiven = (r: MatchRecord) => (r.name.given[0]?.length ?? 0) > 1;
  const names = fullGiven(a) && fullGiven(b) && x.trueGiven !== y.trueGiven;
  const birthdays = a.birthday !== null && b.birthday !== null && (['year', 'month', 'day'] as const).some((p) => a.birthday![p] !== null && b.birthday![p] !== null);
  const generations = a.name.generation !== null && b.name.generation !== null && a.name.generation !== b.name.generation;
  return names || birthdays || generations;
}

/** Pairs joined through the CRM record (see the top). */
interface JoinedCounts {
  right: number;
  wrong: number;
  familyToldApart: number;
  familyNotToldApart: number;
}
const emptyJoined = (): JoinedCounts => ({ right: 0, wrong: 0, familyToldApart: 0, familyNotToldApart: 0 });

/** Counts for one band (auto, or auto and review together). */
interface BandCounts {
  right: number;
  wrong: number;
  findableRight: number;
  toCrmRight: number;
  toCrmWrong: number;
  familyToldApart: number;
  familyNotToldApart: number;
  /** Assigned against the CRM records as generated. */
  throughCrm: JoinedCounts;
  /** Assigned system by system against the CRM as auto matches fill it. */
  asImported: JoinedCounts;
}
const emptyBand = (): BandCounts => ({ right: 0, wrong: 0, findableRight: 0, toCrmRight: 0, toCrmWrong: 0, familyToldApart: 0, familyNotToldApart: 0, throughCrm: emptyJoined(), asImported: emptyJoined() });

/** For each record, the CRM record it is assigned to (a CRM record: itself); -1 when none. */
type Assignment = Int32Array;

/** Which CRM record is best for a record: the first auto match by score, else the first review match (match-candidates.ts sorts by score, then id). */
class Best {
  auto = -1;
  autoScore = -Infinity;
  review = -1;
  reviewScore = -Infinity;
  offer(crm: number, result: MatchResult): void {
    if (result.band === 'auto' && (result.score > this.autoScore || (result.score === this.autoScore && crm < this.auto))) [this.auto, this.autoScore] = [crm, result.score];
    if (result.band === 'review' && (result.score > this.reviewScore || (result.score === this.reviewScore && crm < this.review))) [this.review, this.reviewScore] = [crm, result.score];
  }
  get any(): number {
    return this.auto >= 0 ? this.auto : this.review;
  }
}

const isCrm = (r: Labelled) => r.truth.system === 'crm';
const crmItself = (records: Labelled[]): Assignment => Int32Array.from(records, (r, i) => (isCrm(r) ? i : -1));

/** Every imported record against the CRM records as generated, from the pairs already compared. */
function assignThroughCrm(records: Labelled[], pairs: Uint32Array, results: MatchResult[]): { auto: Assignment; autoReview: Assignment } {
  const best = new Map<number, Best>();
  results.forEach((result, n) => {
    const [a, b] = [pairs[2 * n]!, pairs[2 * n + 1]!];
    if (result.band === 'distinct' || isCrm(records[a]!) === isCrm(records[b]!)) return;
    const [crm, imported] = isCrm(records[a]!) ? [a, b] : [b, a];
    let held = best.get(imported);
    if (!held) best.set(imported, (held = new Best()));
    held.offer(crm, result);
  });
  const auto = crmItself(records);
  const autoReview = crmItself(records);
  for (const [imported, held] of best) [auto[imported], autoReview[imported]] = [held.auto, held.any];
  return { auto, autoReview };
}

const addressKey = (a: MatchAddress) => `${a.number}|${a.street}|${a.unit}|${a.postcode}`;

/**
 * The imports one after another, record by record in file order (point of sale, newsletter, service
 * desk), each against the CRM records as they are by then: blocked on the keys the CRM records hold
 * (a key held by more than maxBlock of them is not used, as candidatesFor), compared with contacts
 * counted over the CRM as it is. A record's best auto match gets its phones, emails, addresses and
 * ids at once (the generated imports carry no birthday or preferred name and every CRM record has
 * both names, so that is all an import adds here).
 */
function assignAsImported(records: Labelled[], counts: ValueCounts): { auto: Assignment; autoReview: Assignment } {
  const contacts = new Map(counts.contacts);
  const context = contextOf({ ...counts, contacts });
  const grown = new Map<number, MatchRecord>();
  const index = new Map<string, number[]>();
  const addKeys = (crm: number, keys: string[]) => {
    for (const key of keys) {
      const block = index.get(key);
      if (block) block.push(crm);
      else index.set(key, [crm]);
    }
  };
  records.forEach((r, i) => {
    if (!isCrm(r)) return;
    const { record } = r;
    const copy = { ...record, phones: [...record.phones], emails: [...record.emails], addresses: [...record.addresses], externalIds: [...record.externalIds] };
    grown.set(i, copy);
    addKeys(i, blockingKeys(copy));
  });
  const auto = crmItself(records);
  const autoReview = crmItself(records);
  const order = ['pos', 'newsletter', 'servicedesk'] as const;
  for (const system of order) {
    records.forEach((r, i) => {
      if (r.truth.system !== system) return;
      const candidates = new Set<number>();
      for (const key of blockingKeys(r.record)) {
        const block = index.get(key);
        if (block && block.length <= maxBlock) for (const crm of block) candidates.add(crm);
      }
      const best = new Best();
      for (const crm of candidates) best.offer(crm, compare(r.record, grown.get(crm)!, context));
      [auto[i], autoReview[i]] = [best.auto, best.any];
      if (best.auto < 0) return;
      const customer = grown.get(best.auto)!;
      const before = new Set(blockingKeys(customer));
      const addContact = (list: string[], contact: string) => {
        if (list.includes(contact)) return;
        list.push(contact);
        contacts.set(contact, (contacts.get(contact) ?? 0) + 1);
      };
      for (const phone of r.record.phones) addContact(customer.phones, phone);
      for (const email of r.record.emails) addContact(customer.emails, email);
      for (const place of r.record.addresses) if (!customer.addresses.some((a) => addressKey(a) === addressKey(place))) customer.addresses.push(place);
      for (const id of r.record.externalIds) if (!customer.externalIds.some((x) => x.source === id.source && x.externalId === id.externalId)) customer.externalIds.push(id);
      addKeys(best.auto, blockingKeys(customer).filter((k) => !before.has(k)));
    });
  }
  return { auto, autoReview };
}

/**
 * The pairs joined through the CRM record under an assignment: each CRM record with the records
 * assigned to it, every pair within; and the pairs compare puts in the band themselves.
 */
function countJoined(records: Labelled[], pairs: Uint32Array, results: MatchResult[], inBand: (result: MatchResult) => boolean, assigned: Assignment): JoinedCounts {
  const counts = emptyJoined();
  const tally = (a: Labelled, b: Labelled) => {
    if (a.truth.personId === b.truth.personId) counts.right++;
    else {
      counts.wrong++;
      if (a.truth.householdId === b.truth.householdId) counts[toldApart(a, b) ? 'familyToldApart' : 'familyNotToldApart']++;
    }
  };
  const members = new Map<number, number[]>();
  assigned.forEach((crm, i) => {
    if (crm < 0) return;
    const group = members.get(crm);
    if (group) group.push(i);
    else members.set(crm, [i]);
  });
  for (const group of members.values()) for (let x = 0; x < group.length; x++) for (let y = x + 1; y < group.length; y++) tally(records[group[x]!]!, records[group[y]!]!);
  results.forEach((result, n) => {
    const [a, b] = [pairs[2 * n]!, pairs[2 * n + 1]!];
    if (!inBand(result) || (assigned[a]! >= 0 && assigned[a] === assigned[b])) return;
    tally(records[a]!, records[b]!);
  });
  return counts;
}

/** True pairs not joined through the CRM record (auto + review), for --show unjoined. */
function unjoined(records: Labelled[], pairs: Uint32Array, results: MatchResult[], assigned: Assignment): string[] {
  const direct = new Set<number>();
  results.forEach((result, n) => {
    if (result.band !== 'distinct') direct.add(pairs[2 * n]! * records.length + pairs[2 * n + 1]!);
  });
  const byPerson = new Map<string, number[]>();
  records.forEach((r, i) => byPerson.set(r.truth.personId, [...(byPerson.get(r.truth.personId) ?? []), i]));
  const who = (i: number) => {
    const r = records[i]!;
    const crm = assigned[i]!;
    const to = isCrm(r) ? '' : crm < 0 ? ' -> none' : ` -> ${records[crm]!.truth.personId}`;
    return `${r.truth.system}/${r.truth.personId} ${[...r.record.name.given, '|', ...r.record.name.family].join(' ')} [${[...r.record.phones, ...r.record.emails].join(' ')}]${to}`;
  };
  const out: string[] = [];
  for (const list of byPerson.values()) {
    for (let x = 0; x < list.length && out.length < 30; x++) {
      for (let y = x + 1; y < list.length && out.length < 30; y++) {
        const [a, b] = [list[x]!, list[y]!];
        if ((assigned[a]! >= 0 && assigned[a] === assigned[b]) || direct.has(a * records.length + b)) continue;
        out.push(`${who(a)}  ~  ${who(b)}`);
      }
    }
  }
  return out;
}

interface Tally {
  records: number;
  truePairs: number;
  findablePairs: number;
  /** Imported records: each has exactly one true pair with the CRM (its person's record there). */
  imported: number;
  compared: number;
  blockedTrue: number;
  skippedBlocks: number;
  cpuMicrosPerPair: number;
  auto: BandCounts;
  autoReview: BandCounts;
}

function truePairCounts(records: Labelled[]): { truePairs: number; findablePairs: number } {
  const byPerson = new Map<string, MatchRecord[]>();
  for (const r of records) byPerson.set(r.truth.personId, [...(byPerson.get(r.truth.personId) ?? []), r.record]);
  let truePairs = 0;
  let findablePairs = 0;
  for (const list of byPerson.values()) {
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        truePairs++;
        if (shareEvidence(list[x]!, list[y]!)) findablePairs++;
      }
    }
  }
  return { truePairs, findablePairs };
}

function run(seed: number): Tally {
  const records = labelledRecords(seed);
  // Counted over the CRM's customers, as the store would count them.
  const counts = countValues(records.filter((r) => r.truth.system === 'crm').map((r) => r.record));
  const context = contextOf(counts);
  const { pairs, skippedBlocks } = candidatePairs(records);
  // Timed on its own pass, keeping nothing: holding 800,000 results would time the garbage collector.
  const cpu = process.cpuUsage();
  let checksum = 0;
  for (let i = 0; i < pairs.length; i += 2) checksum += compare(records[pairs[i]!]!.record, records[pairs[i + 1]!]!.record, context).score;
  const used = process.cpuUsage(cpu);
  if (Number.isNaN(checksum)) throw new Error('a score is not a number');
  const results: MatchResult[] = new Array(pairs.length / 2);
  for (let i = 0; i < pairs.length; i += 2) results[i / 2] = compare(records[pairs[i]!]!.record, records[pairs[i + 1]!]!.record, context);
  const tally: Tally = {
    records: records.length,
    ...truePairCounts(records),
    imported: records.filter((r) => r.truth.system !== 'crm').length,
    compared: results.length,
    blockedTrue: 0,
    skippedBlocks,
    cpuMicrosPerPair: (used.user + used.system) / results.length,
    auto: emptyBand(),
    autoReview: emptyBand(),
  };
  const examples: string[] = [];
  results.forEach((result, n) => {
    const a = records[pairs[2 * n]!]!;
    const b = records[pairs[2 * n + 1]!]!;
    const same = a.truth.personId === b.truth.personId;
    const family = !same && a.truth.householdId === b.truth.householdId;
    const toCrm = (a.truth.system === 'crm') !== (b.truth.system === 'crm');
    if (same) tally.blockedTrue++;
    const count = (band: BandCounts) => {
      band[same ? 'right' : 'wrong']++;
      if (same && shareEvidence(a.record, b.record)) band.findableRight++;
      if (toCrm) band[same ? 'toCrmRight' : 'toCrmWrong']++;
      if (family) band[toldApart(a, b) ? 'familyToldApart' : 'familyNotToldApart']++;
    };
    if (result.band === 'auto') count(tally.auto);
    if (result.band !== 'distinct') count(tally.autoReview);
    const kind = same ? (result.band === 'distinct' ? 'missed' : null) : result.band === 'distinct' ? null : family ? (toldApart(a, b) ? 'told-apart' : 'family') : 'wrong';
    if (kind !== null && kind === args.show && examples.length < 30) examples.push(describe(a, b, result));
  });
  const inAuto = (result: MatchResult) => result.band === 'auto';
  const inAutoReview = (result: MatchResult) => result.band !== 'distinct';
  const throughCrm = assignThroughCrm(records, pairs, results);
  tally.auto.throughCrm = countJoined(records, pairs, results, inAuto, throughCrm.auto);
  tally.autoReview.throughCrm = countJoined(records, pairs, results, inAutoReview, throughCrm.autoReview);
  const asImported = assignAsImported(records, counts);
  tally.auto.asImported = countJoined(records, pairs, results, inAuto, asImported.auto);
  tally.autoReview.asImported = countJoined(records, pairs, results, inAutoReview, asImported.autoReview);
  if (args.show === 'unjoined') examples.push(...unjoined(records, pairs, results, asImported.autoReview));
  for (const line of examples) console.log(line);
  return tally;
}

function describe(a: Labelled, b: Labelled, result: MatchResult): string {
  const who = (r: Labelled) => `${r.truth.system}/${r.truth.personId} ${[...r.record.name.given, '|', ...r.record.name.family].join(' ')}${r.record.name.generation ? ` (${r.record.name.generation})` : ''}`;
  return `${result.band} ${result.score.toFixed(1)}  ${who(a)}  ~  ${who(b)}\n    ${result.reasons.map((r) => r.words).join('; ')}`;
}

const ratio = (x: number, y: number) => (y === 0 ? '-' : (x / y).toFixed(4));
const header = ['seed', 'band', 'pair P', 'pair R', 'findable R', 'to-CRM P', 'to-CRM R', 'family joined: told apart / not', 'via-CRM P', 'via-CRM R', 'via-CRM family', 'imported P', 'imported R', 'imported family'];
const family = (x: { familyToldApart: number; familyNotToldApart: number }) => `${x.familyToldApart} / ${x.familyNotToldApart}`;
const rows: string[][] = [header];
for (const seed of args.seeds.split(',').map(Number)) {
  const t = run(seed);
  console.log(
    `seed ${seed}: ${t.records} records of ${people} people; ${t.compared} pairs compared (${t.skippedBlocks} blocks over ${maxBlock} skipped), ` +
      `${t.cpuMicrosPerPair.toFixed(1)} µs CPU per pair; ${t.truePairs} true pairs, ${t.blockedTrue} of them compared, ${t.findablePairs} findable`,
  );
  for (const [name, band] of [['auto', t.auto], ['auto+review', t.autoReview]] as const) {
    rows.push([
      String(seed),
      name,
      ratio(band.right, band.right + band.wrong),
      ratio(band.right, t.truePairs),
      ratio(band.findableRight, t.findablePairs),
      ratio(band.toCrmRight, band.toCrmRight + band.toCrmWrong),
      ratio(band.toCrmRight, t.imported),
      family(band),
      ratio(band.throughCrm.right, band.throughCrm.right + band.throughCrm.wrong),
      ratio(band.throughCrm.right, t.truePairs),
      family(band.throughCrm),
      ratio(band.asImported.right, band.asImported.right + band.asImported.wrong),
      ratio(band.asImported.right, t.truePairs),
      family(band.asImported),
    ]);
  }
}
const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
