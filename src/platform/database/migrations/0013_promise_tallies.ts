import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The on-time figure kept as promises change (issue 9: Today at a million customers).
 *
 * - promises.slips: how many of the promise's changes of date moved it later (its revisions with
 *   to_due_by > from_due_by), kept by the command that adds a revision; backfilled here.
 * - promise_tallies: per location (location_key: the location's id, '' for none) and UTC day the
 *   promise was made (made_on, YYYY-MM-DD), of the promises made that day: how many are closed and
 *   judged (kept or broken), kept by the date first promised, kept by the date in force, and their
 *   slips. Triggers on promises keep it: an insert adds the row's part, a delete takes it away, an
 *   update of a column it depends on does both. So every way a promise is written (the commands, the
 *   trash and its restore, erasure, an import, a merge) keeps it right without knowing of it.
 *   Open promises are not in it: whether one is late depends on the moment asked, so the figure
 *   counts those live (few: the open ones past a date).
 * - Indexes for that live part: open promises past their first date, and past their date in force,
 *   with made_at, read in the index alone (promises_location_due and promises_status_due gain made_at).
 *
 * Standalone: this file imports nothing of the application.
 */
export function promiseTalliesSchema(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('promises').addColumn('slips', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await sql`update promises set slips = (
          select count(*) from promise_revisions r where r.promise_id = promises.id and r.to_due_by > r.from_due_by)
        where exists (select 1 from promise_revisions r where r.promise_id = promises.id and r.to_due_by > r.from_due_by)`.execute(db);

      await db.schema
        .createTable('promise_tallies')
        .addColumn('location_key', 'text', (c) => c.notNull())
        .addColumn('made_on', 'text', (c) => c.notNull())
        .addColumn('closed', 'integer', (c) => c.notNull())
        .addColumn('first_on_time', 'integer', (c) => c.notNull())
        .addColumn('on_time', 'integer', (c) => c.notNull())
        .addColumn('slips', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('promise_tallies_pk', ['location_key', 'made_on'])
        .execute();
      // Everyone's figure reads every location's days since a date.
      await db.schema.createIndex('promise_tallies_made_on').on('promise_tallies').columns(['made_on', 'location_key']).execute();

      const one = (condition: string) => `case when ${condition} then 1 else 0 end`;
      const parts = (row: string) => ({
        closed: one(`${row}.status in ('kept', 'broken')`),
        firstOnTime: one(`${row}.status = 'kept' and ${row}.kept_at <= ${row}.original_due_by`),
        onTime: one(`${row}.status = 'kept' and ${row}.kept_at <= ${row}.due_by`),
      });
      const dayOf = (column: string) => (engine === 'postgres' ? `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')` : `substr(${column}, 1, 10)`);
      const p = parts('p');
      await sql
        .raw(
          `insert into promise_tallies (location_key, made_on, closed, first_on_time, on_time, slips)
           select coalesce(p.location_id, ''), ${dayOf('p.made_at')}, sum(${p.closed}), sum(${p.firstOnTime}), sum(${p.onTime}), sum(p.slips)
           from promises p group by coalesce(p.location_id, ''), ${dayOf('p.made_at')}`,
        )
        .execute(db);

      const watched = 'status, kept_at, due_by, original_due_by, made_at, location_id, slips';
      if (engine === 'postgres') {
        const add = (row: 'new' | 'old', sign: string) => {
          const r = parts(row);
          return `insert into promise_tallies as t (location_key, made_on, closed, first_on_time, on_time, slips)
            values (coalesce(${row}.location_id, ''), ${dayOf(`${row}.made_at`)}, ${sign}(${r.closed}), ${sign}(${r.firstOnTime}), ${sign}(${r.onTime}), ${sign}${row}.slips)
            on conflict (location_key, made_on) do update set closed = t.closed + excluded.closed, first_on_time = t.first_on_time + excluded.first_on_time,
              on_time = t.on_time + excluded.on_time, slips = t.slips + excluded.slips;`;
        };
        await sql
          .raw(
            `create function promise_tallies_keep() returns trigger language plpgsql as $$
             begin
               if tg_op in ('UPDATE', 'DELETE') then ${add('old', '-')} end if;
               if tg_op in ('UPDATE', 'INSERT') then ${add('new', '')} end if;
               return null;
             end $$`,
          )
          .execute(db);
        await sql
          .raw(`create trigger promise_tallies_keep after insert or delete or update of ${watched} on promises for each row execute function promise_tallies_keep()`)
          .execute(db);
      } else {
        const add = (row: 'new' | 'old', sign: string) => {
          const r = parts(row);
          return `insert into promise_tallies (location_key, made_on, closed, first_on_time, on_time, slips)
            values (coalesce(${row}.location_id, ''), ${dayOf(`${row}.made_at`)}, ${sign}(${r.closed}), ${sign}(${r.firstOnTime}), ${sign}(${r.onTime}), ${sign}${row}.slips)
            on conflict (location_key, made_on) do update set closed = closed + excluded.closed, first_on_time = first_on_time + excluded.first_on_time,
              on_time = on_time + excluded.on_time, slips = slips + excluded.slips;`;
        };
        await sql.raw(`create trigger promise_tallies_insert after insert on promises begin ${add('new', '')} end`).execute(db);
        await sql.raw(`create trigger promise_tallies_delete after delete on promises begin ${add('old', '-')} end`).execute(db);
        await sql.raw(`create trigger promise_tallies_update after update of ${watched} on promises begin ${add('old', '-')} ${add('new', '')} end`).execute(db);
      }

      await db.schema.dropIndex('promises_location_due').execute();
      await db.schema.dropIndex('promises_status_due').execute();
      await db.schema.createIndex('promises_location_due').on('promises').columns(['location_id', 'status', 'due_by', 'timezone', 'id', 'made_at']).execute();
      await db.schema.createIndex('promises_status_due').on('promises').columns(['status', 'due_by', 'timezone', 'id', 'made_at']).execute();
      await db.schema.createIndex('promises_location_first_due').on('promises').columns(['location_id', 'status', 'original_due_by', 'made_at']).execute();
      await db.schema.createIndex('promises_status_first_due').on('promises').columns(['status', 'original_due_by', 'made_at']).execute();
    },
  };
}
