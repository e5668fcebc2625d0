import { knownLabel } from './contact-labels.js';
import type { ColumnTarget, Columns } from './column-targets.js';
import { hasWord, headerWords, numberAfter } from './header-words.js';

/**
 * Ready-made column mappings for the customer files shops actually have: Google Contacts' export
 * (current and older), Outlook's (English and German), and a generic one that guesses from the
 * words of each header, which also reads back the CSV Rapport itself writes (src/exports/customer-csv.ts).
 */

export const customerFields = [
  'displayName',
  'givenName',
  'middleName',
  'familyName',
  'preferredName',
  'pronunciation',
  'pronouns',
  'gender',
  'language',
  'kind',
  'birthday',
  'email',
  'emailLabel',
  'phone',
  'phoneLabel',
  'addressLabel',
  'addressFormatted',
  'addressLine1',
  'addressLine2',
  'addressCity',
  'addressRegion',
  'addressPostalCode',
  'addressCountry',
  'organization',
  'title',
  'department',
  'note',
  'sourceRecordId',
  'externalId',
] as const;
export type CustomerField = (typeof customerFields)[number];
type Target = ColumnTarget<CustomerField>;

export type CustomerPreset = 'google' | 'outlook' | 'generic';

// --- Google Contacts -------------------------------------------------------------------------------

const googleSingles: Record<string, CustomerField> = {
  'first name': 'givenName',
  'given name': 'givenName',
  'middle name': 'middleName',
  'additional name': 'middleName',
  'last name': 'familyName',
  'family name': 'familyName',
  name: 'displayName',
  nickname: 'preferredName',
  'phonetic first name': 'pronunciation',
  'phonetic middle name': 'pronunciation',
  'phonetic last name': 'pronunciation',
  'given name yomi': 'pronunciation',
  'family name yomi': 'pronunciation',
  'organization name': 'organization',
  'organization 1 - name': 'organization',
  'organization title': 'title',
  'organization 1 - title': 'title',
  'organization department': 'department',
  'organization 1 - department': 'department',
  birthday: 'birthday',
  gender: 'gender',
  notes: 'note',
};
const googleParts: Record<string, CustomerField> = {
  label: 'addressLabel',
  type: 'addressLabel',
  formatted: 'addressFormatted',
  street: 'addressLine1',
  'extended address': 'addressLine2',
  'po box': 'addressLine2',
  city: 'addressCity',
  region: 'addressRegion',
  'postal code': 'addressPostalCode',
  country: 'addressCountry',
};

/** "E-mail 2 - Value", "Phone 1 - Label", "Address 1 - Postal Code", "Given Name". */
function googleTarget(header: string): Target | null {
  const lower = header.trim().toLowerCase();
  const single = googleSingles[lower];
  if (single) return { field: single };
  const numbered = /^(e-mail|phone|address) (\d+) - (.+)$/.exec(lower);
  if (!numbered) return null;
  const [, kind, slot, part] = numbered as unknown as [string, string, string, string];
  if (kind === 'address') {
    const field = googleParts[part];
    return field ? { field, slot: Number(slot) } : null;
  }
  const value = kind === 'e-mail' ? 'email' : 'phone';
  if (part === 'value') return { field: value, slot: Number(slot) };
  if (part === 'label' || part === 'type') return { field: value === 'email' ? 'emailLabel' : 'phoneLabel', slot: Number(slot) };
  return null;
}

// --- Outlook ---------------------------------------------------------------------------------------

