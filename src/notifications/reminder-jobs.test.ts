import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../platform/database/connect.js';
import type { JobKind } from '../platform/jobs/job-queue.js';
import { listJobs } from '../platform/jobs/job-store.js';
import { createJobWorker } from '../platform/jobs/job-worker.js';
import { testDatabase } from '../test/database.js';
import { addEndingProject, addStaff, projectEndsSource } from '../test/reminder-fixtures.js';
import { startSmtpCapture, type SmtpCapture } from '../test/smtp-capture.js';
import { reminderJobs } from './reminder-jobs.js';
import { mailKind, sendNotificationEmail } from './reminder-mail.js';
import { notifyDueReminders, scanKind } from './reminder-scan.js';
import type { ReminderSource } from './reminders.js';

/**
 * The reminder jobs on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL) and a real SMTP
 * server on 127.0.0.1: a source's reminders become notifications once, emails arrive with the right
 * envelope, headers and link, a refused delivery is retried, and without SMTP nothing is sent.
 */

let database: DatabaseHandle;
let smtp: SmtpCapture;
const log = pino({ level: 'silent' });
const password = 'sm7p p@ss:word';
const from = 'Rapport <rapport@shop.example>';
const publicUrl = 'https://rapport.shop.example';

beforeAll(async () => {
  database = await testDatabase();
  smtp = await startSmtpCapture({ user: 'rapport', password });
});
afterAll(async () => {
  await smtp.close();
  await database.close();
});

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A clock for the worker, a second ahead of the real one (jobs enqueued during a run are due at
 * once), that a test moves forward instead of waiting for retries.
 */
