import type { ImportedCustomer } from '../import-records.js';
import { knownLabel, readLabel, type ReadLabel } from './contact-labels.js';
import { CustomerDraft, type DraftOptions } from './customer-draft.js';
import { readPartialDate } from './date-values.js';
import { quoted, type ReadItem } from './read-items.js';
import { decodeBytes, type TextEncodingName } from './text-decoding.js';
import { components, listValues, splitCards, unescapeText, type VcardCard, type VcardProperty } from './vcard-lines.js';

/**
 * vCard files (2.1, 3.0, 4.0; one card or a whole address book) to customers. Read: FN, N, NICKNAME,
 * EMAIL and TEL with their TYPE labels and preference (TYPE=pref, PREF=1), Apple's grouped X-ABLabel
 * labels, ADR, BDAY (full, year-less, Apple's 1604 "no year"), ORG (the first component; the units
 * after it are departments), TITLE, NOTE, UID, KIND, PRONOUNS (RFC 9554), LANG, Apple's phonetic
 * names, and the X-RAPPORT-EXTERNAL-ID lines Rapport's own export writes. Photos, URLs, messaging
 * handles, categories and the rest are skipped.
 *
 * Every problem of a card carries its BEGIN:VCARD line, the place the person importing can find.
 */

export interface VcardRead {
  encoding: TextEncodingName;
  /** Bytes of a UTF-8 file that were not UTF-8, read as Windows-1252 (text-decoding.ts). */
  strayBytes?: number;
  items: ReadItem<ImportedCustomer>[];
}

/** The property Rapport's vCard writer keeps other systems' ids in, with the system in X-SYSTEM. */
export const externalIdProperty = 'X-RAPPORT-EXTERNAL-ID';

/** TYPE values that say nothing a label would: the kind of address or line, or that it is preferred. */
const notLabels = new Set(['pref', 'internet', 'x400', 'voice', 'msg', 'text', 'video', 'dom', 'intl', 'postal', 'parcel', 'bbs', 'modem', 'isdn', 'pcs', 'textphone']);

function typesOf(property: VcardProperty): string[] {
  return (property.params.get('TYPE') ?? []).flatMap((t) => t.split(',')).map((t) => t.trim().toLowerCase());
}

/** The label and preference of an email, phone or address: an Apple group label first, else the first telling TYPE. */
function labelOf(property: VcardProperty, groupLabels: Map<string, string>): ReadLabel {
  const types = typesOf(property);
  const pref = property.params.get('PREF');
  const primary = types.includes('pref') || (pref !== undefined && pref[0] === '1');
  const grouped = property.group ? groupLabels.get(property.group) : undefined;
  if (grouped) return { label: readLabel(grouped).label, primary };
  const telling = types.find((t) => !notLabels.has(t));
  if (!telling) return { label: null, primary };
  // A label of our own written as TYPE=x-shop reads back as "shop"; Android's TEL;X-Mobil is a mobile.
  const word = telling.replace(/^x-/, '');
  return { label: knownLabel(word) ?? word, primary };
}

const text = (property: VcardProperty | undefined): string => (property ? unescapeText(property.value).trim() : '');

/** A name component: a list in 3.0 and 4.0 ("Mary,Ann"), plain text in 2.1. */
const nameComponent = (raw: string | undefined, version: string): string => (raw === undefined ? '' : version === '2.1' ? unescapeText(raw).trim() : listValues(raw).join(' '));

