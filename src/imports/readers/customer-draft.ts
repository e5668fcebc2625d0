import { isEmail, isPhoneInUse, normalizeEmail, normalizePhone } from '../../common/contact-rules.js';
import type { PartialDate } from '../../common/partial-date.js';
import { limits } from '../../common/schema.js';
import { clean } from '../../common/text-rules.js';
import { deriveDisplayName } from '../../customers/customer-rules.js';
import type { ImportedCustomer, RowProblem } from '../import-records.js';
import type { ReadLabel } from './contact-labels.js';
import { countryCode } from './countries.js';
import { problem, quoted, type ReadItem } from './read-items.js';

/**
 * One customer being read, whatever the file: the CSV mapping, the vCard reader and the JSON lines
 * reader all put what they find here, so every format checks emails, phones, countries and lengths
 * the same way, with the same sentences, before the import job tries to write anything.
 *
 * A value that cannot be taken (an email without a domain, a name longer than Rapport keeps) is left
 * out with a problem naming the field it came from; the rest of the customer is still read.
 */

type Customer = ImportedCustomer['customer'];
type Email = NonNullable<Customer['emails']>[number];
type Phone = NonNullable<Customer['phones']>[number];
type Address = NonNullable<Customer['addresses']>[number];

export type TextField = 'displayName' | 'givenName' | 'middleName' | 'familyName' | 'preferredName' | 'pronunciation' | 'pronouns' | 'gender';

export interface AddressParts {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  /** A country name or ISO code, as the source wrote it. */
  country?: string | null;
}

export interface DraftOptions {
  /** The shop's region (ISO 3166), for reading phone numbers written without a country code. */
  phoneRegion: string;
}

/** How each field is named in messages, and the longest text Rapport keeps for it. */
const textFields: Record<TextField, { name: string; max: number }> = {
  displayName: { name: 'Name', max: limits.name },
  givenName: { name: 'First name', max: limits.name },
  middleName: { name: 'Middle name', max: limits.name },
  familyName: { name: 'Last name', max: limits.name },
  preferredName: { name: 'Preferred name', max: limits.name },
  pronunciation: { name: 'Pronunciation', max: limits.name },
  pronouns: { name: 'Pronouns', max: limits.shortText },
  gender: { name: 'Gender', max: limits.shortText },
};
const addressLimits = { line1: limits.line, line2: limits.line, city: limits.name, region: limits.name, postalCode: 40 } as const;
/** CustomerCreate takes at most this many emails, phones and addresses each. */
const maxContacts = 20;

/** Sources may mark several values preferred (two PREF emails); Rapport has one primary, the first marked. */
function onePrimary<T extends { primary?: boolean }>(items: T[]): T[] {
  const first = items.findIndex((item) => item.primary);
  return items.map((item, i) => {
    if (!item.primary || i === first) return item;
    const { primary: _dropped, ...rest } = item;
    return rest as T;
  });
}

/** Forms of address a "Title" column may hold instead of a job title. */
const honorific = /^(mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lady|lord|rev|revd|fr|herr|frau|fräulein|m|mme|mlle|sr|sra|srta|sig|sig\.ra)\.?$/i;

/** Two names written alike but for case and spacing. */
const sameName = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

export class CustomerDraft {
  readonly problems: RowProblem[] = [];
  private readonly customer: Customer = {};
  private readonly emails: Email[] = [];
  private readonly phones: Phone[] = [];
  private readonly addresses: Address[] = [];
  private readonly seenEmails = new Set<string>();
  private readonly seenPhones = new Set<string>();
  private readonly externalIds: { source: string; externalId: string }[] = [];
  private middleName: string | null = null;
  private organizationName: string | null = null;
  private title: string | null = null;
  private readonly departments: string[] = [];
  /** The column (or vCard property) the job title or department came from, for a problem that names it. */
  private roleFrom: string | null = null;
  private notes: string[] = [];
  private recordId: string | null = null;

  constructor(
    readonly line: number,
    private readonly options: DraftOptions,
  ) {}

