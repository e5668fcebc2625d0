import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvText } from '../imports/readers/csv-text.js';
import { DomainError } from '../platform/errors.js';
import { recipientColumns, rowOf, rowsOfItems } from './mailing-columns.js';
import { externalKey, placeRow, planBatch, sentAtOf, type Lookups, type Placement, type RecipientRow } from './mailing-rules.js';

const fieldOf = (work: () => unknown): string | undefined => {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error.errors?.[0]?.path;
    throw error;
  }
  return undefined;
};

describe('when a mailing went out', () => {
  it('reads a day as noon UTC of that day, and a date and time with a zone as that moment', () => {
    expect(sentAtOf('2027-03-02', '/body/sentAt')).toBe('2027-03-02T12:00:00.000Z');
    expect(sentAtOf(' 2024-02-29 ', '/body/sentAt')).toBe('2024-02-29T12:00:00.000Z');
    expect(sentAtOf('2027-03-02T09:15:00+01:00', '/body/sentAt')).toBe('2027-03-02T08:15:00.000Z');
    expect(sentAtOf('2027-03-02T09:15Z', '/body/sentAt')).toBe('2027-03-02T09:15:00.000Z');
  });

  it('refuses what is not a real day, a time without a zone, and dates before 1900, naming the field', () => {
    for (const value of ['2027-02-29', '2027-13-01', '2027-04-31T10:00:00Z', '2027-03-02T10:00:00', 'March 2nd', '', '1899-12-31', '02/03/2027']) {
      expect(fieldOf(() => sentAtOf(value, '/body/sentAt')), value).toBe('/body/sentAt');
    }
  });

  it('gives every real day back as that same day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const day = date.toISOString().slice(0, 10);
        expect(sentAtOf(day, '/x').slice(0, 10)).toBe(day);
      }),
    );
  });
});

describe('the columns of a recipient list', () => {
  const fields = (headers: string[], source: string | null = null) => recipientColumns(headers, { source }).columns.map((c) => c?.field ?? null);

  it('guesses emails, Rapport ids and, with a source, the other system’s ids from the header words', () => {
    expect(fields(['First name', 'E-Mail Address', 'Customer ID', 'Opened'])).toEqual([null, 'customerEmail', 'customerId', null]);
    expect(fields(['customerId', 'Betrag'])).toEqual(['customerId', null]);
    expect(fields(['Member No', 'Email'], 'pos')).toEqual(['customerExternalId', 'customerEmail']);
    expect(fields(['Kundennummer', 'E-Mail'], 'pos')).toEqual(['customerExternalId', 'customerEmail']);
    expect(fields(['Rapport ID', 'Subscriber ID'], 'newsletter')).toEqual(['customerId', 'customerExternalId']);
    expect(fields(['ID'])).toEqual(['customerId']);
  });

  it('refuses a file that names no one (422 /body), and ids of an unnamed system (422 /query/source)', () => {
    expect(fieldOf(() => recipientColumns(['Name', 'City'], {}))).toBe('/body');
    expect(fieldOf(() => recipientColumns([], {}))).toBe('/body');
    expect(fieldOf(() => recipientColumns(['Ref'], { mapping: { Ref: 'customerExternalId' } }))).toBe('/query/source');
    expect(fieldOf(() => recipientColumns(['Ref'], { mapping: { Ref: 'phone' } }))).toBe('/query/mapping/Ref');
    expect(fieldOf(() => recipientColumns(['Ref'], { mapping: { 'No/such': 'customerId' } }))).toBe('/query/mapping/No~1such');
  });

  it('reads each row’s keys in the order they are tried, and what is wrong with a value', () => {
    const table = readCsvText("Email,Member no,Name\nJIM@Example.com ,C-1,Jim\nnot-mail,,Bad\n,,Empty\n'=cmd@x.com,,Guarded\n");
    const { columns } = recipientColumns(table.headers, { source: 'pos' });
    const rows = table.rows.map((row) => rowOf(row, table.headers, columns, 'pos'));
    expect(rows[0]).toEqual({
      place: 2,
      keys: [
        { kind: 'externalId', source: 'pos', value: 'C-1', field: 'Member no' },
        { kind: 'email', value: 'jim@example.com', field: 'Email' },
      ],
      notes: [],
    });
    expect(rows[1]).toEqual({ place: 3, keys: [], notes: [{ field: 'Email', message: "Email 'not-mail' is not an email address." }] });
    expect(rows[2]).toEqual({ place: 4, keys: [], notes: [] });
    // The formula guard Rapport's own CSV writer adds is taken off again.
    expect(rows[3]!.keys).toEqual([{ kind: 'email', value: '=cmd@x.com', field: 'Email' }]);
  });

  it('turns API items into rows, refusing items that name no one or an id without its system', () => {
    expect(rowsOfItems([{ email: 'A@B.co' }, { source: ' POS ', externalId: '7', customerId: '0190a6c6-1111-7000-8000-000000000001' }])).toEqual([
      { place: 0, keys: [{ kind: 'email', value: 'a@b.co', field: 'email' }], notes: [] },
      {
        place: 1,
        keys: [
          { kind: 'customerId', value: '0190a6c6-1111-7000-8000-000000000001', field: 'customerId' },
          { kind: 'externalId', source: 'pos', value: '7', field: 'externalId' },
        ],
        notes: [],
      },
    ]);
    expect(fieldOf(() => rowsOfItems([{ email: 'a@b.co' }, {}]))).toBe('/body/customers/1');
    expect(fieldOf(() => rowsOfItems([{ externalId: '7' }]))).toBe('/body/customers/0/source');
    expect(fieldOf(() => rowsOfItems([{ source: 'pos' }]))).toBe('/body/customers/0/externalId');
  });
});

