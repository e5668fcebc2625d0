import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { customerColumns, detectPreset } from './column-mapping.js';
import { readCustomerCsv, streamCustomerCsv } from './csv-imports.js';
import { windows1252, windows1252Fixtures } from './fixtures/windows-1252-fixtures.js';

const fixture = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));
const us = { phoneRegion: 'US' };

describe('Google Contacts CSV', () => {
  const read = readCustomerCsv(fixture('google-contacts.csv'), us);

  it('is recognised, and its byte order mark read', () => {
    expect(read.file).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',' });
    expect(read.mapping.preset).toBe('google');
    expect(read.mapping.unmapped).toEqual(['Name Prefix', 'Name Suffix', 'File As', 'Photo', 'Labels']);
  });

  it('reads a contact field by field: names, birthday, labelled emails and phones, the address parts, company, notes', () => {
    expect(read.items[0]).toEqual({
      line: 2,
      problems: [],
      record: {
        line: 2,
        sourceRecordId: null,
        customer: {
          givenName: 'Robert',
          familyName: 'Smith',
          preferredName: 'Bob',
          birthday: { year: 1980, month: 3, day: 14 },
          emails: [
            { address: 'robert.smith@example.com', label: 'home', primary: true },
            { address: 'rsmith@northside-builders.example', label: 'work' },
          ],
          phones: [
            { number: '(312) 555-0142', label: 'mobile' },
            { number: '(312) 555-0190', label: 'work' },
          ],
          addresses: [{ label: 'home', line1: '1420 W Addison St', city: 'Chicago', region: 'IL', postalCode: '60613', country: 'US' }],
        },
        organization: { name: 'Northside Builders', title: 'Site Manager' },
        note: "Likes gravel bikes.\nAsk about his daughter's first race.",
      },
    });
  });

  it('splits " ::: " cells into several values, labels and address parts zipped in order', () => {
    expect(read.items.map((i) => i.line)).toEqual([2, 6, 7, 8, 9]);
    expect(read.items[1]!.record!.customer).toEqual({
      givenName: 'Priya',
      familyName: 'Patel',
      birthday: { year: null, month: 7, day: 2 },
      emails: [
        { address: 'priya.patel@example.org', label: 'other' },
        { address: 'ppatel@example.org', label: 'other' },
      ],
      phones: [{ number: '773.555.0188', label: 'mobile' }],
    });
    expect(read.items[2]!.record!.customer.phones).toEqual([
      { number: '+1 773-555-0123', label: 'work' },
      { number: '(773) 555-0124', label: 'home' },
    ]);
    expect(read.items[2]!.record!.customer.addresses).toEqual([
      { label: 'work', line1: '500 W Madison St', line2: 'Suite 300', city: 'Chicago', region: 'IL', postalCode: '60661', country: 'US' },
      { label: 'home', line1: '2211 N Halsted St', line2: 'Apt 2', city: 'Chicago', region: 'IL', postalCode: '60614', country: 'US' },
    ]);
  });

  it('reads a contact with only a company as the organisation itself, and a middle name into the listed name', () => {
    expect(read.items[3]!.record).toMatchObject({
      customer: { kind: 'organization', displayName: 'Lakeside Cycling Club', phones: [{ number: '(312) 555-0110', label: 'main' }] },
      organization: null,
      note: 'Group rides every Saturday.',
    });
    expect(read.items[4]!.record!.customer).toMatchObject({ givenName: 'Danielle', familyName: "O'Brien", displayName: "Danielle Marie O'Brien", preferredName: 'Dani' });
  });

  it('reads the older export ("Given Name", "E-mail 1 - Type", "Group Membership") too', () => {
    const older = 'Name,Given Name,Additional Name,Family Name,Birthday,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value\n' +
      'Bob Smith,Robert,,Smith,--03-14,* myContacts,* Home,robert.smith@example.com,Mobile,312-555-0142\n';
    const [item] = readCustomerCsv(older, us).items;
    expect(detectPreset(older.split('\n')[0]!.split(','))).toBe('google');
    expect(item!.record!.customer).toEqual({
      displayName: 'Bob Smith',
      givenName: 'Robert',
      familyName: 'Smith',
      birthday: { year: null, month: 3, day: 14 },
      emails: [{ address: 'robert.smith@example.com', label: 'home', primary: true }],
      phones: [{ number: '312-555-0142', label: 'mobile' }],
    });
  });

  it('gives the same items streamed as read whole', async () => {
    const streamed = await streamCustomerCsv(fixture('google-contacts.csv'), us);
    const items = [];
    for await (const item of streamed.items) items.push(item);
    expect(items).toEqual(read.items);
    expect(streamed.mapping).toEqual(read.mapping);
  });
});

