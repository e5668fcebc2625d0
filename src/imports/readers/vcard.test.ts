import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readVcards } from './vcard.js';

const fixture = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));
const us = { phoneRegion: 'US' };
const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

describe('a phone\'s address book (vCard 2.1 and 3.0 mixed)', () => {
  const read = readVcards(fixture('phone-contacts.vcf'), us);

  it('reads every card, each at its BEGIN line, without problems', () => {
    expect(read.encoding).toBe('utf-8');
    expect(read.items.map((i) => [i.line, i.problems])).toEqual([
      [1, []],
      [12, []],
      [20, []],
      [40, []],
      [50, []],
      [60, []],
    ]);
  });

  it('2.1: quoted-printable UTF-8 names, bare TYPE parameters, and a note with a soft line break', () => {
    expect(read.items[0]!.record).toEqual({
      line: 1,
      sourceRecordId: null,
      customer: {
        displayName: 'José Müller',
        familyName: 'Müller',
        givenName: 'José',
        emails: [{ address: 'jose.muller@example.com', label: 'home' }],
        phones: [
          { number: '312-555-0177', label: 'mobile' },
          { number: '+1 312 555 0100', label: 'home' },
        ],
        addresses: [{ label: 'home', line1: '88 N Wells St', city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US' }],
      },
      organization: null,
      note: 'Met him at the spring ride.\nBrings his own pedals – very particular.',
    });
  });

  it('2.1: a Latin-1 CHARSET, TEL;PREF;CELL, a basic-format birthday', () => {
    expect(read.items[1]!.record!.customer).toEqual({
      displayName: 'María García',
      familyName: 'García',
      givenName: 'María',
      birthday: { year: 1985, month: 6, day: 21 },
      phones: [
        { number: '(773) 555-0161', label: 'mobile', primary: true },
        { number: '(773) 555-0162', label: 'work' },
      ],
    });
  });

  it('3.0 from an iPhone: repeated type parameters, grouped X-ABLabel labels, ORG with a unit, escapes, UID', () => {
    expect(read.items[2]!.record).toEqual({
      line: 20,
      sourceRecordId: '0d1e4c52-5a4b-4d47-9d2b-1e0e5c9a7f31',
      customer: {
        displayName: 'Robert Smith',
        familyName: 'Smith',
        givenName: 'Robert',
        preferredName: 'Bob',
        birthday: { year: 1980, month: 3, day: 14 },
        emails: [
          { address: 'robert.smith@example.com', label: 'home', primary: true },
          { address: 'rsmith@northside-builders.example', label: 'work' },
        ],
        phones: [
          { number: '+1 (312) 555-0142', label: 'mobile', primary: true },
          { number: '(312) 555-0190', label: 'Site office' },
        ],
        addresses: [{ label: 'home', primary: true, line1: '1420 W Addison St', city: 'Chicago', region: 'IL', postalCode: '60613', country: 'US' }],
      },
      // ORG:Northside Builders;Site Operations - the unit stays with the job title.
      organization: { name: 'Northside Builders', title: 'Site Manager, Site Operations' },
      note: 'Likes gravel bikes, wants a fitting in spring.\nCall before noon; not on Sundays.',
    });
  });

  it('3.0: a folded note, and Apple\'s year 1604 meaning no year', () => {
    expect(read.items[3]!.record).toMatchObject({
      customer: { displayName: 'Priya Patel', birthday: { year: null, month: 7, day: 2 }, phones: [{ number: '773.555.0188', label: 'mobile' }] },
      note: 'Allergic to latex grips; prefers the cork ones. Asked us to keep her old saddle in the back room until she picks it up in May.',
    });
  });

  it('a company card is the organisation itself', () => {
    expect(read.items[4]!.record).toEqual({
      line: 50,
      sourceRecordId: null,
      customer: {
        kind: 'organization',
        displayName: 'Lakeside Cycling Club',
        emails: [{ address: 'rides@lakeside-cycling.example', label: 'work' }],
        phones: [{ number: '(312) 555-0110', label: 'work' }],
      },
      organization: null,
      note: null,
    });
  });

  it('a company card whose FN is the company name (as Google and Outlook write one) is the organisation, not a person working there', () => {
    const read = readVcards(Buffer.from(crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Northwind Traders', 'ORG:NORTHWIND  Traders', 'TEL;TYPE=WORK:+1 206 555 0100', 'END:VCARD', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Andrew Fuller', 'ORG:Northwind Traders', 'END:VCARD')), us);
    expect(read.items.map((i) => i.record && { kind: i.record.customer.kind, name: i.record.customer.displayName, organization: i.record.organization?.name ?? null })).toEqual([
      { kind: 'organization', name: 'Northwind Traders', organization: null },
      { kind: undefined, name: 'Andrew Fuller', organization: 'Northwind Traders' },
    ]);
  });

  it("2.1 from Android: the nickname line, TEL;X-Mobil, a year-less --MMDD birthday, a photo skipped", () => {
    expect(read.items[5]!.record!.customer).toEqual({
      displayName: "Danielle O'Brien",
      familyName: "O'Brien",
      givenName: 'Danielle',
      preferredName: 'Dani',
      birthday: { year: null, month: 11, day: 30 },
      emails: [{ address: 'dani.obrien@example.com', label: 'home' }],
      phones: [{ number: '+1 (872) 555-0135', label: 'mobile' }],
    });
  });
});

describe('vCard 4.0 and odd cards', () => {
  it('reads 4.0: PREF=1, TYPE lists, tel: URIs, name lists, escaped commas and semicolons, KIND, PRONOUNS, LANG', () => {
    const text = crlf(
      'BEGIN:VCARD',
      'VERSION:4.0',
      'KIND:individual',
      'FN:Dr. Ana María Ruiz\\, PhD',
      'N:Ruiz;Ana,María;;Dr.;PhD',
      'NICKNAME:Ani,Anita',
      'PRONOUNS:she/her',
      'LANG;PREF=2:en',
      'LANG;PREF=1:es-MX',
      'EMAIL;TYPE=work:ana@ruiz.example',
      'EMAIL;PREF=1;TYPE="home,x-personal":ana.maria@example.com',
      'TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+1-312-555-0155',
      'TEL;TYPE=x-shop:(312) 555-0156',
      'ADR;TYPE=work:;Floor 2;12 Main St\\nBack entrance;Evanston;IL;60201;USA',
      'BDAY:--0314',
      'NOTE:Semi\\;colons\\, commas\\\\backslashes',
      'END:VCARD',
    );
    const [item] = readVcards(text, us).items;
    expect(item!.problems).toEqual([]);
    expect(item!.record!.customer).toEqual({
      kind: 'person',
      displayName: 'Dr. Ana María Ruiz, PhD',
      familyName: 'Ruiz',
      givenName: 'Ana María',
      preferredName: 'Ani',
      pronouns: 'she/her',
      language: 'es-MX',
      birthday: { year: null, month: 3, day: 14 },
      emails: [
        { address: 'ana@ruiz.example', label: 'work' },
        { address: 'ana.maria@example.com', label: 'home', primary: true },
      ],
      phones: [
        { number: '+1-312-555-0155', label: 'mobile', primary: true },
        { number: '(312) 555-0156', label: 'shop' },
      ],
      addresses: [{ label: 'work', line1: '12 Main St', line2: 'Back entrance, Floor 2', city: 'Evanston', region: 'IL', postalCode: '60201', country: 'US' }],
    });
    expect(item!.record!.note).toBe('Semi;colons, commas\\backslashes');
  });

  it('reads folded lines in 4.0 with LF line ends and tabs, and "type=HOME;type=pref" in 3.0', () => {
    const text = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Ingrid Bergstr', '\töm', 'EMAIL;type=HOME;type=pref:ingrid@', ' example.se', 'END:VCARD', ''].join('\n');
    expect(readVcards(text, us).items[0]!.record!.customer).toEqual({ displayName: 'Ingrid Bergström', emails: [{ address: 'ingrid@example.se', label: 'home', primary: true }] });
  });

  it('reports a card without END with its BEGIN line, and still reads it and the next card', () => {
    const text = crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Ann Berg', 'TEL:312-555-0101', 'BEGIN:VCARD', 'VERSION:3.0', 'FN:Bob Smith', 'BDAY:1980-02-30', 'EMAIL:bob@', 'END:VCARD', 'BEGIN:VCARD', 'FN:Cid Lost');
    const items = readVcards(text, us).items;
    expect(items).toEqual([
      {
        line: 1,
        record: { line: 1, sourceRecordId: null, customer: { displayName: 'Ann Berg', phones: [{ number: '312-555-0101' }] }, organization: null, note: null },
        problems: [{ line: 1, field: null, message: 'The card that begins on line 1 has no END:VCARD (another card begins on line 5); what it had was read.' }],
      },
      {
        line: 5,
        record: { line: 5, sourceRecordId: null, customer: { displayName: 'Bob Smith' }, organization: null, note: null },
        problems: [
          { line: 5, field: 'BDAY', message: "Birthday '1980-02-30' is not a date, so it was left out." },
          { line: 5, field: 'EMAIL', message: "Email 'bob@' is not an email address, so it was left out." },
        ],
      },
      {
        line: 11,
        record: { line: 11, sourceRecordId: null, customer: { displayName: 'Cid Lost' }, organization: null, note: null },
        problems: [{ line: 11, field: null, message: 'The card that begins on line 11 has no END:VCARD (the file ends first); what it had was read.' }],
      },
    ]);
  });

  it('reports lines outside cards, lines that are not properties, an unknown charset and an empty card', () => {
    const text = crlf(
      'Exported by PhoneSync',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'this line has no colon',
      'N;CHARSET=X-KLINGON;ENCODING=QUOTED-PRINTABLE:Berg;Ann;;;',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'END:VCARD',
    );
    expect(readVcards(text, us).items).toEqual([
      { line: 1, record: null, problems: [{ line: 1, field: null, message: 'Line 1 is outside any card (before a BEGIN:VCARD), so it was skipped.' }] },
      {
        line: 2,
        record: { line: 2, sourceRecordId: null, customer: { familyName: 'Berg', givenName: 'Ann' }, organization: null, note: null },
        problems: [
          { line: 2, field: null, message: 'Line 4 is not a vCard property (it has no ":"), so it was skipped.' },
          { line: 2, field: 'N', message: 'Character set X-KLINGON on line 5 is not one we know, so N was read as UTF-8.' },
        ],
      },
      { line: 7, record: null, problems: [{ line: 7, field: null, message: 'There is no name, email or phone number here, so there is no one to import.' }] },
    ]);
  });

  it('says when a file has no cards at all', () => {
    expect(readVcards('Name,Email\nAnn,ann@example.com\n', us).items.map((i) => i.problems[0]!.message)).toEqual(['Line 1 is outside any card, so it was skipped.']);
    expect(readVcards('', us).items).toEqual([{ line: 1, record: null, problems: [{ line: 1, field: null, message: 'The file has no cards: no BEGIN:VCARD line was found.' }] }]);
  });

  it('reads a UTF-16 file as Windows address books save it', () => {
    const text = crlf('BEGIN:VCARD', 'VERSION:3.0', 'FN:Zoë Ångström', 'END:VCARD');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const read = readVcards(bytes, us);
    expect(read.encoding).toBe('utf-16le');
    expect(read.items[0]!.record!.customer).toEqual({ displayName: 'Zoë Ångström' });
  });
});
