import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * The customer lookup index (src/search/). Plain B-tree tables on both engines:
 * - search_words: every distinct folded name word;
 * - search_word_variants: each word under every string made by deleting up to 1 or 2 of its letters
 *   (symmetric deletion), so a misspelt word finds its neighbours with a few exact index probes;
 * - search_postings: word → customer; search_pairs: (word, word) → customer, both orders, so that
 *   "jim alv" or "alvarez jim" is one range probe even when each word alone matches thousands;
 * - search_documents: the names each customer is scored on.
 * Words compare byte-wise (COLLATE "C" on PostgreSQL, SQLite's default), which makes a prefix an index range.
 */
export function searchSchema(engine: Engine) {
  const word = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  const compact = <T extends string>(table: CreateTableBuilder<T>) => (engine === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await compact(
        db.schema
          .createTable('search_words')
          .addColumn('word', word, (c) => c.primaryKey()),
      ).execute();

      await compact(
        db.schema
          .createTable('search_word_variants')
          .addColumn('variant', word, (c) => c.notNull())
          .addColumn('word', word, (c) => c.notNull())
          .addPrimaryKeyConstraint('search_word_variants_pk', ['variant', 'word']),
      ).execute();

      await compact(
        db.schema
          .createTable('search_postings')
          .addColumn('word', word, (c) => c.notNull())
          .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
          .addPrimaryKeyConstraint('search_postings_pk', ['word', 'customer_id']),
      ).execute();
      await db.schema.createIndex('search_postings_customer').on('search_postings').column('customer_id').execute();

      await compact(
        db.schema
          .createTable('search_pairs')
          .addColumn('word_a', word, (c) => c.notNull())
          .addColumn('word_b', word, (c) => c.notNull())
          .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
          .addPrimaryKeyConstraint('search_pairs_pk', ['word_a', 'word_b', 'customer_id']),
      ).execute();
      await db.schema.createIndex('search_pairs_customer').on('search_pairs').column('customer_id').execute();

      await compact(
        db.schema
          .createTable('search_documents')
          .addColumn('customer_id', 'text', (c) => c.primaryKey().references('customers.id').onDelete('cascade'))
          .addColumn('names', 'text', (c) => c.notNull())
          .addColumn('preferred', 'text')
          .addColumn('organizations', 'text'),
      ).execute();

      // Exact lookups by an id from another system, whatever the source.
      await db.schema.createIndex('external_ids_external_id').on('external_ids').column('external_id').execute();
      // Email prefixes as the user types ("jim@exa"); PostgreSQL needs byte order for a LIKE-free range.
      if (engine === 'postgres') {
        await sql`create index emails_normalized_prefix on emails (normalized collate "C")`.execute(db);
      }
      // 0001 and 0002 shipped together, so no database ever held customers before this index
      // existed. (It used to call the application's indexer here; a migration imports no application
      // code, so that a later change to a feature cannot change a migration that already ran.)
    },
  };
}
