import type { Kysely } from 'kysely';

/**
 * A file imported again must change nothing: not bring back what staff changed or removed since,
 * and not make a second customer of a record matching alone is not sure of (a name and a phone a
 * family may share). Each record an import applies now leaves a key with the first row it wrote
 * for its customer (import_writes.record_key, a hash of what the record said): the same record from
 * the same source later is that customer, applied already.
 *
 * Standalone: this file imports nothing of the application.
 */
export function importRecordKeysSchema() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('import_writes').addColumn('record_key', 'text').execute();
      await db.schema.createIndex('import_writes_record_key').on('import_writes').column('record_key').execute();
    },
  };
}