  private report(field: string | null, message: string): void {
    this.problems.push(problem(this.line, field, message));
  }

  /** Trimmed text that fits, else null with a problem. */
  private fit(value: string | null | undefined, max: number, what: string, field: string): string | null {
    const text = clean(value);
    if (text && text.length > max) {
      this.report(field, `${what} is longer than ${max} characters, so it was left out.`);
      return null;
    }
    return text;
  }

  /** A name or another short text; a second value for a field that has one goes after the first ("Mary Ann"). */
  text(field: TextField, value: string | null | undefined, from: string): void {
    const spec = textFields[field];
    const text = this.fit(value, spec.max, spec.name, from);
    if (!text) return;
    if (field === 'middleName') {
      this.middleName = this.middleName ? `${this.middleName} ${text}` : text;
      return;
    }
    const before = this.customer[field];
    this.customer[field] = before ? `${before} ${text}` : text;
  }

  kind(kind: 'person' | 'organization'): void {
    this.customer.kind = kind;
  }

  language(value: string | null | undefined, from: string): void {
    const text = clean(value);
    if (!text) return;
    try {
      this.customer.language = Intl.getCanonicalLocales(text)[0]!;
    } catch {
      this.report(from, `Language ${quoted(text)} is not a language tag like en or es-MX, so it was left out.`);
    }
  }

  birthday(date: PartialDate | null): void {
    if (date) this.customer.birthday = date;
  }

  email(address: string | null | undefined, label: ReadLabel, from: string): void {
    const text = clean(address)?.replace(/^mailto:/i, '');
    if (!text) return;
    if (!isEmail(text) || text.length > limits.email) {
      this.report(from, `Email ${quoted(text)} is not an email address, so it was left out.`);
      return;
    }
    const key = normalizeEmail(text);
    if (this.seenEmails.has(key)) return;
    if (this.emails.length === maxContacts) {
      this.report(from, `Only the first ${maxContacts} emails are kept; ${quoted(text)} was left out.`);
      return;
    }
    this.seenEmails.add(key);
    this.emails.push({ address: text, ...this.labelOf(label, from), ...(label.primary ? { primary: true } : {}) });
  }

  phone(number: string | null | undefined, label: ReadLabel, from: string): void {
    const text = clean(number)?.replace(/^tel:/i, '');
    if (!text) return;
    const e164 = text.length <= limits.phone ? normalizePhone(text, this.options.phoneRegion) : null;
    if (!e164) {
      this.report(from, `Phone ${quoted(text)} is not a phone number we can read, so it was left out; include the country code if it is foreign.`);
      return;
    }
    if (!isPhoneInUse(text, this.options.phoneRegion)) {
      this.report(from, `Phone ${quoted(text)} would be ${e164}, a number not in use there, so it was left out; include the country code if it is foreign.`);
      return;
    }
    if (this.seenPhones.has(e164)) return;
    if (this.phones.length === maxContacts) {
      this.report(from, `Only the first ${maxContacts} phone numbers are kept; ${quoted(text)} was left out.`);
      return;
    }
    this.seenPhones.add(e164);
    this.phones.push({ number: text, ...this.labelOf(label, from), ...(label.primary ? { primary: true } : {}) });
  }

