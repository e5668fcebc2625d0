/**
 * Messy customer data with known truth, for the matching quality bench (bench/matching-quality.ts)
 * and later the import benchmark. Seeded: the same seed gives the same data on every run.
 *
 * First N true people, in households: couples (most sharing a family name), children with their
 * parents' family name, a landline and an address for the household, sometimes a family email; some
 * twins (one birthday, two names) and some sons named after their father (Jr and Sr). Then four
 * views of them, as the systems of S6 hold them:
 * - the CRM: one record per person, the best kept (names, often a birthday, every contact);
 * - a point-of-sale export: the name as typed at the till, a phone in any format, sometimes an email;
 * - a newsletter list: an email, and a name that is often a nickname, an initial, or missing;
 * - a service-desk export: a name sometimes mistyped or with given and family swapped, a phone, an
 *   address that may be the one they moved from.
 * Every record carries the id of the person it is (`truth`). Assumption, stated: parents do not give
 * two children near-identical names (no Maria and Marie at one table), so that a family's members
 * can be told apart at all by name.
 */
import type { ImportedCustomer } from '../src/imports/import-records.js';
import type { StoredCustomer } from '../src/matching/match-record.js';
import { areNicknames, nicknamesOf } from '../src/search/nicknames.js';
import { editDistance, fold } from '../src/search/search-rules.js';
import { cities, familyNames, givenNames, madeUpNames, seeded, zipf } from './names.js';

export type SourceSystem = 'crm' | 'pos' | 'newsletter' | 'servicedesk';

/** Who a generated record really is. */
export interface Truth {
  personId: string;
  householdId: string;
  system: SourceSystem;
}

export interface TruthImportedCustomer extends ImportedCustomer {
  truth: Truth;
}
export interface TruthStoredCustomer extends StoredCustomer {
  truth: Truth;
}

interface Address {
  line1: string;
  /** The same address as another system would type it (abbreviations, flat written differently). */
  line1Typed: string;
  city: string;
  postalCode: string;
}

export interface TruePerson {
  id: string;
  householdId: string;
  given: string;
  family: string;
  /** The nickname they go by, when they do. */
  goesBy: string | null;
  generation: 'Jr' | 'Sr' | null;
  birthday: { year: number; month: number; day: number };
  mobile: string | null;
  landline: string | null;
  email: string | null;
  householdEmail: string | null;
  address: Address;
  oldAddress: Address | null;
}

export interface MatchingWorld {
  people: TruePerson[];
  crm: TruthStoredCustomer[];
  pos: TruthImportedCustomer[];
  newsletter: TruthImportedCustomer[];
  serviceDesk: TruthImportedCustomer[];
}

const streets = ['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Main', 'Church', 'Mill', 'River', 'Spring', 'Sunset', 'Highland', 'Meadow', 'Forest', 'Willow', 'Jackson', 'Franklin', 'Lincoln', 'Chestnut', 'Walnut', 'Birch', 'Cherry', 'Ridge', 'Valley', 'Orchard', 'Prospect'];
const streetTypes: [string, string][] = [['Street', 'St'], ['Avenue', 'Ave'], ['Road', 'Rd'], ['Lane', 'Ln'], ['Drive', 'Dr'], ['Court', 'Ct'], ['Place', 'Pl'], ['Boulevard', 'Blvd']];
const mailDomains = ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'aol.com', 'comcast.net', 'proton.me'];
const areaCodes = [212, 213, 312, 415, 503, 617, 702, 713, 804, 919, 206, 303, 404, 512, 602, 608, 612, 614, 615, 616];

/** The generator's random draws, one seeded stream. */
class Draw {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = seeded(seed);
  }
  chance = (p: number) => this.random() < p;
  int = (from: number, to: number) => from + Math.floor(this.random() * (to - from + 1));
  pick = <T>(list: readonly T[]): T => list[Math.floor(this.random() * list.length)]!;
}

/** Given and family name draws: real names by Zipf (Smith is common), made-up ones for the long tail, as bench/generate.ts. */
function nameDraws(draw: Draw, people: number) {
  const realGiven = [...new Set(givenNames)];
  const realFamily = [...new Set(familyNames)];
  const known = new Set([...realGiven, ...realFamily].map((n) => n.toLowerCase()));
  const madeGiven = madeUpNames(Math.max(50, Math.round(people / 100)), draw.random, known);
  const madeFamily = madeUpNames(Math.max(200, Math.round(people * 0.11)), draw.random, new Set([...known, ...madeGiven.map((n) => n.toLowerCase())]));
  const realGivenAt = zipf(realGiven.length, 1, draw.random);
  const madeGivenAt = zipf(madeGiven.length, 0.8, draw.random);
  const realFamilyAt = zipf(realFamily.length, 0.9, draw.random);
  return {
    given: () => (draw.chance(0.8) ? realGiven[realGivenAt()]! : madeGiven[madeGivenAt()]!),
    family: () => (draw.chance(0.55) ? realFamily[realFamilyAt()]! : draw.pick(madeFamily)),
  };
}

