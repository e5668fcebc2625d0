import type { ImportedCustomer } from '../import-records.js';
import { readLabel, type ReadLabel } from './contact-labels.js';
import { explicitColumns, unmappedHeaders, type ColumnTarget, type Columns } from './column-targets.js';
import type { CsvRow } from './csv-text.js';
import { CustomerDraft, type AddressParts, type DraftOptions, type TextField } from './customer-draft.js';
import { customerFields, detectPreset, presetColumns, type CustomerField, type CustomerPreset } from './customer-presets.js';
import { readPartialDate, type DateOrder } from './date-values.js';
import { unguardFormula } from './formula-guard.js';
import { problem, quoted, splitMultiValue, type ReadItem } from './read-items.js';

/**
 * CSV rows to customers through a column mapping: a preset (Google, Outlook, generic guess) or one
 * given header by header. Columns that belong together (an email and its label, an address's parts)
 * share a slot; a cell holding several values " ::: "-separated (Google) gives several emails,
 * phones or addresses, the label cell split the same way.
 */

export { customerFields, detectPreset, type CustomerField, type CustomerPreset };

export interface CustomerMappingChoice {
  /** A preset by name; detected from the headers when neither this nor `mapping` is given. */
  preset?: CustomerPreset;
  /** Header → field, given by the person importing; checked, and an error names each wrong column. */
  mapping?: Readonly<Record<string, unknown>>;
}

export interface CustomerColumns {
  preset: CustomerPreset | 'explicit';
  columns: Columns<CustomerField>;
  /** Headers that go nowhere: shown so the person importing can map them by hand. */
  unmapped: string[];
}

/** Where each column of a customer file goes. */
export function customerColumns(headers: readonly string[], choice: CustomerMappingChoice = {}): CustomerColumns {
  if (choice.mapping) {
    const columns = explicitColumns(headers, choice.mapping, customerFields, 'customer', ['externalId']);
    return { preset: 'explicit', columns, unmapped: unmappedHeaders(headers, columns) };
  }
  const preset = choice.preset ?? detectPreset(headers);
  const columns = presetColumns(headers, preset);
  return { preset, columns, unmapped: unmappedHeaders(headers, columns) };
}

export interface CustomerRowOptions extends DraftOptions {
  /** How 03/04/1980 is read; month first unless the shop says otherwise. */
  dateOrder?: DateOrder;
}

const textFields: Partial<Record<CustomerField, TextField>> = {
  displayName: 'displayName',
  givenName: 'givenName',
  middleName: 'middleName',
  familyName: 'familyName',
  preferredName: 'preferredName',
  pronunciation: 'pronunciation',
  pronouns: 'pronouns',
  gender: 'gender',
};

const addressParts: Partial<Record<CustomerField, keyof AddressParts>> = {
  addressLine1: 'line1',
  addressLine2: 'line2',
  addressCity: 'city',
  addressRegion: 'region',
  addressPostalCode: 'postalCode',
  addressCountry: 'country',
};

const kinds: Record<string, 'person' | 'organization'> = {
  person: 'person',
  individual: 'person',
  private: 'person',
  organization: 'organization',
  organisation: 'organization',
  company: 'organization',
  business: 'organization',
  org: 'organization',
};

/** The columns of one slot of emails or phones: values (each with its column's own label, if any) and the label cell. */
interface ContactSlot {
  values: { pieces: string[]; label: string | undefined; header: string }[];
  labels: string[];
}

interface AddressSlot {
  parts: Partial<Record<keyof AddressParts | 'formatted', string[]>>;
  labels: string[];
  fixedLabel: string | undefined;
  header: string;
}

/** The label of the k-th value: the column's own, else the label cell's k-th (or only) piece. */
function labelFor(slot: { labels: string[] }, k: number, fixed: string | undefined): ReadLabel {
  const cell = readLabel(slot.labels[k] ?? slot.labels[0]);
  return fixed ? { label: readLabel(fixed).label, primary: cell.primary } : cell;
}

/** A formatted address alone ("12 Main St\nSpringfield, IL 62701"): its first line, and the rest as the second. */
function fromFormatted(text: string): AddressParts {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return { line1: lines[0] ?? null, line2: lines.slice(1).join(', ') || null };
}

/**
 * A whole address in one cell with its parts two spaces apart, as Mailchimp writes its address field:
 * "12 Elm St  Apt 4  Springfield  IL  62704  US" (street, second line, city, state, postcode, country).
 * Null unless it has a street, a city, a region, a postcode with a digit in it and a country.
 */
function fromSpaced(text: string): AddressParts | null {
  if (text.includes('\n')) return null;
  const pieces = text.split(/ {2,}/).map((p) => p.trim()).filter(Boolean);
  if (pieces.length < 5 || pieces.length > 6) return null;
  const [city, region, postalCode, country] = pieces.slice(-4) as [string, string, string, string];
  if (!/\d/.test(postalCode)) return null;
  const street = pieces.slice(0, -4);
  return { line1: street[0]!, line2: street[1] ?? null, city, region, postalCode, country };
}

const partKeys = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'] as const;

/** A row's emails, phones and addresses, gathered slot by slot as its columns are read, then handed to the draft. */
class ContactSlots {
  private readonly slots = { email: new Map<number, ContactSlot>(), phone: new Map<number, ContactSlot>() };
  private readonly addresses = new Map<number, AddressSlot>();

  private contact(kind: 'email' | 'phone', target: ColumnTarget): ContactSlot {
    const slot = this.slots[kind].get(target.slot ?? 1) ?? { values: [], labels: [] };
    this.slots[kind].set(target.slot ?? 1, slot);
    return slot;
  }

