import { channels as interactionChannels } from '../interactions/interaction-schemas.js';
import type { Db } from '../platform/database/connect.js';
import { preparedQuery } from '../platform/database/prepared-query.js';
import type { NewRow, Row, RowUpdate } from '../platform/database/schema.js';
import { consentChannels, contactPermission, outboundPermission, type ChannelConsent, type ConsentChannel, type CustomerConsent } from './consent-rules.js';
import type { ConsentOut } from './consent-schemas.js';

/** The only place consent and do-not-contact rows are read and written. */

export const findChannelConsent = (db: Db, customerId: string, channel: ConsentChannel) =>
  db.selectFrom('consents').selectAll().where('customerId', '=', customerId).where('channel', '=', channel).executeTakeFirst();

export const insertConsent = (db: Db, row: NewRow<'consents'>) => db.insertInto('consents').values(row).execute();

export const updateConsentRow = (db: Db, id: string, values: RowUpdate<'consents'>) => db.updateTable('consents').set(values).where('id', '=', id).execute();

export const findDoNotContact = (db: Db, customerId: string) => db.selectFrom('doNotContact').selectAll().where('customerId', '=', customerId).executeTakeFirst();

export const insertDoNotContact = (db: Db, row: NewRow<'doNotContact'>) => db.insertInto('doNotContact').values(row).execute();

export const updateDoNotContactRow = (db: Db, id: string, values: RowUpdate<'doNotContact'>) =>
  db.updateTable('doNotContact').set(values).where('id', '=', id).execute();

/** Lifting do-not-contact: the row goes (the audit trail keeps what it said). */
export const deleteDoNotContactRow = (db: Db, id: string) => db.deleteFrom('doNotContact').where('id', '=', id).execute();

export type ConsentRow = Row<'consents'> & { recordedByName: string | null };
export type DoNotContactRow = Row<'doNotContact'> & { recordedByName: string | null };

const consentsQuery = preparedQuery((db, p: { customerId: string }) =>
  db.selectFrom('consents as c').leftJoin('staff as s', 's.id', 'c.updatedBy').selectAll('c').select('s.name as recordedByName').where('c.customerId', '=', p.customerId),
);
const doNotContactQuery = preparedQuery((db, p: { customerId: string }) =>
  db.selectFrom('doNotContact as d').leftJoin('staff as s', 's.id', 'd.updatedBy').selectAll('d').select('s.name as recordedByName').where('d.customerId', '=', p.customerId),
);

/** Everything recorded about how a customer may be contacted, with who recorded each choice. */
export async function loadConsent(db: Db, customerId: string): Promise<{ channels: ConsentRow[]; doNotContact: DoNotContactRow | null }> {
  const [channels, dnc] = await Promise.all([consentsQuery.execute(db, { customerId }), doNotContactQuery.executeTakeFirst(db, { customerId })]);
  return { channels, doNotContact: dnc ?? null };
}

/** The plain facts the rules read (consent-rules.ts), channels in their usual order: email, phone, sms, post. */
export function consentFacts(loaded: { channels: Pick<Row<'consents'>, 'channel' | 'status' | 'givenOn' | 'source'>[]; doNotContact: Pick<Row<'doNotContact'>, 'since' | 'reason'> | null }): CustomerConsent {
  return {
    channels: loaded.channels
      .map((c): ChannelConsent => ({ channel: c.channel, status: c.status, givenOn: c.givenOn, source: c.source }))
      .sort((a, b) => consentChannels.indexOf(a.channel) - consentChannels.indexOf(b.channel)),
    doNotContact: loaded.doNotContact ? { since: loaded.doNotContact.since, reason: loaded.doNotContact.reason } : null,
  };
}

/** A customer's consent as the API shows it: the four channels, do-not-contact, and what each kind of outbound contact meets. */
export async function presentConsent(db: Db, customerId: string): Promise<ConsentOut> {
  const loaded = await loadConsent(db, customerId);
  const facts = consentFacts(loaded);
  const dnc = loaded.doNotContact;
  return {
    customerId,
    channels: consentChannels.map((channel) => {
      const row = loaded.channels.find((c) => c.channel === channel);
      return {
        channel,
        status: row?.status ?? 'not_recorded',
        givenOn: row?.givenOn ?? null,
        source: row?.source ?? null,
        recordedAt: row?.updatedAt ?? null,
        recordedBy: row?.updatedBy ?? null,
        recordedByName: row?.recordedByName ?? null,
        ...contactPermission(facts, channel),
      };
    }),
    doNotContact: dnc ? { since: dnc.since, reason: dnc.reason, recordedAt: dnc.updatedAt, recordedBy: dnc.updatedBy, recordedByName: dnc.recordedByName } : null,
    outbound: interactionChannels.map((channel) => ({ channel, ...outboundPermission(facts, channel) })),
  };
}
