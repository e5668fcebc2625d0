import { normalizePhone } from '../../common/contact-rules.js';
import type { ImportedCustomer } from '../import-records.js';
import { CustomerDraft, type DraftOptions } from './customer-draft.js';
import { problem, type ReadItem } from './read-items.js';
import { textChunks } from './text-decoding.js';

/**
 * Rapport's own export (`rapport export`, src/cli/export-command.ts, and the customers' JSON lines of
 * src/exports/customer-export.ts) read back as customers: one JSON object per line,
 * `{"type": ..., "data": {...}}`. The export writes every customer first, then their emails, phones,
 * addresses, external ids, relationships and notes as records of their own pointing at the customer
 * (customerId), so the customers are held until the file ends and then put together; every value
 * still goes through the same checks as a CSV or vCard import.
 *
 * A person's link to their employer (an organisation that is their "employer", seen from the
 * person's side, written from either side) gives the organisation they work at, by its name, with
 * their label as the job title; the import links a person to one, the first in the file. The
 * organisation's name and kind come from its own customer record, else from the link
 * (relatedDisplayName, relatedKind: the customers' export writes them, so a file of one person names
 * their employer). Notes become the record's note, several joined as a blank line apart; a private
 * note is left out (counted): imported, every staff member would read it.
 *
 * Records of other types (interactions, staff, the audit trail...) and links other than employment
 * are not an error: they are counted, with the reason they were not read, and the import decides
 * what to do with them.
 */

export interface SkippedRecords {
  type: string;
  count: number;
  reason: string;
}

export interface RapportLinesRead {
  customers: ReadItem<ImportedCustomer>[];
  skipped: SkippedRecords[];
}

type Data = Record<string, unknown>;

const contactTypes = ['email', 'phone', 'address', 'externalId', 'relationship', 'note'] as const;
type ContactType = (typeof contactTypes)[number];

const setup = new Set(['location', 'staff']);
const history = new Set(['auditEvent', 'trashEntry', 'erasure']);

function reasonFor(type: string): string {
  if (setup.has(type)) return "The other installation's setup (locations, staff) is not imported with customers.";
  if (history.has(type)) return "The other installation's history (audit trail, trash, erasures) is not imported.";
  return 'Only customers and their emails, phones, addresses, external ids, employers and notes are read from a Rapport export.';
}

/** Why a relationship record gave no one an employer. */
const notEmployment = 'Only a link from a person to their employer is read from a Rapport export; other links between customers (households, members, owners) are not imported.';
const moreEmployers = 'An import links a person to one employer, the first in the file; their other employers were left out.';

/** Why a private note of a backup is not imported. */
const privateNote = 'A private note is not imported: an imported note is read by all staff, and the file cannot say who may read it.';

/** What an organisation is to the person who works there (the links the import makes, and the export writes). */
const isEmployer = (label: unknown): boolean => typeof label === 'string' && label.trim().toLowerCase() === 'employer';

interface Held {
  line: number;
  data: Data;
  contacts: Record<ContactType, { line: number; data: Data }[]>;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

/** Takes lines one by one; `finish` puts the customers together. */
export class RapportLinesReader {
  private readonly customers = new Map<string, Held>();
  private readonly order: Held[] = [];
  private readonly failures: ReadItem<ImportedCustomer>[] = [];
  private readonly skipped = new Map<string, SkippedRecords>();

  constructor(private readonly options: DraftOptions) {}

  private skip(type: string, reason: string): void {
    const entry = this.skipped.get(`${type}\n${reason}`) ?? { type, count: 0, reason };
    entry.count++;
    this.skipped.set(`${type}\n${reason}`, entry);
  }

  private fail(line: number, message: string): void {
    this.failures.push({ line, record: null, problems: [problem(line, null, message)] });
  }

  add(text: string, line: number): void {
    if (!text.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      this.fail(line, `Line ${line} is not JSON, so it was skipped.`);
      return;
    }
    const record = parsed as { type?: unknown; data?: unknown };
    if (!record || typeof record !== 'object' || typeof record.type !== 'string' || !record.data || typeof record.data !== 'object') {
      this.fail(line, `Line ${line} is not a Rapport export record ({"type": ..., "data": {...}}), so it was skipped.`);
      return;
    }
    const data = record.data as Data;
    if (record.type === 'customer') {
      if (data.erasedAt) return this.skip('customer', 'Erased customers have no personal data left to import.');
      const id = str(data.id);
      if (!id) return this.fail(line, `The customer on line ${line} has no id, so it was skipped.`);
      const held: Held = { line, data, contacts: { email: [], phone: [], address: [], externalId: [], relationship: [], note: [] } };
      this.customers.set(id, held);
      this.order.push(held);
      return;
    }
    if ((contactTypes as readonly string[]).includes(record.type)) {
      const owner = this.customers.get(str(data.customerId) ?? '');
      if (!owner) return this.fail(line, `The ${record.type} on line ${line} belongs to customer ${String(data.customerId)}, who is not in the file (or comes after it), so it was skipped.`);
      owner.contacts[record.type as ContactType].push({ line, data });
      return;
    }
    this.skip(record.type, reasonFor(record.type));
  }

