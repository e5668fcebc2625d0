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
 * - pairs compared, and CPU time per comparison.
 * Targets (issue 10): auto precision ≥ 0.999; auto + review precision ≥ 0.99 and recall ≥ 0.95.
 */
import { parseArgs } from 'node:util';
import { blockingKeys, maxBlockSize } from '../src/matching/blocking.js';
import { compare, type MatchResult } from '../src/matching/compare.js';
import { contextOf, countValues } from '../src/matching/match-context.js';
import { toMatchRecord, type MatchRecord } from '../src/matching/match-record.js';
import { generateWorld, type Truth } from './matching-data.js';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '20000' },
    seeds: { type: 'string', default: '1,2,3' },
    'max-block': { type: 'string', default: String(maxBlockSize) },
    /** Print up to 30 examples of: told-apart (family pairs joined that the records tell apart), family (the others), missed (true pairs left distinct), wrong (other pairs joined). */
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

/** Counts for one band (auto, or auto and review together). */
interface BandCounts {
  right: number;
  wrong: number;
  findableRight: number;
  toCrmRight: number;
  toCrmWrong: number;
  familyToldApart: number;
  familyNotToldApart: number;
}
const emptyBand = (): BandCounts => ({ right: 0, wrong: 0, findableRight: 0, toCrmRight: 0, toCrmWrong: 0, familyToldApart: 0, familyNotToldApart: 0 });

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
  const context = contextOf(countValues(records.filter((r) => r.truth.system === 'crm').map((r) => r.record)));
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
  for (const line of examples) console.log(line);
  return tally;
}

function describe(a: Labelled, b: Labelled, result: MatchResult): string {
  const who = (r: Labelled) => `${r.truth.system}/${r.truth.personId} ${[...r.record.name.given, '|', ...r.record.name.family].join(' ')}${r.record.name.generation ? ` (${r.record.name.generation})` : ''}`;
  return `${result.band} ${result.score.toFixed(1)}  ${who(a)}  ~  ${who(b)}\n    ${result.reasons.map((r) => r.words).join('; ')}`;
}

const ratio = (x: number, y: number) => (y === 0 ? '-' : (x / y).toFixed(4));
const header = ['seed', 'band', 'pair P', 'pair R', 'findable R', 'to-CRM P', 'to-CRM R', 'family joined: told apart / not'];
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
      `${band.familyToldApart} / ${band.familyNotToldApart}`,
    ]);
  }
}
const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
