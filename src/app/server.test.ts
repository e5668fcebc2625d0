import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase, startCli } from '../test/cli.js';

/**
 * The real server in a child process: structured logs, and a graceful stop on SIGTERM that lets a
 * request in flight finish, closes the database and exits 0.
 */

const adminEmail = 'ops-admin@example.com';
const adminPassword = 'a very long admin password 42';
let database: Awaited<ReturnType<typeof cliDatabase>>;
beforeAll(async () => {
  database = await cliDatabase();
});
afterAll(() => database.drop());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rapport serve', () => {
  it('logs JSON, finishes a request in flight on SIGTERM, closes the database and exits 0', async () => {
    const child = startCli(['serve'], {
      ...database.env,
      PORT: '0',
      LOG_LEVEL: 'info',
      RAPPORT_ADMIN_EMAIL: adminEmail,
      RAPPORT_ADMIN_PASSWORD: adminPassword,
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const logged = (pattern: RegExp) =>
      new Promise<RegExpExecArray>((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) resolve(match);
        };
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          check();
        });
        void exited.then(() => reject(new Error(`server exited before logging ${pattern}: ${stderr}${stdout}`)));
        check();
      });

    const port = Number((await logged(/Rapport is running at http:\/\/127\.0\.0\.1:(\d+)/))[1]);
    expect(port).toBeGreaterThan(0);

    // A sign-in whose body is still on its way when SIGTERM arrives.
    const body = JSON.stringify({ email: adminEmail, password: adminPassword });
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString()));
    const answered = new Promise((resolve) => socket.once('end', resolve));
    socket.write(`POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
    socket.write(body.slice(0, 10));
    await wait(300);

    child.kill('SIGTERM');
    await logged(/shutting down/);
    await wait(500);
    expect(child.exitCode).toBeNull();
    // A new connection is refused while the old request is still served.
    await expect(fetch(`http://127.0.0.1:${port}/api/v1/health`)).rejects.toThrow();

    socket.write(body.slice(10));
    await answered;
    expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
    const sessionCookie = /rapport_session=([^;]+)/.exec(response)?.[1];
    const csrfToken = /"csrfToken":"([^"]+)"/.exec(response)?.[1];
    expect(sessionCookie).toBeTruthy();
    expect(csrfToken).toBeTruthy();

    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { level: number; time: number; msg?: string });
    expect(lines.at(-1)?.msg).toBe('stopped');
    for (const line of lines) expect(line).toMatchObject({ level: expect.any(Number), time: expect.any(Number) });
    expect(lines.some((l) => l.msg === 'created the first admin account from RAPPORT_ADMIN_EMAIL')).toBe(true);
    expect(lines.some((l) => (l as { req?: { url?: string } }).req?.url === '/api/v1/auth/login')).toBe(true);
    for (const secret of [adminPassword, sessionCookie!, csrfToken!]) expect(stdout).not.toContain(secret);
    if (!database.env.DATABASE_URL) {
      // SQLite folds its write-ahead log back into the database file when the last connection closes.
      const dataDir = database.env.DATA_DIR!;
      expect(fs.existsSync(path.join(dataDir, 'rapport.sqlite'))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'rapport.sqlite-wal'))).toBe(false);
    }
  }, 60_000);
});
