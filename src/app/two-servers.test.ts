import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../platform/database/connect.js';
import { signatureHeader, signatureHeaderValue } from '../platform/http/signature.js';
import { cliDatabase, startCli } from '../test/cli.js';

/**
 * Two `rapport serve` processes on one database (one PostgreSQL schema, or one SQLite file), as
 * behind a load balancer: what one process does, the other sees, because nothing a request needs
 * lives in a process's memory. A session opened through one works through the other; failed
 * sign-ins through one count towards the throttle of the other; a customer written through one is
 * read and found through the other; and a background job is run once, by one of them. On
 * PostgreSQL, the phone system's call reaching one process pops up on the agent's screen whose
 * stream the other holds (on SQLite events stay in their process, as the README says).
 */

const adminEmail = 'two-servers-admin@example.com';
const adminPassword = 'a long password for two servers';
const phoneSecret = 'a shared secret for the phone system';
let database: Awaited<ReturnType<typeof cliDatabase>>;
let handle: DatabaseHandle;
const servers: { child: ChildProcessWithoutNullStreams; url: string; output: () => string }[] = [];

async function startServer(): Promise<(typeof servers)[number]> {
  const child = startCli(['serve'], { ...database.env, PORT: '0', LOG_LEVEL: 'info', RAPPORT_ADMIN_EMAIL: adminEmail, RAPPORT_ADMIN_PASSWORD: adminPassword, RAPPORT_PHONE_WEBHOOK_SECRET: phoneSecret });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Rapport is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready: ${output.slice(-2000)}`)));
  });
  const server = { child, url, output: () => output };
  servers.push(server);
  return server;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(url: string, email = adminEmail, password = adminPassword): Promise<{ status: number; session: Session | null }> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) return { status: res.status, session: null };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { status: 200, session: { cookie, csrf: csrfToken } };
}

async function call(url: string, session: Session, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text };
}

/** The agent's open screen: a server-sent events stream, read as it arrives. */
async function openStream(url: string, session: Session): Promise<{ text(): string; close(): void }> {
  let received = '';
  const request = http.get(`${url}/api/v1/events`, { headers: { cookie: session.cookie, accept: 'text/event-stream' } });
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  expect(response.statusCode).toBe(200);
  response.on('data', (chunk: Buffer) => (received += chunk.toString()));
  response.on('error', () => undefined);
  return { text: () => received, close: () => request.destroy() };
}

beforeAll(async () => {
  database = await cliDatabase();
  // The first creates the admin at start-up; the second starts on a database that already has one.
  await startServer();
  await startServer();
  handle = openDatabase({ databaseUrl: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR!, poolSize: 2 });
}, 120_000);

afterAll(async () => {
  for (const { child } of servers) {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
  await handle?.close();
  await database.drop();
});

describe('two server processes on one database', () => {
  it('share sessions, the sign-in throttle, what is written, and run a job once', async () => {
    const [a, b] = servers as [(typeof servers)[number], (typeof servers)[number]];
    expect(a.url).not.toBe(b.url);
    const accounts = await handle.db.selectFrom('staff').select('email').execute();
    expect(accounts.map((s) => s.email)).toEqual([adminEmail]);

    // A session opened through A is good through B, and signing out through B ends it for A.
    const { session } = await signIn(a.url);
    expect(session).not.toBeNull();
    const me = await call(b.url, session!, 'GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(adminEmail);

    // Written through A, read and found through B.
    const created = await call(a.url, session!, 'POST', '/api/v1/customers', { givenName: 'Wilhelmina', familyName: 'Two-Servers', phones: [{ number: '(217) 555-0190' }] });
    expect(created.status).toBe(201);
    const read = await call(b.url, session!, 'GET', `/api/v1/customers/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.displayName).toBe('Wilhelmina Two-Servers');
    const found = await call(b.url, session!, 'GET', '/api/v1/search?q=wilhelmena');
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);

    // Five failed sign-ins through A: the sixth attempt is refused through B, even with the right password.
    const victim = await call(a.url, session!, 'POST', '/api/v1/staff', { email: 'shared-throttle@example.com', name: 'Throttled Person', role: 'frontline', password: 'the right password here' });
    expect(victim.status, JSON.stringify(victim.body)).toBe(201);
    for (let i = 0; i < 5; i++) expect((await signIn(a.url, 'shared-throttle@example.com', `wrong ${i}`)).status).toBe(401);
    expect((await signIn(b.url, 'shared-throttle@example.com', 'the right password here')).status).toBe(429);

    // A job queued through B (erasure's compaction) is run once, by one of the two workers.
    const erased = await call(b.url, session!, 'POST', `/api/v1/customers/${created.body.id}/erase`, { reason: 'Asked to be forgotten' });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    await expect
      .poll(async () => (await handle.db.selectFrom('jobs').select(['state', 'attempts']).where('kind', '=', 'erasure.compact').execute()), { timeout: 30_000 })
      .toEqual([{ state: 'done', attempts: 1 }]);

    if (handle.engine === 'postgres') {
      // The agent's screen holds a stream on B; the phone system's webhook reaches A.
      const agent = await call(a.url, session!, 'POST', '/api/v1/staff', { email: 'agent@example.com', name: 'Agnes Agent', role: 'frontline', password: 'the agent password here' });
      expect(agent.status, JSON.stringify(agent.body)).toBe(201);
      expect((await call(a.url, session!, 'PATCH', `/api/v1/staff/${agent.body.id}`, { phoneExtension: '204' })).status).toBe(200);
      const caller = await call(a.url, session!, 'POST', '/api/v1/customers', { givenName: 'Carla', familyName: 'Caller', phones: [{ number: '(217) 555-0133' }] });
      const { session: agentSession } = await signIn(b.url, 'agent@example.com', 'the agent password here');
      const stream = await openStream(b.url, agentSession!);
      try {
        const body = JSON.stringify({ callId: 'two-servers-1', event: 'ringing', from: '+12175550133', extension: '204' });
        const posted = await fetch(`${a.url}/api/v1/phone/calls`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [signatureHeader]: signatureHeaderValue(phoneSecret, Math.floor(Date.now() / 1000), body) },
          body,
        });
        expect(posted.status).toBeLessThan(300);
        await expect.poll(() => stream.text(), { timeout: 15_000 }).toContain('event: call.ringing');
        expect(stream.text()).toContain(caller.body.id);
      } finally {
        stream.close();
      }
    }

    const out = await call(b.url, session!, 'POST', '/api/v1/auth/logout');
    expect(out.status).toBeLessThan(300);
    expect((await call(a.url, session!, 'GET', '/api/v1/auth/me')).status).toBe(401);
    for (const server of servers) expect(server.child.exitCode, server.output().slice(-2000)).toBeNull();
  });
});
