import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { interactionColumns, transactionColumns } from './activity-columns.js';
import { streamTransactionsFromRows, transactionFromRow, transactionsFromRows, type TransactionRowOptions } from './activity-rows.js';
import { readInteractionCsv, readTransactionCsv, streamTransactionCsv } from './csv-imports.js';
import { openCsvText, readCsvText } from './csv-text.js';

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

/** A transactions file read the way the import reads it, an order's line items joined into the order. */
function readOrders(input: string | Uint8Array, options: TransactionRowOptions) {
  const { rows, headers } = readCsvText(input, {});
  const mapping = transactionColumns(headers);
  return { mapping, items: [...transactionsFromRows(rows, headers, mapping.columns, options)] };
}

describe("Shopify's orders export (a line item a row, the order's totals on its first)", () => {
  const text = fixture('shopify-orders.csv').toString('utf8');
  // No currency given: the file's Currency column says it.
  const read = readOrders(text, shop);

  it("reads the order's number, its paid-at time, total, currency, customer and line items; leaves the rest out, listed", () => {
    const headers = text.split('\n')[0]!.split(',');
    const used = Object.fromEntries(headers.flatMap((h, i) => (read.mapping.columns[i] ? [[h, read.mapping.columns[i]]] : [])));
    expect(used).toEqual({
      Name: { field: 'reference' },
      Email: { field: 'customerEmail' },
      'Paid at': { field: 'date' },
      Currency: { field: 'currency' },
      Total: { field: 'amount' },
      'Created at': { field: 'date', slot: 2 },
      'Lineitem quantity': { field: 'itemQuantity' },
      'Lineitem name': { field: 'itemDescription' },
      'Lineitem price': { field: 'itemPrice' },
      'Lineitem sku': { field: 'itemSku' },
      'Billing Phone': { field: 'customerPhone' },
      'Shipping Phone': { field: 'customerPhone' },
      Id: { field: 'sourceRecordId' },
      Phone: { field: 'customerPhone' },
    });
    expect(read.mapping.unmapped).toEqual([
      'Financial Status',
      'Fulfillment Status',
      'Fulfilled at',
      'Accepts Marketing',
      'Subtotal',
      'Shipping',
      'Taxes',
      'Discount Code',
      'Discount Amount',
      'Shipping Method',
      'Lineitem compare at price',
      'Lineitem requires shipping',
      'Lineitem taxable',
      'Lineitem fulfillment status',
      'Billing Name',
      'Shipping Name',
      'Notes',
      'Cancelled at',
      'Payment Method',
      'Payment Reference',
      'Refunded Amount',
      'Vendor',
      'Tags',
      'Risk Level',
      'Source',
      'Receipt Number',
      'Payment ID',
    ]);
  });

  it('makes one purchase of each order, its second line-item row an item of the first, field by field', () => {
    expect(read.items).toEqual([
      {
        line: 2,
        problems: [],
        record: {
          line: 2,
          sourceRecordId: '5551234567890',
          // The phone is Shopify's text-marked '+12175550123.
          key: { externalId: null, email: 'sean.obrien@example.com', phone: '+12175550123' },
          kind: 'purchase',
          // 10:15:33 at -06:00.
          occurredAt: '2024-03-02T16:15:33.000Z',
          amountMinor: 5360,
          currency: 'USD',
          reference: '#1001',
          items: [
            { description: 'Tile grout 5kg', sku: 'GR-5', quantity: 2, unitPriceMinor: 1500 },
            { description: 'Trowel, notched 6mm', sku: 'TR-6', quantity: 1, unitPriceMinor: 1500 },
          ],
        },
      },
      {
        line: 4,
        problems: [],
        record: {
          line: 4,
          sourceRecordId: '5551234567891',
          key: { externalId: null, email: 'linda.smith@example.com', phone: null },
          kind: 'purchase',
          occurredAt: '2024-03-05T20:00:00.000Z',
          amountMinor: 129600,
          currency: 'USD',
          reference: '#1002',
          items: [{ description: 'Bathroom vanity', sku: 'VAN-1', quantity: 1, unitPriceMinor: 120000 }],
        },
      },
      {
        line: 5,
        problems: [],
        record: {
          line: 5,
          sourceRecordId: '5551234567892',
          // No email and no billing phone: the order's Phone.
          key: { externalId: null, email: null, phone: '+16175550177' },
          kind: 'purchase',
          occurredAt: '2024-03-07T15:00:00.000Z',
          amountMinor: 1079,
          currency: 'USD',
          reference: '#1003',
          items: [{ description: 'Sponge', sku: 'SP-1', quantity: 1, unitPriceMinor: 999 }],
        },
      },
    ]);
  });

  it('would make the second line-item row a purchase of its own, read alone (transactionFromRow): what joining the rows prevents', () => {
    const { rows, headers } = readCsvText(text, {});
    expect(transactionFromRow(rows[1]!, headers, read.mapping.columns, pos).record).toMatchObject({ reference: '#1001', amountMinor: null, items: [{ description: 'Trowel, notched 6mm' }] });
    expect(read.items.map((i) => i.record!.reference)).toEqual(['#1001', '#1002', '#1003']);
  });

  it('gives the same orders streamed, each handed on once its last line is read', async () => {
    const { rows, headers } = await openCsvText(fixture('shopify-orders.csv'));
    const items = [];
    for await (const item of streamTransactionsFromRows(rows, headers, read.mapping.columns, shop)) items.push(item);
    expect(items).toEqual(read.items);
  });

  /** The fixture with some cells of a row changed. */
  const edited = (line: number, cells: Record<string, string>) => {
    const lines = text.split('\n');
    const headers = lines[0]!.split(',');
    const { rows } = readCsvText(text, {});
    const row = [...rows[line - 2]!.cells];
    for (const [header, value] of Object.entries(cells)) row[headers.indexOf(header)] = value;
    lines[line - 1] = row.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
    return lines.join('\n');
  };

  it('takes the time it was created when it is not paid yet', () => {
    const items = readOrders(edited(5, { 'Paid at': '', 'Financial Status': 'pending' }), shop).items;
    expect(items[2]!.record).toMatchObject({ reference: '#1003', occurredAt: '2024-03-07T15:00:00.000Z' });
    const later = readOrders(edited(5, { 'Paid at': '', 'Created at': '2024-03-08 18:30:00 -0500' }), shop).items;
    expect(later[2]!.record!.occurredAt).toBe('2024-03-08T23:30:00.000Z');
  });

  it("reports a line item's own problem on its line, and keeps the order with its other items", () => {
    const items = readOrders(edited(3, { 'Lineitem quantity': 'two' }), shop).items;
    expect(items).toHaveLength(3);
    expect(items[0]).toMatchObject({
      line: 2,
      problems: [{ line: 3, field: 'Lineitem quantity', message: "Quantity 'two' is not a quantity, so the item was left out." }],
      record: { amountMinor: 5360, items: [{ description: 'Tile grout 5kg' }] },
    });
  });

  it('keeps the currency given for a file without a currency column, and says when neither says it', () => {
    const noCurrency = text
      .split('\n')
      .map((l) => l.split(',').filter((_, i) => i !== 7).join(','))
      .join('\n');
    expect(readOrders(noCurrency.split('\n').slice(0, 3).join('\n'), { ...shop, currency: 'CAD' }).items[0]!.record).toMatchObject({ currency: 'CAD', amountMinor: 5360 });
    expect(readOrders(noCurrency.split('\n').slice(0, 3).join('\n'), shop).items).toEqual([
      {
        line: 2,
        record: null,
        problems: [{ line: 2, field: 'Total', message: "Amount '53.60' names no currency, and the file has no currency column (give the import the currency of its amounts, e.g. USD)." }],
      },
    ]);
  });

  it("prefers the file's currency column to the currency given", () => {
    expect(readOrders(text, { ...shop, currency: 'EUR' }).items.map((i) => i.record!.currency)).toEqual(['USD', 'USD', 'USD']);
  });
});

