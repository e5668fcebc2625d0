import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTestDatabase, type SharedTestDatabase } from '../../../test/shared-database.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../connect.js';
import { migrationProvider } from './index.js';

/**
 * A database from the first release (migrations 0001 and 0002, with data in it) brought up to date:
 * a private note keeps exactly the audience it had (the customer's home location then), and the
 * audit entries about a note that is or ever was private become private to that audience.
 */

let shared: SharedTestDatabase;
let handle: DatabaseHandle;

beforeAll(async () => {
  shared = await sharedTestDatabase();
  handle = await shared.open();
});
afterAll(async () => {
  await handle.close();
  await shared.drop();
});

describe('upgrading a database of the first release', () => {
  it('keeps every private fact to the readers it had, and its history with it', async (context) => {
    // sharedTestDatabase migrates to the latest on open; start again from an empty schema at 0002.
    if (shared.engine === 'postgres') context.skip();
    const fresh = openDatabase({ sqliteFile: ':memory:' });
    try {
      const plain = fresh.db.withoutPlugins();
      const migrator = new Migrator({ db: plain, provider: migrationProvider('sqlite') });
      const first = await migrator.migrateTo('0002_search');
      expect(first.error).toBeUndefined();
      const now = '2026-01-01T00:00:00.000Z';
      await sql`insert into staff (id, email, name, role, password_hash, active, created_at, updated_at) values ('s1', 'a@x.test', 'Adviser', 'frontline', 'x', 1, ${now}, ${now})`.execute(plain);
      await sql`insert into locations (id, name, created_at, updated_at) values ('north', 'North', ${now}, ${now})`.execute(plain);
      await sql`insert into customers (id, kind, display_name, location_id, created_at, updated_at) values ('c1', 'person', 'Maggie', 'north', ${now}, ${now})`.execute(plain);
      await sql`insert into notes (id, customer_id, body, pinned, sensitivity, created_at, updated_at, created_by, updated_by) values ('n1', 'c1', 'Arrears', 0, 'private', ${now}, ${now}, 's1', 's1'), ('n2', 'c1', 'Likes tea', 0, 'normal', ${now}, ${now}, 's1', 's1')`.execute(plain);
      // n3 was private once and has been deleted since; only the trail remembers it.
      const diff = (d: unknown) => JSON.stringify(d);
      await sql`insert into audit_events (id, at, staff_id, action, entity_type, entity_id, customer_id, diff) values
        ('a1', ${now}, 's1', 'create', 'note', 'n1', 'c1', ${diff({ after: { body: 'Arrears', sensitivity: 'private', createdBy: 's1' } })}),
        ('a2', ${now}, 's1', 'create', 'note', 'n2', 'c1', ${diff({ after: { body: 'Likes tea', sensitivity: 'normal', createdBy: 's1' } })}),
        ('a3', ${now}, 's1', 'create', 'note', 'n3', 'c1', ${diff({ after: { body: 'Grief', sensitivity: 'private', createdBy: 's1' } })}),
        ('a4', ${now}, 's1', 'delete', 'note', 'n3', 'c1', ${diff({ before: { sensitivity: 'private', createdBy: 's1' } })}),
        ('a5', ${now}, 's1', 'update', 'customer', 'c1', 'c1', ${diff({ before: { pronouns: null }, after: { pronouns: 'she/her' } })})`.execute(plain);

      await migrateToLatest(fresh);

      const notes = await fresh.db.selectFrom('notes').select(['id', 'sensitivity', 'audienceLocationId']).orderBy('id').execute();
      expect(notes).toEqual([
        { id: 'n1', sensitivity: 'private', audienceLocationId: 'north' },
        { id: 'n2', sensitivity: 'normal', audienceLocationId: 'north' },
      ]);
      const trail = await fresh.db.selectFrom('auditEvents').select(['id', 'sensitivity', 'factAuthorId', 'audienceLocationId']).orderBy('id').execute();
      expect(trail).toEqual([
        { id: 'a1', sensitivity: 'private', factAuthorId: 's1', audienceLocationId: 'north' },
        { id: 'a2', sensitivity: 'normal', factAuthorId: null, audienceLocationId: null },
        { id: 'a3', sensitivity: 'private', factAuthorId: 's1', audienceLocationId: 'north' },
        { id: 'a4', sensitivity: 'private', factAuthorId: 's1', audienceLocationId: 'north' },
        { id: 'a5', sensitivity: 'normal', factAuthorId: null, audienceLocationId: null },
      ]);
      const provenance = await fresh.db.selectFrom('notes').select('provenance').execute();
      expect(provenance.map((p) => p.provenance)).toEqual(['told_us', 'told_us']);
    } finally {
      await fresh.close();
    }
  });

  it('brings the shared database up to date and is then up to date', async () => {
    expect(await migrateToLatest(handle)).toEqual([]);
  });
});