function readCard(card: VcardCard, options: DraftOptions): ReadItem<ImportedCustomer> {
  const draft = new CustomerDraft(card.line, options);
  draft.problems.push(...card.problems);
  const all = (name: string) => card.properties.filter((p) => p.name === name);
  const one = (name: string) => card.properties.find((p) => p.name === name);
  const groupLabels = new Map(all('X-ABLABEL').flatMap((p) => (p.group ? [[p.group, text(p)] as const] : [])));

  const kind = text(one('KIND')).toLowerCase() || (text(one('X-ABSHOWAS')).toLowerCase() === 'company' ? 'org' : '');
  if (kind === 'org' || kind === 'organization') draft.kind('organization');
  else if (kind === 'individual') draft.kind('person');

  draft.text('displayName', text(one('FN')), 'FN');
  const n = one('N');
  if (n) {
    const [family, given, additional] = components(n.value);
    draft.text('familyName', nameComponent(family, card.version), 'N');
    draft.text('givenName', nameComponent(given, card.version), 'N');
    draft.text('middleName', nameComponent(additional, card.version), 'N');
  }
  const nickname = one('NICKNAME');
  if (nickname) draft.text('preferredName', card.version === '2.1' ? text(nickname) : listValues(nickname.value)[0], 'NICKNAME');
  // Android keeps a nickname in its own line: X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;Dani;...
  const androidNickname = all('X-ANDROID-CUSTOM').find((p) => p.value.startsWith('vnd.android.cursor.item/nickname;'));
  if (androidNickname && !nickname) draft.text('preferredName', unescapeText(components(androidNickname.value)[1] ?? ''), 'X-ANDROID-CUSTOM');
  for (const name of ['X-PHONETIC-FIRST-NAME', 'X-PHONETIC-LAST-NAME']) draft.text('pronunciation', text(one(name)), name);
  draft.text('pronouns', text(one('PRONOUNS')), 'PRONOUNS');
  const lang = all('LANG').sort((a, b) => Number(a.params.get('PREF')?.[0] ?? 100) - Number(b.params.get('PREF')?.[0] ?? 100))[0];
  if (lang) draft.language(text(lang), 'LANG');

  const bday = one('BDAY');
  if (bday) {
    const raw = text(bday);
    const read = readPartialDate(raw);
    if (!read.ok) draft.problems.push({ line: card.line, field: 'BDAY', message: `Birthday ${quoted(raw)} ${read.reason}, so it was left out.` });
    else if (read.value) {
      // Apple writes a birthday without a year as year 1604, and says so in X-APPLE-OMIT-YEAR.
      const omitted = bday.params.get('X-APPLE-OMIT-YEAR')?.[0];
      draft.birthday(omitted && Number(omitted) === read.value.year ? { ...read.value, year: null } : read.value);
    }
  }

  for (const email of all('EMAIL')) draft.email(text(email), labelOf(email, groupLabels), 'EMAIL');
  for (const tel of all('TEL')) draft.phone(text(tel), labelOf(tel, groupLabels), 'TEL');
  for (const adr of all('ADR')) {
    const [poBox, extended, street, city, region, postalCode, country] = components(adr.value).map((c) => unescapeText(c).trim());
    const [line1, ...moreStreet] = (street ?? '').split('\n');
    const line2 = [...moreStreet, extended, poBox].filter(Boolean).join(', ');
    draft.address({ line1, line2, city, region, postalCode, country }, labelOf(adr, groupLabels), 'ADR');
  }

  const org = one('ORG');
  const title = one('TITLE');
  // ORG:Northwind Traders;Sales;EMEA - the company, then its departments.
  const [company, ...departments] = org ? components(org.value).map((c) => unescapeText(c).trim()) : [];
  if (org || title) draft.organization(org ? (company ?? '') : null, text(title), org ? 'ORG' : 'TITLE');
  for (const department of departments) draft.department(department, 'ORG');
  for (const note of all('NOTE')) draft.note(text(note));
  const uid = text(one('UID'));
  if (uid) draft.sourceRecordId(uid.replace(/^urn:uuid:/i, ''), 'UID');
  for (const id of all(externalIdProperty)) {
    const system = id.params.get('X-SYSTEM')?.[0];
    if (system) draft.externalId(system, text(id), externalIdProperty);
    else draft.problems.push({ line: card.line, field: externalIdProperty, message: `The id ${quoted(text(id))} does not say which system it is from (X-SYSTEM), so it was left out.` });
  }
  return draft.finish();
}

/** A vCard file (bytes in any encoding decodeBytes knows, or text) to one read item per card, and one per run of stray lines. */
export function readVcards(input: Uint8Array | string, options: DraftOptions): VcardRead {
  const decoded = typeof input === 'string' ? { text: input, encoding: 'utf-8' as const } : decodeBytes(input);
  const { cards, problems } = splitCards(decoded.text);
  const items: ReadItem<ImportedCustomer>[] = [...cards.map((card) => readCard(card, options)), ...problems.map((p) => ({ line: p.line, record: null, problems: [p] }))];
  items.sort((a, b) => a.line - b.line);
  if (cards.length === 0 && problems.length === 0) items.push({ line: 1, record: null, problems: [{ line: 1, field: null, message: 'The file has no cards: no BEGIN:VCARD line was found.' }] });
  return { encoding: decoded.encoding, ...('strayBytes' in decoded && decoded.strayBytes ? { strayBytes: decoded.strayBytes } : {}), items };
}