describe('rows of one order elsewhere', () => {
  it('joins only rows with the same order number and no amount of their own; a till writing a total on each row makes a sale of each', () => {
    const till = 'Receipt,Date,Email,Item,Price,Total\nR-1,2024-03-02,ann@example.com,Tube,4.00,4.00\nR-1,2024-03-02,ann@example.com,Lube,6.50,6.50\nR-2,2024-03-03,ann@example.com,Bell,9.00,9.00\n';
    const items = readOrders(till, pos).items;
    expect(items.map((i) => [i.line, i.record?.amountMinor, i.record?.items.length])).toEqual([
      [2, 400, 1],
      [3, 650, 1],
      [4, 900, 1],
    ]);
  });

  it('does not join a row naming another customer, and adds up an order without a total from its items', () => {
    const web = 'Order,Date,Email,Item,Qty,Price\nW-1,2024-03-02,ann@example.com,Tube,2,4.00\nW-1,,,Lube,1,6.50\nW-1,2024-03-02,bob@example.com,Bell,1,9.00\n';
    const items = readOrders(web, pos).items;
    expect(items.map((i) => [i.line, i.record?.key.email, i.record?.amountMinor, i.record?.items.map((x) => x.description)])).toEqual([
      [2, 'ann@example.com', null, ['Tube', 'Lube']],
      [4, 'bob@example.com', null, ['Bell']],
    ]);
  });

  it('hands a row that names no order on at once', () => {
    expect(readOrders(fixture('pos-sales.csv'), pos).items).toEqual(readTransactionCsv(fixture('pos-sales.csv'), pos).items);
    const plain = 'Date,Email,Total\n2024-03-02,ann@example.com,4.00\n2024-03-02,ann@example.com,4.00\n';
    expect(readOrders(plain, pos).items.map((i) => i.record?.amountMinor)).toEqual([400, 400]);
  });
});

