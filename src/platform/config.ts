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
  return {
    port: parsePort(env.PORT),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR?.trim() || './data'),
    databaseUrl,
    logLevel,
    phoneRegion,
    admin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    secureCookies: env.RAPPORT_SECURE_COOKIES === 'true',
    trustProxy: env.RAPPORT_TRUST_PROXY === 'true',
    rateLimitPerMinute: parseRateLimit(env.RAPPORT_RATE_LIMIT),
  };
}
