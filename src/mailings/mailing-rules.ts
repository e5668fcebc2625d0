import { unprocessable } from '../platform/errors.js';
import { toIso } from '../platform/time.js';

/**
 * Mailings as pure rules: when one went out, how a recipient is named (a Rapport customer id, an
 * email, or an id in another system), and which one customer a row of a list names, if any. No
 * database here: the store reads the candidates (mailing-store.ts), these rules decide.
 */

export const mailingChannels = ['newsletter', 'direct_mail', 'invoice_sent', 'letter'] as const;
export type MailingChannel = (typeof mailingChannels)[number];

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const earliest = '1900-01-01T00:00:00.000Z';

const realDay = (y: number, m: number, d: number): boolean => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/**
 * When a mailing went out, in the stored form (UTC, milliseconds). A day ("2027-03-02": what a
 * mailing house reports) is that day at noon UTC, so that it reads as the same day in every time
 * zone from UTC-11 to UTC+11; a date and time with a zone is taken as it is.
 */
export function sentAtOf(value: string, path: string): string {
  const text = value.trim();
  const day = dayPattern.exec(text);
  const moment = day ? null : dateTimePattern.exec(text);
  const parts = day ?? moment;
  if (!parts) throw unprocessable(path, `"${value}" is neither a day (2027-03-02) nor a date and time with a zone (2027-03-02T09:00:00Z)`);
  const [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (!realDay(y, m, d)) throw unprocessable(path, `"${value}" is not a real date`);
  const time = new Date(day ? `${text}T12:00:00.000Z` : text);
  if (Number.isNaN(time.getTime())) throw unprocessable(path, `"${value}" is not a real date and time`);
  const iso = toIso(time);
  if (iso < earliest || !/^\d{4}-/.test(iso)) throw unprocessable(path, 'must be between the year 1900 and 9999');
  return iso;
}

/** A mailing's name: the campaign as people call it ("Spring catalogue 2027"), on one line. */
export function mailingName(value: string, path: string): string {
  const name = value.replace(/\s+/g, ' ').trim();
  if (!name) throw unprocessable(path, 'cannot be blank');
  return name;
}

// --- Recipients --------------------------------------------------------------------------------

/** How a row names its customer; `field` is the CSV column or JSON field it came from. */
export type RecipientKey =
  | { kind: 'customerId'; value: string; field: string | null }
  | { kind: 'email'; value: string; field: string | null }
  | { kind: 'externalId'; source: string; value: string; field: string | null };

/** A problem with one row: the column it is about (null: the whole row) and why, in words. */
export interface RowNote {
  field: string | null;
  message: string;
}

/** One row of a recipient list: where it was (a CSV line, or a JSON item's index), its keys in the order tried, what reading it found. */
export interface RecipientRow {
  place: number;
  keys: RecipientKey[];
  notes: RowNote[];
}

/** What the database holds for a batch's keys: live customer ids, who has each email, who has each id of the other system. */
export interface Lookups {
  customerIds: ReadonlySet<string>;
  emails: ReadonlyMap<string, readonly string[]>;
  externalIds: ReadonlyMap<string, string>;
}

export const externalKey = (source: string, externalId: string): string => `${source}\u0000${externalId}`;

export type Placement = { customerId: string } | { problem: RowNote };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isCustomerId = (value: string): boolean => uuid.test(value);

const describe = (key: RecipientKey): string =>
  key.kind === 'customerId' ? `the id ${key.value}` : key.kind === 'email' ? `the email ${key.value}` : `${key.source} id ${key.value}`;

const candidatesOf = (key: RecipientKey, found: Lookups): readonly string[] => {
  if (key.kind === 'customerId') return found.customerIds.has(key.value.toLowerCase()) ? [key.value.toLowerCase()] : [];
  if (key.kind === 'email') return found.emails.get(key.value) ?? [];
  const id = found.externalIds.get(externalKey(key.source, key.value));
  return id ? [id] : [];
};

const listed = (items: string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

/**
 * The one customer a row names: its keys are tried in order (a customer id, an id in the other
 * system, an email), and the first that names exactly one customer places it. A row that names no
 * one, or only keys that several customers share (a family's email), is a problem, said in words.
 */
export function placeRow(row: RecipientRow, found: Lookups): Placement {
  let shared: { key: RecipientKey; count: number } | null = null;
  for (const key of row.keys) {
    const candidates = candidatesOf(key, found);
    if (candidates.length === 1) return { customerId: candidates[0]! };
    if (candidates.length > 1 && !shared) shared = { key, count: candidates.length };
  }
  const notes = row.notes.map((n) => n.message);
  if (shared) {
    const message = `${shared.count} customers have ${describe(shared.key)}: add a column with their customer id to say which one got it.`;
    return { problem: { field: shared.key.field, message: [message, ...notes].join(' ') } };
  }
  if (row.keys.length === 0) {
    if (row.notes.length) return { problem: { field: row.notes[0]!.field, message: notes.join(' ') } };
    return { problem: { field: null, message: 'There is no customer id, email or id in another system here to find the customer by.' } };
  }
  return { problem: { field: row.keys[0]!.field, message: [`No customer has ${listed(row.keys.map(describe))}.`, ...notes].join(' ') } };
}

/** What logging a batch of rows comes to: each row placed on a new recipient, on one who already got the mailing, or left out with why. */
export interface BatchPlan {
  /** Customers to log the mailing for, each once, in the order of their first row. */
  add: string[];
  /** Rows naming a customer who already got it (before, or in an earlier row). */
  already: number;
  problems: (RowNote & { place: number })[];
}

/** Sorts a batch's placements: a customer gets a mailing once, however often the list names them. */
export function planBatch(rows: readonly RecipientRow[], placements: readonly Placement[], received: ReadonlySet<string>): BatchPlan {
  const plan: BatchPlan = { add: [], already: 0, problems: [] };
  const seen = new Set(received);
  placements.forEach((placed, i) => {
    if ('problem' in placed) {
      plan.problems.push({ place: rows[i]!.place, ...placed.problem });
    } else if (seen.has(placed.customerId)) {
      plan.already += 1;
    } else {
      seen.add(placed.customerId);
      plan.add.push(placed.customerId);
    }
  });
  return plan;
}
