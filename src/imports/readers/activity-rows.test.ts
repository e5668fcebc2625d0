import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { interactionColumns, transactionColumns } from './activity-columns.js';
import { readInteractionCsv, readTransactionCsv, streamTransactionCsv } from './csv-imports.js';

const fixture = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));
const shop = { phoneRegion: 'US', timeZone: 'America/Chicago' };
const pos = { ...shop, currency: 'USD' };

describe('a point-of-sale export', () => {
  const read = readTransactionCsv(fixture('pos-sales.csv'), pos);

  it('guesses the columns from their headers', () => {
    expect(read.mapping).toEqual({
      preset: 'generic',
      columns: [
        { field: 'reference' },
        { field: 'date' },
        { field: 'time' },
        { field: 'customerExternalId' },
        null,
        { field: 'customerEmail' },
        { field: 'customerPhone' },
        { field: 'itemDescription' },
        { field: 'itemSku' },
        { field: 'itemQuantity' },
        { field: 'itemPrice' },
        { field: 'amount' },
        null,
      ],
      unmapped: ['Customer Name', 'Payment Type'],
    });
  });

  it('reads each sale: the customer key, local time to UTC, "$1,249.00", the item', () => {
    expect(read.items[0]).toEqual({
      line: 2,
      problems: [],
      record: {
        line: 2,
        sourceRecordId: null,
        key: { externalId: 'C-1001', email: null, phone: '+13125550142' },
        kind: 'purchase',
        occurredAt: '2024-03-02T20:35:00.000Z',
        amountMinor: 124900,
        currency: 'USD',
        reference: 'R-10231',
        items: [{ description: 'Gravel bike Trail 3', sku: 'BK-TR3-54', quantity: 1, unitPriceMinor: 124900 }],
      },
    });
    expect(read.items[1]!.record).toMatchObject({ key: { externalId: null, email: 'maria.garcia@example.net', phone: null }, amountMinor: 8900, items: [{ quantity: 2, unitPriceMinor: 4450 }] });
  });

  it('reads a negative sale as a refund of that amount', () => {
    expect(read.items[4]!.record).toMatchObject({ kind: 'refund', amountMinor: 999, occurredAt: '2024-03-16T16:20:00.000Z', reference: 'R-10251' });
  });

  it('gives the same items streamed', async () => {
    const streamed = await streamTransactionCsv(fixture('pos-sales.csv'), pos);
    const items = [];
    for await (const item of streamed.items) items.push(item);
    expect(items).toEqual(read.items);
  });
});

describe('bad point-of-sale rows', () => {
  const text = [
    'Date;Customer Email;Total;Currency;Type;Receipt',
    '14.03.2024;anna@example.de;1.234,50;EUR;Verkauf;B-1',
    '31.02.2024;anna@example.de;12,00;EUR;Verkauf;B-2',
    '15.03.2024;anna@example.de;zwölf;EUR;Verkauf;B-3',
    '15.03.2024;;12,00;EUR;Verkauf;B-4',
    '15.03.2024;anna@example.de;12,00;EUR;Tausch;B-5',
    '15.03.2024;anna@example.de;0,00;EUR;Verkauf;B-6',
    '16.03.2024;anna@example.de;-5,00;EUR;Rechnung;B-7',
  ].join('\r\n');
  const read = readTransactionCsv(text, { phoneRegion: 'DE', timeZone: 'Europe/Berlin', currency: 'USD', dateOrder: 'day-first' });

  it('reads the good row in German formats', () => {
    expect(read.items[0]!.record).toEqual({
      line: 2,
      sourceRecordId: null,
      key: { externalId: null, email: 'anna@example.de', phone: null },
      kind: 'purchase',
      occurredAt: '2024-03-14T11:00:00.000Z',
      amountMinor: 123450,
      currency: 'EUR',
      reference: 'B-1',
      items: [],
    });
  });

  it('hands back every bad row, without a record, with its line, column and a sentence', () => {
    expect(read.items.slice(1, 6)).toEqual([
      { line: 3, record: null, problems: [{ line: 3, field: 'Date', message: "Date '31.02.2024' is not a date." }] },
      { line: 4, record: null, problems: [{ line: 4, field: 'Total', message: "Amount 'zwölf' is not an amount of money." }] },
      { line: 5, record: null, problems: [{ line: 5, field: null, message: 'There is no customer id, email or phone number here to find the customer by.' }] },
      {
        line: 6,
        record: null,
        problems: [{ line: 6, field: 'Type', message: "Type 'Tausch' is not a kind of transaction Rapport knows (purchase, refund, return, invoice, payment, credit)." }],
      },
      { line: 7, record: null, problems: [{ line: 7, field: 'Total', message: "Amount '0,00' is zero; a transaction moves some money." }] },
    ]);
  });

  it('reads a negative invoice as a credit note', () => {
    expect(read.items[6]!.record).toMatchObject({ kind: 'credit', amountMinor: 500, currency: 'EUR' });
  });

  it('takes an explicit mapping and checks it', () => {
    const mapping = { Date: 'date', 'Customer Email': 'customerEmail', Total: 'amount', Receipt: 'reference' };
    expect(transactionColumns(text.split('\r\n')[0]!.split(';'), mapping).unmapped).toEqual(['Currency', 'Type']);
    expect(() => transactionColumns(['Date', 'Total'], { Total: 'amout' })).toThrow(/Column "Total" is mapped to "amout", which is not a transaction field/);
  });

  it('reads items with prices, and reports an item price in another currency', () => {
    const items = readTransactionCsv('Date,Phone,Product,Qty,Price\n2024-03-14,312-555-0142,Chain lube,2,€6.50\n2024-03-14,312-555-0142,Tube,1.5,4.00\n', pos).items;
    expect(items[0]).toEqual({
      line: 2,
      record: null,
      problems: [
        { line: 2, field: 'Price', message: "Price '€6.50' is in EUR, not USD, so the item was left out." },
        { line: 2, field: null, message: 'There is no amount here, and no item with a price to add up.' },
      ],
    });
    expect(items[1]!.record).toMatchObject({ amountMinor: null, items: [{ description: 'Tube', sku: null, quantity: 1.5, unitPriceMinor: 400 }] });
  });
});

