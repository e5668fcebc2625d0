import { ensureFirstAdmin } from './bootstrap.js';
import type { Config } from '../platform/config.js';
import { migrateToLatest, openDatabase, sqliteFileIn } from '../platform/database/connect.js';
import { keepFileWarm } from '../search/search-warmth.js';
import { buildApp } from './app.js';
import { startJobWorker } from '../platform/jobs/job-worker.js';
import { jobKindsFor } from './jobs.js';
import { startConfiguredMailListener } from '../email/mail-listener.js';

/**
 * Opens the database, brings it up to date, runs background jobs and serves until SIGTERM or SIGINT,
 * then drains requests and the job in flight, and closes.
 */
export async function serve(config: Config): Promise<void> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrateToLatest(database);
  const app = await buildApp({ config, database });
  if (applied.length) app.log.info({ migrations: applied }, 'database migrated');
  await ensureFirstAdmin(database.db, config, app.log);
  // Background jobs (src/app/jobs.ts), only in the serving process: buildApp alone starts none.
  const jobs = startJobWorker({ database, kinds: jobKindsFor(config), log: app.log.child({ component: 'jobs' }) });
  // Mail into Rapport (src/email/): the SMTP listener, when RAPPORT_MAIL_IN_PORT is set.
  const mailIn = await startConfiguredMailListener(config, database.db, app.log.child({ component: 'mail-in' }));
  let warm: ReturnType<typeof keepFileWarm> | null = null;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // close() stops accepting connections and waits for requests in flight; onClose hooks run after.
    // A keep-alive connection whose last request has finished would hold it open until it times out
    // (72 s), so idle connections are swept as requests finish; after 10 s the rest are cut.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      app.log.warn('requests still running after 10 s: closing their connections');
      app.server.closeAllConnections();
    }, 10_000);
    // The job in flight finishes too, before the database closes under it.
    await Promise.all([app.close(), jobs.stop(), mailIn?.close(), warm?.stop()]);
    clearInterval(sweep);
    clearTimeout(deadline);
    await database.close();
    app.log.info('stopped');
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  // With PORT=0 the system picks the port: say which.
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  app.log.info({ database: database.describe }, `Rapport is running at http://${config.host}:${port}`);
  // The embedded database's file kept in the page cache, so the lookup stays fast after idle minutes
  // (src/search/search-warmth.ts); started once the server answers, so start-up does not wait on it.
  if (!config.databaseUrl && !stopping) {
    warm = keepFileWarm(sqliteFileIn(config.dataDir), (error) => app.log.warn({ err: error }, 'could not read the database file into the page cache'));
  }
}
