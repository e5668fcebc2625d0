import { describe, expect, it } from 'vitest';
import { interactionColumns, transactionColumns } from './activity-columns.js';
import type { Columns } from './column-targets.js';

/** The guessed columns by header: a field, a field and its slot ("date 2": the date's first stand-in), or null. */
function byHeader(headers: readonly string[], columns: Columns): Record<string, string | null> {
  return Object.fromEntries(headers.map((h, i) => [h, columns[i] ? `${columns[i].field}${columns[i].slot ? ` ${columns[i].slot}` : ''}` : null]));
}
const transactions = (headers: string[]) => byHeader(headers, transactionColumns(headers).columns);
const interactions = (headers: string[]) => byHeader(headers, interactionColumns(headers).columns);

describe('durations and counts', () => {
  it('are never the time, the date or the amount, whatever else their headers say', () => {
    const headers = ['Date', 'Resolution time', 'First reply time in minutes', 'Handle time', 'Call duration', 'Total time', 'Hours', 'Days to ship', 'Total orders', 'Replies', 'Number of items', 'Satisfaction score', 'Total'];
    expect(transactions(headers)).toEqual({
      Date: 'date',
      'Resolution time': null,
      'First reply time in minutes': null,
      'Handle time': null,
      'Call duration': null,
      'Total time': null,
      Hours: null,
      'Days to ship': null,
      'Total orders': null,
      Replies: null,
      'Number of items': null,
      'Satisfaction score': null,
      Total: 'amount',
    });
    expect(interactions(['Created', 'Time', 'Talk time', 'Wait time in seconds', 'Reopens', 'Resolution'])).toEqual({
      Created: 'date',
      Time: 'time',
      'Talk time': null,
      'Wait time in seconds': null,
      Reopens: null,
      Resolution: 'outcome',
    });
  });

  it('are listed as not imported', () => {
    expect(interactionColumns(['Created at', 'Email', 'Resolution time', 'Replies']).unmapped).toEqual(['Resolution time', 'Replies']);
  });

  it('leave a "Time zone" column out rather than read it as the time of day', () => {
    expect(interactions(['Date', 'Time zone', 'Email'])).toEqual({ Date: 'date', 'Time zone': null, Email: 'customerEmail' });
  });
});

describe('the time of the purchase or contact', () => {
  it('is the date of the event, not of something that happened to it later', () => {
    expect(interactions(['Due date', 'Updated at', 'Solved at', 'Created at', 'Assigned at', 'Email'])).toEqual({
      'Due date': null,
      'Updated at': null,
      'Solved at': null,
      'Created at': 'date',
      'Assigned at': null,
      Email: 'customerEmail',
    });
    expect(transactions(['Invoice date', 'Due date', 'Amount', 'Email'])).toEqual({ 'Invoice date': 'date', 'Due date': null, Amount: 'amount', Email: 'customerEmail' });
    expect(transactions(['Fulfilled at', 'Order date', 'Cancelled at', 'Total', 'Email'])).toMatchObject({ 'Fulfilled at': null, 'Order date': 'date', 'Cancelled at': null });
  });

  it('takes when it was paid first, when it was created where that is empty (a stand-in, slot 2), whichever comes first in the file', () => {
    expect(transactions(['Created at', 'Paid at', 'Total', 'Email'])).toMatchObject({ 'Created at': 'date 2', 'Paid at': 'date' });
    expect(transactionColumns(['Created at', 'Paid at', 'Total', 'Email']).unmapped).toEqual([]);
  });

  it('is the date of something else only when the file has no better one', () => {
    expect(interactions(['Updated at', 'Email', 'Subject'])).toEqual({ 'Updated at': 'date', Email: 'customerEmail', Subject: 'summary' });
    expect(interactions(['Solved at', 'Updated at', 'Email'])).toEqual({ 'Solved at': 'date', 'Updated at': null, Email: 'customerEmail' });
  });

  it('reads "Paid at" and "Erstellt am" as dates, and "Paid" or "Amount received" as money', () => {
    expect(transactions(['Paid at', 'Paid', 'Email'])).toEqual({ 'Paid at': 'date', Paid: 'amount', Email: 'customerEmail' });
    expect(transactions(['Erstellt am', 'Amount received', 'Email'])).toEqual({ 'Erstellt am': 'date', 'Amount received': 'amount', Email: 'customerEmail' });
  });
});

