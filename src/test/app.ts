import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../platform/auth/roles.js';
import { loadConfig, type Config } from '../platform/config.js';
import type { DatabaseHandle } from '../platform/database/connect.js';
import { buildApp, type AppOptions } from '../app/app.js';
import type { App } from '../platform/http/types.js';
import { createStaff } from '../staff/staff-commands.js';
import { testDatabase } from './database.js';

export const testPassword = 'correct horse battery staple';

export interface Response<T = any> {
  status: number;
  headers: LightMyRequestResponse['headers'];
  body: T;
  raw: LightMyRequestResponse;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** An HTTP client bound to one signed-in staff member (cookie and CSRF header handled). */
export interface Client {
  staffId: string;
  role: Role;
  request<T = any>(method: Method, url: string, body?: unknown, extra?: Partial<InjectOptions>): Promise<Response<T>>;
  get<T = any>(url: string): Promise<Response<T>>;
  post<T = any>(url: string, body?: unknown): Promise<Response<T>>;
  patch<T = any>(url: string, body?: unknown): Promise<Response<T>>;
  put<T = any>(url: string, body?: unknown): Promise<Response<T>>;
  delete<T = any>(url: string): Promise<Response<T>>;
}

export interface TestApp {
  app: App;
  database: DatabaseHandle;
  /** Signs in a new staff member of that role (one per call). */
  signIn(role: Role, options?: { locationIds?: string[]; name?: string }): Promise<Client>;
  /** Requests with no credentials. */
  anonymous: Omit<Client, 'staffId' | 'role'>;
  close(): Promise<void>;
}

const wrap = (raw: LightMyRequestResponse): Response => {
  const type = String(raw.headers['content-type'] ?? '');
  // JSON lines (application/x-ndjson) are a file, not one JSON value: left as text.
  return { status: raw.statusCode, headers: raw.headers, body: type.includes('json') && !type.includes('ndjson') && raw.body ? JSON.parse(raw.body) : raw.body, raw };
};

function clientFor(app: App, auth: { cookie?: string; csrf?: string }) {
  const request = async (method: Method, url: string, body?: unknown, extra: Partial<InjectOptions> = {}) => {
    const headers: Record<string, string> = { ...(extra.headers as Record<string, string>) };
    if (auth.cookie) headers.cookie = auth.cookie;
    if (auth.csrf && method !== 'GET') headers['x-csrf-token'] = auth.csrf;
    return wrap(
      await app.inject({
        method,
        url,
        ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
        ...extra,
        headers,
      }),
    );
  };
  return {
    request,
    get: (url: string) => request('GET', url),
    post: (url: string, body?: unknown) => request('POST', url, body ?? {}),
    patch: (url: string, body?: unknown) => request('PATCH', url, body ?? {}),
    put: (url: string, body?: unknown) => request('PUT', url, body ?? {}),
    delete: (url: string) => request('DELETE', url),
  };
}

let counter = 0;

/** `config` overrides parts of the configuration (mail settings, say); `logger` replaces the silent one (a test that reads the log). */
export async function testApp(setup: { config?: Partial<Config>; logger?: AppOptions['logger'] } = {}): Promise<TestApp> {
  const database = await testDatabase();
  const config: Config = { ...loadConfig({ LOG_LEVEL: 'silent' }), phoneRegion: 'US', ...setup.config };
  const app = await buildApp({ config, database, logger: setup.logger ?? false, rateLimitPerMinute: 100_000 });
  await app.ready();

  const signIn = async (role: Role, options: { locationIds?: string[]; name?: string } = {}): Promise<Client> => {
    counter += 1;
    const email = `${role}${counter}@test.example`;
    const staffId = await createStaff(database.db, null, {
      email,
      name: options.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${counter}`,
      role,
      password: testPassword,
      ...(options.locationIds ? { locationIds: options.locationIds } : {}),
    });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: testPassword } });
    if (login.statusCode !== 200) throw new Error(`sign-in failed: ${login.body}`);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;
    return { staffId, role, ...clientFor(app, { cookie, csrf }) } as Client;
  };

  return {
    app,
    database,
    signIn,
    anonymous: clientFor(app, {}) as TestApp['anonymous'],
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
