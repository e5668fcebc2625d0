import type { SendMailOptions, Transporter } from 'nodemailer';
import type { MailConfig } from '../config.js';

/**
 * The one way Rapport talks to the SMTP server of RAPPORT_SMTP_URL (nodemailer): reminders to staff
 * (src/notifications/reminder-mail.ts) and email written to customers (src/email-out/) both send
 * through `smtpTransport`, and both turn a refusal into a `MailError` with the server's answer.
 */

/** A failed delivery, without whatever else the SMTP library attached to its error. */
export class MailError extends Error {
  constructor(
    message: string,
    readonly responseCode: number | undefined,
  ) {
    super(message);
    this.name = 'MailError';
  }
}

/** What Rapport asks of a transport: to send one message. */
export interface SmtpTransport {
  sendMail(message: SendMailOptions): Promise<unknown>;
}

/**
 * A transport to the configured server. Short timeouts: a server that does not answer must not hold
 * a job worker or a person waiting at the Send button for long. Files and URLs are never read into
 * a message (nothing Rapport sends names one, and a name in a customer's input must not fetch it).
 * nodemailer loads with the first message, not with the server (a tenth of its start-up's code).
 */
export function smtpTransport(config: MailConfig): SmtpTransport {
  let transport: Promise<Transporter> | undefined;
  const open = async (): Promise<Transporter> => {
    const { default: nodemailer } = await import('nodemailer');
    return nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    });
  };
  return {
    sendMail: async (message) => (await (transport ??= open())).sendMail(message),
  };
}

/** The server's refusal in words: "451 Try again later", or the connection problem ("connect ECONNREFUSED 127.0.0.1:2525"). */
export function mailErrorOf(error: unknown): MailError {
  const e = error as { message?: unknown; response?: unknown; responseCode?: unknown; code?: unknown };
  const code = typeof e.code === 'string' ? ` (${e.code})` : '';
  const said = typeof e.response === 'string' && e.response.trim() ? e.response.trim() : String(e.message ?? error);
  return new MailError(`the SMTP server did not take the email${code}: ${said}`, typeof e.responseCode === 'number' ? e.responseCode : undefined);
}

/** Sends one message; resolves once the server has taken it, throws a MailError when it did not. */
export async function sendThrough(transport: SmtpTransport, message: SendMailOptions): Promise<void> {
  try {
    await transport.sendMail(message);
  } catch (error) {
    throw mailErrorOf(error);
  }
}
