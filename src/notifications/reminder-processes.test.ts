import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { listJobs } from '../platform/jobs/job-store.js';
import { addEndingProject, addStaff } from '../test/reminder-fixtures.js';
import type { ReminderProcessInput } from '../test/reminder-process.js';
import { sharedTestDatabase, type SharedTestDatabase } from '../test/shared-database.js';
import { startSmtpCapture, type SmtpCapture } from '../test/smtp-capture.js';
import { nodeArgsFor } from '../test/cli.js';
import { mailKind } from './reminder-mail.js';

/**
 * Two server processes on one database (one SQLite file, or one PostgreSQL schema with a pool each)
 * run the reminder scan and the mail jobs at the same moment, each also scanning on its own as an
 * overlapping run would: every reminder is notified once and emailed once, counted in the
 * notifications table and at a real SMTP server. Real processes, not two handles in one: two
 * better-sqlite3 connections in one thread cannot wait for each other's write lock (the one waiting
 * blocks the thread the other needs to finish), which would test the harness, not Rapport.
 */

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '../test/reminder-process.ts');

let shared: SharedTestDatabase;
let handle: DatabaseHandle;
let smtp: SmtpCapture;
beforeAll(async () => {
  shared = await sharedTestDatabase();
  handle = await shared.open();
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
  await handle?.close();
  await shared?.drop();
});

interface Child {
  ready: Promise<void>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  go(): void;
}

function startProcess(input: ReminderProcessInput): Child {
  const child = spawn(process.execPath, nodeArgsFor(script), {
    env: { ...process.env, REMINDER_PROCESS: JSON.stringify(input) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('ready\n')) signalReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code) => {
      signalReady();
      resolve({ code, stdout, stderr });
    });
  });
  return { ready, done, go: () => child.stdin.end('go\n') };
}

describe('two server processes on one database', () => {
  it('notify and email each reminder exactly once', async () => {
    // The processes start up while the data is written; they touch nothing before "go".
    const input: ReminderProcessInput = { connection: shared.connection, smtpUrl: smtp.url, from: 'rapport@shop.example', publicUrl: 'http://127.0.0.1:3000', scans: 3 };
    const processes = [startProcess(input), startProcess(input)];
    const staff = [await addStaff(handle.db, 'Gil One'), await addStaff(handle.db, 'Hana Two'), await addStaff(handle.db, 'Ivo Three')];
    const today = new Date().toISOString().slice(0, 10);
    const total = 16;
    for (let i = 0; i < total; i++) await addEndingProject(handle.db, staff[i % staff.length]!.id, `Customer ${i}`, today);
    await Promise.all(processes.map((p) => p.ready));
    for (const p of processes) p.go();
    const results = await Promise.all(processes.map((p) => p.done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);

    const notifications = await handle.db.selectFrom('notifications').selectAll().execute();
    expect(notifications).toHaveLength(total);
    expect(new Set(notifications.map((n) => n.key)).size).toBe(total);
    expect(notifications.every((n) => n.emailedAt !== null)).toBe(true);

    // Exactly one email per reminder arrived, each to the one it reminds.
    expect(smtp.received).toHaveLength(total);
    const byMessageId = new Map(smtp.received.map((m) => [m.headers.get('message-id'), m]));
    expect(byMessageId.size).toBe(total);
    const emailOf = new Map(staff.map((s) => [s.id, s.email]));
    for (const n of notifications) expect(byMessageId.get(`<notification-${n.id}@shop.example>`)?.rcptTo).toEqual([emailOf.get(n.staffId)]);

    // One mail job per notification, each run once.
    const mailJobs = await listJobs(handle.db, { kind: mailKind });
    expect(mailJobs).toHaveLength(total);
    expect(mailJobs.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
  });
});
