import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The phone's screen-pop (issue 12, src/phone/): the phone system tells Rapport of each call in a
 * signed webhook (ringing, answered, ended), Rapport shows the caller's brief to the agent it rings,
 * and logs the call when it ends.
 *
 * - staff gain `phone_extension`: the extension (or user name) the phone system names an agent by,
 *   unique when set (several NULLs are allowed on both engines). Set by admins.
 * - phone_calls: one row per call of the phone system (`external_call_id`, its own id, unique): the
 *   caller's number as received and in E.164 when it reads as one, the number dialled, who was
 *   called (`called`: the extension or agent email the phone system named) and the staff member it
 *   matched, the customer the number matched (when exactly one did), its state (ringing, then
 *   answered or missed), when it started, was answered and ended, how long it lasted, and the
 *   interaction logged when it ended. Customer data (a fact in the registry) when it names a
 *   customer; a call from an unknown number names none and stays a call record. Erasure keeps the
 *   times and the duration and loses the numbers.
 *
 * Standalone: this file imports nothing of the application.
 */
export function phoneCallsSchema(engine: Engine) {
  const time = engine === 'postgres' ? sql`timestamptz` : sql`text`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('staff').addColumn('phone_extension', 'text').execute();
      await db.schema.createIndex('staff_phone_extension').on('staff').column('phone_extension').unique().execute();

      await db.schema
        .createTable('phone_calls')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('external_call_id', 'text', (c) => c.notNull())
        .addColumn('caller_number', 'text')
        .addColumn('caller_e164', 'text')
        .addColumn('dialled_number', 'text')
        .addColumn('called', 'text')
        .addColumn('staff_id', 'text', (c) => c.references('staff.id').onDelete('set null'))
        .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('set null'))
        .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('ringing', 'answered', 'missed')`))
        .addColumn('started_at', time, (c) => c.notNull())
        .addColumn('answered_at', time)
        .addColumn('ended_at', time)
        .addColumn('duration_seconds', 'integer')
        // The interaction logged when it ended; emptied while that interaction is in the trash.
        .addColumn('interaction_id', 'text', (c) => c.references('interactions.id').onDelete('set null'))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('phone_calls_external').on('phone_calls').column('external_call_id').unique().execute();
      await db.schema.createIndex('phone_calls_customer').on('phone_calls').columns(['customer_id', 'started_at']).execute();
      await db.schema.createIndex('phone_calls_staff').on('phone_calls').columns(['staff_id', 'started_at']).execute();
      await db.schema.createIndex('phone_calls_interaction').on('phone_calls').column('interaction_id').execute();
    },
  };
}
