import { loadCustomer, loadRelationships } from '../customers/customer-store.js';
import type { ActorOrSystem } from '../platform/auth/actor.js';
import { visibleRows } from '../platform/auth/private-facts-sql.js';
import type { Db } from '../platform/database/connect.js';
import { withBooleanFlags, type Row } from '../platform/database/schema.js';
import { csvCells, csvHeader, type CustomerCsvLayout } from './customer-csv.js';
import { csvLine, utf8Bom } from './csv-writing.js';
import { customerToVcard } from './customer-vcard.js';
import { employerLinks } from './exported-customer.js';

/**
 * Customers written out for a spreadsheet, a phone or another Rapport: CSV (the header the generic
 * import preset reads back), vCard 4.0, or JSON lines in the shape of `rapport export` (the customer,
 * then their emails, phones, addresses, ids in other systems, links to their employers and notes).
 * One customer or all of them, a page at a time, so memory stays flat however many there are. Erased
 * customers are left out.
 *
 * Every format carries a person's employer with their job title, and the customer's notes
 * (exported-customer.ts), as the import reads them back. A private note never leaves: a file has no
 * way to say who may read it, and imported anywhere it would be read by everyone. Of the others, the
 * export holds those the person exporting may see, read through the one privacy rule in its SQL form
 * (`visibleRows`, src/platform/auth/private-facts-sql.ts) as every other read of notes is; the
 * command line reads as Rapport itself (null), as `rapport export` does.
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

type NoteRow = Row<'notes'>;

/**
 * The notes of some customers that leave with them: not private, and ones `reader` may see (the one
 * privacy rule: a note they may not see is not exported), oldest first, by customer.
 */
async function notesThatLeave(db: Db, reader: ActorOrSystem, ids: readonly string[]): Promise<Map<string, NoteRow[]>> {
  const byCustomer = new Map<string, NoteRow[]>();
  if (ids.length === 0) return byCustomer;
  const rows = await db
    .selectFrom('notes as n')
    .selectAll('n')
    .where('n.customerId', 'in', ids)
    .where('n.sensitivity', '=', 'normal')
    .where(visibleRows(reader, 'notes', 'n'))
    .orderBy('n.createdAt')
    .orderBy('n.id')
    .execute();
  for (const row of rows) byCustomer.set(row.customerId, [...(byCustomer.get(row.customerId) ?? []), row]);
  return byCustomer;
}

/**
 * One customer's lines in the shape of `rapport export`. A link to an employer is written from the
 * person's side, whichever side wrote it (customerId is the person, label their job title, relatedLabel
 * "employer"), with the organisation's name and kind, so that a file of one person still names it.
 */
async function customerLines(db: Db, id: string, notes: readonly NoteRow[]): Promise<string> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return '';
  const line = (type: string, data: object) => `${JSON.stringify({ type, data })}\n`;
  const [emails, phones, addresses, externalIds, relationships] = await Promise.all([
    db.selectFrom('emails').selectAll().where('customerId', '=', id).orderBy('createdAt').execute(),
    db.selectFrom('phones').selectAll().where('customerId', '=', id).orderBy('createdAt').execute(),
    db.selectFrom('addresses').selectAll().where('customerId', '=', id).orderBy('createdAt').execute(),
    db.selectFrom('externalIds').selectAll().where('customerId', '=', id).orderBy('source').execute(),
    loadRelationships(db, id),
  ]);
  const employers = employerLinks({ kind: row.kind, relationships });
  return [
    line('customer', row),
    ...emails.map((e) => line('email', withBooleanFlags(e))),
    ...phones.map((p) => line('phone', withBooleanFlags(p))),
    ...addresses.map((a) => line('address', withBooleanFlags(a))),
    ...externalIds.map((x) => line('externalId', x)),
    ...employers.map((r) =>
      line('relationship', { id: r.id, customerId: id, relatedCustomerId: r.relatedCustomerId, relatedDisplayName: r.relatedDisplayName, relatedKind: r.relatedKind, label: r.label, relatedLabel: r.relatedLabel, household: r.household }),
    ),
    ...notes.map((n) => line('note', withBooleanFlags(n))),
  ].join('');
}

/**
 * Writes customers (`ids`, or every live one when null) in a format, chunk by chunk, with the notes
 * `reader` may see: the staff member exporting, or Rapport itself (null: the command line, for the
 * administrator of the server, as `rapport export` reads). Returns how many were written.
 */
export async function writeCustomers(
  db: Db,
  format: ExportFormat,
  ids: readonly string[] | null,
  write: (chunk: string) => Promise<void> | void,
  reader: ActorOrSystem,
): Promise<number> {
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
    const notes = await notesThatLeave(db, reader, rows.map((r) => r.id));
    for (const { id } of rows) {
      const mine = notes.get(id) ?? [];
      if (format === 'jsonl') chunk += await customerLines(db, id, mine);
      else {
        const customer = await loadCustomer(db, id);
        if (!customer) continue;
        const exported = { ...customer, notes: mine.map((n) => n.body) };
        chunk += layout ? csvLine(csvCells(exported, layout)) : customerToVcard(exported);
      }
      count += 1;
    }
    await write(chunk);
    after = rows.at(-1)!.id;
  }
}