describe("Zendesk's tickets export", () => {
  const read = readInteractionCsv(fixture('zendesk-tickets.csv'), shop);

  it("reads the ticket's id, requester, subject, status, channel and creation time; lists every other column as not imported", () => {
    const used = Object.fromEntries(read.file.headers.flatMap((h, i) => (read.mapping.columns[i] ? [[h, read.mapping.columns[i]!.field]] : [])));
    expect(used).toEqual({
      Id: 'sourceRecordId',
      'Requester id': 'customerExternalId',
      'Requester email': 'customerEmail',
      Subject: 'summary',
      Status: 'outcome',
      Via: 'channel',
      'Created at': 'date',
    });
    expect(read.mapping.unmapped).toEqual([
      'Requester',
      'Requester external id',
      'Requester domain',
      'Submitter',
      'Assignee',
      'Group',
      'Tags',
      'Priority',
      'Ticket type',
      'Updated at',
      'Assigned at',
      'Organization',
      'Due date',
      'Solved at',
      'Resolution time',
      'Satisfaction Score',
      'Reopens',
      'Replies',
      'First reply time in minutes',
    ]);
  });

  it('makes each ticket a contact from the requester, field by field', () => {
    expect(read.items).toEqual([
      {
        line: 2,
        problems: [],
        record: {
          line: 2,
          sourceRecordId: '1201',
          key: { externalId: '36122334455', email: 'sean.obrien@example.com', phone: null },
          // An email the requester sent: inbound.
          channel: 'email',
          direction: 'inbound',
          // 10:15 in Chicago (CST, -06:00).
          occurredAt: '2024-03-01T16:15:00.000Z',
          summary: 'Grout colour for grey tiles, which one?',
          outcome: 'solved',
        },
      },
      {
        line: 3,
        problems: [],
        record: {
          line: 3,
          sourceRecordId: '1202',
          key: { externalId: '36122334456', email: 'linda.smith@example.com', phone: null },
          channel: 'call',
          direction: 'inbound',
          occurredAt: '2024-03-06T22:40:00.000Z',
          summary: 'Vanity arrived damaged\nphotos attached',
          outcome: 'open',
        },
      },
      {
        // The subject of 1202 spans two lines of the file.
        line: 5,
        problems: [],
        record: {
          line: 5,
          sourceRecordId: '1203',
          key: { externalId: '36122334457', email: 'kofi.mensah@example.com', phone: null },
          channel: 'web_form',
          direction: 'inbound',
          occurredAt: '2024-03-07T14:05:00.000Z',
          summary: 'Opening hours on holidays?',
          outcome: 'closed',
        },
      },
      {
        line: 6,
        problems: [],
        record: {
          line: 6,
          sourceRecordId: '1204',
          // No email: the requester's id in Zendesk, an id in that system.
          key: { externalId: '36122334458', email: null, phone: null },
          channel: 'call',
          direction: 'inbound',
          occurredAt: '2024-03-08T17:00:00.000Z',
          summary: 'Asked about delivery',
          outcome: 'solved',
        },
      },
    ]);
  });

  it("reads Zendesk's other ways in, with the direction they say over the one given", () => {
    const text = 'Id,Requester email,Via,Subject,Description,Created at\n1,a@example.com,Phone call (outgoing),Called back,,2024-03-01 10:00\n2,a@example.com,Chat,Hours,Asked on the site,2024-03-01 11:00\n3,a@example.com,Web form,Refund,,2024-03-01 12:00\n4,a@example.com,Web service (API),Order sync,,2024-03-01 13:00\n5,a@example.com,Carrier pigeon,Hi,,2024-03-01 14:00\n';
    const items = readInteractionCsv(text, { ...shop, direction: 'inbound' }).items;
    expect(items.map((i) => [i.record!.channel, i.record!.direction, i.record!.summary])).toEqual([
      ['call', 'outbound', 'Called back'],
      ['chat', 'inbound', 'Hours — Asked on the site'],
      ['web_form', 'inbound', 'Refund'],
      ['other', 'inbound', 'Order sync'],
      ['other', 'inbound', 'Hi'],
    ]);
    expect(items[4]!.problems).toEqual([{ line: 6, field: 'Via', message: "Channel 'Carrier pigeon' is not one Rapport knows, so it was read as contact." }]);
  });

  it('reads an email to a customer named only as "Email" as sent by the shop, as before', () => {
    const items = readInteractionCsv('Date,Email,Channel\n2024-03-01,a@example.com,Email\n', shop).items;
    expect(items[0]!.record).toMatchObject({ channel: 'email', direction: 'outbound' });
  });

  it('does not add a time column to a date that has its own time', () => {
    const items = readInteractionCsv('Created at,Time,Email\n2024-03-01 10:15,09:00,a@example.com\n2024-03-02,09:00,a@example.com\n', shop).items;
    expect(items.map((i) => i.record!.occurredAt)).toEqual(['2024-03-01T16:15:00.000Z', '2024-03-02T15:00:00.000Z']);
  });
});
