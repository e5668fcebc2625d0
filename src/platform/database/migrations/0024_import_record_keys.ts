import type { Kysely } from 'kysely';

/**
 * A file without ids (a Google Contacts export, a phone's vCards) imported again must change nothing,
 * but the same person read again from it is not always certain to matching (a name and a phone
 * only, which a family may share). Each customer an import creates now keeps a key made from the
 * record it came from (import_writes.record_key, a hash of what the record said): the same record
 * from the same source later finds that customer again.
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