describe('placing a row on one customer', () => {
  const found: Lookups = {
    customerIds: new Set(['c-jim', 'c-ann']),
    emails: new Map([
      ['jim@x.com', ['c-jim']],
      ['family@x.com', ['c-pat', 'c-sam']],
    ]),
    externalIds: new Map([[externalKey('pos', '1'), 'c-ann']]),
  };
  const row = (keys: RecipientRow['keys'], notes: RecipientRow['notes'] = []): RecipientRow => ({ place: 7, keys, notes });

  it('takes the first key that names exactly one customer', () => {
    expect(placeRow(row([{ kind: 'customerId', value: 'c-none', field: 'id' }, { kind: 'email', value: 'jim@x.com', field: 'Email' }]), found)).toEqual({ customerId: 'c-jim' });
    expect(placeRow(row([{ kind: 'externalId', source: 'pos', value: '1', field: 'No' }, { kind: 'email', value: 'jim@x.com', field: 'Email' }]), found)).toEqual({ customerId: 'c-ann' });
    expect(placeRow(row([{ kind: 'email', value: 'family@x.com', field: 'Email' }, { kind: 'customerId', value: 'c-jim', field: 'id' }]), found)).toEqual({ customerId: 'c-jim' });
  });

  it('says why a row names no one, or several', () => {
    expect(placeRow(row([{ kind: 'email', value: 'family@x.com', field: 'Email' }]), found)).toEqual({
      problem: { field: 'Email', message: '2 customers have the email family@x.com: add a column with their customer id to say which one got it.' },
    });
    expect(placeRow(row([{ kind: 'customerId', value: 'c-none', field: 'id' }, { kind: 'externalId', source: 'pos', value: '9', field: 'No' }]), found)).toEqual({
      problem: { field: 'id', message: 'No customer has the id c-none or pos id 9.' },
    });
    expect(placeRow(row([], [{ field: 'Email', message: 'Bad.' }]), found)).toEqual({ problem: { field: 'Email', message: 'Bad.' } });
    expect(placeRow(row([]), found)).toEqual({ problem: { field: null, message: 'There is no customer id, email or id in another system here to find the customer by.' } });
  });

  it('logs each customer once however often a batch names them, and accounts for every row', () => {
    const customer = fc.constantFrom<string>('a', 'b', 'c', 'd', 'e');
    const placement: fc.Arbitrary<Placement> = fc.oneof(
      customer.map((customerId) => ({ customerId })),
      fc.constant({ problem: { field: null, message: 'No.' } }),
    );
    fc.assert(
      fc.property(fc.array(placement, { maxLength: 40 }), fc.uniqueArray(customer), (placements, received) => {
        const rows = placements.map((_, i) => ({ place: i + 2, keys: [], notes: [] }));
        const plan = planBatch(rows, placements, new Set(received));
        expect(new Set(plan.add).size).toBe(plan.add.length);
        expect(plan.add.some((c) => received.includes(c))).toBe(false);
        expect(plan.add.length + plan.already + plan.problems.length).toBe(placements.length);
        const named = new Set(placements.flatMap((p) => ('customerId' in p ? [p.customerId] : [])));
        expect(new Set([...plan.add, ...received.filter((c) => named.has(c))])).toEqual(named);
      }),
    );
  });
});
