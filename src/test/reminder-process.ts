import { createInterface } from 'node:readline';
import pino from 'pino';
import { reminderJobs } from '../notifications/reminder-jobs.js';
import { mailKind } from '../notifications/reminder-mail.js';
import { notifyDueReminders } from '../notifications/reminder-scan.js';
import { openDatabase, type ConnectOptions } from '../platform/database/connect.js';
import { createJobWorker } from '../platform/jobs/job-worker.js';
import { projectEndsSource } from './project-ends-source.js';

/**
 * A server process's reminder work, in a process of its own, for reminder-processes.test.ts: opens
 * the shared database, says "ready", waits for "go" on standard input, then runs the job worker (the
 * recurring scan and the mail jobs) and, at the same moment, extra scans of its own (as a scan whose
 * lease ran out would overlap the next), until no email waits. Prints what it did as JSON.
 */

export interface ReminderProcessInput {
  connection: ConnectOptions;
  smtpUrl: string;
  from: string;
  publicUrl: string;
  /** Extra scans started at the same moment as the worker. */
  scans: number;
}

const input = JSON.parse(process.env.REMINDER_PROCESS ?? '{}') as ReminderProcessInput;
const log = pino({ level: 'silent' });
const database = openDatabase(input.connection);
const sources = [projectEndsSource()];
const kinds = reminderJobs({ sources, mail: { smtpUrl: input.smtpUrl, from: input.from }, publicUrl: input.publicUrl });
const worker = createJobWorker({ database, kinds, log, pollMs: 5 });

async function emailsWaiting(): Promise<number> {
  const row = await database.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', mailKind)
    .where('state', 'in', ['pending', 'running'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function main(): Promise<void> {
  // A first query, so that "go" finds the connection open.
  await emailsWaiting();
  const lines = createInterface({ input: process.stdin });
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();

  const now = new Date();
  const [ran, ...scans] = await Promise.all([
    worker.runDue(),
    ...Array.from({ length: input.scans }, () => notifyDueReminders(database.db, sources, { now, email: true, log })),
  ]);
  let jobs = Number(ran);
  // Emails the other process queued, or that this one queued after its worker went idle.
  const deadline = Date.now() + 20_000;
  while ((await emailsWaiting()) > 0 && Date.now() < deadline) {
    const more = await worker.runDue();
    jobs += more;
    if (more === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await worker.stop();
  const notified = scans.reduce((sum, s) => sum + (typeof s === 'number' ? 0 : s.notified), 0);
  process.stdout.write(`${JSON.stringify({ jobs, notifiedByExtraScans: notified })}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => database.close());
