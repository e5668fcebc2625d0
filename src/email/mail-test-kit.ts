import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { loadConfig } from '../platform/config.js';
import type { Db } from '../platform/database/connect.js';
import { createStaff } from '../staff/staff-commands.js';
import { testApp, testPassword, type Client, type TestApp } from '../test/app.js';
import { startMailListener, type MailListener } from './mail-listener.js';

/**
 * For the tests of mail into Rapport: the app on a fresh database with its SMTP listener on
 * 127.0.0.1 (a free port), a nodemailer transport that sends into it, and helpers that make
 * customers and staff with the addresses the mail uses.
 */

export interface MailWorld {
  t: TestApp;
  db: Db;
  listener: MailListener;
  /** Sends a message into the listener; the envelope sender defaults to the organisation's relay (an allowed sender). */
  send(message: Mail.Options): Promise<{ response: string }>;
  /** Sends a prepared message source as it is. */
  sendRaw(raw: string | Buffer, envelope?: { from: string; to: string[] }): Promise<{ response: string }>;
  /** A customer with these email addresses (through the API, as a clerk would add them). */
  customer(name: string, ...emails: string[]): Promise<string>;
  /** A staff member with this email address. */
  staff(name: string, email: string): Promise<string>;
  close(): Promise<void>;
}

export const relay = 'relay@shop.example';
export const rapportAddress = 'log@rapport.example';

export async function mailWorld(env: Record<string, string> = {}): Promise<MailWorld> {
  const t = await testApp();
  const config = loadConfig({ LOG_LEVEL: 'silent', RAPPORT_MAIL_IN_PORT: '0', RAPPORT_MAIL_IN_ALLOWED_SENDERS: '@shop.example', ...env }).mailIn;
  const listener = await startMailListener({ db: t.database.db, config: { ...config, listen: config.listen! }, phoneRegion: 'US', log: t.app.log });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true, disableFileAccess: true, disableUrlAccess: true });
  let clerk: Client | null = null;
  return {
    t,
    db: t.database.db,
    listener,
    send: (message) => transport.sendMail({ envelope: { from: relay, to: [rapportAddress] }, ...message }),
    sendRaw: (raw, envelope = { from: relay, to: [rapportAddress] }) => transport.sendMail({ envelope, raw }),
    async customer(name, ...emails) {
      clerk ??= await t.signIn('frontline');
      const res = await clerk.post('/api/v1/customers', { displayName: name, emails: emails.map((address) => ({ address })) });
      if (res.status !== 201) throw new Error(`customer not created: ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    },
    staff: (name, email) => createStaff(t.database.db, null, { email, name, role: 'frontline', password: testPassword }),
    async close() {
      transport.close();
      await listener.close();
      await t.close();
    },
  };
}

/** The SMTP reply code of a refused message (nodemailer's error carries it). */
export async function refusal(sending: Promise<unknown>): Promise<{ code: number | undefined; message: string }> {
  try {
    await sending;
  } catch (error) {
    const e = error as { responseCode?: number; response?: string; message: string };
    return { code: e.responseCode, message: e.response ?? e.message };
  }
  throw new Error('the message was accepted');
}
