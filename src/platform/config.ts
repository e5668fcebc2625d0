import path from 'node:path';

/** Everything Rapport reads from its environment, parsed once and checked. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** A PostgreSQL URL, or undefined for the embedded SQLite database under dataDir. */
  databaseUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** ISO 3166 region used to read phone numbers written without a country code. */
  phoneRegion: string;
  /** Creates the first admin at start when no staff account exists yet. */
  admin: { email: string; password: string } | undefined;
  /** Cookies get the Secure flag (set when served behind HTTPS). */
  secureCookies: boolean;
  /** Believe X-Forwarded-For from a reverse proxy in front (only then: clients could forge it). */
  trustProxy: boolean;
  /** API requests a minute per account, API token or (not signed in) address, in each server process. */
  rateLimitPerMinute: number;
  /** Email out: reminders to staff (src/notifications/) and email staff write to customers (src/email-out/); the SMTP server (credentials in the URL) and the From address; undefined: nothing is emailed. */
  mail: MailConfig | undefined;
  /** Mail into Rapport (src/email/): the SMTP listener staff BCC and forward mail to, and its limits. */
  mailIn: MailInConfig;
  /** A shared mailbox Rapport polls for mail to log (RAPPORT_IMAP_URL, src/email/imap-poll.ts); undefined: none. */
  imap: ImapConfig | undefined;
  /** Where people open Rapport, without a trailing slash: links in emails start with it. */
  publicUrl: string;
  /** The phone system's shared secret (RAPPORT_PHONE_WEBHOOK_SECRET) that signs its call webhooks (src/phone/); undefined: the webhook is off. A secret: never log it. */
  phoneWebhookSecret: string | undefined;
}

export interface MailConfig {
  /** smtp:// or smtps://, with user and password when the server wants them. A secret: never log it. */
  smtpUrl: string;
  /** "Rapport <rapport@example.com>" or a bare address. */
  from: string;
}

export interface MailInConfig {
  /** Where the SMTP listener listens (RAPPORT_MAIL_IN_PORT, RAPPORT_MAIL_IN_HOST); undefined: off. */
  listen: { port: number; host: string } | undefined;
  /** Envelope senders (MAIL FROM) it accepts: lower-case addresses, or "@domain" for a whole domain. */
  allowedSenders: string[];
  /** The largest message it takes, in bytes; bigger ones are refused with 552. */
  maxBytes: number;
  /** The largest attachment kept, in bytes; bigger ones are skipped and said on the interaction. */
  maxAttachmentBytes: number;
}

export interface ImapConfig {
  host: string;
  port: number;
  /** imaps:// (TLS from the start); imap:// upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  /** A secret: never log it. */
  password: string;
  mailbox: string;
  pollSeconds: number;
}

export class ConfigError extends Error {}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 3000;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${raw}"`);
  }
  return port;
}

function parseRateLimit(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 1200;
  const limit = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || limit < 1 || limit > 1_000_000) {
    throw new ConfigError(`RAPPORT_RATE_LIMIT must be a whole number of requests per minute from 1 to 1000000, not "${raw}"`);
  }
  return limit;
}