  private customer(held: Held, employers: ReadonlyMap<Held, { name: string; title: string | null }[]>): ReadItem<ImportedCustomer> {
    const { data } = held;
    const draft = new CustomerDraft(held.line, this.options);
    if (data.kind === 'person' || data.kind === 'organization') draft.kind(data.kind);
    for (const field of ['displayName', 'givenName', 'familyName', 'preferredName', 'pronunciation', 'pronouns', 'gender'] as const) draft.text(field, str(data[field]), field);
    draft.language(str(data.language), 'language');
    const [year, month, day] = [int(data.birthYear), int(data.birthMonth), int(data.birthDay)];
    if (year !== null || month !== null || day !== null) draft.birthday({ year, month, day });
    const labelOf = (c: Data) => ({ label: str(c.label), primary: c.isPrimary === true });
    for (const { data: c } of held.contacts.email) draft.email(str(c.address), labelOf(c), 'address');
    for (const { data: c } of held.contacts.phone) {
      // Kept as typed when it reads the same here; else the stored E.164 (a local number from a shop in another country).
      const typed = str(c.number);
      const e164 = str(c.e164);
      draft.phone(typed && e164 && normalizePhone(typed, this.options.phoneRegion) !== e164 ? e164 : typed, labelOf(c), 'number');
    }
    for (const { data: c } of held.contacts.address) {
      draft.address({ line1: str(c.line1), line2: str(c.line2), city: str(c.city), region: str(c.region), postalCode: str(c.postalCode), country: str(c.country) }, labelOf(c), 'address');
    }
    for (const { data: c } of held.contacts.externalId) draft.externalId(str(c.source) ?? '', str(c.externalId), 'externalId');
    const [employer, ...others] = employers.get(held) ?? [];
    if (employer) draft.organization(employer.name, employer.title, 'relationship');
    for (let i = 0; i < others.length; i++) this.skip('relationship', moreEmployers);
    for (const { data: c } of held.contacts.note) {
      if (c.sensitivity === 'private') this.skip('note', privateNote);
      else draft.note(str(c.body));
    }
    draft.sourceRecordId(str(data.id), 'id');
    return draft.finish();
  }

  /**
   * Each person's employers, in the order of the file, from the links on either side: a person's
   * own link to an organisation that is their employer (their label the title), and an
   * organisation's link to a person it is the employer of (the person's label, relatedLabel, the
   * title). The same link written on both sides counts once; any other link is counted as skipped.
   */
  private employers(): Map<Held, { line: number; name: string; title: string | null }[]> {
    const found = new Map<Held, { id: string; line: number; name: string; title: string | null }[]>();
    const add = (person: Held, link: { id: string; line: number; name: string; title: string | null }) => {
      const list = found.get(person) ?? [];
      if (!list.some((l) => l.id === link.id)) list.push(link);
      found.set(person, list);
    };
    const isPerson = (held: Held) => held.data.kind !== 'organization';
    for (const owner of this.order) {
      for (const { line, data: r } of owner.contacts.relationship) {
        const other = this.customers.get(str(r.relatedCustomerId) ?? '');
        const household = r.household === true || r.household === 1;
        const otherKind = other ? other.data.kind : r.relatedKind;
        const otherName = str(other?.data.displayName) ?? str(r.relatedDisplayName);
        const ownerName = str(owner.data.displayName);
        const id = str(r.id) ?? `line ${line}`;
        if (!household && isPerson(owner) && otherKind === 'organization' && isEmployer(r.relatedLabel) && otherName) {
          add(owner, { id, line, name: otherName, title: str(r.label) });
        } else if (!household && !isPerson(owner) && other && isPerson(other) && isEmployer(r.label) && ownerName) {
          add(other, { id, line, name: ownerName, title: str(r.relatedLabel) });
        } else this.skip('relationship', notEmployment);
      }
    }
    for (const list of found.values()) list.sort((a, b) => a.line - b.line);
    return found;
  }

  finish(): RapportLinesRead {
    const employers = this.employers();
    const customers = [...this.order.map((held) => this.customer(held, employers)), ...this.failures].sort((a, b) => a.line - b.line);
    return { customers, skipped: [...this.skipped.values()] };
  }
}

/** A whole export file (text or bytes). */
export function readRapportLines(input: string | Uint8Array, options: DraftOptions): RapportLinesRead {
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  const reader = new RapportLinesReader(options);
  text.split('\n').forEach((line, i) => reader.add(line, i + 1));
  return reader.finish();
}

/** An export read as it streams in; only the customers are held, never the whole file. */
export async function readRapportLineStream(input: AsyncIterable<Uint8Array | string>, options: DraftOptions): Promise<RapportLinesRead> {
  const { text } = await textChunks(input);
  const reader = new RapportLinesReader(options);
  let rest = '';
  let line = 0;
  for await (const chunk of text) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop()!;
    for (const l of lines) reader.add(l, ++line);
  }
  reader.add(rest, ++line);
  return reader.finish();
}