  address(given: AddressParts, label: ReadLabel, from: string): void {
    // A street written on two lines in one cell (Outlook's "Business Street", a spreadsheet's Alt+Enter) is the first line and the second.
    const [first, ...more] = (given.line1 ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    const parts = more.length && !given.line2?.trim() ? { ...given, line1: first!, line2: more.join(', ') } : given;
    const address: Address = {};
    for (const part of ['line1', 'line2', 'city', 'region', 'postalCode'] as const) {
      const text = this.fit(parts[part], addressLimits[part], 'An address line', from);
      if (text) address[part] = text;
    }
    const country = clean(parts.country);
    if (country) {
      const code = countryCode(country);
      if (code) address.country = code;
      else this.report(from, `Country ${quoted(country)} is not a country we know, so the address was kept without it.`);
    }
    if (Object.keys(address).length === 0) return;
    if (this.addresses.length === maxContacts) {
      this.report(from, `Only the first ${maxContacts} addresses are kept.`);
      return;
    }
    this.addresses.push({ ...address, ...this.labelOf(label, from), ...(label.primary ? { primary: true } : {}) });
  }

  externalId(source: string, id: string | null | undefined, from: string): void {
    const text = this.fit(id, limits.name, 'An id', from);
    const system = clean(source);
    if (!text || !system) return;
    if (!this.externalIds.some((e) => e.source === system && e.externalId === text)) this.externalIds.push({ source: system, externalId: text });
  }

  organization(name: string | null | undefined, title: string | null | undefined, from: string): void {
    this.organizationName ??= this.fit(name, limits.name, 'Organisation', from);
    // A "Title" of Mr or Dr (a British list's column) is how to address them, not their job: it names no role at their organisation.
    if (title && honorific.test(title.trim())) return;
    if (this.title === null && (this.title = this.fit(title, limits.name, 'Title', from))) this.roleFrom ??= from;
  }

  /** The department they work in ("Sales"), kept with their job title: "Account Manager, Sales". */
  department(name: string | null | undefined, from: string): void {
    const text = this.fit(name, limits.name, 'Department', from);
    if (text && !this.departments.includes(text)) this.departments.push(text);
    if (text) this.roleFrom ??= from;
  }

  note(text: string | null | undefined): void {
    const note = clean(text?.replace(/\r\n?/g, '\n'));
    if (note) this.notes.push(note);
  }

  sourceRecordId(id: string | null | undefined, from: string): void {
    this.recordId ??= this.fit(id, limits.name, 'The id', from);
  }

  private labelOf(label: ReadLabel, from: string): { label?: string } {
    const text = this.fit(label.label, limits.shortText, 'A label', from);
    return text ? { label: text } : {};
  }

  /** The customer as read, or null (with a problem) when nothing identifies anyone. */
  finish(): ReadItem<ImportedCustomer> {
    const customer: Customer = { ...this.customer };
    const role = [this.title, ...this.departments].filter(Boolean).join(', ');
    let organization = this.organizationName ? { name: this.organizationName, title: role.length <= limits.name ? role || null : this.title } : null;
    // A role is kept on the link to the organisation they work at: with no organisation named, there is nowhere to keep it.
    if (!this.organizationName && role) this.report(this.roleFrom, `Job title ${quoted(role)} was left out: the row names no company or organisation it is at.`);
    // A display name that is the company's own name is not a person's ("Northwind Traders" at Northwind Traders, as phones and Google write a company's card).
    const companyName = organization !== null && customer.displayName != null && sameName(customer.displayName, organization.name);
    const named = (customer.displayName && !companyName) || customer.givenName || customer.familyName || customer.preferredName;
    // A contact with a company and no person's name is the company itself (so is one that says it is a company).
    if (organization && customer.kind !== 'person' && (!named || customer.kind === 'organization')) {
      customer.kind = 'organization';
      customer.displayName ||= organization.name;
      if (sameName(organization.name, customer.displayName)) organization = null;
    }
    if (this.middleName && !customer.displayName) {
      customer.displayName = [customer.givenName, this.middleName, customer.familyName].filter(Boolean).join(' ');
    }
    if (this.emails.length) customer.emails = onePrimary(this.emails);
    if (this.phones.length) customer.phones = onePrimary(this.phones);
    if (this.addresses.length) customer.addresses = onePrimary(this.addresses);
    if (this.externalIds.length) customer.externalIds = this.externalIds;
    if (!deriveDisplayName(customer)) {
      this.report(null, 'There is no name, email or phone number here, so there is no one to import.');
      return { line: this.line, record: null, problems: this.problems };
    }
    const note = this.notes.length ? this.notes.join('\n\n') : null;
    return { line: this.line, record: { line: this.line, sourceRecordId: this.recordId, customer, organization, note }, problems: this.problems };
  }
}
