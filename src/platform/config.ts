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
  /** Reminders by email (src/notifications/): the SMTP server (credentials in the URL) and the From address; undefined: in-app only. */
  mail: MailConfig | undefined;
  /** Where people open Rapport, without a trailing slash: links in emails start with it. */
  publicUrl: string;
}

export interface MailConfig {
  /** smtp:// or smtps://, with user and password when the server wants them. A secret: never log it. */
  smtpUrl: string;
  /** "Rapport <rapport@example.com>" or a bare address. */
  from: string;
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
  if (!from) throw new ConfigError('RAPPORT_MAIL_FROM must be set when RAPPORT_SMTP_URL is: the address reminders come from, such as Rapport <rapport@example.com>');
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
    publicUrl: parsePublicUrl(env.RAPPORT_PUBLIC_URL, host, port),
  };
}