describe('contact logs', () => {
  it('reads a newsletter list: one newsletter sent to each address, opened and clicked as the outcome', () => {
    const read = readInteractionCsv(fixture('newsletter-list.csv'), { ...shop, channel: 'newsletter' });
    expect(read.mapping.unmapped).toEqual(['First Name', 'Last Name']);
    expect(read.items.map((i) => i.problems)).toEqual([[], [], [], [], [], []]);
    expect(read.items[0]!.record).toEqual({
      line: 2,
      sourceRecordId: null,
      key: { externalId: null, email: 'robert.smith@example.com', phone: null },
      channel: 'newsletter',
      direction: 'outbound',
      occurredAt: '2024-03-01T14:00:00.000Z',
      summary: 'Spring Service Week',
      outcome: 'Opened; Clicked',
    });
    expect(read.items.map((i) => i.record!.outcome)).toEqual(['Opened; Clicked', 'Opened', null, 'Opened', null, 'Opened']);
    // After the change to summer time, 08:00 in Chicago is 13:00 UTC.
    expect(read.items[5]!.record).toMatchObject({ occurredAt: '2024-04-05T13:00:00.000Z', summary: 'Gravel Season Preview' });
  });

  it('reads a service desk export as inbound service calls when told to, ticket numbers as ids', () => {
    const read = readInteractionCsv(fixture('service-desk.csv'), { ...shop, channel: 'service_call', mapping: serviceDeskMapping });
    expect(read.items.map((i) => i.problems)).toEqual([[], [], [], []]);
    expect(read.items.map((i) => i.record)).toEqual([
      {
        line: 2,
        sourceRecordId: 'SD-2041',
        key: { externalId: null, email: null, phone: '+13125550142' },
        channel: 'service_call',
        direction: 'inbound',
        occurredAt: '2024-03-04T15:12:00.000Z',
        summary: 'Rear derailleur skips under load',
        outcome: 'Closed; Replaced cable and adjusted limit screws',
      },
      expect.objectContaining({ sourceRecordId: 'SD-2047', key: { externalId: null, email: null, phone: '+17735550161' }, summary: 'Flat tyre again — wants tougher tyres' }),
      expect.objectContaining({ sourceRecordId: 'SD-2052', key: { externalId: null, email: 'jose.muller@example.com', phone: null }, summary: 'Quote for a "gravel" conversion', outcome: 'Open' }),
      expect.objectContaining({ sourceRecordId: 'SD-2058', key: { externalId: null, email: 'priya.patel@example.org', phone: '+17735550188' } }),
    ]);
  });

  it('reads the channel column when there is one, and reports values it does not know', () => {
    const text = 'When,Email,Via,Direction,Subject\n2024-03-04 09:12,ann@example.com,Phone,in,Asked about hours\n2024-03-05,ann@example.com,Fax,sideways,\n';
    const items = readInteractionCsv(text, shop).items;
    expect(items[0]!.record).toMatchObject({ channel: 'call', direction: 'inbound', summary: 'Asked about hours' });
    expect(items[1]).toEqual({
      line: 3,
      record: expect.objectContaining({ channel: 'other', direction: 'outbound', summary: 'Contact' }),
      problems: [
        { line: 3, field: 'Via', message: "Channel 'Fax' is not one Rapport knows, so it was read as contact." },
        { line: 3, field: 'Direction', message: "Direction 'sideways' is neither inbound nor outbound, so it was read as outbound." },
      ],
    });
  });

  it('guesses interaction columns from header words', () => {
    expect(interactionColumns(['Ticket ID', 'Created', 'Customer No', 'Phone', 'Channel', 'Subject', 'Resolution']).columns.map((c) => c?.field ?? null)).toEqual([
      'sourceRecordId',
      'date',
      'customerExternalId',
      'customerPhone',
      'channel',
      'summary',
      'outcome',
    ]);
  });
});

/** The service desk's Channel column says how the ticket came in; the import reads every ticket as a service call. */
const serviceDeskMapping = {
  'Ticket ID': 'sourceRecordId',
  Created: 'date',
  Phone: 'customerPhone',
  Email: 'customerEmail',
  Subject: 'summary',
  Status: 'outcome',
  Resolution: 'outcome',
};