const outlookSingles: [string[], Target][] = [
  [['first name', 'vorname'], { field: 'givenName' }],
  [['middle name', 'weitere vornamen'], { field: 'middleName' }],
  [['last name', 'nachname'], { field: 'familyName' }],
  [['nickname', 'spitzname'], { field: 'preferredName' }],
  [['given yomi', 'surname yomi'], { field: 'pronunciation' }],
  [['company', 'firma'], { field: 'organization' }],
  [['job title', 'position'], { field: 'title' }],
  [['department', 'abteilung'], { field: 'department' }],
  [['birthday', 'geburtstag'], { field: 'birthday' }],
  [['notes', 'notizen'], { field: 'note' }],
  [['e-mail address', 'e-mail-adresse'], { field: 'email', slot: 1 }],
  [['e-mail 2 address', 'e-mail 2: adresse'], { field: 'email', slot: 2 }],
  [['e-mail 3 address', 'e-mail 3: adresse'], { field: 'email', slot: 3 }],
  [['primary phone', 'haupttelefon'], { field: 'phone', label: 'main' }],
  [['mobile phone', 'mobiltelefon', 'mobile phone 2', 'mobiltelefon 2'], { field: 'phone', label: 'mobile' }],
  [['home phone', 'home phone 2', 'telefon privat', 'telefon privat 2'], { field: 'phone', label: 'home' }],
  [['business phone', 'business phone 2', 'company main phone', 'telefon geschäftlich', 'telefon geschäftlich 2', 'telefon firma'], { field: 'phone', label: 'work' }],
  [['other phone', 'weiteres telefon'], { field: 'phone', label: 'other' }],
  [['car phone', 'autotelefon'], { field: 'phone', label: 'car' }],
  [['pager'], { field: 'phone', label: 'pager' }],
];

/** Outlook's three addresses, English and German: which words name each part. */
const outlookAddresses: { slot: number; label: string; parts: [CustomerField, string[]][] }[] = [
  {
    slot: 1,
    label: 'home',
    parts: [
      ['addressLine1', ['home street', 'straße privat']],
      ['addressLine2', ['home street 2', 'home street 3', 'home address po box', 'straße privat 2', 'straße privat 3', 'postfach privat']],
      ['addressCity', ['home city', 'ort privat']],
      ['addressRegion', ['home state', 'bundesland/kanton privat', 'region privat']],
      ['addressPostalCode', ['home postal code', 'postleitzahl privat']],
      ['addressCountry', ['home country/region', 'land/region privat']],
    ],
  },
  {
    slot: 2,
    label: 'work',
    parts: [
      ['addressLine1', ['business street', 'straße geschäftlich']],
      ['addressLine2', ['business street 2', 'business street 3', 'business address po box', 'straße geschäftlich 2', 'straße geschäftlich 3', 'postfach geschäftlich']],
      ['addressCity', ['business city', 'ort geschäftlich']],
      ['addressRegion', ['business state', 'region geschäftlich', 'bundesland/kanton geschäftlich']],
      ['addressPostalCode', ['business postal code', 'postleitzahl geschäftlich']],
      ['addressCountry', ['business country/region', 'land/region geschäftlich']],
    ],
  },
  {
    slot: 3,
    label: 'other',
    parts: [
      ['addressLine1', ['other street', 'weitere straße']],
      ['addressLine2', ['other street 2', 'other street 3', 'other address po box', 'weitere straße 2', 'weitere straße 3']],
      ['addressCity', ['other city', 'weiterer ort']],
      ['addressRegion', ['other state', 'weiteres/r bundesland/kanton']],
      ['addressPostalCode', ['other postal code', 'weitere postleitzahl']],
      ['addressCountry', ['other country/region', 'weiteres/r land/region']],
    ],
  },
];

const outlookTable = new Map<string, Target>();
for (const [headers, target] of outlookSingles) for (const h of headers) outlookTable.set(h, target);
for (const { slot, label, parts } of outlookAddresses) {
  for (const [field, headers] of parts) for (const h of headers) outlookTable.set(h, { field, slot, label });
}

const outlookTarget = (header: string): Target | null => outlookTable.get(header.trim().toLowerCase()) ?? null;

// --- Generic ---------------------------------------------------------------------------------------

const emailWords = ['email', 'emails', 'mail'];
const phoneWords = ['phone', 'phones', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'handy', 'fax', 'telefon', 'mobiltelefon', 'mobil'];
const addressWords = ['address', 'addr', 'street', 'strasse', 'straße', 'city', 'town', 'ort', 'stadt', 'suburb', 'state', 'province', 'region', 'county', 'bundesland', 'zip', 'zipcode', 'postcode', 'postal', 'plz', 'postleitzahl', 'country', 'land'];
const labelWords = ['label', 'type', 'typ', 'kind'];

