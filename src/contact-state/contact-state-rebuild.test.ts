import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../customers/customer-commands.js';
import { createInteraction } from '../interactions/interaction-commands.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../platform/database/connect.js';
import { migrationProvider } from '../platform/database/migrations/index.js';
import { cliDatabase, runCli } from '../test/cli.js';
import { contactStateRebuildJob } from './contact-state-job.js';

/**
 * The state of a database that had customers before contact_states existed: migration 0011 queues
 * a background rebuild, whose job computes it; and `rapport rebuild` as an operator runs it.
 */

const ctx = { actor: null, phoneRegion: 'US' };
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString();

describe('a database from before the contact state', () => {
  it('gets it from the job migration 0011 queues, in runs that pick up where the last stopped', async () => {
    const handle = openDatabase({ sqliteFile: ':memory:' });
    try {
      const plain = handle.db.withoutPlugins();
      const names = Object.keys(await migrationProvider('sqlite').getMigrations()).sort();
      const before = names[names.indexOf('0011_contact_state') - 1]!;
      expect((await new Migrator({ db: plain, provider: migrationProvider('sqlite') }).migrateTo(before)).error).toBeUndefined();
      // Written as the code of the time did: no contact state yet.
      const now = new Date().toISOString();
      const ids = ['c1', 'c2', 'c3'];
      for (const id of ids) {
        await plain.insertInto('customers' as never).values({ id, kind: 'person', display_name: id, created_at: now, updated_at: now } as never).execute();
      }
      await plain
        .insertInto('interactions' as never)
        .values({ id: 'i1', customer_id: 'c2', channel: 'email', direction: 'inbound', occurred_at: yesterday(), summary: 'Hello?', created_at: now, updated_at: now } as never)
        .execute();
      await migrateToLatest(handle);
      const jobs = await handle.db.selectFrom('jobs').selectAll().where('kind', '=', contactStateRebuildJob.kind).execute();
      expect(jobs).toHaveLength(1);
      expect(await handle.db.selectFrom('contactStates').selectAll().execute()).toEqual([]);

      const log = { info: () => undefined } as never;
      await contactStateRebuildJob.handler({ db: handle.db, payload: null, attempt: 1, jobId: jobs[0]!.id, log });
      const states = await handle.db.selectFrom('contactStates').selectAll().execute();
      expect(states).toEqual([expect.objectContaining({ customerId: 'c2', waitingCount: 1, waitingChannels: 'email', waitingFirstInteractionId: 'i1' })]);
      // Run again (at least once delivery): the same rows.
      await contactStateRebuildJob.handler({ db: handle.db, payload: { after: 'c1' }, attempt: 2, jobId: jobs[0]!.id, log });
      expect(await handle.db.selectFrom('contactStates').selectAll().execute()).toEqual(states);
    } finally {
      await handle.close();
    }
  });

  it('runs later batches as jobs of their own when there are many customers', async () => {
    const handle = openDatabase({ sqliteFile: ':memory:' });
    try {
      await migrateToLatest(handle);
      const now = new Date().toISOString();
      const rows = Array.from({ length: 20_050 }, (_, i) => ({ id: `c${String(i).padStart(6, '0')}`, kind: 'person' as const, displayName: `C ${i}`, createdAt: now, updatedAt: now, createdBy: null, updatedBy: null, givenName: null, familyName: null, preferredName: null, pronunciation: null, pronouns: null, birthYear: null, birthMonth: null, birthDay: null, language: null, gender: null, locationId: null }));
      for (let i = 0; i < rows.length; i += 1000) await handle.db.insertInto('customers').values(rows.slice(i, i + 1000)).execute();
      const log = { info: () => undefined } as never;
      await contactStateRebuildJob.handler({ db: handle.db, payload: null, attempt: 1, jobId: 'j', log });
      const next = await handle.db.selectFrom('jobs').selectAll().where('kind', '=', contactStateRebuildJob.kind).execute();
      expect(next.map((j) => JSON.parse(j.payload))).toEqual([{ after: 'c019999' }]);
    } finally {
      await handle.close();
    }
  });
});

describe('rapport rebuild', () => {
  let database: Awaited<ReturnType<typeof cliDatabase>>;
  let handle: DatabaseHandle;
  let customerId: string;

  beforeAll(async () => {
    database = await cliDatabase();
    expect((await runCli(['migrate'], database.env)).code).toBe(0);
    handle = openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR });
    customerId = await handle.db.transaction().execute(async (trx) => {
      const id = await createCustomer(trx, ctx, { displayName: 'Wendy Waits' });
      await createInteraction(trx, ctx, { customerId: id, channel: 'voicemail', direction: 'inbound', occurredAt: yesterday(), summary: 'Call me back' });
      return id;
    });
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it('recomputes the contact state and the lookup index from the records', async () => {
    const live = await handle.db.selectFrom('contactStates').selectAll().where('customerId', '=', customerId).executeTakeFirstOrThrow();
    await handle.db.deleteFrom('contactStates').execute();
    const res = await runCli(['rebuild', 'contact-state'], database.env);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^Rebuilt the contact state of 1 customers in .* \(\d+\.\d s\)\n$/);
    expect(await handle.db.selectFrom('contactStates').selectAll().where('customerId', '=', customerId).executeTakeFirst()).toEqual(live);

    const both = await runCli(['rebuild'], database.env);
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(/contact state of 1 customers.*\n.*lookup index of 1 customers/);
  });

  it('says what it can rebuild when asked for something else', async () => {
    const res = await runCli(['rebuild', 'everything'], database.env);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('rebuild what? contact-state or search, not "everything"');
  });
});
