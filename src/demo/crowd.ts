import type { DemoCustomer, DemoInteraction, DemoLifeEvent, DemoTransaction, LocationKey, StaffKey } from './plan.js';
import { frontlineAt } from './cast.js';
import { basket, cents } from './catalog.js';
import { bankChats, careChats, cities, familyNames, givenNames, hardwareChats, newsletters, organisations, preferences, projectIdeas, streets } from './names.js';
import type { Clock, Random } from './random.js';
import { answerTo } from './answers.js';

/**
 * Everyone else: organisations with their people, households (spouses, parents, children) and single
 * customers, each with a home location and a little history that fits it. Same seed, same crowd.
 */

type Sex = 'female' | 'male';

const nicknames: Record<string, string> = { Samuel: 'Sam', Nikolai: 'Niko', Isabel: 'Izzy', Joanna: 'Jo', Gabriel: 'Gabe', Dmitri: 'Dima', Elena: 'Lena', Priscilla: 'Cilla', Theo: 'Teddy', Mariana: 'Mari' };

export class Crowd {
  private readonly phones = new Set<string>();
  private readonly emails = new Set<string>();
  private serial = 0;
  private readonly decks = new Map<string, string[]>();

  constructor(
    private readonly random: Random,
    private readonly clock: Clock,
  ) {}

  /** About `count` customers: organisations with their people, then households, then single people. */
  build(count: number): DemoCustomer[] {
    const out: DemoCustomer[] = [];
    for (const org of organisations) if (out.length < count * 0.2) out.push(...this.organisation(org));
    while (out.length < count * 0.7) out.push(...this.household());
    while (out.length < count) out.push(this.person(this.random.pick(['female', 'male'] as const), this.draw('family', familyNames), this.homeLocation(), this.address()));
    return out;
  }

  /** Names dealt like cards from a shuffled deck, so they repeat only once all have been used. */
  private draw(deck: string, items: readonly string[]): string {
    let cards = this.decks.get(deck);
    if (!cards?.length) this.decks.set(deck, (cards = this.random.sample(items, items.length)));
    return cards.pop()!;
  }

  private key(name: string) {
    this.serial += 1;
    return `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${this.serial}`;
  }

  private homeLocation(): LocationKey {
    const roll = this.random.next();
    return roll < 0.45 ? 'hardware' : roll < 0.75 ? 'bank' : 'callCentre';
  }

  private phone(): string {
    for (;;) {
      const area = this.random.pick(['815', '630', '773', '847']);
      const line = `01${String(this.random.int(0, 99)).padStart(2, '0')}`;
      if (this.phones.has(area + line)) continue;
      this.phones.add(area + line);
      return this.random.pick([`(${area}) 555-${line}`, `${area}-555-${line}`, `${area}.555.${line}`, `+1 ${area} 555 ${line}`]);
    }
  }

  private email(given: string, family: string): string {
    const slug = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
    let address = `${slug(given)}.${slug(family)}@${this.random.pick(['example.com', 'example.org', 'example.net'])}`;
    for (let n = 2; this.emails.has(address); n += 1) address = address.replace(/(\d*)@/, `${n}@`);
    this.emails.add(address);
    return address;
  }

  private address() {
    const [city, postalCode] = this.random.pick(cities);
    return { label: 'home', line1: `${this.random.int(2, 980)} ${this.random.pick(streets)}`, city, region: 'IL', postalCode, country: 'US' };
  }

  private staffAt(location: LocationKey): StaffKey {
    return this.random.pick(frontlineAt[location]);
  }

  private chats(location: LocationKey, count: number): DemoInteraction[] {
    const out: DemoInteraction[] = [];
    for (let i = 0; i < count; i += 1) {
      const at = this.clock.daysAgo(this.random.int(2, 700), this.random.int(8, 18), this.random.int(0, 59));
      const staff = this.staffAt(location);
      if (location === 'hardware') {
        const channel = this.random.chance(0.05) ? 'other' : this.random.pick(['visit', 'visit', 'call', 'sms', 'email'] as const);
        const summary = channel === 'other' ? 'Met at the Millbrook street fair stand; asked about the spring workshop.' : this.random.pick(hardwareChats);
        out.push({ at, channel, direction: channel === 'sms' ? 'outbound' : 'inbound', staff, summary, mood: this.random.pick(['happy', 'neutral', undefined] as const) });
      } else if (location === 'bank') {
        const channel = this.random.pick(['visit', 'meeting', 'call', 'letter', 'direct_mail', 'email'] as const);
        const mailed = channel === 'letter' || channel === 'direct_mail';
        const summary = channel === 'letter' ? 'Letter: new terms for savings accounts from next quarter.' : channel === 'direct_mail' ? 'Mailing: "Is your home ready for winter? Ask about improvement loans."' : this.random.pick(bankChats);
        out.push({ at, channel, direction: mailed ? 'outbound' : 'inbound', staff: mailed ? null : staff, summary });
      } else {
        const channel = this.random.pick(['call', 'chat', 'email', 'service_call'] as const);
        out.push({ at, channel, direction: channel === 'service_call' ? 'outbound' : 'inbound', staff, summary: this.random.pick(careChats), mood: this.random.pick(['neutral', 'frustrated', 'happy'] as const) });
      }
      const answer = answerTo(out.at(-1)!, this.clock);
      if (answer) out.push(answer);
    }
    return out;
  }