/** The label a header's words give its values: "Work Email", "Mobile Phone", "Home City". */
const labelIn = (words: readonly string[]): string | null => words.map(knownLabel).find((label) => label !== null) ?? null;

function addressPart(words: readonly string[]): CustomerField {
  if (hasWord(words, ...labelWords)) return 'addressLabel';
  if (hasWord(words, 'formatted')) return 'addressFormatted';
  if (hasWord(words, 'city', 'town', 'ort', 'stadt', 'suburb', 'locality')) return 'addressCity';
  // "Country/Region" (HubSpot, Outlook) is the country; "State/Region" the region.
  if (hasWord(words, 'country', 'land')) return 'addressCountry';
  if (hasWord(words, 'state', 'province', 'region', 'county', 'bundesland')) return 'addressRegion';
  if (hasWord(words, 'zip', 'zipcode', 'postcode', 'postal', 'plz', 'postleitzahl')) return 'addressPostalCode';
  const line = streetLine(words);
  return line !== null && line >= 2 ? 'addressLine2' : 'addressLine1';
}

const streetWords = ['street', 'strasse', 'straße'];

/**
 * The line of a street address a header names: "Street 2", "Address Line 2", a bare "Address 2" (a
 * second line, as many shop systems write it), "Street Address 2" (Square), "Default Address
 * Address2" (Shopify). Null when it names none ("Address 2 City" is the second address's city).
 */
function streetLine(words: readonly string[]): number | null {
  const afterLine = numberAfter(words, 'line', ...streetWords);
  if (afterLine !== null) return afterLine;
  const last = words.length - 1;
  if (last < 1 || !/^\d+$/.test(words[last]!) || !['address', 'addr'].includes(words[last - 1]!)) return null;
  const before = words.slice(0, last - 1);
  return before.length === 0 || hasWord(before, 'address', 'addr', ...streetWords) ? Number(words[last]) : null;
}

/** "Address 2 City", "Address2 Street": the number of the address a header is about, not a line of one. */
const addressNumber = (words: readonly string[]): number | null => (streetLine(words) !== null && numberAfter(words, 'line', ...streetWords) === null ? null : numberAfter(words, 'address', 'addr'));

/**
 * Words that say a column is about someone else than the customer ("Emergency Contact Phone",
 * "Spouse Name", "Account Owner", "Referred By"): such a column is left out, never read as the
 * customer's own name or number.
 */
const otherPartyWords = ['emergency', 'spouse', 'partner', 'husband', 'wife', 'guardian', 'parent', 'parents', 'mother', 'father', 'kin', 'relative', 'referrer', 'referred', 'referral', 'owner', 'assigned', 'rep', 'representative', 'agent', 'salesperson', 'doctor', 'physician', 'ehepartner', 'notfall', 'notfallkontakt'];
/** Words that say a column holds a yes/no or a state about an email or phone ("Email Opt-In", "Marketing Emails", "Phone Verified"), not the address or number. */
const aboutContactWords = ['opt', 'optin', 'optout', 'consent', 'subscribed', 'unsubscribed', 'subscription', 'subscriber', 'marketing', 'newsletter', 'permission', 'allowed', 'allow', 'ok', 'status', 'verified', 'bounced', 'valid', 'invalid', 'preference', 'preferences', 'count', 'sent', 'opened', 'clicked', 'domain'];

