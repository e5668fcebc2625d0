import { loadCustomer } from '../customers/customer-store.js';
import type { Db } from '../platform/database/connect.js';
import { withBooleanFlags } from '../platform/database/schema.js';
import { csvCells, csvHeader, type CustomerCsvLayout } from './customer-csv.js';
import { csvLine, utf8Bom } from './csv-writing.js';
import { customerToVcard } from './customer-vcard.js';

/**
 * Customers written out for a spreadsheet, a phone or another Rapport: CSV (the header the generic
 * import preset reads back), vCard 4.0, or JSON lines in the shape of `rapport export` (the customer,
 * then their emails, phones, addresses and ids in other systems). One customer or all of them, a page
 * at a time, so memory stays flat however many there are. Erased customers are left out.
 */

export type ExportFormat = 'csv' | 'vcard' | 'jsonl';
export const exportFormats: readonly ExportFormat[] = ['csv', 'vcard', 'jsonl'];

export const exportTypes: Record<ExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  vcard: { contentType: 'text/vcard; charset=utf-8', extension: 'vcf' },
  jsonl: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl' },
};

const page = 500;

/** The CSV columns every exported customer fits in: the most emails, phones and addresses any has, every system. */
async function layoutOf(db: Db, ids: readonly string[] | null): Promise<CustomerCsvLayout> {
  const most = async (table: 'emails' | 'phones' | 'addresses') => {
    const rows = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .$if(ids !== null, (q) => q.where('customerId', 'in', ids!))
      .groupBy('customerId')
      .execute();
    return Math.max(1, ...rows.map((r) => Number(r.n)));
  };
  const sources = await db.selectFrom('externalIds').select('source').distinct().$if(ids !== null, (q) => q.where('customerId', 'in', ids!)).orderBy('source').execute();
  return { emails: await most('emails'), phones: await most('phones'), addresses: await most('addresses'), externalSources: sources.map((s) => s.source) };
}

/** One customer's lines in the shape of `rapport export`. */
async function customerLines(db: Db, id: string): Promise<string> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return '';
  const line = (type: string, data: object) => `${JSON.stringify({ type, data })}\n`;
  const [emails, phones, addresses, externalIds] = await Promise.all([
    db.selectFrom('emails').selectAll().where('customerId', '=', id).orderBy('createdAt').execute(),
    db.selectFrom('phones').selectAll().where('customerId', '=', id).orderBy('createdAt').execute(),
    db.selectFrom('addresses').selectAll().where('customerId', '=', id).orderBy('createdAt').execute(),
    db.selectFrom('externalIds').selectAll().where('customerId', '=', id).orderBy('source').execute(),
  ]);
  return [
    line('customer', row),
    ...emails.map((e) => line('email', withBooleanFlags(e))),
    ...phones.map((p) => line('phone', withBooleanFlags(p))),
    ...addresses.map((a) => line('address', withBooleanFlags(a))),
    ...externalIds.map((x) => line('externalId', x)),
  ].join('');
}

/**
 * Writes customers (`ids`, or every live one when null) in a format, chunk by chunk. Returns how
 * many were written.
 */
export async function writeCustomers(db: Db, format: ExportFormat, ids: readonly string[] | null, write: (chunk: string) => Promise<void> | void): Promise<number> {
  const layout = format === 'csv' ? await layoutOf(db, ids) : null;
  if (layout) await write(utf8Bom + csvLine(csvHeader(layout)));
  let count = 0;
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('customers')
      .select('id')
      .where('erasedAt', 'is', null)
      .where('id', '>', after)
      .$if(ids !== null, (q) => q.where('id', 'in', ids!.length ? ids! : ['']))
      .orderBy('id')
      .limit(page)
      .execute();
    if (rows.length === 0) return count;
    let chunk = '';
    for (const { id } of rows) {
      if (format === 'jsonl') chunk += await customerLines(db, id);
      else {
        const customer = await loadCustomer(db, id);
        if (!customer) continue;
        chunk += layout ? csvLine(csvCells(customer, layout)) : customerToVcard(customer);
      }
      count += 1;
    }
    await write(chunk);
    after = rows.at(-1)!.id;
  }
}