  private money(location: LocationKey, staff: StaffKey): DemoTransaction[] {
    const out: DemoTransaction[] = [];
    if (location === 'hardware') {
      for (let i = this.random.int(0, 5); i > 0; i -= 1) {
        const key = `p${i}`;
        const items = basket(this.random);
        const days = this.random.int(5, 600);
        out.push({ key, kind: 'purchase', at: this.clock.daysAgo(days, this.random.int(8, 18), this.random.int(0, 59)), staff: this.random.chance(0.6) ? staff : null, items });
        if (this.random.chance(0.12)) {
          const back = [items[0]!];
          out.push({ kind: 'return', at: this.clock.daysAgo(days - 2, 11, 0), staff, settles: key, items: back, note: 'Did not fit; returned unused.' });
          out.push({ kind: 'refund', at: this.clock.daysAgo(days - 2, 11, 5), staff, settles: key, amountMinor: cents(back), note: 'Refunded to the card.' });
        }
      }
    } else if (location === 'callCentre') {
      const months = this.random.int(1, 5);
      const price = this.random.pick([4999, 6999, 8999]);
      for (let m = months; m >= 1; m -= 1) {
        out.push({ kind: 'invoice', at: this.clock.daysAgo(m * 30 + 2, 6, 0), staff: null, items: [{ description: 'Monthly service', sku: `PLAN-${price}`, quantity: 1, unitPriceMinor: price }] });
        if (m > 1 || this.random.chance(0.5)) out.push({ kind: 'payment', at: this.clock.daysAgo(Math.max(m * 30 - 6, 1), 8, 0), staff: null, amountMinor: price });
      }
    }
    return out;
  }

  private person(sex: Sex, family: string, location: LocationKey, address: ReturnType<Crowd['address']>, extra: Partial<DemoCustomer> = {}): DemoCustomer {
    const given = this.draw(sex, givenNames[sex]);
    const staff = this.staffAt(location);
    const sparse = this.random.chance(0.05);
    const profile: DemoCustomer['profile'] = sparse
      ? { phones: [{ number: this.phone() }] }
      : {
          givenName: given,
          familyName: family,
          ...(this.random.chance(0.8) ? { phones: [{ number: this.phone(), label: this.random.pick(['mobile', 'home', 'work']) }] } : {}),
          ...(this.random.chance(0.6) ? { emails: [{ address: this.email(given, family) }] } : {}),
          ...(this.random.chance(0.7) ? { addresses: [address] } : {}),
          ...(nicknames[given] && this.random.chance(0.5) ? { preferredName: nicknames[given] } : {}),
          ...(this.random.chance(0.3) ? { birthday: { month: this.random.int(1, 12), day: this.random.int(1, 28), ...(this.random.chance(0.5) ? { year: this.random.int(1945, 2004) } : {}) } } : {}),
        };
    const projects = location === 'hardware' && this.random.chance(0.25) ? [this.project(staff)] : [];
    const interactions = this.chats(location, this.random.int(0, 4));
    if (location === 'hardware' && profile.emails?.length && this.random.chance(0.4)) {
      for (let n = this.random.int(1, 3); n > 0; n -= 1) {
        interactions.push({ at: this.clock.daysAgo(n * 30, 7, 0), channel: 'newsletter', direction: 'outbound', staff: null, summary: `Newsletter: ${this.random.pick(newsletters)}` });
      }
    }
    const notes = this.random.chance(0.15) ? [{ body: this.random.pick(preferences), by: staff }] : [];
    return {
      key: this.key(given),
      by: staff,
      location,
      profile,
      interactions,
      transactions: this.money(location, staff),
      projects,
      notes,
      ...extra,
    };
  }