describe('the amount', () => {
  it('is the total, not the subtotal, shipping, taxes, discount or a refund', () => {
    const headers = ['Date', 'Email', 'Subtotal', 'Shipping', 'Taxes', 'Discount Amount', 'Total', 'Refunded Amount', 'Tip', 'Amount due'];
    expect(transactions(headers)).toMatchObject({
      Subtotal: null,
      Shipping: null,
      Taxes: null,
      'Discount Amount': null,
      Total: 'amount',
      'Refunded Amount': null,
      Tip: null,
      'Amount due': null,
    });
  });

  it('is the subtotal, or what is due, when there is no total', () => {
    expect(transactions(['Date', 'Email', 'Shipping', 'Subtotal'])).toMatchObject({ Shipping: null, Subtotal: 'amount' });
    expect(transactions(['Date', 'Email', 'Amount due'])).toMatchObject({ 'Amount due': 'amount' });
  });

  it('prefers the total of the sale to the total of a line', () => {
    expect(transactions(['Date', 'Email', 'Item', 'Line total', 'Receipt total'])).toMatchObject({ 'Line total': null, 'Receipt total': 'amount', Item: 'itemDescription' });
  });

  it('leaves a price that is not what the item sold for out', () => {
    expect(transactions(['Date', 'Email', 'Product', 'Compare at price', 'Price', 'Total'])).toMatchObject({ 'Compare at price': null, Price: 'itemPrice', Total: 'amount', Product: 'itemDescription' });
  });
});

describe('ids and references', () => {
  it("takes the record's own id, not the payment's, an item's or another system's", () => {
    expect(transactions(['Payment ID', 'Transaction ID', 'Lineitem id', 'Date', 'Total', 'Email'])).toMatchObject({ 'Payment ID': null, 'Transaction ID': 'sourceRecordId', 'Lineitem id': null });
    expect(interactions(['Id', 'Requester id', 'Requester external id', 'Assignee id', 'Created at'])).toEqual({
      Id: 'sourceRecordId',
      'Requester id': 'customerExternalId',
      'Requester external id': null,
      'Assignee id': null,
      'Created at': 'date',
    });
  });

  it("takes the order's number as the reference, not a payment's reference or the order's status", () => {
    expect(transactions(['Order number', 'Payment Reference', 'Order status', 'Date', 'Total', 'Email'])).toMatchObject({ 'Order number': 'reference', 'Payment Reference': null, 'Order status': null });
  });

  it("reads a bare Name as the order's number only in a Shopify order export (with Lineitem columns)", () => {
    expect(transactions(['Name', 'Email', 'Total', 'Created at', 'Lineitem name'])).toMatchObject({ Name: 'reference', 'Lineitem name': 'itemDescription' });
    expect(transactions(['Name', 'Email', 'Total', 'Date', 'Item'])).toMatchObject({ Name: null, Item: 'itemDescription' });
  });

  it("names the customer by their address, not the staff member's", () => {
    expect(interactions(['Requester email', 'Assignee email', 'Agent phone', 'Email Marketing Consent', 'Created at'])).toEqual({
      'Requester email': 'customerEmail',
      'Assignee email': null,
      'Agent phone': null,
      'Email Marketing Consent': null,
      'Created at': 'date',
    });
  });
});

describe('the rest of a contact or an item', () => {
  it('reads "Via" and "Contact type" as the channel, not "Ticket type"', () => {
    expect(interactions(['Via', 'Ticket type', 'Created at'])).toEqual({ Via: 'channel', 'Ticket type': null, 'Created at': 'date' });
    expect(interactions(['Contact type', 'Date'])).toEqual({ 'Contact type': 'channel', Date: 'date' });
  });

  it("reads a line item's name, not what is said of it, and a payment's or a product's type is no kind of transaction", () => {
    expect(transactions(['Lineitem name', 'Lineitem taxable', 'Lineitem requires shipping', 'Lineitem quantity', 'Lineitem sku', 'Date', 'Total', 'Email', 'Payment Type', 'Product Type', 'Type'])).toEqual({
      'Lineitem name': 'itemDescription',
      'Lineitem taxable': null,
      'Lineitem requires shipping': null,
      'Lineitem quantity': 'itemQuantity',
      'Lineitem sku': 'itemSku',
      Date: 'date',
      Total: 'amount',
      Email: 'customerEmail',
      'Payment Type': null,
      'Product Type': null,
      Type: 'kind',
    });
  });

  it('takes the first of two columns for a field that takes one value, and lists the other as not imported', () => {
    const read = transactionColumns(['Date', 'Email', 'Total', 'Grand total', 'Currency', 'Währung']);
    expect(byHeader(['Date', 'Email', 'Total', 'Grand total', 'Currency', 'Währung'], read.columns)).toMatchObject({ Total: 'amount', 'Grand total': null, Currency: 'currency', Währung: null });
    expect(read.unmapped).toEqual(['Grand total', 'Währung']);
  });

  it('keeps every column of the customer, the summary and the outcome', () => {
    expect(interactions(['Created', 'Billing phone', 'Phone', 'Subject', 'Description', 'Status', 'Resolution'])).toEqual({
      Created: 'date',
      'Billing phone': 'customerPhone',
      Phone: 'customerPhone',
      Subject: 'summary',
      Description: 'summary',
      Status: 'outcome',
      Resolution: 'outcome',
    });
  });
});