/** Names too alike for two members of one household (see the assumption above). */
function tooAlike(a: string, b: string): boolean {
  const x = fold(a);
  const y = fold(b);
  if (x === y || areNicknames(x, y) || editDistance(x, y, 2) <= 2) return true;
  const others = new Set(nicknamesOf(x));
  return nicknamesOf(y).some((n) => others.has(n));
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The people, household by household, until there are `count` of them. */
function truePeople(draw: Draw, count: number): TruePerson[] {
  const names = nameDraws(draw, count);
  const phones = new Set<string>();
  const emails = new Set<string>();
  const phone = () => {
    for (;;) {
      const number = `${draw.pick(areaCodes)}${draw.int(200, 999)}${String(draw.int(0, 9999)).padStart(4, '0')}`;
      if (!phones.has(number)) return phones.add(number), number;
    }
  };
  const uniqueEmail = (local: string) => {
    const domain = draw.pick(mailDomains);
    let address = `${local}@${domain}`;
    while (emails.has(address)) address = `${local}${draw.int(1, 999)}@${domain}`;
    emails.add(address);
    return address;
  };
  const ascii = (name: string) => fold(name).replace(/[^a-z]/g, '');
  const personalEmail = (given: string, family: string, year: number) => {
    const g = ascii(given);
    const f = ascii(family);
    const forms = [`${g}.${f}`, `${g[0]}${f}`, `${g}${f}`, `${g}_${f}`, `${f}.${g}`, `${g}${year % 100}`, `${draw.pick(['sunny', 'blue', 'happy', 'garden', 'runner', 'coffee'])}${g}${draw.int(1, 99)}`];
    return uniqueEmail(draw.pick(forms));
  };
  const address = (): Address => {
    const [full, short] = draw.pick(streetTypes);
    const number = draw.int(1, 9999);
    const street = draw.pick(streets);
    const unit = draw.chance(0.2) ? draw.int(1, 40) : null;
    const cityIndex = draw.int(0, cities.length - 1);
    return {
      line1: `${number} ${street} ${full}${unit ? `, Apt ${unit}` : ''}`,
      line1Typed: `${number} ${street} ${short}${unit ? ` #${unit}` : ''}`,
      city: cities[cityIndex]!,
      postalCode: String(10000 + cityIndex * 2000 + draw.int(0, 60)),
    };
  };
  const birthday = (from: number, to: number) => ({ year: draw.int(from, to), month: draw.int(1, 12), day: draw.int(1, 28) });
  const goesBy = (given: string) => {
    const short = nicknamesOf(fold(given)).filter((n) => n.length < fold(given).length);
    return short.length > 0 && draw.chance(0.35) ? capitalise(draw.pick(short)) : null;
  };

  const people: TruePerson[] = [];
  let household = 0;
  while (people.length < count) {
    const householdId = `h${++household}`;
    const home = address();
    const oldHome = draw.chance(0.15) ? address() : null;
    const landline = draw.chance(0.4) ? phone() : null;
    const members: TruePerson[] = [];
    const newGiven = () => {
      for (;;) {
        const given = names.given();
        if (!members.some((m) => tooAlike(m.given, given))) return given;
      }
    };
    const add = (given: string, family: string, born: TruePerson['birthday'], adult: boolean, generation: TruePerson['generation'] = null) => {
      const person: TruePerson = {
        id: `p${people.length + members.length + 1}`,
        householdId,
        given,
        family,
        goesBy: goesBy(given),
        generation,
        birthday: born,
        mobile: draw.chance(adult ? 0.9 : 0.5) ? phone() : null,
        landline,
        email: draw.chance(adult ? 0.85 : 0.4) ? personalEmail(given, family, born.year) : null,
        householdEmail: null,
        address: home,
        oldAddress: oldHome,
      };
      members.push(person);
      return person;
    };
    const shape = draw.random();
    const first = add(newGiven(), names.family(), birthday(1940, 1995), true);
    if (shape >= 0.4) {
      const spouse = add(newGiven(), draw.chance(0.7) ? first.family : names.family(), birthday(first.birthday.year - 5, first.birthday.year + 5), true);
      if (draw.chance(0.25)) {
        const shared = uniqueEmail(draw.pick([`the${ascii(first.family)}s`, `${ascii(first.given)}and${ascii(spouse.given)}`, `${ascii(first.family)}family`]));
        first.householdEmail = shared;
        spouse.householdEmail = shared;
      }
    }
    if (shape >= 0.65) {
      const children = draw.int(1, 3);
      const parentYear = first.birthday.year;
      for (let i = 0; i < children && members.length < 6; i++) {
        const born = birthday(Math.min(parentYear + 22, 2008), Math.min(parentYear + 40, 2010));
        if (i === 0 && draw.chance(0.1)) {
          first.generation = 'Sr';
          add(first.given, first.family, born, born.year < 1995, 'Jr');
        } else {
          const child = add(newGiven(), first.family, born, born.year < 1995);
          if (draw.chance(0.06) && members.length < 6) add(newGiven(), first.family, { ...child.birthday }, child.birthday.year < 1995);
        }
      }
    }
    people.push(...members);
  }
  return people.slice(0, count);
}

/** A US number as people type it. */
function typedPhone(draw: Draw, digits: string): string {
  const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return draw.pick([`(${area}) ${exchange}-${line}`, `${area}.${exchange}.${line}`, `+1 ${area} ${exchange} ${line}`, `${area}-${exchange}-${line}`, `${area}${exchange}${line}`]);
}

/** One typing mistake in a name of five letters or more: a letter dropped, doubled, changed, or two swapped. */
function mistype(draw: Draw, name: string): string {
  if (name.length < 5) return name;
  const at = draw.int(1, name.length - 2);
  const kind = draw.int(0, 3);
  if (kind === 0) return name.slice(0, at) + name.slice(at + 1);
  if (kind === 1) return name.slice(0, at) + name[at] + name.slice(at);
  if (kind === 2) return name.slice(0, at) + draw.pick([...'aeiourstnl']) + name.slice(at + 1);
  return name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

const withGeneration = (person: TruePerson, name: string) => (person.generation ? `${name} ${person.generation}` : name);

function crmRecords(draw: Draw, people: TruePerson[], posIds: Map<string, string>): TruthStoredCustomer[] {
  return people.map((p) => {
    const birthday = draw.random();
    const posId = posIds.get(p.id);
    return {
      id: `crm:${p.id}`,
      kind: 'person',
      displayName: null,
      givenName: p.given,
      familyName: p.generation && draw.chance(0.8) ? withGeneration(p, p.family) : p.family,
      preferredName: p.goesBy && draw.chance(0.6) ? p.goesBy : null,
      birthYear: birthday < 0.5 ? p.birthday.year : null,
      birthMonth: birthday < 0.65 ? p.birthday.month : null,
      birthDay: birthday < 0.65 ? p.birthday.day : null,
      emails: [p.email, p.householdEmail].filter((e): e is string => e !== null),
      phones: [p.mobile, p.landline].filter((n): n is string => n !== null).map((n) => typedPhone(draw, n)),
      addresses: [{ line1: p.address.line1, city: p.address.city, postalCode: p.address.postalCode }],
      externalIds: posId && draw.chance(0.3) ? [{ source: 'pos', externalId: posId }] : [],
      truth: { personId: p.id, householdId: p.householdId, system: 'crm' },
    };
  });
}

/** A name as typed at the till. */
function tillName(draw: Draw, p: TruePerson): string {
  const given = p.goesBy && draw.chance(0.4) ? p.goesBy : p.given;
  const r = draw.random();
  const name = r < 0.55 ? `${given} ${p.family}` : r < 0.68 ? `${p.family.toUpperCase()}, ${given.toUpperCase()}` : r < 0.8 ? `${given[0]} ${p.family}` : r < 0.92 ? `${given} ${p.family}`.toLowerCase() : `${given} ${mistype(draw, p.family)}`;
  return p.generation && draw.chance(0.5) ? withGeneration(p, name) : name;
}

function posRecords(draw: Draw, people: TruePerson[], posIds: Map<string, string>): TruthImportedCustomer[] {
  const out: TruthImportedCustomer[] = [];
  let next = 100000;
  for (const p of people) {
    const isAdult = p.birthday.year < 2000;
    if (!draw.chance(isAdult ? 0.65 : 0.2)) continue;
    const copies = draw.chance(0.05) ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const id = String(next++);
      if (copy === 0) posIds.set(p.id, id);
      const number = p.mobile && (draw.chance(0.75) || !p.landline) ? p.mobile : p.landline;
      const email = p.email ?? p.householdEmail;
      out.push({
        line: out.length + 2,
        sourceRecordId: id,
        customer: {
          displayName: tillName(draw, p),
          phones: number && draw.chance(0.95) ? [{ number: typedPhone(draw, number) }] : [],
          emails: email && draw.chance(0.35) ? [{ address: draw.chance(0.2) ? email.toUpperCase() : email }] : [],
          externalIds: [{ source: 'pos', externalId: id }],
        },
        organization: null,
        note: null,
        truth: { personId: p.id, householdId: p.householdId, system: 'pos' },
      });
    }
  }
  return out;
}

function newsletterRecords(draw: Draw, people: TruePerson[]): TruthImportedCustomer[] {
  const out: TruthImportedCustomer[] = [];
  for (const p of people) {
    const email = p.email && (draw.chance(0.85) || !p.householdEmail) ? p.email : p.householdEmail;
    if (!email || !draw.chance(0.55)) continue;
    const r = draw.random();
    const nickname = p.goesBy ?? p.given;
    const [givenName, familyName] = r < 0.35 ? [p.given, p.family] : r < 0.55 ? [nickname, p.family] : r < 0.7 ? [`${p.given[0]}.`, p.family] : r < 0.8 ? [nickname, null] : [null, null];
    const id = `NL-${out.length + 5001}`;
    out.push({
      line: out.length + 2,
      sourceRecordId: id,
      customer: { givenName, familyName, emails: [{ address: email }], externalIds: [{ source: 'newsletter', externalId: id }] },
      organization: null,
      note: null,
      truth: { personId: p.id, householdId: p.householdId, system: 'newsletter' },
    });
  }
  return out;
}

function serviceDeskRecords(draw: Draw, people: TruePerson[]): TruthImportedCustomer[] {
  const out: TruthImportedCustomer[] = [];
  for (const p of people) {
    if (!draw.chance(p.birthday.year < 2000 ? 0.4 : 0.1)) continue;
    let [given, family] = [p.given, p.family];
    if (draw.chance(0.15)) [given, family] = draw.chance(0.5) ? [mistype(draw, given), family] : [given, mistype(draw, family)];
    if (draw.chance(0.08)) [given, family] = [family, given];
    const number = p.mobile && (draw.chance(0.7) || !p.landline) ? p.mobile : p.landline;
    const place = p.oldAddress && draw.chance(0.5) ? p.oldAddress : p.address;
    const zip = draw.chance(0.2) ? `${place.postalCode}-${draw.int(1000, 9999)}` : place.postalCode;
    const id = `SD-${out.length + 7001}`;
    out.push({
      line: out.length + 2,
      sourceRecordId: id,
      customer: {
        givenName: given,
        familyName: p.generation && draw.chance(0.5) ? `${family} ${p.generation}` : family,
        phones: number ? [{ number: typedPhone(draw, number) }] : [],
        emails: p.email && draw.chance(0.3) ? [{ address: p.email }] : [],
        addresses: [{ line1: draw.chance(0.5) ? place.line1Typed : place.line1, city: place.city, postalCode: zip }],
        externalIds: [{ source: 'servicedesk', externalId: id }],
      },
      organization: null,
      note: null,
      truth: { personId: p.id, householdId: p.householdId, system: 'servicedesk' },
    });
  }
  return out;
}

/** The true people and the four systems' records of them. Same options, same world. */
export function generateWorld(options: { people: number; seed: number }): MatchingWorld {
  const draw = new Draw(options.seed);
  const people = truePeople(draw, options.people);
  const posIds = new Map<string, string>();
  const pos = posRecords(draw, people, posIds);
  const newsletter = newsletterRecords(draw, people);
  const serviceDesk = serviceDeskRecords(draw, people);
  const crm = crmRecords(draw, people, posIds);
  return { people, crm, pos, newsletter, serviceDesk };
}

const csvField = (value: string | null | undefined) => {
  const text = value ?? '';
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csv = (header: string[], rows: (string | null | undefined)[][]) => [header, ...rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';

/** The point-of-sale export as the till writes it. */
export const posCsv = (records: TruthImportedCustomer[]): string =>
  csv(['Customer No', 'Name', 'Phone', 'Email'], records.map((r) => [r.sourceRecordId, r.customer.displayName, r.customer.phones?.[0]?.number, r.customer.emails?.[0]?.address]));

/** The newsletter list as the mailing service exports it. */
export const newsletterCsv = (records: TruthImportedCustomer[]): string =>
  csv(['Subscriber ID', 'Email Address', 'First Name', 'Last Name'], records.map((r) => [r.sourceRecordId, r.customer.emails?.[0]?.address, r.customer.givenName, r.customer.familyName]));

/** The service desk's contacts export. */
export const serviceDeskCsv = (records: TruthImportedCustomer[]): string =>
  csv(
    ['Contact ID', 'First name', 'Surname', 'Phone', 'Email', 'Street', 'City', 'ZIP'],
    records.map((r) => {
      const place = r.customer.addresses?.[0];
      return [r.sourceRecordId, r.customer.givenName, r.customer.familyName, r.customer.phones?.[0]?.number, r.customer.emails?.[0]?.address, place?.line1, place?.city, place?.postalCode];
    }),
  );