/** RAPPORT_SMTP_URL and RAPPORT_MAIL_FROM. Errors never repeat the URL: it may hold a password. */
function parseMail(env: NodeJS.ProcessEnv): MailConfig | undefined {
  const raw = env.RAPPORT_SMTP_URL?.trim();
  const from = env.RAPPORT_MAIL_FROM?.trim();
  if (from && !/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(from)) {
    throw new ConfigError(`RAPPORT_MAIL_FROM must be an email address, or a name and one in angle brackets (Rapport <rapport@example.com>), not "${from}"`);
  }
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('RAPPORT_SMTP_URL could not be read as a URL: write it as smtp://user:password@mail.example.com:587 (percent-encode @ : / in the password)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`RAPPORT_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  if (!url.hostname) throw new ConfigError('RAPPORT_SMTP_URL names no host: write it as smtp://user:password@mail.example.com:587');
  if (Boolean(url.username) !== Boolean(url.password)) {
    throw new ConfigError('RAPPORT_SMTP_URL must carry both a user name and a password (smtp://user:password@host), or neither');
  }
  if (!from) throw new ConfigError('RAPPORT_MAIL_FROM must be set when RAPPORT_SMTP_URL is: the address reminders and email to customers come from, such as Rapport <rapport@example.com>');
  return { smtpUrl: raw, from };
}

/** RAPPORT_PUBLIC_URL, or http://HOST:PORT (the loopback address when HOST listens on every interface). */
function parsePublicUrl(raw: string | undefined, host: string, port: number): string {
  const value = raw?.trim();
  if (!value) {
    const name = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
    return `http://${name}:${port}`;
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) {
    throw new ConfigError(`RAPPORT_PUBLIC_URL must be the http:// or https:// address people open Rapport at, such as https://rapport.example.com, not "${value}"`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** RAPPORT_PHONE_WEBHOOK_SECRET: long enough that it cannot be guessed. Errors never repeat it. */
function parsePhoneWebhookSecret(raw: string | undefined): string | undefined {
  const secret = raw?.trim();
  if (!secret) return undefined;
  if (secret.length < 16 || secret.length > 200) {
    throw new ConfigError(`RAPPORT_PHONE_WEBHOOK_SECRET must be 16 to 200 characters long (it is ${secret.length}); make one with: openssl rand -hex 32`);
  }
  return secret;
}

const megabyte = 1024 * 1024;

function parseBytes(name: string, raw: string | undefined, fallback: number): number {
  const value = raw?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1024 || Number(value) > 1024 * megabyte) {
    throw new ConfigError(`${name} must be a whole number of bytes from 1024 to 1073741824 (1 GB), not "${value}"`);
  }
  return Number(value);
}

/**
 * RAPPORT_MAIL_IN_PORT (unset: no listener; 0 lets the system choose), RAPPORT_MAIL_IN_HOST,
 * RAPPORT_MAIL_IN_ALLOWED_SENDERS (required with a port), RAPPORT_MAIL_IN_MAX_BYTES and
 * RAPPORT_MAIL_IN_MAX_ATTACHMENT_BYTES.
 */
/** RAPPORT_IMAP_URL (imap[s]://user:password@host[:port][/mailbox]) and RAPPORT_IMAP_POLL_SECONDS. Errors never repeat the URL. */
function parseImap(env: NodeJS.ProcessEnv): ImapConfig | undefined {
  const raw = env.RAPPORT_IMAP_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('RAPPORT_IMAP_URL could not be read as a URL: write it as imaps://user:password@mail.example.com/INBOX (percent-encode @ : / in the user and password)');
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') throw new ConfigError(`RAPPORT_IMAP_URL must start with imap:// or imaps://, not ${url.protocol}//`);
  if (!url.hostname) throw new ConfigError('RAPPORT_IMAP_URL names no host: write it as imaps://user:password@mail.example.com/INBOX');
  if (!url.username || !url.password) throw new ConfigError('RAPPORT_IMAP_URL must carry a user name and a password (imaps://user:password@host/INBOX)');
  const rawSeconds = env.RAPPORT_IMAP_POLL_SECONDS?.trim();
  const pollSeconds = rawSeconds ? Number(rawSeconds) : 60;
  if (!/^\d+$/.test(rawSeconds ?? '60') || pollSeconds < 5 || pollSeconds > 86_400) {
    throw new ConfigError(`RAPPORT_IMAP_POLL_SECONDS must be a whole number of seconds from 5 to 86400, not "${rawSeconds}"`);
  }
  const secure = url.protocol === 'imaps:';
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    mailbox,
    pollSeconds,
  };
}

function parseMailIn(env: NodeJS.ProcessEnv): MailInConfig {
  const rawPort = env.RAPPORT_MAIL_IN_PORT?.trim();
  let listen: MailInConfig['listen'];
  if (rawPort) {
    const port = Number(rawPort);
    if (!/^\d+$/.test(rawPort) || port > 65535) throw new ConfigError(`RAPPORT_MAIL_IN_PORT must be a whole number from 0 to 65535, not "${rawPort}"`);
    listen = { port, host: env.RAPPORT_MAIL_IN_HOST?.trim() || '127.0.0.1' };
  }
  const allowedSenders = (env.RAPPORT_MAIL_IN_ALLOWED_SENDERS ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const sender of allowedSenders) {
    if (!/^[^\s@,]*@[^\s@,.]+(\.[^\s@,.]+)+$/.test(sender)) {
      throw new ConfigError(`RAPPORT_MAIL_IN_ALLOWED_SENDERS takes addresses (staff@example.com) or whole domains (@example.com), separated by commas; "${sender}" is neither`);
    }
  }
  if (listen && allowedSenders.length === 0) {
    throw new ConfigError('RAPPORT_MAIL_IN_ALLOWED_SENDERS must be set when RAPPORT_MAIL_IN_PORT is: the envelope senders the mail listener accepts, such as @example.com (your own domain)');
  }
  return {
    listen,
    allowedSenders,
    maxBytes: parseBytes('RAPPORT_MAIL_IN_MAX_BYTES', env.RAPPORT_MAIL_IN_MAX_BYTES, 10 * megabyte),
    maxAttachmentBytes: parseBytes('RAPPORT_MAIL_IN_MAX_ATTACHMENT_BYTES', env.RAPPORT_MAIL_IN_MAX_ATTACHMENT_BYTES, 5 * megabyte),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!logLevels.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${logLevels.join(', ')}, not "${env.LOG_LEVEL}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a PostgreSQL URL (postgres://...); leave it unset for the embedded database');
  }
  const phoneRegion = (env.RAPPORT_PHONE_REGION ?? 'US').toUpperCase();
  if (!/^[A-Z]{2}$/.test(phoneRegion)) {
    throw new ConfigError(`RAPPORT_PHONE_REGION must be a two-letter country code such as US or GB, not "${env.RAPPORT_PHONE_REGION}"`);
  }
  const adminEmail = env.RAPPORT_ADMIN_EMAIL?.trim();
  const adminPassword = env.RAPPORT_ADMIN_PASSWORD;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new ConfigError('RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD must be set together');
  }
  if (adminEmail && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError(`RAPPORT_ADMIN_EMAIL must be an email address, not "${adminEmail}"`);
  }
  if (adminPassword && (adminPassword.length < 10 || adminPassword.length > 200)) {
    throw new ConfigError('RAPPORT_ADMIN_PASSWORD must be 10 to 200 characters long');
  }
  const port = parsePort(env.PORT);
  const host = env.HOST?.trim() || '127.0.0.1';
  return {
    port,
    host,
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    databaseUrl,
    logLevel,
    phoneRegion,
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    secureCookies: env.RAPPORT_SECURE_COOKIES === 'true',
    trustProxy: env.RAPPORT_TRUST_PROXY === 'true',
    rateLimitPerMinute: parseRateLimit(env.RAPPORT_RATE_LIMIT),
    mail: parseMail(env),
    mailIn: parseMailIn(env),
    imap: parseImap(env),
    publicUrl: parsePublicUrl(env.RAPPORT_PUBLIC_URL, host, port),
    phoneWebhookSecret: parsePhoneWebhookSecret(env.RAPPORT_PHONE_WEBHOOK_SECRET),
  };
}
