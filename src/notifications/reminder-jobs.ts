import type { MailConfig } from '../platform/config.js';
import type { JobKind } from '../platform/jobs/job-queue.js';
import { domainOf, reminderMailJob, smtpMailer } from './reminder-mail.js';
import { reminderScanJob } from './reminder-scan.js';
import type { ReminderSource } from './reminders.js';

export interface ReminderJobsOptions {
  /** Every feature's ReminderSource (src/app/reminders.ts). */
  sources: readonly ReminderSource[];
  /** config.mail: undefined keeps reminders in the app. */
  mail: MailConfig | undefined;
  /** config.publicUrl: the start of links in emails. */
  publicUrl: string;
}

/**
 * The two job kinds of reminders: the scan (recurring, about every minute) that notifies what the
 * sources say is due and queues the emails, and the email itself, one job per notification. The mail
 * kind is declared even without SMTP, so that emails queued while it was configured are settled
 * (the job done, the notification left not emailed) rather than left waiting.
 */
export function reminderJobs(options: ReminderJobsOptions): JobKind[] {
  const mailer = options.mail ? smtpMailer(options.mail) : null;
  return [
    reminderScanJob({ sources: options.sources, email: mailer !== null }),
    reminderMailJob({ mailer, publicUrl: options.publicUrl, messageIdDomain: options.mail ? domainOf(options.mail.from) : 'rapport.invalid' }),
  ];
}
