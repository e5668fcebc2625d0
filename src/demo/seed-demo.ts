import { createLocation } from '../locations/location-commands.js';
import { allLocationNames } from '../locations/location-store.js';
import type { Actor } from '../platform/auth/actor.js';
import type { Db } from '../platform/database/connect.js';
import type { Database } from '../platform/database/schema.js';
import { conflict } from '../platform/errors.js';
import { createStaff } from '../staff/staff-commands.js';
import { findStaffByEmail } from '../staff/staff-store.js';
import { demoLocations, demoStaff } from './cast.js';
import { Crowd } from './crowd.js';
import type { DemoCustomer, DemoStaff, LocationKey, StaffKey } from './plan.js';
import { Clock, Random } from './random.js';
import { branchStories } from './story-branch.js';
import { callCentreStories } from './story-calls.js';
import { jimPhone, jimStory } from './story-jim.js';
import { siloStory } from './story-silos.js';
import { wardStory } from './story-ward.js';
import { handoffStory, writeDemoHandoffs } from './story-handoff.js';
import { writeCustomer, type Cast } from './writer.js';
import { writeDemoCases } from './story-cases.js';
import { writeDemoUrgentCases } from './story-urgent.js';
import { writeDemoPromises } from './story-promises.js';
import { scanForDuplicates } from '../matching/duplicate-scan.js';

/**
 * The demo: five locations, their staff, and about 200 customers built around the scenarios S1-S8,
 * written through the real commands, one database transaction per customer.
 */

export const defaultDemoPassword = 'rapport-demo-password';

export interface SeedOptions {
  password: string;
  /** Add the demo to a database that already has customers. */
  force: boolean;
  seed: number;
  phoneRegion: string;
  /** The moment the story is told from; defaults to now. */
  now?: Date;
  /** How many customers in all (the stories plus the crowd). */
  customers?: number;
}

export interface SeedSummary {
  counts: Record<string, number>;
  staff: (Pick<DemoStaff, 'email' | 'name' | 'role' | 'job'> & { id: string })[];
  /** Customer ids by plan key: jim-alvarez, maggie-chen, ... */
  customers: Map<string, string>;
  jimPhone: string;
}

const counted: [string, keyof Database][] = [
  ['customers', 'customers'],
  ['relationships', 'relationships'],
  ['interactions', 'interactions'],
  ['cases', 'cases'],
  ['promises', 'promises'],
  ['transactions', 'transactions'],
  ['life events', 'lifeEvents'],
  ['projects', 'projects'],
  ['notes', 'notes'],
  ['preferences', 'preferences'],
  ['consents', 'consents'],
  ['staff', 'staff'],
  ['locations', 'locations'],
  ['audit events', 'auditEvents'],
];

export const countRows = async (db: Db, table: keyof Database): Promise<number> =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

/** Every planned customer, in the order they are written (people before those who refer to them). */
export function demoPlan(seed: number, now: Date, customers = 200): DemoCustomer[] {
  const clock = new Clock(now);
  const random = new Random(seed);
  const stories = [...jimStory(clock, random), ...branchStories(clock, random), ...callCentreStories(clock), ...wardStory(clock), ...handoffStory(clock), ...siloStory(clock)];
  return [...stories, ...new Crowd(random, clock).build(Math.max(0, customers - stories.length))];
}

async function castOf(db: Db, password: string, phoneRegion: string): Promise<Cast> {
  return db.transaction().execute(async (trx) => {
    const locations = new Map<LocationKey, string>();
    const existing = await allLocationNames(trx);
    for (const location of demoLocations) {
      const found = existing.find((l) => l.name === location.name);
      const { key, ...input } = location;
      locations.set(key, found?.id ?? (await createLocation(trx, { actor: null, phoneRegion }, input)));
    }
    const staff = new Map<StaffKey, Actor>();
    for (const member of demoStaff) {
      const locationIds = member.locations.map((key) => locations.get(key)!);
      const found = await findStaffByEmail(trx, member.email);
      const staffId = found?.id ?? (await createStaff(trx, null, { email: member.email, name: member.name, role: member.role, password, locationIds }));
      staff.set(member.key, { staffId, name: member.name, role: member.role, locationIds, via: 'session', tokenId: null, canWrite: true });
    }
    return { staff, locations, customers: new Map(), phoneRegion };
  });
}

export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedSummary> {
  const already = await countRows(db, 'customers');
  if (already > 0 && !options.force) {
    throw conflict(`This database already has ${already} customers, so the demo was not added. Run seed-demo --force to add it anyway.`);
  }
  const plan = demoPlan(options.seed, options.now ?? new Date(), options.customers);
  const cast = await castOf(db, options.password, options.phoneRegion);
  for (const customer of plan) {
    await db.transaction().execute((trx) => writeCustomer(trx, cast, customer));
  }
  await writeDemoCases(db, cast, new Clock(options.now ?? new Date()));
  await writeDemoUrgentCases(db, cast, new Clock(options.now ?? new Date()));
  await writeDemoPromises(db, cast, new Clock(options.now ?? new Date()));
  await writeDemoHandoffs(db, cast, new Clock(options.now ?? new Date()));
  // S6: the silos' records of one person wait in the duplicates queue, with the reasons.
  await scanForDuplicates(db);
  const counts: Record<string, number> = {};
  for (const [label, table] of counted) counts[label] = await countRows(db, table);
  return {
    counts,
    staff: demoStaff.map(({ key, email, name, role, job }) => ({ id: cast.staff.get(key)!.staffId, email, name, role, job })),
    customers: cast.customers,
    jimPhone,
  };
}
