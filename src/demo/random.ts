/**
 * The demo's only sources of chance and time: a seeded generator (same seed, same people) and a
 * clock fixed at the start of a run, so every story is told relative to the moment it is seeded.
 */

/** mulberry32: small, fast and good enough to pick names; never Math.random. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** `count` different items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, count);
  }
}

const dayMs = 24 * 60 * 60 * 1000;

/** Times relative to one fixed "now", in the server's local time of day. */
export class Clock {
  constructor(readonly now: Date) {}

  /** `days` ago at hh:mm local time, never later than a minute ago. */
  daysAgo(days: number, hour = 10, minute = 0): string {
    const at = new Date(this.now.getTime() - days * dayMs);
    at.setHours(hour, minute, 0, 0);
    return new Date(Math.min(at.getTime(), this.now.getTime() - 60_000)).toISOString();
  }

  minutesAgo(minutes: number): string {
    return new Date(this.now.getTime() - minutes * 60_000).toISOString();
  }

  /** A fixed calendar moment (month 1-12), for facts that do not move: "customer since 2019". */
  on(year: number, month: number, day: number, hour = 10, minute = 0): string {
    return new Date(year, month - 1, day, hour, minute).toISOString();
  }

  /** How many days back the most recent Saturday before today is (1-7). */
  daysSinceSaturday(): number {
    return (this.now.getDay() + 1) % 7 || 7;
  }

  /** YYYY-MM-DD of `days` ago, local. */
  dayOf(days: number): string {
    const at = new Date(this.now.getTime() - days * dayMs);
    return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  }

  /** YYYY-MM-DD of the first day of this month. */
  firstOfMonth(): string {
    return `${this.now.getFullYear()}-${String(this.now.getMonth() + 1).padStart(2, '0')}-01`;
  }

  /** The most recent September that has begun (this year from September on, else last year). */
  lastSeptember(): number {
    return this.now.getMonth() >= 8 ? this.now.getFullYear() : this.now.getFullYear() - 1;
  }

  /** Whole days between a moment and now. */
  daysSince(iso: string): number {
    return Math.floor((this.now.getTime() - Date.parse(iso)) / dayMs);
  }
}