describe('Outlook CSV', () => {
  it('the Windows-1252 fixtures on disk are exactly the bytes Outlook would write', () => {
    for (const [name, text] of Object.entries(windows1252Fixtures)) {
      const bytes = fixture(name);
      expect(bytes.equals(windows1252(text))).toBe(true);
      expect(bytes.includes(Buffer.from('é', 'utf8'))).toBe(false);
    }
    expect(fixture('outlook-contacts.csv').includes(Buffer.from([0x4a, 0x6f, 0x73, 0xe9]))).toBe(true); // "José"
  });

  it('reads the English export: accents, phones by column, the home address, company, a birthday, notes', () => {
    const read = readCustomerCsv(fixture('outlook-contacts.csv'), us);
    expect(read.file).toMatchObject({ encoding: 'windows-1252', delimiter: ',' });
    expect(read.mapping.preset).toBe('outlook');
    expect(read.items.map((i) => i.problems)).toEqual([[], [], []]);
    expect(read.items[0]!.record).toEqual({
      line: 2,
      sourceRecordId: null,
      customer: {
        givenName: 'José',
        familyName: 'Müller',
        birthday: { year: 1975, month: 5, day: 9 },
        emails: [{ address: 'jose.muller@example.com' }],
        phones: [
          { number: '312.555.0100', label: 'home' },
          { number: '(312) 555-0177', label: 'mobile' },
        ],
        addresses: [{ label: 'home', line1: '88 N Wells St', city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US' }],
      },
      organization: { name: 'Café Sirène', title: 'Owner' },
      note: 'Prefers calls after 6pm.\nSpeaks German & Spanish – not French.',
    });
    // "0/0/00" is Outlook's "no birthday"; both emails are kept.
    expect(read.items[1]!.record!.customer).toEqual({
      givenName: 'Bob',
      familyName: 'Smith',
      emails: [{ address: 'bob.smith@example.com' }, { address: 'robert.smith@example.com' }],
      phones: [{ number: '312.555.0142', label: 'work' }],
      addresses: [{ label: 'work', line1: '77 W Wacker Dr', city: 'Chicago', region: 'IL', postalCode: '60601', country: 'US' }],
    });
    expect(read.items[2]!.record).toMatchObject({
      customer: { givenName: 'Renée', familyName: 'Faure', preferredName: 'Néné', birthday: { year: 1988, month: 12, day: 31 } },
      note: 'Œuvre d’art on the shop wall is hers — “Vélo rouge”.',
    });
  });

  it('reads the German export a German Excel saves: semicolons, German headers and dates, country names in German', () => {
    const read = readCustomerCsv(fixture('outlook-kontakte-de.csv'), { phoneRegion: 'DE', dateOrder: 'day-first' });
    expect(read.file).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(read.mapping.preset).toBe('outlook');
    expect(read.items[0]!.record).toEqual({
      line: 2,
      sourceRecordId: null,
      customer: {
        givenName: 'Jürgen',
        familyName: 'Weiß',
        birthday: { year: 1980, month: 3, day: 14 },
        emails: [{ address: 'j.weiss@example.de' }],
        phones: [
          { number: '030 12345678', label: 'work' },
          { number: '0171 2345678', label: 'mobile' },
        ],
        addresses: [{ label: 'work', line1: 'Friedrichstraße 123', city: 'Berlin', postalCode: '10117', country: 'DE' }],
      },
      organization: { name: 'Weiß & Söhne GmbH', title: 'Geschäftsführer' },
      note: 'Kauft jedes Frühjahr; bevorzugt Rückruf vormittags.',
    });
    expect(read.items[1]!.record!.customer.addresses).toEqual([{ label: 'home', line1: '88 N Wells St', city: 'Chicago', region: 'IL', postalCode: '60606', country: 'US' }]);
    expect(read.items[2]!.record!.customer).toEqual({
      givenName: 'Renée',
      familyName: 'Faure',
      preferredName: 'Néné',
      emails: [{ address: 'renee.faure@example.fr' }],
      phones: [{ number: '+33 3 88 12 34 56', label: 'home' }],
      addresses: [{ label: 'home', city: 'Straßburg', country: 'FR' }],
    });
  });
});

describe('a department', () => {
  it('stays with the job title, from Outlook, Google and a generic file', () => {
    const outlook = readCustomerCsv(Buffer.from('Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,E-mail Address,Mobile Phone\r\n,Nancy,,Davolio,,Northwind Traders,Sales,Account Manager,nancy@northwind.example,\r\n,Andrew,,Fuller,,Northwind Traders,Sales,,,\r\n'), us);
    expect(outlook.mapping.preset).toBe('outlook');
    expect(outlook.items.map((i) => i.record!.organization)).toEqual([
      { name: 'Northwind Traders', title: 'Account Manager, Sales' },
      { name: 'Northwind Traders', title: 'Sales' },
    ]);
    const google = readCustomerCsv(Buffer.from('Given Name,Family Name,Organization 1 - Name,Organization 1 - Title,Organization 1 - Department\nJanet,Leverling,Northwind Traders,Buyer,Purchasing\n'), us);
    expect(google.items[0]!.record!.organization).toEqual({ name: 'Northwind Traders', title: 'Buyer, Purchasing' });
    const generic = readCustomerCsv(Buffer.from('Name,Employer,Department\nMargaret Peacock,Northwind Traders,Marketing\n'), us);
    expect(generic.items[0]!.record!.organization).toEqual({ name: 'Northwind Traders', title: 'Marketing' });
  });
});

describe('the generic preset', () => {
  it('guesses fields from header words', () => {
    const headers = ['Customer ID', 'Full Name', 'First', 'Surname', 'E-mail', 'Work Email', 'Mobile', 'Phone 2', 'Phone 2 Type', 'Street', 'Address 2', 'Town', 'State', 'Zip', 'Country', 'DOB', 'Company', 'Job Title', 'Dept.', 'Comments', 'Last Visit', 'External Id (pos)'];
    expect(customerColumns(headers).columns).toEqual([
      { field: 'sourceRecordId' },
      { field: 'displayName' },
      { field: 'givenName' },
      { field: 'familyName' },
      { field: 'email', slot: 1 },
      { field: 'email', slot: 1, label: 'work' },
      { field: 'phone', slot: 1, label: 'mobile' },
      { field: 'phone', slot: 2 },
      { field: 'phoneLabel', slot: 2 },
      { field: 'addressLine1', slot: 1 },
      { field: 'addressLine2', slot: 1 },
      { field: 'addressCity', slot: 1 },
      { field: 'addressRegion', slot: 1 },
      { field: 'addressPostalCode', slot: 1 },
      { field: 'addressCountry', slot: 1 },
      { field: 'birthday' },
      { field: 'organization' },
      { field: 'title' },
      { field: 'department' },
      { field: 'note' },
      null,
      { field: 'externalId', label: 'pos' },
    ]);
  });

  it('leaves out columns about someone else or about a contact\'s state, instead of reading them as the customer\'s name or number', () => {
    const guessed: Record<string, object | null> = {
      'Patient Name': { field: 'displayName' },
      'Preferred Name': { field: 'preferredName' },
      Preferred: { field: 'preferredName' },
      Customer: { field: 'displayName' },
      'Preferred Language': { field: 'language' },
      'Contact Phone': { field: 'phone', slot: 1 },
    };
    const leftOut = ['Customer Since', 'Customer Type', 'Client Status', 'Contact Preference', 'Preferred Contact Method', 'Preferred Store', 'Emergency Contact Name', 'Emergency Contact Phone', 'Spouse Name', 'Spouse Email', 'Account Owner', 'Referred By', 'Email Opt-In', 'Marketing Emails', 'Mobile Opt-out', 'OK to Email'];
    for (const header of leftOut) guessed[header] = null;
    const headers = Object.keys(guessed);
    expect(Object.fromEntries(headers.map((h, i) => [h, customerColumns(headers).columns[i]]))).toEqual(guessed);
  });

  it('a clinic\'s list: the emergency contact stays out of the patient\'s record', () => {
    const text = 'Patient Name,Phone,Customer Since,Emergency Contact Name,Emergency Contact Phone,Preferred Contact Method\nGeorge Harris,312-555-0101,2015-04-01,Martha Harris,312-555-0102,Phone\n';
    const read = readCustomerCsv(text, us);
    expect(read.items[0]!.record!.customer).toEqual({ displayName: 'George Harris', phones: [{ number: '312-555-0101' }] });
  });

  it('reads a shop\'s own list, with every bad value reported on its line and column, and the rest of the row kept', () => {
    const text = [
      'Customer ID,Name,Email,Phone,Birthday,Country',
      'C-7,Ann Berg,ann@example,312-555-0199,31/02/1980,Narnia',
      'C-8,,,,,',
      'C-9,,not-an-email,12,,',
    ].join('\n');
    const read = readCustomerCsv(text, us);
    expect(read.items).toEqual([
      {
        line: 2,
        record: { line: 2, sourceRecordId: 'C-7', customer: { displayName: 'Ann Berg', phones: [{ number: '312-555-0199' }] }, organization: null, note: null },
        problems: [
          { line: 2, field: 'Birthday', message: "Birthday '31/02/1980' is not a date, so it was left out." },
          { line: 2, field: 'Email', message: "Email 'ann@example' is not an email address, so it was left out." },
          { line: 2, field: 'Country', message: "Country 'Narnia' is not a country we know, so the address was kept without it." },
        ],
      },
      {
        line: 3,
        record: null,
        problems: [{ line: 3, field: null, message: 'There is no name, email or phone number here, so there is no one to import.' }],
      },
      {
        line: 4,
        record: null,
        problems: [
          { line: 4, field: 'Email', message: "Email 'not-an-email' is not an email address, so it was left out." },
          { line: 4, field: 'Phone', message: "Phone '12' is not a phone number we can read, so it was left out; include the country code if it is foreign." },
          { line: 4, field: null, message: 'There is no name, email or phone number here, so there is no one to import.' },
        ],
      },
    ]);
  });

  it('keeps one of each email and phone, however often and however written', () => {
    const text = 'Name,Email,Work Email,Phone,Mobile\nAnn Berg,Ann@Example.com,ann@example.com ,(312) 555-0101,+1 312 555 0101\n';
    expect(readCustomerCsv(text, us).items[0]!.record!.customer).toEqual({
      displayName: 'Ann Berg',
      emails: [{ address: 'Ann@Example.com' }],
      phones: [{ number: '(312) 555-0101' }],
    });
  });

  it('reads several emails or phones a spreadsheet put in one cell, and leaves a cell that is not a list as it is', () => {
    const text = 'Name,Email,Phone\nAnn Berg,ann@example.com; ann.berg@work.example,(312) 555-0101 / +1 312 555 0102\nBo Lund,"Bo Lund <bo@example>",312-555-0103\n';
    const [ann, bo] = readCustomerCsv(text, us).items;
    expect(ann!.record!.customer).toMatchObject({ emails: [{ address: 'ann@example.com' }, { address: 'ann.berg@work.example' }], phones: [{ number: '(312) 555-0101' }, { number: '+1 312 555 0102' }] });
    expect(bo!.problems).toEqual([expect.objectContaining({ field: 'Email', message: expect.stringContaining('is not an email address') })]);
  });

  it('leaves out a number the right length but not in use in the shop\'s country, saying what it would have been', () => {
    const [item] = readCustomerCsv('Name,Phone,Mobile\nAnn Berg,030 9876543,+49 30 9876543\n', us).items;
    expect(item!.record!.customer.phones).toEqual([{ number: '+49 30 9876543', label: 'mobile' }]);
    expect(item!.problems).toEqual([{ line: 2, field: 'Phone', message: "Phone '030 9876543' would be +10309876543, a number not in use there, so it was left out; include the country code if it is foreign." }]);
  });

  it('a street written on two lines in one cell is the first address line and the second', () => {
    const text = 'Name,Street,City,Zip\nAnn Berg,"1420 W Addison St\r\nSuite 200",Chicago,60613\n';
    expect(readCustomerCsv(text, us).items[0]!.record!.customer.addresses).toEqual([{ line1: '1420 W Addison St', line2: 'Suite 200', city: 'Chicago', postalCode: '60613' }]);
  });

  it('a "Title" of Mr or Dr is a form of address, not a job title at their company', () => {
    const text = 'Title,First Name,Last Name,Company\nMrs,Eleanor,Rigby,Rigby & Co\nBuyer,Desmond,Jones,Jones Ltd\n';
    const [eleanor, desmond] = readCustomerCsv(text, us).items;
    expect(eleanor!.record!.organization).toEqual({ name: 'Rigby & Co', title: null });
    expect(eleanor!.problems).toEqual([]);
    expect(desmond!.record!.organization).toEqual({ name: 'Jones Ltd', title: 'Buyer' });
  });

  it('hands a ragged row back with its problem and whatever it held', () => {
    const [item] = readCustomerCsv('Name,Email,Phone\nAnn Berg,ann@example.com\n', us).items;
    expect(item).toEqual({
      line: 2,
      record: { line: 2, sourceRecordId: null, customer: { displayName: 'Ann Berg', emails: [{ address: 'ann@example.com' }] }, organization: null, note: null },
      problems: [{ line: 2, field: null, message: 'This row has 2 values but the header has 3 columns; the missing values were read as empty.' }],
    });
  });
});

describe('an explicit mapping', () => {
  const headers = ['Handy', 'Mail privat', 'Mail Arbeit', 'Typ', 'Kundennr'];

  it('maps each header as given, with slots and fixed labels', () => {
    const mapping = {
      Handy: { field: 'phone', label: 'mobile' },
      'Mail privat': { field: 'email', label: 'home' },
      'Mail Arbeit': { field: 'email', slot: 2, label: 'work' },
      Kundennr: 'sourceRecordId',
      Typ: null,
    };
    const read = readCustomerCsv(`${headers.join(';')}\n0171 2345678;anna@example.de;anna@firma.example;x;K-1\n`, { phoneRegion: 'DE', mapping });
    expect(read.mapping).toMatchObject({ preset: 'explicit', unmapped: ['Typ'] });
    expect(read.items[0]!.record).toMatchObject({
      sourceRecordId: 'K-1',
      customer: {
        phones: [{ number: '0171 2345678', label: 'mobile' }],
        emails: [
          { address: 'anna@example.de', label: 'home' },
          { address: 'anna@firma.example', label: 'work' },
        ],
      },
    });
  });

  it('refuses unknown fields, unknown headers and bad slots in one error naming each column', () => {
    let error: unknown;
    try {
      customerColumns(headers, { mapping: { Handy: 'phon', Fax: 'phone', 'Mail privat': { field: 'email', slot: 0 }, Kundennr: 'externalId' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const { kind, errors } = error as DomainError;
    expect(kind).toBe('invalid');
    expect(errors).toEqual([
      { path: '/mapping/Handy', message: expect.stringMatching(/^Column "Handy" is mapped to "phon", which is not a customer field; the fields are: displayName, givenName, .*externalId\.$/) },
      { path: '/mapping/Fax', message: 'Column "Fax" is not in the file; its columns are: "Handy", "Mail privat", "Mail Arbeit", "Typ", "Kundennr".' },
      { path: '/mapping/Mail privat', message: 'Column "Mail privat": the slot must be a whole number from 1 to 50.' },
      { path: '/mapping/Kundennr', message: 'Column "Kundennr" is mapped to externalId, which needs a label naming the other system (for example "pos").' },
    ]);
  });
});
