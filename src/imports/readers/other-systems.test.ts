import { describe, expect, it } from 'vitest';
import { readImport } from '../import-reading.js';
import type { ImportedCustomer, RowProblem } from '../import-records.js';

/**
 * Customer exports of the systems shops come from, as those systems write them (the generic preset
 * reads them: no one wrote a preset for each): what each row becomes, field by field.
 */

interface Read {
  records: (ImportedCustomer | null)[];
  problems: RowProblem[][];
  notes: string[];
}

function read(csv: string, phoneRegion = 'US'): Read {
  const result = readImport({ kind: 'customers', format: 'csv' }, new TextEncoder().encode(csv), { phoneRegion, timeZone: 'UTC', currency: 'USD' });
  if (result.kind !== 'customers') throw new Error('read as customers');
  return { records: result.items.map((i) => i.record), problems: result.items.map((i) => i.problems), notes: result.notes };
}

describe('exports of other systems', () => {
  it('HubSpot: "Country/Region" is the country and "State/Region" the region; "Email Domain" is no email', () => {
    const hubspot = read(
      'Record ID,First Name,Last Name,Email,Phone Number,Company Name,Job Title,Street Address,City,State/Region,Postal Code,Country/Region,Email Domain,Contact owner\n' +
        '53,Pieter,van der Berg,pieter@vanderberg.example,+31 20 555 0101,,,Keizersgracht 1,Amsterdam,,1015 CJ,Netherlands,vanderberg.example,Jane Seller\n' +
        '51,Sean,O\'Brien,sean@example.com,(217) 555-0123,Acme Corp.,Purchasing Manager,"12 Elm St, Apt 4",Springfield,IL,62704,United States,example.com,Jane Seller\n',
    );
    expect(hubspot.records.map((r) => r?.customer.addresses)).toEqual([
      [{ line1: 'Keizersgracht 1', city: 'Amsterdam', postalCode: '1015 CJ', country: 'NL' }],
      [{ line1: '12 Elm St, Apt 4', city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' }],
    ]);
    expect(hubspot.problems).toEqual([[], []]);
    expect(hubspot.notes).toContain('Columns not imported: Email Domain, Contact owner.');
  });

  it('Salesforce: the account is the company, the title and department the role, Description a note, the other address a second one', () => {
    const salesforce = read(
      '"Contact ID","Salutation","First Name","Last Name","Title","Account Name","Mailing Street","Mailing City","Mailing State/Province","Mailing Zip/Postal Code","Mailing Country","Other Street","Other City","Other State/Province","Other Zip/Postal Code","Other Country","Phone","Email","Description","Department"\n' +
        '"0035g00000AbCdEAA3","Dr.","Amelia","Ng","Dentist","Ng Family Dental","400 Main St","Springfield","IL","62701","USA","9 Lake Rd","Lakeview","IL","62000","USA","(217) 555-0140","amelia@ngdental.example","Two kids: Max and Ollie","Clinic"\n',
    );
    expect(salesforce.problems).toEqual([[]]);
    expect(salesforce.records[0]).toEqual({
      line: 2,
      sourceRecordId: '0035g00000AbCdEAA3',
      customer: {
        givenName: 'Amelia',
        familyName: 'Ng',
        emails: [{ address: 'amelia@ngdental.example' }],
        phones: [{ number: '(217) 555-0140' }],
        addresses: [
          { line1: '400 Main St', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
          { line1: '9 Lake Rd', city: 'Lakeview', region: 'IL', postalCode: '62000', country: 'US', label: 'other' },
        ],
      },
      organization: { name: 'Ng Family Dental', title: 'Dentist, Clinic' },
      note: 'Two kids: Max and Ollie',
    });
  });

  it('Shopify: the apostrophe before digits goes, the second address line and the company are where they belong', () => {
    const shopify = read(
      'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Total Spent,Note,Tags\n' +
        "'6543210987654,Sean,O'Brien,sean@example.com,yes,Acme Corporation,12 Elm St,Apt 4,Springfield,IL,US,'02134,'+12175550123,'+12175550124,1234.50,\"Wants the catalogue, not emails\",\"VIP, wholesale\"\n" +
          "'6543210987655,Anne-Marie,D'Arcy,am@darcy.example,no,,1 Rue Sainte-Catherine,,Montréal,QC,CA,'H3B 1A7,,,0.00,,\n",
    );
    expect(shopify.problems).toEqual([[], []]);
    expect(shopify.records[0]).toEqual({
      line: 2,
      sourceRecordId: '6543210987654',
      customer: {
        givenName: 'Sean',
        familyName: "O'Brien",
        emails: [{ address: 'sean@example.com' }],
        phones: [{ number: '+12175550123' }, { number: '+12175550124' }],
        addresses: [{ line1: '12 Elm St', line2: 'Apt 4', city: 'Springfield', region: 'IL', postalCode: '02134', country: 'US' }],
      },
      organization: { name: 'Acme Corporation', title: null },
      note: 'Wants the catalogue, not emails',
    });
    expect(shopify.records[1]!.customer.addresses).toEqual([{ line1: '1 Rue Sainte-Catherine', city: 'Montréal', region: 'QC', postalCode: 'H3B 1A7', country: 'CA' }]);
  });

  it('Square: "Street Address 2" is the second line; of its two ids, the customer id stays the record\'s when the shop adds a reference later', () => {
    const header = 'Reference ID,First Name,Surname,Email Address,Phone Number,Nickname,Company Name,Street Address 1,Street Address 2,City,State,Postal Code,Memo,Square Customer ID\n';
    const before = read(`${header},Mary,O'Neil,mary@example.com,(217) 555-0160,,,200 Pine Rd,Unit 3B,Springfield,IL,62702,,DF3A5N0YQJ0ZK1X2P9Q8H7F6E4\n`);
    const after = read(`${header}C-1002,Mary,O'Neil,mary@example.com,(217) 555-0160,,,200 Pine Rd,Unit 3B,Springfield,IL,62702,,DF3A5N0YQJ0ZK1X2P9Q8H7F6E4\n`);
    expect(before.records[0]!.customer.addresses).toEqual([{ line1: '200 Pine Rd', line2: 'Unit 3B', city: 'Springfield', region: 'IL', postalCode: '62702' }]);
    expect([before.records[0]!.sourceRecordId, after.records[0]!.sourceRecordId]).toEqual(['DF3A5N0YQJ0ZK1X2P9Q8H7F6E4', 'DF3A5N0YQJ0ZK1X2P9Q8H7F6E4']);
    expect(after.notes).toContain('Columns not imported: Reference ID.');
  });

  it('Mailchimp: the address in one cell is read part by part; where someone signed up from is not their address; birthdays month first', () => {
    const mailchimp = read(
      'Email Address,First Name,Last Name,Address,Phone Number,Birthday,MEMBER_RATING,OPTIN_IP,CONFIRM_IP,LATITUDE,LONGITUDE,TIMEZONE,CC,REGION,LEID,EUID,NOTES\n' +
        'sean@example.com,Sean,O\'Brien,"12 Elm St  Apt 4  Springfield  IL  62704  US",(217) 555-0123,11/30,4,,203.0.113.9,39.78,-89.65,America/Chicago,US,IL,112233,a1b2c3,\n' +
        'zoe@example.net,Zoë,Brontë,,,04/07,3,,198.51.100.7,51.5,-0.12,Europe/London,GB,ENG,112234,a1b2c4,"Met at the craft fair"\n',
      'GB',
    );
    expect(mailchimp.records.map((r) => r && { addresses: r.customer.addresses, birthday: r.customer.birthday })).toEqual([
      { addresses: [{ line1: '12 Elm St', line2: 'Apt 4', city: 'Springfield', region: 'IL', postalCode: '62704', country: 'US' }], birthday: { year: null, month: 11, day: 30 } },
      { addresses: undefined, birthday: { year: null, month: 4, day: 7 } },
    ]);
    expect(mailchimp.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^Columns not imported: MEMBER_RATING, OPTIN_IP, CONFIRM_IP, LATITUDE, LONGITUDE, TIMEZONE, CC, REGION, LEID, EUID\.$/)]));
  });

  it('a job title with no company to hold it is said to be left out, naming the column', () => {
    const titled = read('First Name,Last Name,Email,Job Title\nZoe,Bronte,zoe@example.net,Head of Sales\n');
    expect(titled.records[0]!.organization).toBeNull();
    expect(titled.problems[0]).toEqual([{ line: 2, field: 'Job Title', message: "Job title 'Head of Sales' was left out: the row names no company or organisation it is at." }]);
  });
});