function manualClock() {
  let now = Date.now() + 1000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** A worker as a freshly started server has it: the scan occurrence an earlier test's worker left waiting is cleared. */
async function worker(kinds: JobKind[], clock = manualClock()) {
  await database.db.deleteFrom('jobs').where('kind', '=', scanKind).where('state', '=', 'pending').execute();
  return { clock, worker: createJobWorker({ database, kinds, log, clock: clock.now }) };
}

const notificationsOf = (staffIds: string[]) => database.db.selectFrom('notifications').selectAll().where('staffId', 'in', staffIds).orderBy('key').execute();

const withSmtp = (sources: ReminderSource[]) => reminderJobs({ sources, mail: { smtpUrl: smtp.url, from }, publicUrl });

describe('the reminder scan', () => {
  it("turns a source's reminders into notifications, once, however often it runs", async () => {
    const ann = await addStaff(database.db, 'Ann Scan');
    const due = [
      await addEndingProject(database.db, ann.id, 'Rosa Diaz', daysFromNow(-3)),
      await addEndingProject(database.db, ann.id, 'Karl Berg', daysFromNow(0)),
    ];
    await addEndingProject(database.db, ann.id, 'Not Yet', daysFromNow(5));
    const source = projectEndsSource([ann.id]);
    const { clock, worker: w } = await worker(reminderJobs({ sources: [source], mail: undefined, publicUrl }));

    expect(await w.runDue()).toBe(1);
    let rows = await notificationsOf([ann.id]);
    expect(rows.map((r) => r.customerId).sort()).toEqual(due.map((d) => d.customerId).sort());
    const rosa = rows.find((r) => r.customerId === due[0]!.customerId)!;
    expect(rosa).toMatchObject({
      kind: 'test.project-ends',
      key: `project-ends:${due[0]!.projectId}:${daysFromNow(-3)}`,
      title: `Rosa Diaz: "Kitchen refit" was to end ${daysFromNow(-3)}`,
      body: 'Ask Rosa Diaz how it went, or move the end date.',
      link: `/customers/${due[0]!.customerId}`,
      readAt: null,
      emailedAt: null,
    });

    // Again and again: the recurring job a minute later, and scans of its own.
    clock.advance(60_000);
    expect(await w.runDue()).toBe(1);
    for (let i = 0; i < 3; i++) expect((await notifyDueReminders(database.db, [source], { now: new Date(), email: false, log })).notified).toBe(0);
    expect(await notificationsOf([ann.id])).toHaveLength(2);

    // Something new comes due: one more.
    await addEndingProject(database.db, ann.id, 'Lena Fox', daysFromNow(-1));
    clock.advance(60_000);
    await w.runDue();
    rows = await notificationsOf([ann.id]);
    expect(rows).toHaveLength(3);
    // SMTP unset: in the app only; no email queued, none sent.
    expect(rows.every((r) => r.emailedAt === null)).toBe(true);
    expect(await listJobs(database.db, { kind: mailKind })).toEqual([]);
    const scans = await listJobs(database.db, { kind: scanKind });
    expect(scans.filter((j) => j.state === 'done')).toHaveLength(3);
  });

  it('leaves out what a source got wrong and still notifies the rest, and a failing source fails the run after the others', async () => {
    const bo = await addStaff(database.db, 'Bo Partial');
    const { customerId } = await addEndingProject(database.db, bo.id, 'Ida Lund', daysFromNow(-1));
    const broken: ReminderSource = {
      kind: 'test.broken',
      due: async () => [
        { key: 'broken:link', staffId: bo.id, customerId: null, title: 'Bad link', body: '', link: 'https://elsewhere.example/' },
        { key: 'broken:staff', staffId: '01900000-0000-7000-8000-000000000000', customerId: null, title: 'Nobody', body: '', link: '/' },
        { key: 'broken:customer', staffId: bo.id, customerId: '01900000-0000-7000-8000-000000000000', title: 'No one', body: '', link: '/' },
      ],
    };
    const failing: ReminderSource = {
      kind: 'test.failing',
      due: async () => {
        throw new Error('source down');
      },
    };
    const result = await notifyDueReminders(database.db, [failing, broken, projectEndsSource([bo.id])], { now: new Date(), email: false, log });
    expect(result).toMatchObject({ notified: 1, skipped: 3, failed: ['test.failing'] });
    expect((await notificationsOf([bo.id])).map((r) => r.customerId)).toEqual([customerId]);

    const [scan] = reminderJobs({ sources: [failing], mail: undefined, publicUrl });
    await expect(scan!.handler({ db: database.db, payload: null, attempt: 1, jobId: 'j', log })).rejects.toThrow(/test.failing/);
  });
});

describe('reminders by email', () => {
  it('sends each new notification to its staff member: To, From, subject and the link', async () => {
    const cy = await addStaff(database.db, 'Cy Mailer');
    const off = await addStaff(database.db, 'Di Disabled');
    await database.db.updateTable('staff').set({ active: false }).where('id', '=', off.id).execute();
    const { customerId } = await addEndingProject(database.db, cy.id, 'Jim Alvarez', daysFromNow(-2));
    await addEndingProject(database.db, off.id, 'Maggie Chen', daysFromNow(-2));
    const before = smtp.received.length;

    const { clock, worker: w } = await worker(withSmtp([projectEndsSource([cy.id, off.id])]));
    // The scan, then the one email it queued, in one pass.
    expect(await w.runDue()).toBe(2);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(smtp.received).toHaveLength(before + 1);

    const [notification] = await notificationsOf([cy.id]);
    expect(mail!.mailFrom).toBe('rapport@shop.example');
    expect(mail!.rcptTo).toEqual([cy.email]);
    expect(mail!.headers.get('from')).toBe(from);
    expect(mail!.headers.get('to')).toBe(`Cy Mailer <${cy.email}>`);
    expect(mail!.headers.get('subject')).toBe(notification!.title);
    expect(mail!.headers.get('subject')).toContain('Jim Alvarez');
    expect(mail!.headers.get('message-id')).toBe(`<notification-${notification!.id}@shop.example>`);
    expect(mail!.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(mail!.text).toContain(`Open it in Rapport: ${publicUrl}/customers/${customerId}`);
    expect(mail!.text).toContain('Ask Jim Alvarez how it went');
    expect(notification!.emailedAt).not.toBeNull();

    // The disabled account is notified in the app, and gets no email.
    const [disabled] = await notificationsOf([off.id]);
    expect(disabled).toMatchObject({ emailedAt: null });
    const mailJobs = await listJobs(database.db, { kind: mailKind });
    expect(mailJobs.filter((j) => JSON.parse(j.payload).notificationId === disabled!.id)).toEqual([]);

    clock.advance(60_000);
    await w.runDue();
    expect(smtp.received).toHaveLength(before + 1);
  });

  it('tries again when the server refuses the first delivery with 451, and sends the email once', async () => {
    const eve = await addStaff(database.db, 'Eve Retry');
    await addEndingProject(database.db, eve.id, 'Tom Ruiz', daysFromNow(-1));
    const before = smtp.received.length;
    smtp.refuseNext(1);

    const { clock, worker: w } = await worker(withSmtp([projectEndsSource([eve.id])]));
    expect(await w.runDue()).toBe(2);
    expect(smtp.refused).toBe(1);
    expect(smtp.received).toHaveLength(before);
    const [notification] = await notificationsOf([eve.id]);
    expect(notification!.emailedAt).toBeNull();
    const [job] = (await listJobs(database.db, { kind: mailKind })).filter((j) => JSON.parse(j.payload).notificationId === notification!.id);
    expect(job).toMatchObject({ state: 'pending', attempts: 1, runAt: new Date(clock.now() + 30_000).toISOString() });
    expect(job!.lastError).toMatch(/451/);
    expect(job!.lastError).not.toContain(password);
    expect(job!.lastError).not.toContain(encodeURIComponent(password));

    // Not before its time...
    clock.advance(29_000);
    expect(await w.runDue()).toBe(0);
    // ...then it goes through.
    clock.advance(1_000);
    expect(await w.runDue()).toBe(1);
    await smtp.waitFor(before + 1);
    expect(smtp.received.slice(before).map((m) => m.rcptTo)).toEqual([[eve.email]]);
    const [sent] = await notificationsOf([eve.id]);
    expect(sent!.emailedAt).not.toBeNull();
    expect((await listJobs(database.db, { kind: mailKind })).find((j) => j.id === job!.id)).toMatchObject({ state: 'done', attempts: 2 });

    // Should the job run again (at least once delivery), the email is not sent twice.
    const mailer = {
      send: async () => {
        throw new Error('a notification marked emailed must not be sent again');
      },
    };
    expect(await sendNotificationEmail(database.db, sent!.id, { mailer, publicUrl, messageIdDomain: 'shop.example' }, log)).toBe('already sent');
    expect(smtp.received).toHaveLength(before + 1);
  });

  it('keeps a reminder in the app when SMTP is not configured, also for an email queued before', async () => {
    const fay = await addStaff(database.db, 'Fay Quiet');
    await addEndingProject(database.db, fay.id, 'Ola Berg', daysFromNow(-1));
    const before = smtp.received.length;
    await notifyDueReminders(database.db, [projectEndsSource([fay.id])], { now: new Date(), email: true, log });
    const [notification] = await notificationsOf([fay.id]);
    const queued = (await listJobs(database.db, { kind: mailKind })).filter((j) => JSON.parse(j.payload).notificationId === notification!.id);
    expect(queued).toHaveLength(1);

    // The server restarted without RAPPORT_SMTP_URL: the queued email is settled, not sent.
    const { worker: w } = await worker(reminderJobs({ sources: [], mail: undefined, publicUrl }));
    await w.runDue();
    expect((await listJobs(database.db, { kind: mailKind })).find((j) => j.id === queued[0]!.id)?.state).toBe('done');
    expect((await notificationsOf([fay.id]))[0]!.emailedAt).toBeNull();
    expect(smtp.received).toHaveLength(before);
  });
});
