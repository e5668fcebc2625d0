import type { Kysely } from 'kysely';

/**
 * A location's calendar, for response targets counted in business hours:
 * - locations.opening_hours: the weekly opening hours as one small JSON document
 *   ({"mon":[{"opens":"09:00","closes":"17:30"}], ... "sun":[]}, local time), or null when none are
 *   set. Always read, checked and replaced whole, and only ever used in code together with the
 *   location's time zone, so a table of rows would add a join and a delete-and-insert per change
 *   for no query that filters by hour.
 * - location_holidays: one row per closed day, keyed (location_id, date) with the date as
 *   YYYY-MM-DD text (local to the location): "the holidays of this location between two dates"
 *   is one index range on both engines, and the list grows year after year.
 */
export function locationCalendarSchema() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('locations').addColumn('opening_hours', 'text').execute();
      await db.schema
        .createTable('location_holidays')
        .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id').onDelete('cascade'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('location_holidays_pk', ['location_id', 'date'])
        .execute();
    },
  };
}