/** One header's guess, its slot from the number after the kind ("Email 2", "Address 1 City"). */
function genericTarget(header: string): Target | null {
  const words = headerWords(header);
  const external = /^external id \((.+)\)$/i.exec(header.trim());
  if (external) return { field: 'externalId', label: external[1]!.trim() };
  if (hasWord(words, ...otherPartyWords)) return null;
  const label = labelIn(words);
  const withLabel = (target: Target): Target => (label && !target.field.endsWith('Label') ? { ...target, label } : target);
  if (hasWord(words, ...aboutContactWords) && hasWord(words, ...emailWords, ...phoneWords)) return null;
  if (hasWord(words, ...emailWords)) {
    const slot = numberAfter(words, ...emailWords) ?? 1;
    return withLabel({ field: hasWord(words, ...labelWords) ? 'emailLabel' : 'email', slot });
  }
  if (hasWord(words, ...phoneWords)) {
    const slot = numberAfter(words, ...phoneWords) ?? 1;
    return withLabel({ field: hasWord(words, ...labelWords) ? 'phoneLabel' : 'phone', slot });
  }
  // Shopify's "Default Address Company": the company of the address is their organisation.
  if (hasWord(words, 'address', 'addr') && hasWord(words, 'company', 'organization', 'organisation', 'firma') && addressPart(words) === 'addressLine1' && !hasWord(words, ...streetWords)) {
    return { field: 'organization' };
  }
  if (hasWord(words, ...addressWords)) return withLabel({ field: addressPart(words), slot: addressNumber(words) ?? 1 });
  if (hasWord(words, 'birthday', 'birthdate', 'dob', 'born', 'geburtstag', 'geburtsdatum') || (hasWord(words, 'birth') && hasWord(words, 'date'))) return { field: 'birthday' };
  if (hasWord(words, 'title', 'position', 'job', 'jobtitle', 'role')) return { field: 'title' };
  if (hasWord(words, 'department', 'dept', 'division', 'abteilung')) return { field: 'department' };
  // A CRM's "Account Name" (Salesforce, Dynamics, Zoho) is the company a contact is at, not the contact.
  if (hasWord(words, 'company', 'organization', 'organisation', 'employer', 'firm', 'firma', 'business') || (hasWord(words, 'account') && hasWord(words, 'name'))) return { field: 'organization' };
  // "First" and "Last" are names alone or with "name"; "Last Visit" is not a family name.
  const aName = words.length === 1 || hasWord(words, 'name', 'names');
  if (hasWord(words, 'forename', 'firstname', 'givenname', 'vorname') || (aName && hasWord(words, 'first', 'given'))) return { field: 'givenName' };
  if (hasWord(words, 'surname', 'lastname', 'familyname', 'nachname') || (aName && hasWord(words, 'last', 'family'))) return { field: 'familyName' };
  if (aName && hasWord(words, 'middle', 'additional')) return { field: 'middleName' };
  if (hasWord(words, 'language', 'lang', 'sprache')) return { field: 'language' };
  // "Preferred Name", a bare "Preferred"; not "Preferred Store" or "Preferred Contact Method".
  if (hasWord(words, 'nickname', 'nick', 'spitzname', 'rufname') || (hasWord(words, 'preferred') && (aName || hasWord(words, 'called')))) return { field: 'preferredName' };
  if (hasWord(words, 'pronunciation', 'phonetic', 'yomi')) return { field: 'pronunciation' };
  if (hasWord(words, 'pronouns', 'pronoun')) return { field: 'pronouns' };
  if (hasWord(words, 'gender', 'sex')) return { field: 'gender' };
  if (hasWord(words, 'note', 'notes', 'comment', 'comments', 'remarks', 'memo', 'description', 'notiz', 'notizen', 'bemerkung', 'bemerkungen', 'anmerkung', 'anmerkungen', 'kommentar', 'beschreibung')) return { field: 'note' };
  if (words.length === 1 && words[0] === 'kind') return { field: 'kind' };
  const idWords = hasWord(words, 'number', 'no', 'nr', 'code', 'key') && hasWord(words, 'customer', 'client', 'member', 'account', 'contact', 'kunden');
  if (hasWord(words, 'id', 'uid', 'kundennummer') || idWords) return { field: 'sourceRecordId' };
  // "Name", "Full Name", "Customer Name", a bare "Customer" or "Client"; not "Customer Since", "Client Type" or "Contact Preference".
  if (hasWord(words, 'name', 'fullname', 'display', 'displayname') || (words.length === 1 && hasWord(words, 'customer', 'client', 'contact', 'kunde'))) return { field: 'displayName' };
  return null;
}

// --- Choosing --------------------------------------------------------------------------------------

const presets: Record<CustomerPreset, (header: string) => Target | null> = { google: googleTarget, outlook: outlookTarget, generic: genericTarget };