  private address(target: ColumnTarget, header: string): AddressSlot {
    const slot = this.addresses.get(target.slot ?? 1) ?? { parts: {}, labels: [], fixedLabel: undefined, header };
    slot.fixedLabel ??= target.label;
    this.addresses.set(target.slot ?? 1, slot);
    return slot;
  }

  value(kind: 'email' | 'phone', target: ColumnTarget, value: string, header: string): void {
    this.contact(kind, target).values.push({ pieces: splitMultiValue(value).flatMap((piece) => severalIn(kind, piece)), label: target.label, header });
  }

  label(kind: 'email' | 'phone' | 'address', target: ColumnTarget, value: string, header: string): void {
    (kind === 'address' ? this.address(target, header) : this.contact(kind, target)).labels = splitMultiValue(value);
  }

  addressPart(target: ColumnTarget, key: keyof AddressParts | 'formatted', value: string, header: string): void {
    const slot = this.address(target, header);
    // Shopify marks every postcode as text for a spreadsheet, letters or not ('H3B 1A7): no postcode begins with an apostrophe.
    const pieces = splitMultiValue(key === 'postalCode' ? value.replace(/^'/, '') : value);
    // Two columns for one part (Outlook's "Street 2" and "Street 3") are joined.
    slot.parts[key] = slot.parts[key] ? slot.parts[key]!.map((p, k) => [p, pieces[k]].filter(Boolean).join(', ')) : pieces;
  }

  writeTo(draft: CustomerDraft): void {
    for (const slot of this.slots.email.values()) for (const v of slot.values) v.pieces.forEach((piece, k) => draft.email(piece, labelFor(slot, k, v.label), v.header));
    for (const slot of this.slots.phone.values()) for (const v of slot.values) v.pieces.forEach((piece, k) => draft.phone(piece, labelFor(slot, k, v.label), v.header));
    for (const slot of this.addresses.values()) {
      const count = Math.max(0, ...Object.values(slot.parts).map((pieces) => pieces.length));
      for (let k = 0; k < count; k++) {
        const at = (key: keyof AddressParts) => slot.parts[key]?.[k] ?? null;
        const spaced = partKeys.every((key) => key === 'line1' || !at(key)) ? fromSpaced(at('line1') ?? '') : null;
        const parts = spaced ?? (partKeys.some((key) => at(key)) ? Object.fromEntries(partKeys.map((key) => [key, at(key)])) : fromFormatted(slot.parts.formatted?.[k] ?? ''));
        draft.address(parts, labelFor(slot, k, slot.fixedLabel), slot.header);
      }
    }
  }
}

/**
 * Several emails or phones a spreadsheet put in one cell ("ann@x.com; ann@y.org", "312-555-0100 / 312-555-0101"):
 * each, when every part is one (an email has its @, a phone seven digits or more); else the cell as it is.
 */
function severalIn(kind: 'email' | 'phone', cell: string): string[] {
  const parts = cell.split(kind === 'email' ? /\s*[;,]\s*|\s+/ : /\s*[;/]\s*|\s*,\s+/).filter(Boolean);
  if (parts.length < 2) return [cell];
  const each = kind === 'email' ? (part: string) => /^[^@\s]+@[^@\s]+$/.test(part) : (part: string) => (part.match(/\d/g)?.length ?? 0) >= 7;
  return parts.every(each) ? parts : [cell];
}

/** A value for a field that holds one thing (a name, the birthday, the company), put in the draft. */
function single(draft: CustomerDraft, target: ColumnTarget<CustomerField>, value: string, header: string, options: CustomerRowOptions): void {
  const { field } = target;
  const text = textFields[field];
  if (text) return draft.text(text, value, header);
  switch (field) {
    case 'birthday': {
      const date = readPartialDate(value, options.dateOrder);
      if (date.ok) draft.birthday(date.value);
      else draft.problems.push(problem(draft.line, header, `Birthday ${quoted(value)} ${date.reason}, so it was left out.`));
      return;
    }
    case 'kind': {
      const kind = kinds[value.toLowerCase()];
      if (kind) draft.kind(kind);
      else draft.problems.push(problem(draft.line, header, `Kind ${quoted(value)} is neither person nor organization, so it was left out.`));
      return;
    }
    case 'language':
      return draft.language(value, header);
    case 'organization':
      return draft.organization(value, null, header);
    case 'title':
      return draft.organization(null, value, header);
    case 'department':
      return draft.department(value, header);
    case 'note':
      return draft.note(value);
    case 'sourceRecordId':
      return draft.sourceRecordId(value, header);
    case 'externalId':
      for (const id of splitMultiValue(value)) draft.externalId(target.label ?? header, id, header);
      return;
  }
}

/** One row to a customer, with a problem for each value that could not be taken. */
export function customerFromRow(row: CsvRow, headers: readonly string[], columns: Columns<CustomerField>, options: CustomerRowOptions): ReadItem<ImportedCustomer> {
  const draft = new CustomerDraft(row.line, options);
  draft.problems.push(...row.problems);
  if (row.cells.length === 0) return { line: row.line, record: null, problems: draft.problems };
  const contacts = new ContactSlots();
  columns.forEach((target, i) => {
    const value = unguardFormula(row.cells[i]?.trim() ?? '');
    const header = headers[i] ?? '';
    if (!target || !value) return;
    const { field } = target;
    const part = addressParts[field];
    if (field === 'email' || field === 'phone') contacts.value(field, target, value, header);
    else if (field === 'emailLabel' || field === 'phoneLabel' || field === 'addressLabel') contacts.label(field === 'emailLabel' ? 'email' : field === 'phoneLabel' ? 'phone' : 'address', target, value, header);
    else if (part || field === 'addressFormatted') contacts.addressPart(target, part ?? 'formatted', value, header);
    else single(draft, target, value, header, options);
  });
  contacts.writeTo(draft);
  return draft.finish();
}