  private organisation(org: (typeof organisations)[number]): DemoCustomer[] {
    const location: LocationKey = org.sells === 'trade' ? 'hardware' : 'bank';
    const staff = this.staffAt(location);
    const key = this.key(org.name);
    const transactions: DemoTransaction[] = [];
    const sent: DemoInteraction[] = [];
    if (org.sells === 'trade') {
      // A trade account: monthly invoices, paid a few weeks later; the last one still open for some.
      for (let m = this.random.int(3, 8); m >= 1; m -= 1) {
        const items = basket(this.random).map((i) => ({ ...i, quantity: i.quantity * 5 }));
        const invoice = `inv${m}`;
        transactions.push({ key: invoice, kind: 'invoice', at: this.clock.daysAgo(m * 30 + 3, 7, 30), staff, reference: `TA-${this.serial}-${m}`, items });
        sent.push({ at: this.clock.daysAgo(m * 30 + 3, 7, 35), channel: 'invoice_sent', direction: 'outbound', staff: null, summary: `Trade account invoice TA-${this.serial}-${m} emailed.` });
        if (m > 1 || this.random.chance(0.4)) transactions.push({ kind: 'payment', at: this.clock.daysAgo(m * 30 - 12, 9, 0), staff: null, amountMinor: cents(items), reference: `TA-${this.serial}-${m}` });
        if (m === 2 && this.random.chance(0.5)) transactions.push({ kind: 'credit', at: this.clock.daysAgo(m * 30 - 1, 10, 0), staff, amountMinor: 1500, note: 'Trade discount for damaged boards.' });
      }
    }
    const organisation: DemoCustomer = {
      key,
      by: staff,
      location,
      profile: { kind: 'organization', displayName: org.name, phones: [{ number: this.phone(), label: 'office' }], addresses: [{ ...this.address(), label: 'office' }] },
      interactions: [...this.chats(location, this.random.int(1, 3)), ...sent],
      transactions,
    };
    const people = org.roles.map(([label, relatedLabel]) =>
      this.person(this.random.pick(['female', 'male'] as const), this.draw('family', familyNames), location, this.address(), { links: [{ to: key, label, relatedLabel }] }),
    );
    return [organisation, ...people];
  }

  private project(by: StaffKey) {
    const [title, detail] = this.random.pick(projectIdeas);
    const started = this.random.int(10, 400);
    const done = started > 200 && this.random.chance(0.5);
    return { title, detail, by, startedOn: this.clock.dayOf(started), ...(done ? { status: 'done' as const, endedOn: this.clock.dayOf(started - 90) } : {}) };
  }

  private household(): DemoCustomer[] {
    const family = this.draw('family', familyNames);
    const location = this.homeLocation();
    const address = this.address();
    const staff = this.staffAt(location);
    const first = this.person(this.random.pick(['female', 'male'] as const), family, location, address);
    const members = [first];
    if (this.random.chance(0.75)) {
      const year = this.random.int(1990, this.clock.now.getFullYear() - 1);
      const events: DemoLifeEvent[] = [{ kind: 'marriage', title: first.profile.givenName ? `Married ${first.profile.givenName}` : 'Got married', date: { year, month: this.random.int(1, 12) }, involves: [first.key], by: staff }];
      members.push(this.person(this.random.pick(['female', 'male'] as const), family, location, address, { links: [{ to: first.key, label: 'spouse', relatedLabel: 'spouse', household: true }], lifeEvents: events }));
    }
    const parents = members.map((m) => m.key);
    for (let kids = this.random.int(0, 3); kids > 0; kids -= 1) {
      const child = this.person(this.random.pick(['female', 'male'] as const), family, location, address, {
        links: parents.map((p) => ({ to: p, label: 'child', relatedLabel: 'parent', household: true })),
      });
      const born = this.random.int(2006, this.clock.now.getFullYear() - 1);
      child.profile = { ...child.profile, birthday: { year: born }, emails: [], phones: [] };
      if (!child.profile.givenName) child.profile = { ...child.profile, givenName: this.draw('female', givenNames.female), familyName: family };
      if (this.random.chance(0.3)) child.lifeEvents = [this.childEvent(child.profile.givenName!, born, parents, staff)];
      members.push(child);
    }
    if (members.length > 2 && this.random.chance(0.3)) this.wardStay(members.at(-1)!, parents);
    return members;
  }

  /** Born lately, starting school, or leaving it: whichever fits the child's age. */
  private childEvent(name: string, born: number, parents: string[], by: StaffKey): DemoLifeEvent {
    const age = this.clock.now.getFullYear() - born;
    if (age <= 3) return { kind: 'birth', title: `${name} was born`, date: { year: born, month: this.random.int(1, age === 0 ? this.clock.now.getMonth() + 1 : 12) }, involves: parents, by };
    if (age >= 18) return { kind: 'graduation', title: `${name} graduated from high school`, date: { year: born + 18, month: 6 }, involves: parents, by };
    return { kind: 'school_start', title: `${name} started at a new school`, date: { year: this.clock.lastSeptember(), month: 9 }, involves: parents, by };
  }

  /** A child of this household was on the ward: the nurses' notes about the family. */
  private wardStay(child: DemoCustomer, parents: string[]): void {
    const days = this.random.int(20, 300);
    child.interactions = [
      ...(child.interactions ?? []),
      { at: this.clock.daysAgo(days, 14, 0), channel: 'meeting', direction: 'inbound', staff: 'nurse', location: 'ward', summary: 'Family meeting on the ward: explained the plan for the next two days.', mood: 'worried' },
      { at: this.clock.daysAgo(days - 2, 11, 0), channel: 'call', direction: 'outbound', staff: 'nightNurse', location: 'ward', summary: 'Called the parents after the night: slept well, discharge likely tomorrow.', mood: 'happy' },
    ];
    child.lifeEvents = [
      ...(child.lifeEvents ?? []),
      { kind: 'illness', title: 'Stayed on Ward 4B after appendix surgery', date: { year: new Date(this.clock.daysAgo(days)).getFullYear() }, sensitivity: 'private', involves: parents, by: 'nurse' },
    ];
  }
}