/** The preset that fits the headers: Google's numbered "E-mail 1 - Value" columns, Outlook's "E-mail Address" with its phone columns, else the generic guess. */
export function detectPreset(headers: readonly string[]): CustomerPreset {
  const lower = headers.map((h) => h.trim().toLowerCase());
  if (lower.some((h) => /^(e-mail|phone) \d+ - (value|label|type)$/.test(h)) || (lower.includes('given name') && lower.includes('group membership'))) return 'google';
  const outlookHits = lower.filter((h) => outlookTable.has(h)).length;
  if ((lower.includes('e-mail address') || lower.includes('e-mail-adresse')) && outlookHits >= 5) return 'outlook';
  return 'generic';
}

/** Where each column goes under a preset. */
export function presetColumns(headers: readonly string[], preset: CustomerPreset): Columns<CustomerField> {
  const columns = headers.map((header) => presets[preset](header));
  return preset === 'generic' ? oneRecordId(headers, withoutSignUpPlace(headers, addressesBySide(headers, columns))) : columns;
}

/**
 * Several columns that look like the record's id (Square's "Reference ID" the shop may fill in later,
 * and its own "Square Customer ID"): the one that says it is the customer's is the record's id, so
 * that the same person is found again when the shop adds a reference; the others are left out (and
 * listed as not imported). Else the first.
 */
function oneRecordId(headers: readonly string[], columns: Columns<CustomerField>): Columns<CustomerField> {
  const ids = columns.flatMap((target, i) => (target?.field === 'sourceRecordId' ? [i] : []));
  if (ids.length < 2) return columns;
  const kept = ids.find((i) => hasWord(headerWords(headers[i]!), 'customer', 'client', 'contact', 'member', 'kunden', 'kundennummer')) ?? ids[0]!;
  return columns.map((target, i) => (ids.includes(i) && i !== kept ? null : target));
}

/**
 * Mailchimp's export says where someone signed up from (CC, REGION, LATITUDE: a guess from their
 * internet address), not where they live: left out, not read as their address.
 */
function withoutSignUpPlace(headers: readonly string[], columns: Columns<CustomerField>): Columns<CustomerField> {
  const lower = headers.map((h) => h.trim().toLowerCase());
  if (!lower.some((h) => ['member_rating', 'optin_ip', 'confirm_ip', 'leid', 'euid'].includes(h))) return columns;
  return columns.map((target, i) => (['cc', 'region', 'latitude', 'longitude', 'timezone', 'gmtoff', 'dstoff'].includes(lower[i]!) ? null : target));
}

/** Words that name which of someone's addresses a column is about, before its part: "Mailing Street", "Other City", "Billing Zip". */
const addressSideWords = ['mailing', 'billing', 'shipping', 'delivery', 'invoice', 'home', 'work', 'business', 'other', 'private', 'office'];

/**
 * Two addresses written side by side without numbers (Salesforce's "Mailing Street … Mailing Country"
 * and "Other Street … Other Country", a shop's billing and shipping address): each side is an address
 * of its own, in the order the file has them, instead of one address of both sides' parts. Columns
 * that name no side ("Street", "City") stay with the first; a file that numbers its addresses is left
 * as it numbers them.
 */
function addressesBySide(headers: readonly string[], columns: Columns<CustomerField>): Columns<CustomerField> {
  const isAddress = (i: number) => columns[i]?.field.startsWith('address') ?? false;
  if (headers.some((h, i) => isAddress(i) && addressNumber(headerWords(h)) !== null)) return columns;
  const sideOf = (header: string): string | null => {
    const first = headerWords(header)[0];
    return first && addressSideWords.includes(first) ? first : null;
  };
  const sides: string[] = [];
  for (const [i, h] of headers.entries()) {
    const side = isAddress(i) ? sideOf(h) : null;
    if (side && !sides.includes(side)) sides.push(side);
  }
  if (sides.length < 2) return columns;
  return columns.map((target, i) => {
    const side = isAddress(i) ? sideOf(headers[i]!) : null;
    return side ? { ...target!, slot: sides.indexOf(side) + 1 } : target;
  });
}
